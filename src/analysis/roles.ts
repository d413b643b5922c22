import { flowDefinitionsFor, resolveFlow } from "../catalogue/flows";
import type { FlowDefinition, ResolvedEndpoint, ResolvedFlow } from "../catalogue/types";
import { cidrContains } from "../cidr/cidr";
import { KUBE_INTERNAL_CIDR } from "../cidr/reserved";
import {
    SUBNET_ROLES,
    type ResolvedConfig,
    type ResolvedServiceLbIngress,
    type SubnetRole,
} from "../config/types";
import { DEFAULT_KUBERNETES_API_PORT, defaultServiceLbIngress } from "../config/validate";
import { insideVcn, knownCidr } from "./locate";
import { ruleMatchesProtocol } from "./match";
import type { ModelRule, ModelSubnet, NetworkModel } from "./model";
import { routeTableOf } from "./routes";
import { effectiveRules } from "./sides";

/*
 * The flows a hand-written network must allow. The component knows its own (`requiredFlows`); any other
 * network is held to Oracle's catalogue, resolved for a config-like context read off the model: roles from
 * Oracle's subnet names, their CIDRs, the VCN CIDR, and `kube_client_cidr` from the control-plane
 * endpoint's API-port rules. A partial network (missing roles, unknown CIDRs) is reported, never a crash.
 */

/** Options of {@link requiredFlowsForModel}; every field has a default read off the model. */
export interface ModelFlowOptions {
    /** Oracle's `kube_client_cidr`; default: {@link kubeClientsFromModel}. */
    kubeClientCidrs?: string[];
    /** The bastion's networks (port table rows 1-2); default the VCN CIDR, as Oracle writes it. */
    bastionCidrs?: string[];
    /** Oracle's `kubernetes_api_port`; default 6443. */
    kubernetesApiPort?: number;
    /** CNI; default `vcn-native` when a `pod` subnet exists, else `flannel`. */
    cni?: "flannel" | "vcn-native";
    /** Default `private` when the control-plane-endpoint subnet is private, else `public`. */
    clusterAccess?: "public" | "private";
    /** Whether private subnets reach out through NAT (port table rows 3-5); default: a NAT route exists, or the cluster is public. */
    natGateway?: boolean;
    /** `flows` (default: least privilege, the minimum Oracle's flows need) or `all` (also require egress-all). */
    egress?: "flows" | "all";
    /** The service-LB front-ends; default Oracle's TCP 80 and 443 from the kube clients (docs/oracle-c3-network.md §3.3). */
    serviceLbIngress?: ResolvedServiceLbIngress[];
    /** User-declared flows the network must also allow (they count as used for least-privilege findings). */
    extraFlows?: ResolvedFlow[];
    /** Also require flows no Oracle page states (provenance `unverified`); default true. */
    includeUnverified?: boolean;
    /** Flow ids not to require. */
    skipFlows?: readonly string[];
}

/** The context the catalogue was resolved for, and where each value came from. */
export interface ModelFlowContext {
    /** Role → subnet CIDR (`unknown` when the subnet's CIDR is unknown). */
    roles: Partial<Record<SubnetRole, string>>;
    /** VCN CIDR, or `unknown`. */
    vcn: string;
    /** Kube client CIDRs (may be empty when undeterminable). */
    kubeClientCidrs: string[];
    /** Where the kube client CIDRs come from. */
    kubeClientSource: string;
    /** The resolved choices. */
    cni: "flannel" | "vcn-native";
    /** Public or private. */
    clusterAccess: "public" | "private";
    /** NAT route or not. */
    natGateway: boolean;
    /** API port. */
    kubernetesApiPort: number;
}

/** The flows a network must allow, and what could not be stated for it. */
export interface ModelFlowRequirements {
    /**
     * Flows to check, in catalogue order. A flow whose role the network lacks is kept with no CIDRs on that
     * end, so {@link analyzeNetwork} reports it as failing ("missing subnet") instead of dropping it.
     */
    flows: ResolvedFlow[];
    /** Flows that name a role the network lacks. */
    missingRoles: { flowId: string; role: SubnetRole }[];
    /** Flows with an end whose CIDRs are unknown or undetermined, and why. */
    unresolved: { flowId: string; why: string }[];
    /** The context used. */
    context: ModelFlowContext;
    /** Sentences for the report: what was derived and what is missing. */
    notes: string[];
}

const UNKNOWN = "unknown";
/** Placeholder CIDRs the catalogue resolves to, replaced afterwards (the catalogue insists on strings). */
const placeholder = (name: string): string => `@${name}`;

/**
 * The required flows of a hand-written network: Oracle's catalogue resolved for a context read off the
 * model. Never throws on partial networks: missing roles and undeterminable CIDRs are listed.
 */
export function requiredFlowsForModel(
    model: NetworkModel,
    options: ModelFlowOptions = {},
): ModelFlowRequirements {
    const context = contextFor(model, options);
    const config = configFor(context, options);
    const skip = new Set(options.skipFlows ?? []);
    const definitions = flowDefinitionsFor(config).filter(
        (f) => !skip.has(f.id) && (options.includeUnverified !== false || f.provenance !== "unverified"),
    );
    const out: ModelFlowRequirements = { flows: [], missingRoles: [], unresolved: [], context, notes: [] };
    for (const definition of definitions) out.flows.push(substitute(definition, config, context, out));
    out.flows.push(...(options.extraFlows ?? []).filter((f) => !skip.has(f.id)));
    out.notes.push(...contextNotes(model, context, out));
    return out;
}

/** Reads the context off the model, options first. */
function contextFor(model: NetworkModel, options: ModelFlowOptions): ModelFlowContext {
    const roles: Partial<Record<SubnetRole, string>> = {};
    for (const role of SUBNET_ROLES) {
        const subnet = model.subnets.find((s) => s.role === role);
        if (subnet !== undefined) roles[role] = knownCidr(subnet.cidr)?.text ?? UNKNOWN;
    }
    const apiPort = options.kubernetesApiPort ?? DEFAULT_KUBERNETES_API_PORT;
    const clients =
        options.kubeClientCidrs === undefined
            ? kubeClientsFromModel(model, apiPort)
            : { cidrs: options.kubeClientCidrs, source: "given" };
    const endpoint = model.subnets.find((s) => s.role === "controlPlaneEndpoint");
    const clusterAccess = options.clusterAccess ?? (endpoint?.public === false ? "private" : "public");
    return {
        roles,
        vcn: knownCidr(model.vcnCidrs[0])?.text ?? UNKNOWN,
        kubeClientCidrs: clients.cidrs,
        kubeClientSource: clients.source,
        cni: options.cni ?? (roles.pod === undefined ? "flannel" : "vcn-native"),
        clusterAccess,
        natGateway: options.natGateway ?? (hasNatRoute(model) || clusterAccess === "public"),
        kubernetesApiPort: apiPort,
    };
}

/** A ResolvedConfig whose CIDRs are placeholders, so the catalogue resolves without knowing them. */
function configFor(context: ModelFlowContext, options: ModelFlowOptions): ResolvedConfig {
    const layout = {
        vcn: placeholder("vcn"),
        worker: placeholder("worker"),
        serviceLb: placeholder("serviceLb"),
        controlPlane: placeholder("controlPlane"),
        controlPlaneEndpoint: placeholder("controlPlaneEndpoint"),
        ...(context.roles.pod === undefined && context.cni === "flannel" ? {} : { pod: placeholder("pod") }),
    };
    return {
        cni: context.cni,
        clusterAccess: context.clusterAccess,
        securityRules: "securityLists",
        egress: options.egress ?? "flows",
        layout,
        kubeClientCidrs: context.kubeClientCidrs,
        bastionCidrs: options.bastionCidrs ?? [placeholder("vcn")],
        kubernetesApiPort: context.kubernetesApiPort,
        serviceLbIngress: options.serviceLbIngress ?? defaultServiceLbIngress(context.kubeClientCidrs),
        extraRules: [],
        natGateway: context.natGateway,
        routeRules: [],
        dnsLabel: "analyzed",
        worldWideSources: [],
    };
}

/** Resolves one definition and swaps the placeholders for the model's CIDRs, recording what is missing. */
function substitute(
    definition: FlowDefinition,
    config: ResolvedConfig,
    context: ModelFlowContext,
    out: ModelFlowRequirements,
): ResolvedFlow {
    const flow = resolveFlow(definition, config);
    const fix = (end: ResolvedEndpoint): ResolvedEndpoint => {
        if (end.role !== undefined && end.role !== "all" && context.roles[end.role] === undefined) {
            out.missingRoles.push({ flowId: flow.id, role: end.role });
            return { ...end, cidrs: [] };
        }
        const cidrs = end.cidrs
            .map((c) => (c.startsWith("@") ? replacement(c.slice(1), context) : c))
            .filter((c): c is string => c !== undefined);
        if (end.role !== "all" && (cidrs.length === 0 || cidrs.includes(UNKNOWN))) {
            out.unresolved.push({ flowId: flow.id, why: undeterminedWhy(end, context) });
        }
        return { ...end, cidrs };
    };
    return { ...flow, source: fix(flow.source), destination: fix(flow.destination) };
}

function replacement(name: string, context: ModelFlowContext): string | undefined {
    if (name === "vcn") return context.vcn;
    return context.roles[name as SubnetRole];
}

function undeterminedWhy(end: ResolvedEndpoint, context: ModelFlowContext): string {
    if (end.ref === "kubeClients")
        return `the kube client CIDRs are not known (${context.kubeClientSource}); give them explicitly`;
    if (end.ref === "vcn" || end.ref === "bastion") return "the VCN CIDR is unknown";
    if (end.role === undefined)
        return `the flow's CIDRs are not known (service-LB front-ends default to the kube clients: ${context.kubeClientSource})`;
    return `the CIDR of the ${end.role} subnet is unknown`;
}

/** Sentences for the report. */
function contextNotes(model: NetworkModel, context: ModelFlowContext, req: ModelFlowRequirements): string[] {
    const notes = [...(model.notes ?? [])];
    const missing = [...new Set(req.missingRoles.map((m) => m.role))];
    if (missing.length > 0) notes.push(`the network has no subnet with role ${missing.join(", ")}`);
    notes.push(
        `kube client CIDRs: ${context.kubeClientCidrs.join(", ") || "none"} (${context.kubeClientSource})`,
    );
    return notes;
}

/**
 * Oracle's `kube_client_cidr` as a hand-written network states it: the sources of the ingress rules that
 * allow TCP on the API port at the control-plane-endpoint subnet (kmilb-seclist rule 2, docs/oracle-c3-network.md §3.5), leaving
 * out sources inside the VCN (rule 3) and C3's own 253.255.0.0/16 (rule 1).
 */
export function kubeClientsFromModel(
    model: NetworkModel,
    apiPort: number,
): { cidrs: string[]; source: string } {
    const source = `read from the control-plane-endpoint subnet's ingress rules on TCP ${apiPort}`;
    const subnets = model.subnets.filter((s) => s.role === "controlPlaneEndpoint");
    if (subnets.length === 0)
        return { cidrs: [], source: "no control-plane-endpoint subnet to read them from" };
    const cidrs = new Set<string>();
    for (const subnet of subnets) {
        for (const rule of effectiveRules(model, subnet, "ingress").rules)
            if (isClientRule(model, rule, apiPort)) cidrs.add(rule.peer);
    }
    return { cidrs: [...cidrs], source };
}

function isClientRule(model: NetworkModel, rule: ModelRule, apiPort: number): boolean {
    if (rule.unknown === true || !ruleMatchesProtocol(rule, "tcp") || rule.protocol === "all") return false;
    const ports = rule.dstPorts;
    if (ports !== undefined && (ports.min > apiPort || ports.max < apiPort)) return false;
    const peer = knownCidr(rule.peer);
    const internal = knownCidr(KUBE_INTERNAL_CIDR);
    if (peer === undefined || internal === undefined || cidrContains(internal, peer)) return false;
    return insideVcn(model, peer) !== true;
}

/** True when some subnet's route table sends traffic to a NAT gateway. */
function hasNatRoute(model: NetworkModel): boolean {
    return model.subnets.some((s: ModelSubnet) =>
        (routeTableOf(model, s)?.rules ?? []).some(
            (r) => r.targetKey !== undefined && model.gateways[r.targetKey]?.kind === "nat",
        ),
    );
}

/** Roles the model has, for callers that check flows against it. */
export function rolesOf(model: NetworkModel): Set<SubnetRole> {
    return new Set(model.subnets.map((s) => s.role).filter((r): r is SubnetRole => r !== undefined));
}

const PROTOCOLS = new Set(["tcp", "udp", "icmp", "all"]);
const PROVENANCES = new Set([
    "c3-doc",
    "c3-port-table-gap",
    "public-oci-adapted",
    "derived",
    "unverified",
    "user",
]);
const ROLE_NAMES = new Set<string>([...SUBNET_ROLES, "all"]);
const REFS = new Set(["vcn", "kubeClients", "bastion", "kubeInternal", "anywhere"]);

function endpointFrom(value: unknown): ResolvedEndpoint | undefined {
    if (typeof value !== "object" || value === null) return undefined;
    const raw = value as Record<string, unknown>;
    if (!Array.isArray(raw.cidrs) || !raw.cidrs.every((c) => typeof c === "string")) return undefined;
    const end: ResolvedEndpoint = { cidrs: [...raw.cidrs] };
    if (typeof raw.role === "string" && ROLE_NAMES.has(raw.role))
        end.role = raw.role as ResolvedEndpoint["role"];
    if (typeof raw.ref === "string" && REFS.has(raw.ref)) end.ref = raw.ref as ResolvedEndpoint["ref"];
    return end;
}

function flowFrom(value: unknown): ResolvedFlow | undefined {
    if (typeof value !== "object" || value === null) return undefined;
    const raw = value as Record<string, unknown>;
    const source = endpointFrom(raw.source);
    const destination = endpointFrom(raw.destination);
    if (typeof raw.id !== "string" || source === undefined || destination === undefined) return undefined;
    if (typeof raw.protocol !== "string" || !PROTOCOLS.has(raw.protocol)) return undefined;
    const flow: ResolvedFlow = {
        id: raw.id,
        description: typeof raw.description === "string" ? raw.description : "",
        source,
        destination,
        protocol: raw.protocol as ResolvedFlow["protocol"],
        refs: Array.isArray(raw.refs) ? raw.refs.filter((r): r is string => typeof r === "string") : [],
        provenance: (typeof raw.provenance === "string" && PROVENANCES.has(raw.provenance)
            ? raw.provenance
            : "user") as ResolvedFlow["provenance"],
    };
    const ports = raw.ports as { min?: unknown; max?: unknown } | undefined;
    if (typeof ports?.min === "number" && typeof ports.max === "number")
        flow.ports = { min: ports.min, max: ports.max };
    const icmp = raw.icmp as { type?: unknown; code?: unknown } | undefined;
    if (typeof icmp?.type === "number")
        flow.icmp =
            typeof icmp.code === "number" ? { type: icmp.type, code: icmp.code } : { type: icmp.type };
    return flow;
}

/**
 * The component's `requiredFlows` output (plain strings, as a stack export or another language holds it)
 * as typed flows; undefined when it is not a list of flows.
 */
export function resolvedFlowsFromOutput(value: unknown): ResolvedFlow[] | undefined {
    if (!Array.isArray(value)) return undefined;
    const flows = value.map(flowFrom);
    return flows.every((f): f is ResolvedFlow => f !== undefined) ? flows : undefined;
}
