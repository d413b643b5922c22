import type * as pulumi from "@pulumi/pulumi";
import { escapeUnsafe, showValue } from "./text";

import type { SubnetRole } from "../c3/roles";

/**
 * The CIDR layout. Plain strings (not Inputs) because validation and carving must run before any resource
 * is registered.
 */
export interface NetworkCidrs {
    /** Oracle's `vcn_cidr`: the VCN's single, unchangeable CIDR (docs/oracle-c3-network.md §2d). Between /16 and /30. */
    vcn: string;
    /** Oracle's `worker_cidr`: the `worker` subnet (worker nodes). Carved from `vcn` when omitted. */
    worker?: string;
    /** Oracle's `workerlb_cidr`: the `service-lb` subnet (Service type LoadBalancer). Carved when omitted. */
    serviceLb?: string;
    /** Oracle's `kmi_cidr`: the `control-plane` subnet (KMI control-plane nodes). Carved when omitted. */
    controlPlane?: string;
    /** Oracle's `kmilb_cidr`: the `control-plane-endpoint` subnet (API-server NLB). Carved when omitted. */
    controlPlaneEndpoint?: string;
    /** Oracle's `pod_cidr`: the `pod` subnet, VCN-native only. Carved when omitted and `cni` is vcn-native. */
    pod?: string;
}

/**
 * One front-end rule of the worker load-balancer subnet (Oracle's workerlb-seclist, docs/oracle-c3-network.md §3.3: "Add each
 * Service-type-LoadBalancer front-end port to this list").
 */
export interface ServiceLbIngressRule {
    /** Stable key; the rule's identity. Must be unique. Lowercase letters, digits and dashes. */
    name: string;
    /** `"tcp"` (default) or `"udp"`. */
    protocol?: string;
    /** The listener port, or the first port of a range. */
    port: number;
    /** The last port of a range; defaults to `port`. */
    portMax?: number;
    /** Source CIDRs; default `kubeClientCidrs` (Oracle's `kube_client_cidr`). */
    sources?: string[];
}

/** A VCN that already exists: the component then creates only what sits inside it. */
export interface ExistingVcn {
    /** The VCN's OCID. */
    id: pulumi.Input<string>;
    /** An existing NAT gateway; one is created when omitted and a NAT route is needed. */
    natGatewayId?: pulumi.Input<string>;
    /** An existing internet gateway; one is created when omitted and the cluster is public. */
    internetGatewayId?: pulumi.Input<string>;
}

/**
 * A user-declared rule added to one role, e.g. the node-pool ingress a workload needs. Typed and keyed by a
 * stable name; validated with the same checks and limits as the generated rules.
 */
export interface ExtraRule {
    /** Stable key, unique across all extra rules. Lowercase letters, digits and dashes. */
    name: string;
    /** The subnet role the rule belongs to: worker, serviceLb, controlPlane, controlPlaneEndpoint or pod. */
    role: string;
    /** `"ingress"` or `"egress"`. */
    direction: string;
    /** `"tcp"`, `"udp"`, `"icmp"` or `"all"`. */
    protocol: string;
    /** The peer CIDR: the source of an ingress rule, the destination of an egress rule. */
    cidr: string;
    /** First destination port (tcp/udp). Omit with portMax for all ports. */
    portMin?: number;
    /** Last destination port (tcp/udp); defaults to portMin. */
    portMax?: number;
    /** ICMP type (icmp only). */
    icmpType?: number;
    /** ICMP code (icmp only). */
    icmpCode?: number;
    /** Free text for the rule's description. */
    description?: string;
}

/**
 * An explicit acknowledgement that one field's sources are world-wide (they cover more than a /8 of globally
 * routable space, see `isWorldWide`). Without one, such a source is refused: opening a port to the internet
 * must never happen through a typo or a too-wide range. Oracle's documented flows need no world-wide source.
 */
export interface WorldWideSource {
    /**
     * The field whose sources may be world-wide: `kubeClientCidrs`, `bastionCidrs`,
     * `serviceLbIngress.<name>` or `extraRules.<name>` (an ingress rule).
     */
    field: string;
    /** Why the internet must reach it (at least 10 characters); shown in the plan. */
    reason: string;
}

/** Oracle's route table names (docs/oracle-c3-network.md §4) as this package creates them. */
export type RouteTableName = "nat_private" | "vcn_private" | "public";

/** Every {@link RouteTableName}, in order. */
export const ROUTE_TABLE_NAMES: readonly RouteTableName[] = ["nat_private", "vcn_private", "public"];

/**
 * A route rule to a DRG or local peering gateway, added to the component's route tables: the path a private
 * cluster's clients (or a peered network) use, declared so the proof names it instead of assuming it.
 */
export interface RouteRule {
    /** Stable key, unique across the route rules. Lowercase letters, digits and dashes. */
    name: string;
    /** The remote network: a CIDR outside the VCN, not 0.0.0.0/0. */
    destination: string;
    /** The target's OCID: a DRG (`ocid1.drg.…`) or a local peering gateway (`ocid1.localpeeringgateway.…`). */
    networkEntityId: string;
    /** Oracle's route table names to add it to; default every table the network uses. */
    routeTables?: string[];
    /** The route rule's description. */
    description?: string;
}

/** A validated {@link RouteRule}. */
export interface ResolvedRouteRule {
    /** Stable key. */
    name: string;
    /** Destination CIDR. */
    destination: string;
    /** The DRG or LPG OCID. */
    networkEntityId: string;
    /** What the OCID names. */
    targetKind: "drg" | "lpg";
    /** The route tables it goes into (only those the network uses get it). */
    routeTables: RouteTableName[];
    /** Description. */
    description: string;
}

/** The arguments of {@link WorkloadClusterNetwork}. */
export interface WorkloadClusterNetworkArgs {
    /** OCID of the compartment for every resource. Oracle: all OKE network resources go in one compartment. */
    compartmentId: pulumi.Input<string>;
    /** The CIDR layout (Oracle's `vcn_cidr`, `worker_cidr`, `workerlb_cidr`, `kmi_cidr`, `kmilb_cidr`, `pod_cidr`). */
    cidrs: NetworkCidrs;
    /** Oracle's `kube_client_cidr`: the networks allowed to reach the Kubernetes API and NodePorts. At least one. */
    kubeClientCidrs: string[];
    /** Oracle's `kubernetes_api_port`; 6443 by default. Oracle says it "must be specified as shown". */
    kubernetesApiPort?: number;
    /** Where the bastion host lives (port table rows 1-2: "bastion host, vcn_cidr"). Default `[cidrs.vcn]`. */
    bastionCidrs?: string[];
    /** `"flannel"` (default) or `"vcn-native"`; see `Cni`. */
    cni?: string;
    /** `"public"` (default) or `"private"`; see `ClusterAccess`. */
    clusterAccess?: string;
    /** `"securityLists"` (default), `"nsgs"` or `"both"`; see `SecurityRulesMode`. */
    securityRules?: string;
    /** `"all"` (default, Oracle's "Allow all outgoing traffic.") or `"flows"` (hardened); see `EgressMode`. */
    egress?: string;
    /** The worker-LB front-end rules (workerlb-seclist). Default: TCP 80 and 443 from `kubeClientCidrs`. */
    serviceLbIngress?: ServiceLbIngressRule[];
    /** Extra per-role rules, keyed by a stable name. */
    extraRules?: ExtraRule[];
    /**
     * Extra route rules to a DRG or LPG by OCID, e.g. the on-premises clients of a private cluster; each is
     * added to the named route tables (default all) and the proof then names it instead of assuming a path.
     */
    routeRules?: RouteRule[];
    /** Private clusters only: when false, no NAT gateway; worker and control plane route within the VCN (`vcn_private`). */
    natGateway?: boolean;
    /** Use an existing VCN instead of creating one. `cidrs.vcn` must still be its CIDR, for validation. */
    existingVcn?: ExistingVcn;
    /** The VCN's DNS label (Oracle's example `oketest`); unique across the tenancy. Derived from the name when omitted. */
    dnsLabel?: string;
    /** Free-form tags for every resource. */
    freeformTags?: Record<string, string>;
    /** Defined tags for every resource, e.g. `{ "OraclePCA-OKE.cluster_id": "..." }`. */
    definedTags?: Record<string, string>;
    /** Acknowledged world-wide sources, one per field; anything world-wide without one is refused. */
    worldWideSources?: WorldWideSource[];
}

/** The resolved CIDR of each subnet role, after carving. `pod` only with VCN-native. */
export interface ResolvedLayout {
    /** Oracle's `vcn_cidr`. */
    vcn: string;
    /** Oracle's `worker_cidr`. */
    worker: string;
    /** Oracle's `workerlb_cidr`. */
    serviceLb: string;
    /** Oracle's `kmi_cidr`. */
    controlPlane: string;
    /** Oracle's `kmilb_cidr`. */
    controlPlaneEndpoint: string;
    /** Oracle's `pod_cidr` (VCN-native only). */
    pod?: string;
}

/** A normalized worker-LB front-end rule. */
export interface ResolvedServiceLbIngress {
    /** Stable key from {@link ServiceLbIngressRule.name}. */
    name: string;
    /** `"tcp"` or `"udp"`. */
    protocol: "tcp" | "udp";
    /** Destination port range. */
    ports: { min: number; max: number };
    /** Source CIDRs. */
    sources: string[];
}

/** A normalized {@link ExtraRule}. */
export interface ResolvedExtraRule {
    /** Stable key. */
    name: string;
    /** Subnet role. */
    role: SubnetRole;
    /** Rule direction. */
    direction: "ingress" | "egress";
    /** Protocol. */
    protocol: "tcp" | "udp" | "icmp" | "all";
    /** Peer CIDR. */
    cidr: string;
    /** tcp/udp destination ports; absent means all. */
    ports?: { min: number; max: number };
    /** ICMP type and optional code. */
    icmp?: { type: number; code?: number };
    /** Description. */
    description: string;
}

/** The whole config after validation and carving: everything the catalogue and renderer need, all plain data. */
export interface ResolvedConfig {
    /** Flannel or VCN-native. */
    cni: "flannel" | "vcn-native";
    /** Public or private. */
    clusterAccess: "public" | "private";
    /** Where role rules live. */
    securityRules: "securityLists" | "nsgs" | "both";
    /** Egress breadth. */
    egress: "flows" | "all";
    /** Subnet CIDRs. */
    layout: ResolvedLayout;
    /** Oracle's `kube_client_cidr` list. */
    kubeClientCidrs: string[];
    /** Bastion source CIDRs. */
    bastionCidrs: string[];
    /** Oracle's `kubernetes_api_port`. */
    kubernetesApiPort: number;
    /** Worker-LB front-end rules. */
    serviceLbIngress: ResolvedServiceLbIngress[];
    /** User rules. */
    extraRules: ResolvedExtraRule[];
    /** Whether a NAT gateway route serves the private subnets (false only for air-gapped private clusters). */
    natGateway: boolean;
    /** Route rules to DRGs and LPGs. */
    routeRules: ResolvedRouteRule[];
    /** The VCN DNS label. */
    dnsLabel: string;
    /** Acknowledged world-wide sources (each one matches a field that is world-wide). */
    worldWideSources: WorldWideSource[];
}

/** One problem found by validation: where, what, and how to fix it. */
export interface ConfigProblem {
    /** Field path in the args, e.g. `cidrs.worker` or `kubeClientCidrs[1]`. */
    path: string;
    /** The offending value. */
    value: unknown;
    /** What is wrong. */
    message: string;
    /** How to fix it. */
    fix: string;
}

/** Thrown when a config is refused. Lists every problem at once; nothing has been registered. */
export class NetworkConfigError extends Error {
    /** Every problem found. */
    readonly problems: readonly ConfigProblem[];

    constructor(problems: readonly ConfigProblem[]) {
        super(formatProblems(problems));
        this.name = "NetworkConfigError";
        this.problems = problems;
    }
}

function formatProblems(problems: readonly ConfigProblem[]): string {
    const lines = problems.map(
        (p) =>
            `  - ${escapeUnsafe(p.path)}: ${p.message} (got ${showValue(p.value)}). Fix: ${escapeUnsafe(p.fix)}`,
    );
    return `oke-c3-network: the config was refused, nothing was created (${problems.length} problem${
        problems.length === 1 ? "" : "s"
    }):\n${lines.join("\n")}`;
}
