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
