/**
 * oke-c3-network/policy: the CrossGuard policies that check any stack's OKE networks on C3, whether the
 * WorkloadClusterNetwork component built them or they are plain `@pulumi/oci` resources. The policy pack in
 * `policy/` wraps {@link policies} in a `PolicyPack`; importing this module starts no policy server.
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import { noWorldIngressPolicy } from "./no-world-ingress";
import { nodePortExposurePolicy } from "./nodeport-exposure";
import { requiredFlowsPolicy } from "./required-flows";
import { requiredNamesPolicy } from "./required-names";
import { reservedCidrsPolicy } from "./reserved-cidrs";
import { ruleLimitsPolicy } from "./rule-limits";
import { statelessReplyPolicy } from "./stateless-reply";
import { routeAssumptionsPolicy } from "./route-assumptions";

export { requiredFlowsPolicy, requiredFlowsCheck, checkRequiredFlows } from "./required-flows";
export type { RequiredFlowsConfig } from "./required-flows";
export { noWorldIngressPolicy, noWorldIngressCheck, checkNoWorldIngress } from "./no-world-ingress";
export type { NoWorldIngressConfig, WorldPortException } from "./no-world-ingress";
export { nodePortExposurePolicy, nodePortExposureCheck, checkNodePortExposure } from "./nodeport-exposure";
export type { NodePortExposureConfig } from "./nodeport-exposure";
export { ruleLimitsPolicy, ruleLimitsCheck, checkRuleLimits } from "./rule-limits";
export type { RuleLimitsConfig } from "./rule-limits";
export { reservedCidrsPolicy, reservedCidrsCheck, checkReservedCidrs } from "./reserved-cidrs";
export type { ReservedCidrsConfig } from "./reserved-cidrs";
export { requiredNamesPolicy, requiredNamesCheck, checkRequiredNames } from "./required-names";
export type { RequiredNamesConfig } from "./required-names";
export {
    statelessReplyPolicy,
    statelessReplyCheck,
    checkStatelessReply,
    replyQuery,
} from "./stateless-reply";
export type { StatelessReplyConfig } from "./stateless-reply";
export { routeAssumptionsPolicy, routeAssumptionsCheck, checkRouteAssumptions } from "./route-assumptions";
export { stackPolicy, runCheck, NO_OKE_NETWORK } from "./define";
export type { CheckOutcome, NotApplicable, StackCheck } from "./define";
export { UNDECIDED_PREFIX, reportResult } from "./report";
export type { CheckResult, PolicyReport } from "./report";
export {
    recordFromPolicyResource,
    recordsFromPolicyResources,
    plainValue,
    UNKNOWN_VALUE_SENTINELS,
} from "./records";
export { stackView, stackViewOf, COMPONENT_TYPE } from "./stack";
export type { StackView } from "./stack";
export { okeNetworks, detectCni } from "./networks";
export type { OkeNetwork, CniDecision, NetworkOptions } from "./networks";
export { kubeClientsOf } from "./kube-clients";
export type { KubeClients } from "./kube-clients";
export { requiredFlowsForModel } from "./required-flows-for-model";
export type { FlowRequirementOptions, FlowRequirements } from "./required-flows-for-model";

/** Every policy of the pack, in the order Pulumi lists them. */
export const policies: StackValidationPolicy[] = [
    requiredFlowsPolicy,
    noWorldIngressPolicy,
    nodePortExposurePolicy,
    ruleLimitsPolicy,
    reservedCidrsPolicy,
    requiredNamesPolicy,
    statelessReplyPolicy,
    routeAssumptionsPolicy,
];

/** The pack's name, as `policy/index.ts` registers it. */
export const POLICY_PACK_NAME = "oke-c3-network";
