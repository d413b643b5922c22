import { INCLUDE_UNVERIFIED_BY_DEFAULT } from "../c3/defaults";
import type { Protocol } from "../c3/protocols";
import type { PortRange } from "../net/ports";
import type { SubnetRole } from "../c3/roles";

/**
 * A symbolic CIDR that a flow starts from or goes to, resolved per config:
 * - `vcn`: Oracle's `vcn_cidr`;
 * - `kubeClients`: Oracle's `kube_client_cidr` (one or more CIDRs);
 * - `bastion`: the bastion host's network (port table: "bastion host, vcn_cidr");
 * - `kubeInternal`: C3's reserved 253.255.0.0/16 (`kube_internal_cidr`, docs/oracle-c3-network.md §2c);
 * - `anywhere`: 0.0.0.0/0, e.g. the yum repository and registry, whose addresses Oracle does not give.
 */
export type CidrRef = "vcn" | "kubeClients" | "bastion" | "kubeInternal" | "anywhere";

/**
 * One end of a flow.
 * - `role`: the hosts of one subnet role; rules are rendered on that role's list (or NSG).
 * - `allRoles`: every managed subnet; rules are rendered on the common list.
 * - `cidr`: a network outside the component's control; no rule is rendered on its side.
 * - `cidrs`: literal CIDRs a user declared (service-LB front-ends, extra rules); like `cidr`.
 */
export type Endpoint =
    | { readonly kind: "role"; readonly role: SubnetRole }
    | { readonly kind: "allRoles" }
    | { readonly kind: "cidr"; readonly ref: CidrRef }
    | { readonly kind: "cidrs"; readonly cidrs: readonly string[] };

/** Ports of a catalogue flow: a literal range, or Oracle's `kubernetes_api_port` resolved per config. */
export type PortSpec = PortRange | "kubernetesApiPort";

/**
 * Where a flow's facts come from. Never label a flow `c3-doc` unless Oracle's C3 pages state it.
 * - `c3-doc`: a C3 page states it (source tags [A]/[B] of docs/oracle-c3-network.md §0);
 * - `c3-port-table-gap`: the C3 port table requires it but Oracle's C3 security lists omit it;
 * - `public-oci-adapted`: Oracle's public-OCI rule (docs/oracle-c3-network.md §9) mapped to C3 as docs/oracle-c3-network.md §9.7 explains;
 * - `derived`: the other half of a documented flow (e.g. the egress side), added by this package;
 * - `unverified`: needed for the topology to work but stated by no Oracle page available to us (e.g. only
 *   non-Oracle Terraform, docs/oracle-c3-network.md §Appendix A); kept narrow and flagged for checking against the live docs;
 * - `user`: declared in the config (service-LB front-ends, extra rules).
 */
export type Provenance =
    "c3-doc" | "c3-port-table-gap" | "public-oci-adapted" | "derived" | "unverified" | "user";

/** Whether a flow of this provenance is required, given the `includeUnverified` choice. */
export function isRequiredProvenance(
    provenance: Provenance,
    includeUnverified: boolean = INCLUDE_UNVERIFIED_BY_DEFAULT,
): boolean {
    return includeUnverified || provenance !== "unverified";
}

/** When a flow applies. Absent fields mean "always". */
export interface FlowCondition {
    /** Only for these CNIs. */
    readonly cni?: readonly ("flannel" | "vcn-native")[];
    /** Only for these cluster-access modes. */
    readonly clusterAccess?: readonly ("public" | "private")[];
    /** Only for these egress modes. */
    readonly egress?: readonly ("flows" | "all")[];
    /** Only when the private subnets do (true) or do not (false, air-gapped) route through a NAT gateway. */
    readonly natGateway?: readonly boolean[];
}

/**
 * One documented network flow: the unit the rules are rendered from and the analyzer proves.
 * Keyed by a stable `id`, like terraform-oci-oke's rule catalogue, but a duplicate id is an error.
 */
export interface FlowDefinition {
    /** Stable key, kebab-case. Rendered rule keys and child names derive from it; never renumber. */
    readonly id: string;
    /** Oracle's rule description where one exists (copied literally), otherwise our own. */
    readonly description: string;
    /** Who opens the connection. */
    readonly source: Endpoint;
    /** Who accepts it. */
    readonly destination: Endpoint;
    /** IP protocol. */
    readonly protocol: Protocol;
    /** Destination ports (tcp/udp only); absent means all ports. */
    readonly ports?: PortSpec;
    /** ICMP type and code (icmp only). */
    readonly icmp?: { readonly type: number; readonly code?: number };
    /** References to docs/oracle-c3-network.md, e.g. `"C3 ports 1a#6"`, `"C3 kmi-seclist 3.4#3"`. */
    readonly refs: readonly string[];
    /** Where the fact comes from. */
    readonly provenance: Provenance;
    /** Why the flow exists or what is unverified about it, when that needs saying. */
    readonly note?: string;
    /** When the flow applies. */
    readonly when?: FlowCondition;
    /**
     * When the flow's rules are rendered but the flow is not required (not in `requiredFlows`, not proven):
     * e.g. Oracle's egress-all rule in an air-gapped network, where nothing could carry it out of the VCN.
     */
    readonly renderOnly?: FlowCondition;
    /** The config fields its source CIDRs come from, beyond what a `cidr` endpoint's ref says ({@link ResolvedFlow.sourceFields}). */
    readonly sourceFields?: readonly string[];
}

/** A flow with its CIDRs resolved for one config: what `requiredFlows` outputs and the analyzer checks. */
export interface ResolvedFlow {
    /** The catalogue id. */
    id: string;
    /** Description. */
    description: string;
    /** Source: the role (or `"all"` for every subnet) when the source is managed, and its CIDRs. */
    source: ResolvedEndpoint;
    /** Destination, likewise. */
    destination: ResolvedEndpoint;
    /** IP protocol. */
    protocol: Protocol;
    /** Destination ports (tcp/udp); absent means all. */
    ports?: PortRange;
    /** ICMP type/code. */
    icmp?: { type: number; code?: number };
    /** References to docs/oracle-c3-network.md. */
    refs: string[];
    /** Provenance. */
    provenance: Provenance;
    /**
     * The config fields the flow's source CIDRs come from (`kubeClientCidrs`, `bastionCidrs`,
     * `serviceLbIngress.<name>`, `extraRules.<name>`), the keys a `worldWideSources` acknowledgement names.
     */
    sourceFields?: string[];
}

/** A resolved flow endpoint. */
export interface ResolvedEndpoint {
    /** The subnet role when the endpoint is one managed subnet; `"all"` for every managed subnet. */
    role?: SubnetRole | "all";
    /** The symbolic CIDR when the endpoint is not a managed subnet. */
    ref?: CidrRef;
    /** The concrete CIDRs (one per kube client / bastion CIDR). */
    cidrs: string[];
}

/**
 * {@link ResolvedFlow} with its enumerations widened to `string`, for the component's `requiredFlows`
 * output: Pulumi's schema inference rejects union types, and other languages see plain strings.
 */
export interface RequiredFlow {
    /** The catalogue id. */
    id: string;
    /** Description (Oracle's text where Oracle gives one). */
    description: string;
    /** Source endpoint. */
    source: RequiredFlowEndpoint;
    /** Destination endpoint. */
    destination: RequiredFlowEndpoint;
    /** `tcp`, `udp`, `icmp` or `all`. */
    protocol: string;
    /** Destination ports (tcp/udp); absent means all. */
    ports?: PortRange;
    /** ICMP type/code. */
    icmp?: RequiredFlowIcmp;
    /** References to docs/oracle-c3-network.md. */
    refs: string[];
    /** `c3-doc`, `c3-port-table-gap`, `public-oci-adapted`, `derived`, `unverified` or `user`. */
    provenance: string;
}

/** An endpoint of a {@link RequiredFlow}. */
export interface RequiredFlowEndpoint {
    /** Subnet role (`worker`, `serviceLb`, `controlPlane`, `controlPlaneEndpoint`, `pod`) or `all`. */
    role?: string;
    /** Symbolic CIDR (`vcn`, `kubeClients`, `bastion`, `kubeInternal`, `anywhere`). */
    ref?: string;
    /** Concrete CIDRs. */
    cidrs: string[];
}

/** ICMP type and optional code. */
export interface RequiredFlowIcmp {
    /** ICMP type. */
    type: number;
    /** ICMP code. */
    code?: number;
}
