/**
 * The offline flow analyzer: builds a model of what OCI would enforce from resource records (a mock run, a
 * policy pack's resources, a `pulumi stack export`), checks every required flow with OCI's semantics,
 * explains each verdict, reports least-privilege findings and limits, and diffs two networks.
 */
export {
    analyzeNetwork,
    analyzeResources,
    seedRowsOf,
    type AnalyzeOptions,
    type AnalyzeResourcesOptions,
} from "./analyze";
export {
    diffModels,
    diffReports,
    evaluateProbe,
    flowProbes,
    mergeProbes,
    ruleProbes,
    type ModelDiff,
    type Probe,
    type ProbeChange,
    type ProbeEnd,
    type ProbeOutcome,
    type ReportDiff,
} from "./report/diff";
export { checkFromVerdict, routeText, rulesText } from "./report/explain";
export {
    DEFAULT_ANYWHERE_EXCEPTIONS,
    findingsFor,
    type FindingOptions,
    type TrafficException,
} from "./checks/findings";
export { limitCounts } from "./checks/limits";
export {
    evaluateFlow,
    evaluateFlows,
    flowQueries,
    type FlowEnd,
    type FlowQuery,
    type FlowVerdict,
    type RouteVerdict,
    type RuleRef,
    type SideVerdict,
} from "./evaluate/evaluate";
export {
    GATEWAY_TYPES,
    OCI_TYPES,
    modelsFromResources,
    type ModelsFromResourcesOptions,
} from "./model/from-resources";
export type {
    GatewayKind,
    ModelGateway,
    ModelNsg,
    ModelRouteRule,
    ModelRouteTable,
    ModelRule,
    ModelSecurityList,
    ModelSubnet,
    NetworkModel,
    RuleOrigin,
} from "./model/model";
export {
    type AnalysisReport,
    type ContainerSummary,
    type NetworkSummary,
    type ReportSummary,
    type RouteTableSummary,
    type RuleSummary,
    type SeedRowResult,
    type SubnetSummary,
} from "./report/report";
export type { ResourceRecord } from "./model/resources";
export { kubeClientsFromModel, type KubeClients } from "./requirements/kube-clients";
export {
    requiredFlowsForModel,
    resolvedFlowsFromOutput,
    rolesOf,
    type ModelFlowContext,
    type ModelFlowOptions,
    type ModelFlowRequirements,
} from "./requirements/flows-for-model";
export { componentOutputsFromStackExport, nameFromUrn, recordsFromStackExport } from "./model/stack-export";
export { IngestError, MAX_INPUT_BYTES } from "./model/ingest/common";
export { modelsFromIngested, recordsFromStackExportFile, type IngestedModel } from "./model/ingest/network";
export { OCI_EXPORT_FILES, recordsFromOciExport, type IngestedExport } from "./model/ingest/oci-export";
export type { IngestedNetwork, IngestSource } from "./model/ingest/records";
export { recordsFromTerraform, TERRAFORM_TYPES } from "./model/ingest/terraform";
export { summarizeModel } from "./report/summary";
export { SEED_ROWS } from "../c3/seed-rows";
export { INCLUDE_UNVERIFIED_BY_DEFAULT, NAT_GATEWAY_BY_DEFAULT } from "../c3/defaults";
export type { SecurityRule } from "../net/rules";
export { clustersInVcn, detectCni, type CniDecision, type CniEvidence } from "./requirements/cni";
export { ruleCoversRule } from "../net/rules";
export {
    SEVERITIES,
    severityAtLeast,
    type Finding,
    type FindingKind,
    type FindingSubject,
    type LimitCount,
    type Severity,
} from "./checks/finding";
export { type Failure, type FailureKind, type FlowCheck, type FlowResult } from "./evaluate/result";
export { ruleRefText } from "./evaluate/verdict";
