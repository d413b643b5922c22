/*
 * C3 service limits that bound what this package may generate (docs/oracle-c3-network.md §6, Oracle "Resource Limits" and
 * "Security Lists"/"Network Security Groups" pages, [A]). The renderer checks the rule counts; validation
 * only needs the subnet count. C3's limits are lower than public OCI's, so the public numbers must not be
 * used here.
 */

/** Security lists per VCN (docs/oracle-c3-network.md §6). */
export const MAX_SECURITY_LISTS_PER_VCN = 20;

/** Security lists attached to one subnet (docs/oracle-c3-network.md §6). Oracle's design uses two: the default list plus the role list. */
export const MAX_SECURITY_LISTS_PER_SUBNET = 5;

/** Ingress rules in one security list (docs/oracle-c3-network.md §6: "30 ingress + 30 egress"). */
export const MAX_INGRESS_RULES_PER_SECURITY_LIST = 30;

/** Egress rules in one security list (docs/oracle-c3-network.md §6: "30 ingress + 30 egress"). */
export const MAX_EGRESS_RULES_PER_SECURITY_LIST = 30;

/** Rules in one NSG, ingress and egress together (docs/oracle-c3-network.md §6). */
export const MAX_RULES_PER_NSG = 50;

/** NSGs per VCN (docs/oracle-c3-network.md §6). */
export const MAX_NSGS_PER_VCN = 100;

/** NSGs on one VNIC (docs/oracle-c3-network.md §6). Note OKE itself takes at most one NSG per endpoint and per node pool. */
export const MAX_NSGS_PER_VNIC = 5;

/** Route tables per VCN (docs/oracle-c3-network.md §6). */
export const MAX_ROUTE_TABLES_PER_VCN = 20;

/** Route rules in one route table (docs/oracle-c3-network.md §6). */
export const MAX_ROUTE_RULES_PER_TABLE = 50;

/** Subnets per VCN (docs/oracle-c3-network.md §6). */
export const MAX_SUBNETS_PER_VCN = 40;

/** Rules per add/update/remove security-rule call (docs/oracle-c3-network.md §6); matters for NSG rule batching. */
export const MAX_RULES_PER_SECURITY_RULE_CALL = 25;

/** What C3 limits per container: a security list's rules per direction, an NSG's rules, a subnet's lists. */
export type LimitMeasure = "ingress rules" | "egress rules" | "rules" | "security lists";

/** A limit per measure. */
export type LimitTable = Readonly<Record<LimitMeasure, number>>;

/** C3's limits (docs/oracle-c3-network.md §6), per measure. */
export const C3_LIMITS: LimitTable = {
    "ingress rules": MAX_INGRESS_RULES_PER_SECURITY_LIST,
    "egress rules": MAX_EGRESS_RULES_PER_SECURITY_LIST,
    rules: MAX_RULES_PER_NSG,
    "security lists": MAX_SECURITY_LISTS_PER_SUBNET,
};

/** One count of a container, in whatever shape its reader names the container. */
export interface LimitCounted<S> {
    /** The container (a plan's list, a model's NSG, a policy's record). */
    subject: S;
    /** What was counted. */
    measure: LimitMeasure;
    /** How many. */
    count: number;
}

/**
 * Every count with its limit, and whether it is over: the one comparison the renderer (before anything is
 * registered), the analyzer's `limit-exceeded` finding and the policy `oke-c3-rule-limits` make. Each counts
 * its own representation (a plan, a model, resource records); what counts as too many is decided here.
 */
export function withLimits<S>(
    counts: readonly LimitCounted<S>[],
    limits: LimitTable = C3_LIMITS,
): (LimitCounted<S> & { limit: number; over: boolean })[] {
    return counts.map((c) => {
        const limit = limits[c.measure];
        return { ...c, limit, over: overLimit(c.count, limit) };
    });
}

/** Whether `count` breaks `limit`: C3 accepts exactly `limit`, refuses one more. */
export function overLimit(count: number, limit: number): boolean {
    return count > limit;
}
