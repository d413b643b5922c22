/*
 * The network choices a cluster is built with, and which of them is Oracle's documented design. No imports:
 * this module is at the bottom of the layers.
 */

/**
 * Pod networking mode: Oracle's CNI choice at cluster creation (`FLANNEL_OVERLAY` or `OCI_VCN_IP_NATIVE`).
 * Strings rather than a TypeScript union because Pulumi's schema inference rejects unions in component args.
 */
export const Cni = {
    /** Oracle's "Flannel Overlay" design (docs/oracle-c3-network.md §1a, §3): no pod subnet. The default. */
    Flannel: "flannel",
    /** Oracle's "VCN-Native Pod" design (docs/oracle-c3-network.md §1b, §2b, §3.6): pods take IPs from the `pod` subnet. */
    VcnNative: "vcn-native",
} as const;

/** Public or private cluster (Oracle's "Public and Private Clusters" page, docs/oracle-c3-network.md §4 note). */
export const ClusterAccess = {
    /** `control-plane-endpoint` and `service-lb` are public subnets behind an internet gateway. The default. */
    Public: "public",
    /** Every subnet is private; no internet gateway. */
    Private: "private",
} as const;

/** Where the role rules live (docs/oracle-c3-network.md §6: C3 NSGs attach to VNICs only). */
export const SecurityRulesMode = {
    /** Oracle's design: one security list per subnet role. The default. */
    SecurityLists: "securityLists",
    /** Role rules in one NSG per role; subnets keep only the common list. */
    Nsgs: "nsgs",
    /** Role rules in both the security lists and the NSGs. */
    Both: "both",
} as const;

/** How much egress the generated rules open. */
export const EgressMode = {
    /**
     * Hardened, opt-in: egress only for catalogued flows, from every subnet a flow's source overlaps: each
     * role to the subnets it must reach, workers, control plane and pods to yum and the registry (TCP 80,
     * 443, 5000 through NAT), ICMP 3 and 11 to anywhere (Path Discovery). The README lists what it blocks.
     */
    Flows: "flows",
    /**
     * Oracle's documented behaviour (the default): "Allow all outgoing traffic." (0.0.0.0/0, all protocols)
     * on the list every subnet carries, as Oracle's default list and its newer per-subnet lists do (docs/oracle-c3-network.md §3.1,
     * §3.3, §3.6).
     */
    All: "all",
} as const;
