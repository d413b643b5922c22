import { defaultServiceLbIngress } from "./service-lb";
import { DEFAULT_CHOICES, DEFAULT_KUBERNETES_API_PORT, DEFAULT_VCN_DNS_LABEL } from "../c3/defaults";
import { carveLayout, type CarvedRole, type GivenSubnets } from "./carve";
import { cidrAt, cidrContains, cidrOverlaps, cidrSize, isCidrError, parseCidr, type Cidr } from "../net/cidr";
import { reservedOverlaps } from "../net/reserved";
import { NON_UNICAST_RANGES, nonUnicastOverlaps } from "../net/world";
import {
    ARG_KEYS,
    CIDR_KEYS,
    EXISTING_VCN_KEYS,
    EXTRA_RULE_KEYS,
    INPUT_PATHS,
    SERVICE_LB_KEYS,
} from "./arg-keys";
import { OCID_KINDS, ocidProblems } from "./identity";
import { didYouMean, unknownKeyFix, unknownKeyProblems } from "./keys";
import { isRecord, nonDataProblems } from "./plain";
import { roleSizeProblems } from "./role-sizes";
import { firstUnsafeCharacter } from "./text";
import { readWorldWideSources } from "./world-sources";
import { readRouteRules } from "./route-rules";
import {
    NetworkConfigError,
    type ConfigProblem,
    type ResolvedConfig,
    type ResolvedExtraRule,
    type ResolvedLayout,
    type ResolvedServiceLbIngress,
    type WorkloadClusterNetworkArgs,
} from "./types";
import { ORACLE_CIDR_TERMS, SUBNET_ROLES, type SubnetRole } from "../c3/roles";
import { ClusterAccess, Cni, EgressMode, SecurityRulesMode } from "../c3/choices";
import { C3_RESERVED_RANGES, KUBE_INTERNAL_CIDR } from "../c3/reserved";

type Problems = ConfigProblem[];
type Raw = Readonly<Record<string, unknown>>;
type Choices = typeof DEFAULT_CHOICES;

/** `toString`, `constructor`, `__proto__`, ...: object keys the Pulumi SDK would mistake for methods. */
const BUILT_IN_NAMES: ReadonlySet<string> = new Set([
    ...Object.getOwnPropertyNames(Object.prototype),
    "__proto__",
]);

const NAME_PATTERN = /^[a-z][a-z0-9-]{0,39}$/;
const DNS_LABEL_PATTERN = /^[A-Za-z][A-Za-z0-9]{0,14}$/;
const MAX_DESCRIPTION_LENGTH = 255;
const EXAMPLE_VCN = "172.31.252.0/23";

/**
 * Validates the args, carves the missing subnet CIDRs and fills every default. Inputs are not trusted to
 * match their types (they may come from JavaScript, YAML or stack config).
 *
 * @throws NetworkConfigError listing every problem at once; nothing has been registered.
 */
export function resolveConfig(args: WorkloadClusterNetworkArgs): ResolvedConfig {
    const { problems, config } = analyse(args);
    if (config === undefined) {
        throw new NetworkConfigError(problems);
    }
    return config;
}

/** Every problem {@link resolveConfig} would throw for, without throwing (for the CLI). Empty when valid. */
export function validateConfig(args: WorkloadClusterNetworkArgs): ConfigProblem[] {
    return analyse(args).problems;
}

function analyse(args: unknown): { problems: Problems; config?: ResolvedConfig } {
    if (!isRecord(args)) {
        const fix = `pass an object such as { compartmentId, cidrs: { vcn: "${EXAMPLE_VCN}" }, kubeClientCidrs: ["10.0.0.0/8"] }`;
        return { problems: [problem("(args)", args, "must be an object", fix)] };
    }
    // Values that are not data are reported once, by path; readers then skip what lies under them.
    const broken = nonDataProblems(args, INPUT_PATHS);
    const out: Problems = [...unknownKeyProblems("", args, ARG_KEYS)];
    const choices = readChoices(args, out);
    const layout = readNetwork(args, choices.cni, out);
    const kubeClientCidrs = readKubeClientCidrs(args, out);
    const rest = {
        bastionCidrs: readBastionCidrs(args, layout?.vcn, out),
        kubernetesApiPort: readApiPort(args, out),
        serviceLbIngress: readServiceLbIngress(args, kubeClientCidrs, out),
        extraRules: readExtraRules(args, choices.cni, out),
        natGateway: readNatGateway(args, choices, out),
        routeRules: readRouteRules(args, layout?.vcn, out),
        dnsLabel: readDnsLabel(args, out),
    };
    out.push(...ocidProblems("compartmentId", args.compartmentId, OCID_KINDS.compartment, true));
    checkExistingVcn(args, out);
    checkTags(args, "freeformTags", out);
    checkTags(args, "definedTags", out);
    const worldWide = readWorldWideSources(args, { kubeClientCidrs, ...rest }, out);
    if (layout !== undefined) out.push(...roleSizeProblems(layout));
    const problems = [...broken, ...out.filter((p) => !broken.some((b) => isUnder(p.path, b.path)))];
    if (problems.length > 0 || layout === undefined) {
        return { problems };
    }
    return {
        problems,
        config: { ...choices, layout, kubeClientCidrs, ...rest, worldWideSources: worldWide },
    };
}

/** True when `path` is `parent` or lies inside it (`a.b[0]` inside `a.b`). */
function isUnder(path: string, parent: string): boolean {
    if (parent === "(args)") return true;
    return path === parent || path.startsWith(`${parent}.`) || path.startsWith(`${parent}[`);
}

// ---------------------------------------------------------------------------------------------------------
// Shared readers

function problem(path: string, value: unknown, message: string, fix: string): ConfigProblem {
    return { path, value, message, fix };
}

function quoteAll(values: readonly string[]): string {
    return values.map((v) => `"${v}"`).join(", ");
}

function readEnum<T extends string>(
    path: string,
    value: unknown,
    allowed: readonly T[],
    fallback: T,
    out: Problems,
): T {
    if (value === undefined) {
        return fallback;
    }
    return (
        readRequiredEnum(path, value, allowed, out, ` or omit it for the default "${fallback}"`) ?? fallback
    );
}

function readRequiredEnum<T extends string>(
    path: string,
    value: unknown,
    allowed: readonly T[],
    out: Problems,
    fixTail = "",
): T | undefined {
    if (typeof value === "string" && (allowed as readonly string[]).includes(value)) {
        return value as T;
    }
    const meant = typeof value === "string" ? didYouMean(value, allowed) : undefined;
    const hint = meant === undefined ? "" : `did you mean "${meant}"? `;
    out.push(
        problem(
            path,
            value,
            `must be one of ${quoteAll(allowed)}`,
            `${hint}set ${path} to ${quoteAll(allowed)}${fixTail}`,
        ),
    );
    return undefined;
}

function readChoices(raw: Raw, out: Problems): Choices {
    return {
        cni: readEnum("cni", raw.cni, Object.values(Cni), DEFAULT_CHOICES.cni, out),
        clusterAccess: readEnum(
            "clusterAccess",
            raw.clusterAccess,
            Object.values(ClusterAccess),
            DEFAULT_CHOICES.clusterAccess,
            out,
        ),
        securityRules: readEnum(
            "securityRules",
            raw.securityRules,
            Object.values(SecurityRulesMode),
            DEFAULT_CHOICES.securityRules,
            out,
        ),
        egress: readEnum("egress", raw.egress, Object.values(EgressMode), DEFAULT_CHOICES.egress, out),
    };
}

/** Parses a CIDR field, reporting a non-string, a malformed block or host bits (naming the network meant). */
function readCidr(path: string, value: unknown, out: Problems): Cidr | undefined {
    if (typeof value !== "string") {
        out.push(
            problem(path, value, "must be a CIDR string", `set ${path} to a string such as "10.0.0.0/16"`),
        );
        return undefined;
    }
    const parsed = parseCidr(value);
    if (!isCidrError(parsed)) {
        return parsed;
    }
    const fix =
        parsed.suggestion !== undefined
            ? `use the network address ${parsed.suggestion}`
            : `write an IPv4 network address with a prefix, such as "10.0.0.0/16"`;
    out.push(problem(path, value, parsed.message, fix));
    return undefined;
}

function isPort(value: unknown): value is number {
    return typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= 65535;
}

function readPort(path: string, value: unknown, out: Problems): number | undefined {
    if (isPort(value)) {
        return value;
    }
    out.push(
        problem(
            path,
            value,
            "must be an integer port from 1 to 65535",
            `set ${path} to a whole number 1-65535`,
        ),
    );
    return undefined;
}

/** A port range from `minKey` (required) and `maxKey` (defaults to the first port). */
function readPortRange(
    path: string,
    item: Raw,
    minKey: string,
    maxKey: string,
    out: Problems,
): { min: number; max: number } | undefined {
    const min = readPort(`${path}.${minKey}`, item[minKey], out);
    if (item[maxKey] === undefined) {
        return min === undefined ? undefined : { min, max: min };
    }
    const max = readPort(`${path}.${maxKey}`, item[maxKey], out);
    if (min === undefined || max === undefined) {
        return undefined;
    }
    if (max < min) {
        const fix = `set ${maxKey} to ${min} or more, or omit it for the single port ${min}`;
        out.push(problem(`${path}.${maxKey}`, max, `is below ${minKey} (${min})`, fix));
        return undefined;
    }
    return { min, max };
}

function readName(path: string, value: unknown, out: Problems): string | undefined {
    if (typeof value === "string" && NAME_PATTERN.test(value)) {
        return value;
    }
    const hint = typeof value === "string" ? kebab(value) : "my-rule";
    const message =
        "must be kebab-case: a lowercase letter, then up to 39 lowercase letters, digits or dashes";
    out.push(problem(path, value, message, `use a name such as "${hint}"`));
    return undefined;
}

function kebab(text: string): string {
    const cleaned = text
        .toLowerCase()
        .replace(/[^a-z0-9-]+/g, "-")
        .replace(/^[^a-z]+/, "");
    return (cleaned.length > 0 ? cleaned : "rule").slice(0, 40);
}

/** Names are the rules' keys: a repeated name must never silently replace an earlier rule. */
function checkUniqueNames(listPath: string, items: readonly unknown[], out: Problems): void {
    const seen = new Map<string, number>();
    items.forEach((item, index) => {
        const name = isRecord(item) && typeof item.name === "string" ? item.name : undefined;
        if (name === undefined) {
            return;
        }
        const first = seen.get(name);
        if (first === undefined) {
            seen.set(name, index);
            return;
        }
        const message = `duplicates ${listPath}[${first}].name; names are keys, so one rule would replace the other`;
        out.push(
            problem(`${listPath}[${index}].name`, name, message, `rename one of them, e.g. "${name}-2"`),
        );
    });
}

// ---------------------------------------------------------------------------------------------------------
// CIDR layout (docs/oracle-c3-network.md §2)

function readNetwork(raw: Raw, cni: Choices["cni"], out: Problems): ResolvedLayout | undefined {
    const cidrs = raw.cidrs;
    if (!isRecord(cidrs)) {
        const fix = `set cidrs to an object with at least vcn, e.g. { vcn: "${EXAMPLE_VCN}" } (Oracle's example)`;
        out.push(problem("cidrs", cidrs, "must be an object with the VCN CIDR (Oracle's vcn_cidr)", fix));
        return undefined;
    }
    checkCidrKeys(cidrs, out);
    const vcn = readVcn(cidrs, out);
    const given = readGivenSubnets(cidrs, cni, out);
    if (vcn === undefined) {
        return undefined;
    }
    for (const [role, block] of Object.entries(given) as [CarvedRole, Cidr][]) {
        checkGivenSubnet(`cidrs.${role}`, block, vcn, out);
    }
    const layout = carve(vcn, cni, given, out);
    if (layout !== undefined) {
        checkDisjoint(layout, out);
        out.push(...(cni === Cni.VcnNative ? podSubnetProblems(layout) : []));
    }
    return layout;
}

/** A misspelt key would otherwise be ignored and its subnet carved silently. */
function checkCidrKeys(cidrs: Raw, out: Problems): void {
    for (const key of Object.keys(cidrs)) {
        if (!CIDR_KEYS.includes(key)) {
            const meant = oracleTermToKey(key);
            const fix =
                meant !== undefined
                    ? `did you mean "${meant}" (Oracle's ${key})? Rename it to cidrs.${meant}`
                    : unknownKeyFix(key, CIDR_KEYS, "cidrs");
            out.push(
                problem(`cidrs.${key}`, cidrs[key], "is not a known CIDR key, so it would be ignored", fix),
            );
        }
    }
}

/** Maps Oracle's variable names (`kmi_cidr`, `kmilb`, ...) to this package's keys, for a helpful fix. */
function oracleTermToKey(key: string): string | undefined {
    const normalized = key.toLowerCase().replace(/_cidr$/, "");
    return CIDR_KEYS.find(
        (k) => ORACLE_CIDR_TERMS[k as SubnetRole | "vcn"].replace(/_cidr$/, "") === normalized,
    );
}

function readVcn(cidrs: Raw, out: Problems): Cidr | undefined {
    const vcn = readCidr("cidrs.vcn", cidrs.vcn, out);
    if (vcn === undefined) {
        return undefined;
    }
    checkAddressSpace("cidrs.vcn", vcn, out);
    if (vcn.prefix >= 16 && vcn.prefix <= 30) {
        return vcn;
    }
    const fix =
        vcn.prefix < 16
            ? `use a /16 or smaller block, e.g. ${cidrAt(vcn.start, 16).text}`
            : `use a larger block: /25 or larger to carve Flannel subnets, e.g. ${EXAMPLE_VCN} (Oracle's example)`;
    out.push(
        problem("cidrs.vcn", vcn.text, `is a /${vcn.prefix}; a C3 VCN CIDR must be between /16 and /30`, fix),
    );
    return undefined;
}

function readGivenSubnets(cidrs: Raw, cni: Choices["cni"], out: Problems): Partial<Record<CarvedRole, Cidr>> {
    const given: Partial<Record<CarvedRole, Cidr>> = {};
    for (const role of SUBNET_ROLES) {
        const value = cidrs[role];
        if (value === undefined) {
            continue;
        }
        if (role === "pod" && cni !== Cni.VcnNative) {
            const message =
                'is only used with cni "vcn-native"; Flannel has no pod subnet (docs/oracle-c3-network.md §2a)';
            out.push(problem("cidrs.pod", value, message, `remove cidrs.pod, or set cni to "vcn-native"`));
            continue;
        }
        const block = readCidr(`cidrs.${role}`, value, out);
        if (block !== undefined) {
            given[role] = block;
        }
    }
    return given;
}

function checkGivenSubnet(path: string, block: Cidr, vcn: Cidr, out: Problems): void {
    if (!cidrContains(vcn, block)) {
        const message = `lies outside the VCN ${vcn.text}; every subnet must sit inside the VCN CIDR (docs/oracle-c3-network.md §2d)`;
        out.push(
            problem(
                path,
                block.text,
                message,
                `choose a block inside ${vcn.text}, or omit ${path} to carve it`,
            ),
        );
    }
    if (block.prefix > 30) {
        const message = `is a /${block.prefix}; an OCI subnet is at most a /30 (OCI keeps 3 addresses of each)`;
        out.push(
            problem(path, block.text, message, `use a /30 or larger block, or omit ${path} to carve it`),
        );
    }
    checkAddressSpace(path, block, out);
}

/**
 * A VCN or subnet must be unicast space a VNIC can use: not multicast, loopback, "this network", link-local
 * or class E. A block that touches one of C3's reserved ranges gets that reason instead, so each gets one.
 */
function checkAddressSpace(path: string, block: Cidr, out: Problems): void {
    const bad = nonUnicastOverlaps(block);
    // C3's own reservations (inside link-local and class E) are the more precise reason when they apply.
    if (bad.length === 0 || reservedOverlaps(block).length > 0) {
        checkReserved(path, block, out);
        return;
    }
    const what = bad.map((r) => `${r.cidr} (${r.reason})`).join(", ");
    const message = `overlaps ${what}; VCNs and subnets must be unicast private-use or routable space`;
    const fix = `choose private-use space such as ${EXAMPLE_VCN} (Oracle's example VCN) or inside 10.0.0.0/8`;
    out.push(problem(path, block.text, message, fix));
}

/** C3 reserves these ranges for itself (docs/oracle-c3-network.md §2c, §2d); a VCN or subnet must not touch them. */
function checkReserved(path: string, block: Cidr, out: Problems): void {
    for (const range of reservedOverlaps(block)) {
        const message = `overlaps ${range.cidr}, ${range.reason} (${range.source})`;
        const fix = `choose a range that does not overlap ${range.cidr}, e.g. ${EXAMPLE_VCN} (Oracle's example VCN)`;
        out.push(problem(path, block.text, message, fix));
    }
}

function carve(
    vcn: Cidr,
    cni: Choices["cni"],
    given: Partial<Record<CarvedRole, Cidr>>,
    out: Problems,
): ResolvedLayout | undefined {
    const texts: GivenSubnets = {};
    for (const [role, block] of Object.entries(given) as [CarvedRole, Cidr][]) {
        texts[role] = block.text;
    }
    const result = carveLayout(vcn.text, cni, texts);
    if (!result.ok) {
        out.push(...result.problems);
        return undefined;
    }
    return result.layout;
}

function checkDisjoint(layout: ResolvedLayout, out: Problems): void {
    const roles = SUBNET_ROLES.filter((role) => layout[role] !== undefined);
    roles.forEach((role, index) => {
        for (const earlier of roles.slice(0, index)) {
            const a = parseCidr(layout[earlier] as string) as Cidr;
            const b = parseCidr(layout[role] as string) as Cidr;
            if (cidrOverlaps(a, b)) {
                const message = `overlaps cidrs.${earlier} (${a.text}); subnets must not overlap (docs/oracle-c3-network.md §2d)`;
                const fix = `choose a block disjoint from ${a.text}, or omit cidrs.${role} to carve it`;
                out.push(problem(`cidrs.${role}`, b.text, message, fix));
            }
        }
    });
}

/**
 * Oracle's VCN-native constraints on `pod_cidr` (docs/oracle-c3-network.md §2d): larger than /25, more addresses than
 * `worker_cidr`, and at least as many as `kmi_cidr`. Empty when the layout has no pod subnet.
 */
export function podSubnetProblems(layout: ResolvedLayout): ConfigProblem[] {
    const pod = layout.pod === undefined ? undefined : parseCidr(layout.pod);
    if (pod === undefined || isCidrError(pod)) {
        return [];
    }
    const worker = parseCidr(layout.worker);
    const controlPlane = parseCidr(layout.controlPlane);
    const out: Problems = [];
    if (pod.prefix > 24) {
        const fix = `use a /24 or larger pod subnet, e.g. ${cidrAt(pod.start & ~0xffn, 24).text}`;
        out.push(problem("cidrs.pod", pod.text, "is smaller than Oracle's minimum: larger than /25", fix));
    }
    if (!isCidrError(worker) && cidrSize(pod) <= cidrSize(worker)) {
        const message = `must be larger than the worker subnet ${worker.text} (Oracle, VCN-native)`;
        const fix = `give cidrs.pod a prefix shorter than /${worker.prefix}, or shrink cidrs.worker`;
        out.push(problem("cidrs.pod", pod.text, message, fix));
    }
    if (!isCidrError(controlPlane) && cidrSize(pod) < cidrSize(controlPlane)) {
        const message = `must have at least as many addresses as the control-plane subnet ${controlPlane.text}`;
        const fix = `give cidrs.pod a prefix of /${controlPlane.prefix} or shorter, or shrink cidrs.controlPlane`;
        out.push(problem("cidrs.pod", pod.text, message, fix));
    }
    return out;
}

// ---------------------------------------------------------------------------------------------------------
// Client and bastion ranges, API port

/** Reading the list checks each entry; 253.255.0.0/16 is C3-internal and already has its own kmilb rule. */
function readCidrList(path: string, items: readonly unknown[], out: Problems): string[] {
    const valid: string[] = [];
    items.forEach((item, index) => {
        const block = readCidr(`${path}[${index}]`, item, out);
        if (block === undefined) {
            return;
        }
        valid.push(block.text);
        out.push(...reservedSourceProblems(`${path}[${index}]`, block));
    });
    return valid;
}

/**
 * A source inside a range C3 reserves, or inside non-unicast space (loopback, multicast, class E), names no
 * client: nothing of the user's lives there. A source that
 * contains a reserved range (0.0.0.0/0, 100.64.0.0/10) is judged on the rest of its space, like any other
 * wide range (world-wide sources need an acknowledgement), so every reserved range is handled alike.
 */
export function reservedSourceProblems(path: string, block: Cidr): ConfigProblem[] {
    const inside = C3_RESERVED_RANGES.find((range) => cidrContains(parseCidr(range.cidr) as Cidr, block));
    if (inside === undefined) {
        const space = NON_UNICAST_RANGES.find((range) => cidrContains(parseCidr(range.cidr) as Cidr, block));
        if (space === undefined) return [];
        const message = `lies inside ${space.cidr} (${space.reason}): no client has such an address`;
        return [
            problem(path, block.text, message, `list the client networks' unicast ranges, e.g. "10.0.0.0/8"`),
        ];
    }
    const already =
        inside.cidr === KUBE_INTERNAL_CIDR
            ? "; it already reaches the API load balancer through Oracle's mandatory rule"
            : "";
    const message = `lies inside ${inside.cidr}, ${inside.reason} (${inside.source})${already}`;
    const fix = `list the client networks themselves without ${inside.cidr}, e.g. "10.0.0.0/8"`;
    return [problem(path, block.text, message, fix)];
}

function readKubeClientCidrs(raw: Raw, out: Problems): string[] {
    const value = raw.kubeClientCidrs;
    if (Array.isArray(value) && value.length > 0) {
        return readCidrList("kubeClientCidrs", value, out);
    }
    const message =
        "must list at least one CIDR (Oracle's kube_client_cidr: who may reach the Kubernetes API)";
    out.push(
        problem(
            "kubeClientCidrs",
            value,
            message,
            `set kubeClientCidrs to your client networks, e.g. ["10.0.0.0/8"]`,
        ),
    );
    return [];
}

function readBastionCidrs(raw: Raw, vcn: string | undefined, out: Problems): string[] {
    const value = raw.bastionCidrs;
    if (value === undefined) {
        return vcn === undefined ? [] : [vcn];
    }
    if (Array.isArray(value)) {
        return readCidrList("bastionCidrs", value, out);
    }
    const fix =
        "set bastionCidrs to a list of CIDRs, or omit it for the VCN CIDR (Oracle: bastion in vcn_cidr)";
    out.push(problem("bastionCidrs", value, "must be a list of CIDR strings", fix));
    return [];
}

/**
 * Oracle fixes the API port: `kubernetes_api_port` "must be specified as shown" (6443). Another value would
 * move the mandatory 253.255.0.0/16 → 6443 rule with it and cut C3's own services off the API.
 */
function readApiPort(raw: Raw, out: Problems): number {
    const value = raw.kubernetesApiPort;
    if (value === undefined || value === DEFAULT_KUBERNETES_API_PORT) {
        return DEFAULT_KUBERNETES_API_PORT;
    }
    const message = `must be ${DEFAULT_KUBERNETES_API_PORT}: Oracle's kubernetes_api_port "must be specified as shown"`;
    const fix = `use ${DEFAULT_KUBERNETES_API_PORT}: remove kubernetesApiPort (the default) or set it to ${DEFAULT_KUBERNETES_API_PORT}`;
    out.push(problem("kubernetesApiPort", value, message, fix));
    return DEFAULT_KUBERNETES_API_PORT;
}

// ---------------------------------------------------------------------------------------------------------
// Worker-LB front ends (workerlb-seclist, docs/oracle-c3-network.md §3.3)

function readServiceLbIngress(raw: Raw, clients: string[], out: Problems): ResolvedServiceLbIngress[] {
    const value = raw.serviceLbIngress;
    if (value === undefined) {
        return defaultServiceLbIngress(clients);
    }
    if (!Array.isArray(value)) {
        const fix = "set serviceLbIngress to a list of { name, port, ... }, or omit it for TCP 80 and 443";
        out.push(problem("serviceLbIngress", value, "must be a list of rules", fix));
        return [];
    }
    checkUniqueNames("serviceLbIngress", value, out);
    return value
        .map((item, index) => readServiceLbRule(`serviceLbIngress[${index}]`, item, clients, out))
        .filter((rule): rule is ResolvedServiceLbIngress => rule !== undefined);
}

function readServiceLbRule(
    path: string,
    item: unknown,
    clients: string[],
    out: Problems,
): ResolvedServiceLbIngress | undefined {
    if (!isRecord(item)) {
        out.push(problem(path, item, "must be an object", `write { name: "http", port: 80 }`));
        return undefined;
    }
    out.push(...unknownKeyProblems(path, item, SERVICE_LB_KEYS));
    const name = readName(`${path}.name`, item.name, out);
    const protocol = readEnum(`${path}.protocol`, item.protocol, ["tcp", "udp"] as const, "tcp", out);
    const ports = readPortRange(path, item, "port", "portMax", out);
    const sources = item.sources === undefined ? clients : readSources(`${path}.sources`, item.sources, out);
    if (name === undefined || ports === undefined) {
        return undefined;
    }
    return { name, protocol, ports, sources };
}

function readSources(path: string, value: unknown, out: Problems): string[] {
    if (Array.isArray(value) && value.length > 0) {
        return readCidrList(path, value, out);
    }
    const fix = `list at least one source CIDR, or omit ${path} for kubeClientCidrs`;
    out.push(problem(path, value, "must be a non-empty list of CIDR strings", fix));
    return [];
}

// ---------------------------------------------------------------------------------------------------------
// Extra rules

function readExtraRules(raw: Raw, cni: Choices["cni"], out: Problems): ResolvedExtraRule[] {
    const value = raw.extraRules;
    if (value === undefined) {
        return [];
    }
    if (!Array.isArray(value)) {
        const fix = "set extraRules to a list of { name, role, direction, protocol, cidr, ... }, or omit it";
        out.push(problem("extraRules", value, "must be a list of rules", fix));
        return [];
    }
    checkUniqueNames("extraRules", value, out);
    return value
        .map((item, index) => readExtraRule(`extraRules[${index}]`, item, cni, out))
        .filter((rule): rule is ResolvedExtraRule => rule !== undefined);
}

function readExtraRule(
    path: string,
    item: unknown,
    cni: Choices["cni"],
    out: Problems,
): ResolvedExtraRule | undefined {
    if (!isRecord(item)) {
        const fix = `write { name: "my-rule", role: "worker", direction: "ingress", protocol: "tcp", cidr: "10.0.0.0/8" }`;
        out.push(problem(path, item, "must be an object", fix));
        return undefined;
    }
    out.push(...unknownKeyProblems(path, item, EXTRA_RULE_KEYS));
    const name = readName(`${path}.name`, item.name, out);
    const role = readRole(`${path}.role`, item.role, cni, out);
    const direction = readRequiredEnum(
        `${path}.direction`,
        item.direction,
        ["ingress", "egress"] as const,
        out,
    );
    const protocol = readRequiredEnum(
        `${path}.protocol`,
        item.protocol,
        ["tcp", "udp", "icmp", "all"] as const,
        out,
    );
    const block = readCidr(`${path}.cidr`, item.cidr, out);
    if (block !== undefined && direction === "ingress")
        out.push(...reservedSourceProblems(`${path}.cidr`, block));
    const ports = readExtraPorts(path, item, protocol, out);
    const icmp = readIcmp(path, item, protocol, out);
    const description = readDescription(`${path}.description`, item.description, name, out);
    if (!name || !role || !direction || !protocol || !block || description === undefined) {
        return undefined;
    }
    const rule: ResolvedExtraRule = { name, role, direction, protocol, cidr: block.text, description };
    return { ...rule, ...(ports && { ports }), ...(icmp && { icmp }) };
}

function readRole(path: string, value: unknown, cni: Choices["cni"], out: Problems): SubnetRole | undefined {
    const role = readRequiredEnum(path, value, SUBNET_ROLES, out);
    if (role === "pod" && cni !== Cni.VcnNative) {
        const fix = `use another role, or set cni to "vcn-native"`;
        out.push(
            problem(
                path,
                role,
                'the pod role exists only with cni "vcn-native" (Flannel has no pod subnet)',
                fix,
            ),
        );
        return undefined;
    }
    return role;
}

/** Ports belong to tcp/udp only; absent ports mean all ports. */
function readExtraPorts(
    path: string,
    item: Raw,
    protocol: string | undefined,
    out: Problems,
): { min: number; max: number } | undefined {
    const key = item.portMin !== undefined ? "portMin" : "portMax";
    if (item[key] === undefined || protocol === undefined) {
        return undefined;
    }
    if (protocol !== "tcp" && protocol !== "udp") {
        const fix = `remove portMin/portMax (protocol "${protocol}" has no ports), or set protocol to "tcp" or "udp"`;
        out.push(problem(`${path}.${key}`, item[key], `ports apply only to tcp or udp`, fix));
        return undefined;
    }
    if (key === "portMax") {
        const fix = "set portMin as well (portMax defaults to portMin), or remove portMax for all ports";
        out.push(problem(`${path}.portMax`, item.portMax, "is set without portMin", fix));
        return undefined;
    }
    return readPortRange(path, item, "portMin", "portMax", out);
}

/** ICMP type/code belong to icmp only; a code needs a type. */
function readIcmp(
    path: string,
    item: Raw,
    protocol: string | undefined,
    out: Problems,
): { type: number; code?: number } | undefined {
    const key = item.icmpType !== undefined ? "icmpType" : "icmpCode";
    if (item[key] === undefined || protocol === undefined) {
        return undefined;
    }
    if (protocol !== "icmp") {
        const fix = `remove icmpType/icmpCode, or set protocol to "icmp"`;
        out.push(problem(`${path}.${key}`, item[key], "ICMP type and code apply only to protocol icmp", fix));
        return undefined;
    }
    if (key === "icmpCode") {
        const fix = "set icmpType as well (e.g. 3 for destination unreachable), or remove icmpCode";
        out.push(problem(`${path}.icmpCode`, item.icmpCode, "is set without icmpType", fix));
        return undefined;
    }
    const type = readIcmpNumber(`${path}.icmpType`, item.icmpType, out);
    const code =
        item.icmpCode === undefined ? undefined : readIcmpNumber(`${path}.icmpCode`, item.icmpCode, out);
    if (type === undefined) {
        return undefined;
    }
    return code === undefined ? { type } : { type, code };
}

function readIcmpNumber(path: string, value: unknown, out: Problems): number | undefined {
    if (typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 255) {
        return value;
    }
    out.push(problem(path, value, "must be an integer from 0 to 255", `set ${path} to a whole number 0-255`));
    return undefined;
}

function readDescription(
    path: string,
    value: unknown,
    name: string | undefined,
    out: Problems,
): string | undefined {
    if (value === undefined) {
        return `Extra rule ${name ?? ""}.`;
    }
    if (typeof value === "string" && value.length <= MAX_DESCRIPTION_LENGTH) {
        const unsafe = firstUnsafeCharacter(value);
        if (unsafe === undefined) return value;
        const fix =
            "remove control and bidirectional-override characters (descriptions reach OCI and terminals)";
        out.push(problem(path, value, `contains the character ${unsafe}`, fix));
        return undefined;
    }
    const fix = `write a string of at most ${MAX_DESCRIPTION_LENGTH} characters, or omit it`;
    out.push(problem(path, value, `must be a string of at most ${MAX_DESCRIPTION_LENGTH} characters`, fix));
    return undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Gateways, existing VCN, DNS label, tags

function readNatGateway(raw: Raw, choices: Choices, out: Problems): boolean {
    const access = choices.clusterAccess;
    const value = raw.natGateway;
    if (value === undefined || value === true) {
        return true;
    }
    if (value !== false) {
        out.push(
            problem(
                "natGateway",
                value,
                "must be true or false",
                "set natGateway to true or false, or omit it",
            ),
        );
        return true;
    }
    if (access !== ClusterAccess.Private) {
        // A public cluster's workers and control plane still reach yum and the registry through the NAT (docs/oracle-c3-network.md §4).
        const message =
            "can be false only for a private cluster: public clusters need the NAT gateway (docs/oracle-c3-network.md §4)";
        out.push(
            problem("natGateway", value, message, `remove natGateway, or set clusterAccess to "private"`),
        );
    }
    // With egress "all" (the default) an air-gapped network keeps Oracle's egress-all rule; with no route out
    // it only reaches the VCN (and declared routeRules), which the plan states rather than refuses.
    return false;
}

function checkExistingVcn(raw: Raw, out: Problems): void {
    const value = raw.existingVcn;
    if (value === undefined) {
        return;
    }
    if (!isRecord(value)) {
        const fix = `set existingVcn to { id: "ocid1.vcn..." }, or omit it to create a VCN`;
        out.push(problem("existingVcn", value, "must be an object with the VCN's id", fix));
        return;
    }
    out.push(...unknownKeyProblems("existingVcn", value, EXISTING_VCN_KEYS));
    out.push(...ocidProblems("existingVcn.id", value.id, OCID_KINDS.vcn, true));
    out.push(...ocidProblems("existingVcn.natGatewayId", value.natGatewayId, OCID_KINDS.natGateway, false));
    out.push(
        ...ocidProblems(
            "existingVcn.internetGatewayId",
            value.internetGatewayId,
            OCID_KINDS.internetGateway,
            false,
        ),
    );
}

function readDnsLabel(raw: Raw, out: Problems): string {
    const value = raw.dnsLabel;
    if (value === undefined) {
        return DEFAULT_VCN_DNS_LABEL;
    }
    if (typeof value === "string" && DNS_LABEL_PATTERN.test(value)) {
        return value;
    }
    const message = "must start with a letter and have only letters and digits, at most 15 characters (OCI)";
    out.push(problem("dnsLabel", value, message, `use a label such as "${dnsLabelHint(value)}"`));
    return DEFAULT_VCN_DNS_LABEL;
}

/**
 * A VCN DNS label derived from a component name (letters and digits, starting with a letter, at most 15),
 * so two networks in one tenancy do not collide on a fixed default (Oracle: unique across the tenancy).
 */
export function dnsLabelFromName(name: string): string {
    return dnsLabelHint(name);
}

function dnsLabelHint(value: unknown): string {
    const cleaned = typeof value === "string" ? value.toLowerCase().replace(/[^a-z0-9]/g, "") : "";
    const lettered = /^[a-z]/.test(cleaned) ? cleaned : `v${cleaned}`;
    return lettered.length > 1 ? lettered.slice(0, 15) : DEFAULT_VCN_DNS_LABEL;
}

function checkTags(raw: Raw, key: "freeformTags" | "definedTags", out: Problems): void {
    const value = raw[key];
    if (value === undefined) {
        return;
    }
    if (!isRecord(value)) {
        out.push(
            problem(
                key,
                value,
                "must be an object of string values",
                `set ${key} to { key: "value" }, or omit it`,
            ),
        );
        return;
    }
    for (const [tag, tagValue] of Object.entries(value)) {
        if (BUILT_IN_NAMES.has(tag)) {
            // The Pulumi SDK serializes inputs as JavaScript objects; such a key breaks it deep inside.
            const message =
                "collides with a JavaScript built-in property name, which the Pulumi SDK cannot carry";
            out.push(problem(`${key}.${tag}`, tagValue, message, `rename the tag, e.g. "${tag}-tag"`));
            continue;
        }
        const unsafe =
            firstUnsafeCharacter(tag) ??
            (typeof tagValue === "string" ? firstUnsafeCharacter(tagValue) : undefined);
        if (unsafe !== undefined) {
            const fix = "remove control and bidirectional-override characters from the tag";
            out.push(problem(`${key}.${tag}`, tagValue, `contains the character ${unsafe}`, fix));
        } else if (typeof tagValue !== "string") {
            const example =
                typeof tagValue === "number" || typeof tagValue === "boolean" ? String(tagValue) : "...";
            const fix = `write the value as a string, e.g. ${JSON.stringify(example)}`;
            out.push(
                problem(`${key}.${tag}`, tagValue, "must be a string (OCI tag values are strings)", fix),
            );
        }
    }
}
