import { parseCidr, isCidrError, type Cidr } from "../net/cidr";
import { isWorldWide, WORLD_WIDE_TEXT } from "../net/world";
import { WORLD_WIDE_KEYS } from "./arg-keys";
import { unknownKeyFix, unknownKeyProblems } from "./keys";
import { firstUnsafeCharacter } from "./text";
import type { ConfigProblem, ResolvedExtraRule, ResolvedServiceLbIngress, WorldWideSource } from "./types";

/*
 * World-wide sources (see net/world.ts) are refused unless the args acknowledge them one field at a time,
 * in `worldWideSources`, with a reason. An acknowledgement names a field, not a port, and one that no longer
 * matches a world-wide field is an error too, so an opening can neither happen by accident nor outlive the
 * config it was written for.
 */

/** A field whose sources may be world-wide, with the sources it resolved to. */
interface SourceField {
    /** `kubeClientCidrs`, `bastionCidrs`, `serviceLbIngress.<name>`, `extraRules.<name>`. */
    field: string;
    /** The argument path the problem points at. */
    path: string;
    /** Its source CIDRs. */
    cidrs: readonly string[];
    /** Sources inherited from another field (a front-end's default sources are the kube clients). */
    inheritedFrom?: string;
}

/** What the world-wide check reads from the resolved config. */
export interface SourceInputs {
    kubeClientCidrs: readonly string[];
    bastionCidrs: readonly string[];
    serviceLbIngress: readonly ResolvedServiceLbIngress[];
    extraRules: readonly ResolvedExtraRule[];
}

const MIN_REASON = 10;

function blocks(cidrs: readonly string[]): Cidr[] {
    return cidrs.map((c) => parseCidr(c)).filter((c): c is Cidr => !isCidrError(c));
}

function explicitSources(raw: Readonly<Record<string, unknown>>, index: number): boolean {
    const items = raw.serviceLbIngress;
    if (!Array.isArray(items)) return false;
    const item: unknown = items[index];
    return typeof item === "object" && item !== null && (item as { sources?: unknown }).sources !== undefined;
}

function sourceFields(raw: Readonly<Record<string, unknown>>, inputs: SourceInputs): SourceField[] {
    const fields: SourceField[] = [
        { field: "kubeClientCidrs", path: "kubeClientCidrs", cidrs: inputs.kubeClientCidrs },
        { field: "bastionCidrs", path: "bastionCidrs", cidrs: inputs.bastionCidrs },
    ];
    inputs.serviceLbIngress.forEach((rule, index) =>
        fields.push({
            field: `serviceLbIngress.${rule.name}`,
            path: `serviceLbIngress[${index}].sources`,
            cidrs: rule.sources,
            ...(explicitSources(raw, index) ? {} : { inheritedFrom: "kubeClientCidrs" }),
        }),
    );
    inputs.extraRules.forEach((rule, index) => {
        if (rule.direction === "ingress")
            fields.push({
                field: `extraRules.${rule.name}`,
                path: `extraRules[${index}].cidr`,
                cidrs: [rule.cidr],
            });
    });
    return fields;
}

function readAcknowledgements(value: unknown, out: ConfigProblem[]): WorldWideSource[] {
    if (value === undefined) return [];
    const fix = 'write [{ field: "serviceLbIngress.https", reason: "public web front-end" }], or omit it';
    if (!Array.isArray(value)) {
        out.push({ path: "worldWideSources", value, message: "must be a list", fix });
        return [];
    }
    return value.flatMap((item: unknown, index): WorldWideSource[] => {
        const path = `worldWideSources[${index}]`;
        if (typeof item !== "object" || item === null || Array.isArray(item)) {
            out.push({ path, value: item, message: "must be an object { field, reason }", fix });
            return [];
        }
        const entry = item as Record<string, unknown>;
        out.push(...unknownKeyProblems(path, entry, WORLD_WIDE_KEYS));
        const { field, reason } = entry;
        const goodReason =
            typeof reason === "string" &&
            reason.trim().length >= MIN_REASON &&
            firstUnsafeCharacter(reason) === undefined;
        if (!goodReason) {
            const message = `must say why the internet must reach it: at least ${MIN_REASON} characters, no control characters`;
            out.push({
                path: `${path}.reason`,
                value: reason,
                message,
                fix: `write the reason, e.g. "public web front-end"`,
            });
        }
        if (typeof field !== "string") {
            out.push({ path: `${path}.field`, value: field, message: "must name a field", fix });
            return [];
        }
        return goodReason ? [{ field, reason }] : [];
    });
}

/**
 * Problems for world-wide sources without an acknowledgement and for acknowledgements that match no
 * world-wide field; returns the valid acknowledgements.
 */
export function readWorldWideSources(
    raw: Readonly<Record<string, unknown>>,
    inputs: SourceInputs,
    out: ConfigProblem[],
): WorldWideSource[] {
    const acknowledged = readAcknowledgements(raw.worldWideSources, out);
    const fields = sourceFields(raw, inputs);
    const worldWide = fields.filter((f) => isWorldWide(blocks(f.cidrs)));
    const names = new Set(acknowledged.map((a) => a.field));
    const open = new Set(worldWide.map((f) => f.field));
    for (const field of worldWide) {
        // Inherited sources are the parent's: reported, and acknowledged, there.
        if (names.has(field.field) || (field.inheritedFrom !== undefined && open.has(field.inheritedFrom)))
            continue;
        out.push({
            path: field.path,
            value: field.cidrs,
            message: `${WORLD_WIDE_TEXT}`,
            fix:
                `narrow it to the networks that need it (e.g. "10.0.0.0/8"); if the internet really must reach it, ` +
                `acknowledge it with worldWideSources: [{ field: "${field.field}", reason: "..." }]`,
        });
    }
    acknowledged.forEach((ack, index) => {
        if (open.has(ack.field)) return;
        const path = `worldWideSources[${index}].field`;
        const known = fields.map((f) => f.field);
        const message = known.includes(ack.field)
            ? "acknowledges a world-wide source, but that field's sources are not world-wide"
            : "names no field with sources";
        const fix = known.includes(ack.field)
            ? "remove the acknowledgement"
            : unknownKeyFix(ack.field, known, "fields with sources");
        out.push({ path, value: ack.field, message, fix });
    });
    return acknowledged.filter((ack) => open.has(ack.field));
}
