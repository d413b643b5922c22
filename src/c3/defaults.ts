/*
 * Every default of the package, in one place: what a network is built with, and what a check of an existing
 * network assumes, when the caller does not say. Each says whether it is Oracle's or this package's choice.
 */
import { ClusterAccess, Cni, EgressMode, SecurityRulesMode } from "./choices";

/**
 * The VCN DNS label when `dnsLabel` is omitted (Oracle's example is `oketest`, docs/oracle-c3-network.md §5). Oracle requires it to
 * be unique across the tenancy (docs/oracle-c3-network.md §2d), so callers with several networks should set their own; the
 * component may derive one from its name instead.
 */
export const DEFAULT_VCN_DNS_LABEL = "okec3";

/** Oracle's `kubernetes_api_port` default; Oracle says it "must be specified as shown" (docs/oracle-c3-network.md §1, §7.5). */
export const DEFAULT_KUBERNETES_API_PORT = 6443;

/** The defaults of the enumerated choices. */
export const DEFAULT_CHOICES: Readonly<{
    cni: (typeof Cni)[keyof typeof Cni];
    clusterAccess: (typeof ClusterAccess)[keyof typeof ClusterAccess];
    securityRules: (typeof SecurityRulesMode)[keyof typeof SecurityRulesMode];
    egress: (typeof EgressMode)[keyof typeof EgressMode];
}> = {
    cni: Cni.Flannel,
    clusterAccess: ClusterAccess.Public,
    securityRules: SecurityRulesMode.SecurityLists,
    egress: EgressMode.All,
};

/**
 * Whether a check of an existing network requires the flows no Oracle page states (provenance `unverified`)
 * when its caller does not say: no. Oracle's stated flows are required; the unverified ones are an opt-in
 * (`includeUnverified`), the same for the analyzer (`requiredFlowsForModel`, the CLI's `verify`) and the
 * policy pack (`oke-c3-required-flows`).
 */
export const INCLUDE_UNVERIFIED_BY_DEFAULT = false;

/**
 * Whether the private subnets are held to reach the outside through a NAT gateway (port table rows 3-5:
 * yum and the registry) when the caller does not say: yes, as Oracle's table states and as the component
 * builds. `natGateway: false` is the air-gapped opt-out, the same for the component, the analyzer
 * (`requiredFlowsForModel`) and the policy pack (`oke-c3-required-flows`).
 */
export const NAT_GATEWAY_BY_DEFAULT = true;

/** Oracle's workerlb-seclist front-ends (docs/oracle-c3-network.md §3.3): TCP 80 and 443 from `kube_client_cidr`. */
export const DEFAULT_SERVICE_LB_FRONT_ENDS: readonly { name: string; port: number }[] = [
    { name: "http", port: 80 },
    { name: "https", port: 443 },
];
