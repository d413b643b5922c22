import type { ResolvedConfig, ResolvedExtraRule } from "../config/types";
import { ANYWHERE } from "../net/cidr";
import {
    COMMON_FLOWS,
    CONTROL_PLANE_ENDPOINT_FLOWS,
    CONTROL_PLANE_FLOWS,
    CONTROL_PLANE_OUTBOUND_FLOWS,
    WORKER_FLOWS,
} from "./flannel";
import { PRIVATE_CLUSTER_FLOWS, VCN_NATIVE_FLOWS, VCN_NATIVE_OUTBOUND_FLOWS } from "./topologies";
import type {
    CidrRef,
    Endpoint,
    FlowCondition,
    FlowDefinition,
    PortSpec,
    ResolvedEndpoint,
    ResolvedFlow,
} from "./types";
import type { SubnetRole } from "../c3/roles";
import { KUBE_INTERNAL_CIDR } from "../c3/reserved";

/** Every static flow of the catalogue, in rendering order. Ids are unique (checked by {@link assertUniqueIds}). */
export const STATIC_FLOWS: readonly FlowDefinition[] = [
    ...COMMON_FLOWS,
    ...WORKER_FLOWS,
    ...CONTROL_PLANE_FLOWS,
    ...CONTROL_PLANE_OUTBOUND_FLOWS,
    ...CONTROL_PLANE_ENDPOINT_FLOWS,
    ...VCN_NATIVE_FLOWS,
    ...VCN_NATIVE_OUTBOUND_FLOWS,
    ...PRIVATE_CLUSTER_FLOWS,
];

/**
 * Throws when two flows share an id. terraform-oci-oke keys its rule map by description and silently drops
 * duplicates; here a duplicate is a bug that must surface.
 */
export function assertUniqueIds(flows: readonly FlowDefinition[]): void {
    const seen = new Set<string>();
    for (const flow of flows) {
        if (seen.has(flow.id)) {
            throw new Error(`oke-c3-network: duplicate flow id "${flow.id}" in the catalogue`);
        }
        seen.add(flow.id);
    }
}

/**
 * Whether a front-end entry is Oracle's own workerlb-seclist rule (docs/oracle-c3-network.md §3.3: `kube_client_cidr` → TCP 80 and
 * TCP 443, "Allow inbound traffic for applications."), judged by its content, never by its name.
 */
function isOracleFrontEnd(rule: ResolvedConfig["serviceLbIngress"][number], config: ResolvedConfig): boolean {
    const sameSources = sameCidrs(rule.sources, config.kubeClientCidrs);
    const oraclePort = rule.ports.min === rule.ports.max && (rule.ports.min === 80 || rule.ports.min === 443);
    return rule.protocol === "tcp" && oraclePort && sameSources;
}

/** The worker-LB front-end flows (workerlb-seclist, docs/oracle-c3-network.md §3.3), one per configured listener. */
function serviceLbFlows(config: ResolvedConfig): FlowDefinition[] {
    return config.serviceLbIngress.map((rule) => {
        const oracle = isOracleFrontEnd(rule, config);
        return {
            id: `service-lb-ingress-${rule.name}`,
            // Oracle's text for every listener of this list ("add each front-end port to this list").
            description: "Allow inbound traffic for applications.",
            source: { kind: "cidrs", cidrs: rule.sources },
            destination: { kind: "role", role: "serviceLb" },
            protocol: rule.protocol,
            ports: rule.ports,
            refs: oracle ? ["C3 workerlb-seclist 3.3"] : [`serviceLbIngress.${rule.name}`],
            provenance: oracle ? "c3-doc" : "user",
            sourceFields: [
                `serviceLbIngress.${rule.name}`,
                ...(sameCidrs(rule.sources, config.kubeClientCidrs) ? ["kubeClientCidrs"] : []),
            ],
        };
    });
}

/** A user's extra rule as a flow: ingress = from the CIDR to the role, egress = from the role to the CIDR. */
function extraRuleFlow(rule: ResolvedExtraRule): FlowDefinition {
    const peer: Endpoint = { kind: "cidrs", cidrs: [rule.cidr] };
    const self: Endpoint = { kind: "role", role: rule.role };
    return {
        id: `extra-${rule.name}`,
        description: rule.description,
        source: rule.direction === "ingress" ? peer : self,
        destination: rule.direction === "ingress" ? self : peer,
        protocol: rule.protocol,
        ports: rule.ports,
        icmp: rule.icmp,
        refs: [`extraRules.${rule.name}`],
        provenance: "user",
        sourceFields: [`extraRules.${rule.name}`],
    };
}

/** `bastionCidrs: []` means "no bastion": its flows (port table rows 1-2) are not required, not undecided. */
function hasEndpoints(flow: FlowDefinition, config: ResolvedConfig): boolean {
    const noBastion = config.bastionCidrs.length === 0;
    const fromBastion = (end: Endpoint) => end.kind === "cidr" && end.ref === "bastion";
    return !(noBastion && (fromBastion(flow.source) || fromBastion(flow.destination)));
}

function applies(flow: FlowDefinition, config: ResolvedConfig): boolean {
    return hasEndpoints(flow, config) && holds(flow.when, config);
}

function holds(when: FlowCondition | undefined, config: ResolvedConfig): boolean {
    return (
        when === undefined ||
        ((when.cni === undefined || when.cni.includes(config.cni)) &&
            (when.clusterAccess === undefined || when.clusterAccess.includes(config.clusterAccess)) &&
            (when.egress === undefined || when.egress.includes(config.egress)) &&
            (when.natGateway === undefined || when.natGateway.includes(config.natGateway)))
    );
}

/** True when a flow's rules are rendered for this config but the flow itself is not required. */
export function isRenderOnly(flow: FlowDefinition, config: ResolvedConfig): boolean {
    return flow.renderOnly !== undefined && holds(flow.renderOnly, config);
}

/** The catalogue flows that apply to a config, static ones first, in a deterministic order. */
export function flowDefinitionsFor(config: ResolvedConfig): FlowDefinition[] {
    const flows = [
        ...STATIC_FLOWS.filter((flow) => applies(flow, config)),
        ...serviceLbFlows(config),
        ...config.extraRules.map(extraRuleFlow),
    ];
    assertUniqueIds(flows);
    return flows;
}

function cidrsOf(ref: CidrRef, config: ResolvedConfig): string[] {
    switch (ref) {
        case "vcn":
            return [config.layout.vcn];
        case "kubeClients":
            return [...config.kubeClientCidrs];
        case "bastion":
            return [...config.bastionCidrs];
        case "kubeInternal":
            return [KUBE_INTERNAL_CIDR];
        case "anywhere":
            return [ANYWHERE];
    }
}

function roleCidr(role: SubnetRole, config: ResolvedConfig): string {
    const value = config.layout[role];
    if (value === undefined) {
        throw new Error(`oke-c3-network: no ${role} subnet in this layout`);
    }
    return value;
}

/** Resolves an endpoint to its concrete CIDRs for one config. */
export function resolveEndpoint(endpoint: Endpoint, config: ResolvedConfig): ResolvedEndpoint {
    switch (endpoint.kind) {
        case "role":
            return { role: endpoint.role, cidrs: [roleCidr(endpoint.role, config)] };
        case "allRoles":
            return { role: "all", cidrs: managedRoles(config).map((r) => roleCidr(r, config)) };
        case "cidr":
            return { ref: endpoint.ref, cidrs: cidrsOf(endpoint.ref, config) };
        case "cidrs":
            return { cidrs: [...endpoint.cidrs] };
    }
}

/** The subnet roles a config creates, in {@link SUBNET_ROLES} order. */
export function managedRoles(config: ResolvedConfig): SubnetRole[] {
    const roles: SubnetRole[] = ["worker", "serviceLb", "controlPlane", "controlPlaneEndpoint"];
    return config.layout.pod === undefined ? roles : [...roles, "pod"];
}

function resolvePorts(ports: PortSpec | undefined, config: ResolvedConfig): ResolvedFlow["ports"] {
    if (ports === "kubernetesApiPort") {
        return { min: config.kubernetesApiPort, max: config.kubernetesApiPort };
    }
    return ports === undefined ? undefined : { min: ports.min, max: ports.max };
}

/** The config field a catalogue endpoint's CIDRs come from. */
function fieldsOfRef(end: Endpoint): string[] {
    if (end.kind !== "cidr") return [];
    if (end.ref === "kubeClients") return ["kubeClientCidrs"];
    return end.ref === "bastion" ? ["bastionCidrs"] : [];
}

function sameCidrs(a: readonly string[], b: readonly string[]): boolean {
    return a.length === b.length && a.every((c, i) => c === b[i]);
}

/** Resolves one flow definition against a config. */
export function resolveFlow(flow: FlowDefinition, config: ResolvedConfig): ResolvedFlow {
    const resolved: ResolvedFlow = {
        id: flow.id,
        description: flow.description,
        source: resolveEndpoint(flow.source, config),
        destination: resolveEndpoint(flow.destination, config),
        protocol: flow.protocol,
        refs: [...flow.refs],
        provenance: flow.provenance,
    };
    const ports = resolvePorts(flow.ports, config);
    if (ports !== undefined) resolved.ports = ports;
    const fields = [...(flow.sourceFields ?? []), ...fieldsOfRef(flow.source)];
    if (fields.length > 0) resolved.sourceFields = [...new Set(fields)];
    if (flow.icmp !== undefined) resolved.icmp = { ...flow.icmp };
    return resolved;
}

/** Every flow the network must allow for this config: the `requiredFlows` output and the analyzer's input. */
export function requiredFlowsFor(config: ResolvedConfig): ResolvedFlow[] {
    return flowDefinitionsFor(config)
        .filter((flow) => !isRenderOnly(flow, config))
        .map((flow) => resolveFlow(flow, config));
}

/** Every flow whose rules the network carries: the required ones and the render-only ones, in order. */
export function renderedFlowsFor(config: ResolvedConfig): ResolvedFlow[] {
    return flowDefinitionsFor(config).map((flow) => resolveFlow(flow, config));
}
