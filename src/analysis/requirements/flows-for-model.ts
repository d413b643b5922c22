import { flowDefinitionsFor, resolveFlow } from "../../catalogue/flows";
import {
    isRequiredProvenance,
    type FlowDefinition,
    type ResolvedEndpoint,
    type ResolvedFlow,
} from "../../catalogue/types";
import type { ResolvedConfig, ResolvedServiceLbIngress } from "../../config/types";
import type { ResourceRecord } from "../model/resources";
import { detectCni } from "./cni";
import { kubeClientsFromModel } from "./kube-clients";
import type { NetworkModel } from "../model/model";
import { SUBNET_ROLES, type SubnetRole } from "../../c3/roles";
import { NAT_GATEWAY_BY_DEFAULT, DEFAULT_KUBERNETES_API_PORT } from "../../c3/defaults";
import { knownCidr } from "../../net/cidr";
import { defaultServiceLbIngress } from "../../config/service-lb";

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
    /** CNI; default {@link detectCni}: `vcn-native` when a `pod` subnet exists or a cluster in `clusters` says so, else `flannel`. */
    cni?: "flannel" | "vcn-native";
    /** The OKE clusters in the VCN, whose `cniType` tells the CNI when `cni` is not given. */
    clusters?: readonly ResourceRecord[];
    /** Default `private` when the control-plane-endpoint subnet is private, else `public`. */
    clusterAccess?: "public" | "private";
    /** Whether private subnets reach out through NAT (port table rows 3-5); default {@link NAT_GATEWAY_BY_DEFAULT} (yes). */
    natGateway?: boolean;
    /** `flows` (default: least privilege, the minimum Oracle's flows need) or `all` (also require egress-all). */
    egress?: "flows" | "all";
    /** The service-LB front-ends; default Oracle's TCP 80 and 443 from the kube clients (docs/oracle-c3-network.md §3.3), required like every Oracle-stated flow. */
    serviceLbIngress?: ResolvedServiceLbIngress[];
    /** User-declared flows the network must also allow (they count as used for least-privilege findings). */
    extraFlows?: ResolvedFlow[];
    /** Also require flows no Oracle page states (provenance `unverified`); default `INCLUDE_UNVERIFIED_BY_DEFAULT` (no). */
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
        (f) => !skip.has(f.id) && isRequiredProvenance(f.provenance, options.includeUnverified),
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
    const clients = kubeClientsFor(model, options.kubeClientCidrs, apiPort);
    const endpoint = model.subnets.find((s) => s.role === "controlPlaneEndpoint");
    const clusterAccess = options.clusterAccess ?? (endpoint?.public === false ? "private" : "public");
    return {
        roles,
        vcn: knownCidr(model.vcnCidrs[0])?.text ?? UNKNOWN,
        kubeClientCidrs: clients.cidrs,
        kubeClientSource: clients.source,
        cni: detectCni({
            ...(options.cni === undefined ? {} : { configured: options.cni }),
            model,
            clusters: options.clusters ?? [],
        }).cni,
        clusterAccess,
        natGateway: options.natGateway ?? NAT_GATEWAY_BY_DEFAULT,
        kubernetesApiPort: apiPort,
    };
}

/** The given kube clients, else those read off the model, with the reader's doubt in the source words. */
function kubeClientsFor(
    model: NetworkModel,
    given: string[] | undefined,
    apiPort: number,
): { cidrs: string[]; source: string } {
    if (given !== undefined) return { cidrs: given, source: "given" };
    const read = kubeClientsFromModel(model, apiPort);
    return {
        cidrs: read.cidrs,
        source: read.doubt === undefined ? `read from ${read.source}` : `${read.source}: ${read.doubt}`,
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
