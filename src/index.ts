/**
 * oke-c3-network: the network of an OKE workload cluster on Oracle Compute Cloud@Customer (C3), as one
 * Pulumi component, plus the offline analyzer that proves Oracle's documented flows against any network.
 */
export { WorkloadClusterNetwork, WORKLOAD_CLUSTER_NETWORK_TYPE } from "./component/workload-cluster-network";
export type { RoleIds } from "./component/children";
export { NetworkConfigError } from "./config/types";
export type {
    WorkloadClusterNetworkArgs,
    NetworkCidrs,
    ServiceLbIngressRule,
    ExtraRule,
    ExistingVcn,
    ResolvedLayout,
    ResolvedConfig,
    ConfigProblem,
    WorldWideSource,
} from "./config/types";
export { resolveConfig, validateConfig } from "./config/validate";
export { networkProblems, resolveNetwork } from "./config/resolve";
export { isWorldWide, globallyRoutableSize, NON_GLOBAL_RANGES } from "./net/world";
export { carveLayout } from "./config/carve";
export { STATIC_FLOWS, requiredFlowsFor } from "./catalogue/flows";
export type { FlowDefinition, ResolvedFlow, Endpoint, Provenance } from "./catalogue/types";
export { planNetwork } from "./plan/plan";
export { SUBNET_DISPLAY_NAMES, SUBNET_ROLES, ORACLE_CIDR_TERMS } from "./c3/roles";
export { type SubnetRole } from "./c3/roles";
export { Cni, ClusterAccess, EgressMode, SecurityRulesMode } from "./c3/choices";
export {
    DEFAULT_CHOICES,
    DEFAULT_KUBERNETES_API_PORT,
    DEFAULT_SERVICE_LB_FRONT_ENDS,
    DEFAULT_VCN_DNS_LABEL,
    INCLUDE_UNVERIFIED_BY_DEFAULT,
    NAT_GATEWAY_BY_DEFAULT,
} from "./c3/defaults";
export { type NetworkPlan } from "./plan/types";
