import type { ProbeChange, ProbeEnd, ProbeOutcome } from "../analysis/report/diff";
import type { AnalysisReport, ContainerSummary, RuleSummary, SubnetSummary } from "../analysis/report/report";
import {
    type FlowPartVerdict,
    type RouteVerdict,
    type RuleRef,
    type SideVerdict,
    ruleRefText,
} from "../analysis/evaluate/verdict";
import type { ResolvedEndpoint } from "../catalogue/types";
import type { ResolvedConfig } from "../config/types";
import type { PlanDiff } from "./diff";
import type { OfflinePlan } from "./plan";
import { describeTraffic } from "../net/describe";
import type { Finding, LimitCount } from "../analysis/checks/finding";
import type { FlowCheck, FlowResult } from "../analysis/evaluate/result";
/*
 * `--format json`: a versioned document for CI and tooling. Every object is built here field by field, in
 * the order the README documents, with `null` for an absent optional value, so the keys and their order
 * never depend on the data. Model keys (URNs) are left out: names are what a reader can act on.
 */

/** The JSON document's format version; bumped on any incompatible change. */
export const JSON_VERSION = 1;

/** A JSON value. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const orNull = <T extends Json>(value: T | undefined): T | null => (value === undefined ? null : value);

function configJson(c: ResolvedConfig): Json {
    return {
        cni: c.cni,
        clusterAccess: c.clusterAccess,
        securityRules: c.securityRules,
        egress: c.egress,
        natGateway: c.natGateway,
        kubernetesApiPort: c.kubernetesApiPort,
        layout: {
            vcn: c.layout.vcn,
            worker: c.layout.worker,
            serviceLb: c.layout.serviceLb,
            controlPlane: c.layout.controlPlane,
            controlPlaneEndpoint: c.layout.controlPlaneEndpoint,
            pod: orNull(c.layout.pod),
        },
        kubeClientCidrs: [...c.kubeClientCidrs],
        bastionCidrs: [...c.bastionCidrs],
        dnsLabel: c.dnsLabel,
    };
}

function range(r: { min: number; max: number } | undefined): Json {
    return r === undefined ? null : { min: r.min, max: r.max };
}

function icmp(i: { type: number; code?: number } | undefined): Json {
    return i === undefined ? null : { type: i.type, code: orNull(i.code) };
}

function subnetJson(s: SubnetSummary): Json {
    return {
        name: s.name,
        role: orNull(s.role),
        cidr: orNull(s.cidr),
        access: s.access,
        routeTable: orNull(s.routeTable),
        securityLists: [...s.securityLists],
        nsgs: [...s.nsgs],
    };
}

function ruleJson(r: RuleSummary): Json {
    return {
        index: r.index,
        direction: r.direction,
        protocol: r.protocol,
        peer: r.peer,
        ports: range(r.ports),
        sourcePorts: range(r.sourcePorts),
        icmp: icmp(r.icmp),
        stateless: r.stateless,
        description: orNull(r.description),
    };
}

function containerJson(c: ContainerSummary): Json {
    return { type: c.type, name: c.name, appliesTo: [...c.appliesTo], rules: c.rules.map(ruleJson) };
}

function refJson(r: RuleRef): Json {
    return {
        container: r.container,
        name: r.name,
        direction: r.direction,
        index: r.index,
        text: ruleRefText(r),
    };
}

function sideJson(s: SideVerdict): Json {
    return {
        status: s.status,
        subnet: orNull(s.subnet),
        rules: s.rules.map(refJson),
        missing: orNull(s.missing),
    };
}

function routeJson(r: RouteVerdict): Json {
    return {
        status: r.status,
        routeTable: orNull(r.routeTable),
        rule: orNull(r.rule),
        gateway: r.gateway === undefined ? null : { name: r.gateway.name, kind: r.gateway.kind },
        reply:
            r.reply === undefined
                ? null
                : {
                      routeTable: r.reply.routeTable,
                      rule: r.reply.rule,
                      gateway: { name: r.reply.gateway.name, kind: r.reply.gateway.kind },
                  },
        assumptions: [...(r.assumptions ?? [])],
    };
}

function partJson(p: FlowPartVerdict): Json {
    return {
        source: p.source,
        destination: p.destination,
        label: p.label,
        status: p.status,
        egress: sideJson(p.egress),
        ingress: sideJson(p.ingress),
        route: routeJson(p.route),
    };
}

function checkJson(c: FlowCheck): Json {
    return {
        source: c.source,
        destination: c.destination,
        status: c.status,
        ingress: sideJson(c.ingress),
        egress: sideJson(c.egress),
        reply: sideJson(c.reply),
        route: routeJson(c.route),
        assumptions: [...c.assumptions],
        failures: c.failures.map((f) => ({ kind: f.kind, message: f.message })),
        explanation: c.explanation,
        parts: (c.parts ?? []).map(partJson),
    };
}

function endpointJson(e: ResolvedEndpoint): Json {
    return { role: orNull(e.role), ref: orNull(e.ref), cidrs: [...e.cidrs] };
}

function flowJson(f: FlowResult): Json {
    return {
        id: f.id,
        description: f.description,
        refs: [...f.refs],
        seedRows: [...f.seedRows],
        provenance: f.provenance,
        source: endpointJson(f.source),
        destination: endpointJson(f.destination),
        protocol: f.protocol,
        ports: range(f.ports),
        icmp: icmp(f.icmp),
        status: f.status,
        checks: f.checks.map(checkJson),
    };
}

function findingJson(f: Finding): Json {
    const s = f.subject;
    return {
        kind: f.kind,
        severity: f.severity,
        subject: {
            type: s.type,
            name: s.name,
            container: orNull(s.container),
            direction: orNull(s.direction),
            index: orNull(s.index),
            text: s.text,
        },
        message: f.message,
        fix: f.fix,
    };
}

function limitJson(l: LimitCount): Json {
    return { type: l.subject.type, name: l.subject.name, measure: l.measure, count: l.count, limit: l.limit };
}

function probeEndJson(e: ProbeEnd): Json {
    return { role: orNull(e.role), cidr: orNull(e.cidr) };
}

function outcomeJson(o: ProbeOutcome): Json {
    return { status: o.status, rules: o.rules.map(refJson), reasons: [...o.reasons] };
}

function changeJson(c: ProbeChange): Json {
    const p = c.probe;
    return {
        source: probeEndJson(p.source),
        destination: probeEndJson(p.destination),
        protocol: p.protocol,
        ports: range(p.ports),
        icmp: icmp(p.icmp),
        traffic: describeTraffic(p.protocol, p.ports, p.icmp),
        origins: [...p.origins],
        before: outcomeJson(c.before),
        after: outcomeJson(c.after),
    };
}

function diffJson(d: PlanDiff): Json {
    return {
        against: d.against,
        probes: d.model.probes,
        opened: d.model.opened.map(changeJson),
        closed: d.model.closed.map(changeJson),
        flows: d.report.flows.map((f) => ({ id: f.id, before: f.before, after: f.after })),
        addedFindings: d.report.addedFindings.map(findingJson),
        resolvedFindings: d.report.resolvedFindings.map(findingJson),
    };
}

/** The whole `--format json` document (see the README's "Offline plan" section for the schema). */
export function renderJson(plan: OfflinePlan, diff: PlanDiff | undefined, exitCode: number): string {
    const doc: Json = {
        version: JSON_VERSION,
        input: {
            source: plan.input.source,
            file: orNull(plan.input.file),
            name: plan.input.name,
            config: configJson(plan.config),
        },
        ...reportJson(plan.report, diff),
        exitCode,
    };
    return `${JSON.stringify(doc, null, 2)}\n`;
}

/** The report's part of the document, from `network` to `diff` (shared with `verify`). */
export function reportJson(r: AnalysisReport, diff: PlanDiff | undefined): { [key: string]: Json } {
    return {
        network: {
            name: r.network.name,
            vcnCidrs: [...r.network.vcnCidrs],
            subnets: r.network.subnets.map(subnetJson),
            routeTables: r.network.routeTables.map((t) => ({
                name: t.name,
                usedBy: [...t.usedBy],
                rules: t.rules.map((x) => ({
                    destination: x.destination,
                    target: x.target,
                    targetKind: x.targetKind,
                })),
            })),
            containers: r.network.containers.map(containerJson),
        },
        flows: r.flows.map(flowJson),
        seedTable: r.seedTable.map((s) => ({
            row: s.row,
            description: s.description,
            flowIds: [...s.flowIds],
            status: s.status,
        })),
        findings: r.findings.map(findingJson),
        limits: r.limits.map(limitJson),
        summary: { ...r.summary, findings: { ...r.summary.findings } },
        notes: [...r.notes],
        assumptions: [...r.assumptions],
        diff: diff === undefined ? null : diffJson(diff),
    };
}
