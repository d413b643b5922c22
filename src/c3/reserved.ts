/* The address ranges C3 keeps for itself (docs/oracle-c3-network.md §2c-2d). Data only, no imports. */

/** An address range that C3 keeps for itself, so no VCN, subnet or client range may use it. */
export interface ReservedRange {
    /** The reserved block. */
    readonly cidr: string;
    /** Where Oracle says so (section of docs/oracle-c3-network.md and Oracle's page). */
    readonly source: string;
    /** Why C3 reserves it, in words a user can act on. */
    readonly reason: string;
}

/**
 * Oracle's `kube_internal_cidr` (docs/oracle-c3-network.md §2c): C3's internal infrastructure network. It is the fixed source of
 * the mandatory kmilb-seclist rule on 6443 ("This value is required. Do not change this CIDR value."), so
 * the appliance's own services can reach the control-plane load balancer.
 */
export const KUBE_INTERNAL_CIDR = "253.255.0.0/16";

/**
 * The ranges C3 reserves (docs/oracle-c3-network.md §2d, "Reserved Network Resources"; docs/oracle-c3-network.md §2c for 253.255.0.0/16). A VCN that
 * overlaps one of them would route addresses the appliance already uses internally.
 */
export const C3_RESERVED_RANGES: readonly ReservedRange[] = [
    {
        // Part of 100.64.0.0/10 (carrier-grade NAT space), which C3 uses for appliance-internal links.
        cidr: "100.96.0.0/23",
        source: 'docs/oracle-c3-network.md §2d, Oracle "Reserved Network Resources"',
        reason: "reserved by C3 for appliance-internal networking (inside 100.64.0.0/10)",
    },
    {
        cidr: "100.96.2.0/23",
        source: 'docs/oracle-c3-network.md §2d, Oracle "Reserved Network Resources"',
        reason: "reserved by C3 for appliance-internal networking (inside 100.64.0.0/10)",
    },
    {
        // The whole Class-E block: microservice containers, VCN data-network switches/routers/gateways,
        // hypervisors and chassis components all live here.
        cidr: KUBE_INTERNAL_CIDR,
        source: 'docs/oracle-c3-network.md §2c/§2d, Oracle "Reserved Network Resources" (kube_internal_cidr)',
        reason:
            "C3's internal infrastructure network (Oracle's kube_internal_cidr: appliance services, VCN " +
            "routers and gateways, hypervisors); it must never be used inside a VCN",
    },
    {
        // Link-local addresses are answered by the virtual network itself, never routed into a VCN.
        cidr: "169.254.239.0/24",
        source: 'docs/oracle-c3-network.md §2d, Oracle "Reserved Network Resources"',
        reason: "link-local range reserved by C3 for its virtual network services",
    },
    {
        // The instance metadata endpoint: every instance must reach it, so nothing may shadow it.
        cidr: "169.254.169.254/32",
        source: 'docs/oracle-c3-network.md §2d, Oracle "Reserved Network Resources"',
        reason: "the instance metadata service address (link-local)",
    },
];
