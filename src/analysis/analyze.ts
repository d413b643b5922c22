import type { ResolvedEndpoint, ResolvedFlow } from "../catalogue/types";
import { evaluateFlow, flowQueries } from "./evaluate/evaluate";
import { essentialSide } from "./checks/essential";
import { checkFromVerdict, missingSubnetCheck, undecidedCheck } from "./report/explain";
import { findingsFor, type FindingOptions } from "./checks/findings";
import { modelsFromResources, type ModelsFromResourcesOptions } from "./model/from-resources";
import { describeMissingRole } from "./evaluate/locate";
import type { NetworkModel } from "./model/model";
import type { AnalysisReport, ReportSummary, SeedRowResult } from "./report/report";
import type { ResourceRecord } from "./model/resources";
import {
    requiredFlowsForModel,
    rolesOf,
    type ModelFlowOptions,
    type ModelFlowRequirements,
} from "./requirements/flows-for-model";
import { summarizeModel } from "./report/summary";
import { clustersInVcn } from "./requirements/cni";
import { ruleEntries, type RuleEntry } from "./checks/rule-usage";
import type { FlowVerdict } from "./evaluate/verdict";
import type { SubnetRole } from "../c3/roles";
import { SEED_ROWS } from "../c3/seed-rows";
import type { Severity } from "./checks/finding";
import type { FlowCheck, FlowResult } from "./evaluate/result";

/*
 * The analyzer's entry point: every required and declared flow checked with OCI semantics and explained,
 * Oracle's port table row by row, and the least-privilege findings that tie each rule to the flows it
 * serves.
 */

/** Options of {@link analyzeNetwork}. */
export type AnalyzeOptions = FindingOptions;

const SEED_REF = /^C3 ports 1a#(\d+)$/;

/** The port-table rows a flow's references name. */
export function seedRowsOf(flow: Pick<ResolvedFlow, "refs">): number[] {
    return flow.refs
        .map((r) => SEED_REF.exec(r)?.[1])
        .filter((n): n is string => n !== undefined)
        .map(Number);
}

/**
 * Analyses one network: `flows` is the component's `requiredFlows`, or the result of
 * {@link requiredFlowsForModel} (whose notes and missing roles then appear in the report).
 */
export function analyzeNetwork(
    model: NetworkModel,
    flows: readonly ResolvedFlow[] | ModelFlowRequirements,
    options: AnalyzeOptions = {},
): AnalysisReport {
    const list = "flows" in flows ? flows.flows : flows;
    const ctx: Context = {
        model,
        roles: rolesOf(model),
        verdicts: [],
        byId: new Map(ruleEntries(model).map((e) => [e.id, e])),
    };
    const results = list.map((flow) => flowResult(ctx, flow));
    const { findings, limits } = findingsFor(model, ctx.verdicts, options);
    return {
        network: summarizeModel(model),
        flows: results,
        seedTable: seedTable(results),
        findings,
        limits,
        summary: summaryOf(results, findings),
        notes: "flows" in flows ? [...flows.notes] : [...(model.notes ?? [])],
        assumptions: assumptionsOf(results),
    };
}

/** Every route assumption of every check, once each. */
function assumptionsOf(results: readonly FlowResult[]): string[] {
    return [...new Set(results.flatMap((r) => r.checks.flatMap((c) => c.assumptions)))];
}

/** Options of {@link analyzeResources}. */
export interface AnalyzeResourcesOptions extends ModelsFromResourcesOptions, AnalyzeOptions {
    /** The required flows (e.g. the component's `requiredFlows`); default: derived per model from the catalogue. */
    flows?: ResolvedFlow[];
    /** How to derive the flows when `flows` is not given. */
    requirements?: ModelFlowOptions;
}

/** Analyses every VCN in a list of resource records (a mock run, a policy pack's resources, a stack export). */
export function analyzeResources(
    records: ResourceRecord[],
    options: AnalyzeResourcesOptions = {},
): AnalysisReport[] {
    return modelsFromResources(records, options).map((model) => {
        const flows =
            options.flows ??
            requiredFlowsForModel(model, {
                clusters: clustersInVcn(records, model),
                ...options.requirements,
            });
        return analyzeNetwork(model, flows, options);
    });
}

function endpointText(end: ResolvedEndpoint): string {
    return end.cidrs.length > 0 ? end.cidrs.join(", ") : (end.role ?? end.ref ?? "unknown");
}

/** The role an endpoint names that the model lacks, if any. */
function missingRole(end: ResolvedEndpoint, roles: ReadonlySet<SubnetRole>): SubnetRole | undefined {
    return end.role !== undefined && end.role !== "all" && !roles.has(end.role) ? end.role : undefined;
}

/** What the per-flow checks share: the model, its roles and rules, and every verdict for the findings. */
interface Context {
    model: NetworkModel;
    roles: ReadonlySet<SubnetRole>;
    verdicts: FlowVerdict[];
    byId: ReadonlyMap<string, RuleEntry>;
}

function flowChecks(ctx: Context, flow: ResolvedFlow): FlowCheck[] {
    const { model, roles } = ctx;
    const src = endpointText(flow.source);
    const dst = endpointText(flow.destination);
    const missing = missingRole(flow.destination, roles) ?? missingRole(flow.source, roles);
    if (missing !== undefined) return [missingSubnetCheck(src, dst, describeMissingRole(missing))];
    const queries = flowQueries(model, flow);
    if (queries.length === 0) {
        const empty = flow.source.cidrs.length === 0 ? flow.source : flow.destination;
        const what = empty.ref ?? empty.role ?? "the flow's source";
        return [undecidedCheck(src, dst, `cannot be checked: no CIDRs are known for ${what}`)];
    }
    return queries.map((q) => {
        const verdict = evaluateFlow(model, q);
        // Findings see every rule that touches a flow; the explanation names only those that carry it.
        ctx.verdicts.push(verdict);
        return checkFromVerdict({
            ...verdict,
            ingress: essentialSide(verdict.ingress, verdict, "ingress", ctx.byId),
            egress: essentialSide(verdict.egress, verdict, "egress", ctx.byId),
        });
    });
}

function worst(statuses: readonly FlowCheck["status"][]): FlowResult["status"] {
    if (statuses.includes("denied")) return "denied";
    return statuses.includes("unknown") ? "unknown" : "allowed";
}

function flowResult(ctx: Context, flow: ResolvedFlow): FlowResult {
    const checks = flowChecks(ctx, flow);
    return {
        id: flow.id,
        description: flow.description,
        refs: [...flow.refs],
        seedRows: seedRowsOf(flow),
        provenance: flow.provenance,
        source: flow.source,
        destination: flow.destination,
        protocol: flow.protocol,
        ...(flow.ports === undefined ? {} : { ports: flow.ports }),
        ...(flow.icmp === undefined ? {} : { icmp: flow.icmp }),
        status: worst(checks.map((c) => c.status)),
        checks,
    };
}

function seedTable(results: readonly FlowResult[]): SeedRowResult[] {
    return SEED_ROWS.map((description, i) => {
        const row = i + 1;
        const flows = results.filter((r) => r.seedRows.includes(row));
        return {
            row,
            description,
            flowIds: flows.map((f) => f.id),
            status: flows.length === 0 ? "not-required" : worst(flows.map((f) => f.status)),
        };
    });
}

function summaryOf(results: readonly FlowResult[], findings: AnalysisReport["findings"]): ReportSummary {
    const count = (status: FlowResult["status"]): number => results.filter((r) => r.status === status).length;
    const bySeverity = (s: Severity): number => findings.filter((f) => f.severity === s).length;
    return {
        flows: results.length,
        holding: count("allowed"),
        failing: count("denied"),
        unknown: count("unknown"),
        findings: {
            info: bySeverity("info"),
            low: bySeverity("low"),
            medium: bySeverity("medium"),
            high: bySeverity("high"),
        },
    };
}
