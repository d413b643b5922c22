/**
 * The offline flow analyzer: builds a model of what OCI would enforce from resource records (a mock run, a
 * policy pack's resources, a `pulumi stack export`), checks every required flow with OCI's semantics,
 * explains each verdict, reports least-privilege findings and limits, and diffs two networks.
 */
export {
    analyzeNetwork,
    analyzeResources,
    seedRowsOf,
    SEED_ROWS,
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
} from "./diff";
export { checkFromVerdict, routeText, rulesText } from "./explain";
export {
    DEFAULT_ANYWHERE_EXCEPTIONS,
    findingsFor,
    ruleCoversRule,
    type FindingOptions,
    type TrafficException,
} from "./findings";
export { limitCounts } from "./findings-network";
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
} from "./evaluate";
export {
    GATEWAY_TYPES,
    OCI_TYPES,
    modelsFromResources,
    type ModelsFromResourcesOptions,
} from "./from-resources";
export { recordProgram, valueOf, type RecordedRun, type RecordOptions } from "./mock-engine";
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
} from "./model";
export {
    SEVERITIES,
    ruleRefText,
    severityAtLeast,
    type AnalysisReport,
    type ContainerSummary,
    type Failure,
    type FailureKind,
    type Finding,
    type FindingKind,
    type FindingSubject,
    type FlowCheck,
    type FlowResult,
    type LimitCount,
    type NetworkSummary,
    type ReportSummary,
    type RouteTableSummary,
    type RuleSummary,
    type SeedRowResult,
    type Severity,
    type SubnetSummary,
} from "./report";
export type { ResourceRecord } from "./resources";
export { kubeClientsFromModel, type KubeClients } from "./kube-clients";
export {
    requiredFlowsForModel,
    resolvedFlowsFromOutput,
    rolesOf,
    type ModelFlowContext,
    type ModelFlowOptions,
    type ModelFlowRequirements,
} from "./roles";
export { componentOutputsFromStackExport, nameFromUrn, recordsFromStackExport } from "./stack-export";
export { IngestError, MAX_INPUT_BYTES } from "./ingest/common";
export { modelsFromIngested, recordsFromStackExportFile, type IngestedModel } from "./ingest/network";
export { OCI_EXPORT_FILES, recordsFromOciExport, type IngestedExport } from "./ingest/oci-export";
export type { IngestedNetwork, IngestSource } from "./ingest/records";
export { recordsFromTerraform, TERRAFORM_TYPES } from "./ingest/terraform";
export { summarizeModel } from "./summary";
