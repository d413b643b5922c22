import { ANYWHERE, cidrOverlaps, isCidrError, parseCidr } from "../net/cidr";
import { isRecord } from "./plain";
import { ROUTE_RULE_KEYS } from "./arg-keys";
import { unknownKeyProblems } from "./keys";
import { firstUnsafeCharacter } from "./text";
import { type ConfigProblem, type ResolvedRouteRule, type RouteTableName, ROUTE_TABLE_NAMES } from "./types";
/*
 * `routeRules`: the paths out of the VCN that are not NAT or internet gateways, declared so the proof can
 * name them instead of assuming them (a private cluster's clients behind a DRG, a peered VCN behind an
 * LPG). Validated on their own so that each problem names the field, the value and a fix.
 */

/** OCI's OCID form for the two targets a route rule may name here (realm, optional region, unique id). */
const TARGET_OCID = /^ocid1\.(drg|localpeeringgateway)\.[a-z0-9-]+\.[a-z0-9-]*\.[a-z0-9._-]+$/;
const NAME = /^[a-z][a-z0-9-]{0,39}$/;

type Raw = Readonly<Record<string, unknown>>;

function problem(path: string, value: unknown, message: string, fix: string): ConfigProblem {
    return { path, value, message, fix };
}

/**
 * Reads `routeRules`. `vcn` is the VCN CIDR when it is valid (a destination inside it would shadow the VCN's
 * own routing, which OCI refuses). Every problem is pushed to `out`; valid entries are returned.
 */
export function readRouteRules(raw: Raw, vcn: string | undefined, out: ConfigProblem[]): ResolvedRouteRule[] {
    const value = raw.routeRules;
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
        out.push(
            problem("routeRules", value, "must be a list", "use [{ name, destination, networkEntityId }]"),
        );
        return [];
    }
    const seen = new Map<string, number>();
    const rules: ResolvedRouteRule[] = [];
    value.forEach((item: unknown, index) => {
        const rule = readRouteRule(`routeRules[${index}]`, item, vcn, out);
        if (rule === undefined) return;
        const first = seen.get(rule.name);
        if (first !== undefined) {
            out.push(
                problem(
                    `routeRules[${index}].name`,
                    rule.name,
                    `duplicates routeRules[${first}].name; names are keys, so one rule would replace the other`,
                    `rename one of them, e.g. "${rule.name}-2"`,
                ),
            );
            return;
        }
        seen.set(rule.name, index);
        rules.push(rule);
    });
    return rules;
}

function readRouteRule(
    path: string,
    item: unknown,
    vcn: string | undefined,
    out: ConfigProblem[],
): ResolvedRouteRule | undefined {
    if (!isRecord(item)) {
        out.push(problem(path, item, "must be an object", "use { name, destination, networkEntityId }"));
        return undefined;
    }
    const before = out.length;
    out.push(...unknownKeyProblems(path, item, ROUTE_RULE_KEYS));
    const name = readName(`${path}.name`, item.name, out);
    const destination = readDestination(`${path}.destination`, item.destination, vcn, out);
    const target = readTarget(`${path}.networkEntityId`, item.networkEntityId, out);
    const routeTables = readTables(`${path}.routeTables`, item.routeTables, out);
    const description = item.description;
    if (typeof description === "string" && firstUnsafeCharacter(description) !== undefined) {
        const fix =
            "remove control and bidirectional-override characters (descriptions reach OCI and terminals)";
        out.push(
            problem(
                `${path}.description`,
                description,
                `contains the character ${firstUnsafeCharacter(description)}`,
                fix,
            ),
        );
    }
    if (description !== undefined && typeof description !== "string") {
        out.push(
            problem(`${path}.description`, description, "must be a string", "write the text or omit it"),
        );
    }
    if (out.length > before || name === undefined || destination === undefined || target === undefined)
        return undefined;
    return {
        name,
        destination,
        networkEntityId: target.id,
        targetKind: target.kind,
        routeTables,
        description: typeof description === "string" ? description : `routeRules.${name}`,
    };
}

function readName(path: string, value: unknown, out: ConfigProblem[]): string | undefined {
    if (typeof value === "string" && NAME.test(value)) return value;
    out.push(
        problem(
            path,
            value,
            "must be kebab-case: a lowercase letter, then up to 39 lowercase letters, digits or dashes",
            'use a name such as "on-prem-clients"',
        ),
    );
    return undefined;
}

function readDestination(
    path: string,
    value: unknown,
    vcn: string | undefined,
    out: ConfigProblem[],
): string | undefined {
    if (typeof value !== "string") {
        out.push(problem(path, value, "must be a CIDR string", 'use the remote network, e.g. "10.0.0.0/8"'));
        return undefined;
    }
    const parsed = parseCidr(value);
    if (isCidrError(parsed)) {
        const fix = parsed.suggestion === undefined ? 'use e.g. "10.0.0.0/8"' : `use ${parsed.suggestion}`;
        out.push(problem(path, value, parsed.message, fix));
        return undefined;
    }
    if (parsed.text === ANYWHERE) {
        out.push(
            problem(
                path,
                value,
                "cannot be 0.0.0.0/0: the route tables already send 0.0.0.0/0 to the NAT or internet gateway",
                "name the remote networks behind the DRG or LPG, e.g. 10.0.0.0/8",
            ),
        );
        return undefined;
    }
    const vcnBlock = vcn === undefined ? undefined : parseCidr(vcn);
    if (vcnBlock !== undefined && !isCidrError(vcnBlock) && cidrOverlaps(vcnBlock, parsed)) {
        out.push(
            problem(
                path,
                value,
                `overlaps the VCN ${vcnBlock.text}: traffic inside the VCN is routed by the VCN itself`,
                "use a destination outside the VCN (the remote network behind the DRG or LPG)",
            ),
        );
        return undefined;
    }
    return parsed.text;
}

function readTarget(
    path: string,
    value: unknown,
    out: ConfigProblem[],
): { id: string; kind: "drg" | "lpg" } | undefined {
    const match = typeof value === "string" ? TARGET_OCID.exec(value) : null;
    if (match !== null && typeof value === "string") {
        return { id: value, kind: match[1] === "drg" ? "drg" : "lpg" };
    }
    out.push(
        problem(
            path,
            value,
            "must be the OCID of a DRG (ocid1.drg.…) or a local peering gateway (ocid1.localpeeringgateway.…)",
            "copy the gateway's OCID from the C3 console or `oci network drg list`",
        ),
    );
    return undefined;
}

function readTables(path: string, value: unknown, out: ConfigProblem[]): RouteTableName[] {
    if (value === undefined) return [...ROUTE_TABLE_NAMES];
    const valid = (v: unknown): v is RouteTableName =>
        typeof v === "string" && (ROUTE_TABLE_NAMES as readonly string[]).includes(v);
    if (Array.isArray(value) && value.length > 0 && value.every(valid)) return [...new Set(value)];
    out.push(
        problem(
            path,
            value,
            `must be a non-empty list of ${ROUTE_TABLE_NAMES.map((n) => `"${n}"`).join(", ")}`,
            "omit it to add the rule to every route table the network uses",
        ),
    );
    return [];
}
