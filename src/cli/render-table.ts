import type { ProbeChange } from "../analysis/report/diff";
import { describeTraffic } from "../net/describe";
import { gatewayText, rulesText } from "../analysis/report/explain";
import type { AnalysisReport } from "../analysis/report/report";
import type { PlanDiff } from "./diff";
import { columns, type Colour, type Painter } from "./layout";
import type { OfflinePlan } from "./plan";
import {
    checkLines,
    endpointLabel,
    flowTraffic,
    mark,
    probeEndLabel,
    ruleTraffic,
    rulePeer,
    seedText,
} from "./text";
import type { Severity } from "../analysis/checks/finding";

/*
 * `--format table` (the default): the plan for a terminal. Sections in the order a reviewer checks them:
 * the network as built, every required flow with the rules that carry it, Oracle's port table, findings,
 * limits, and the diff.
 */

const SEVERITY_COLOUR: Readonly<Record<Severity, Colour>> = {
    info: "cyan",
    low: "yellow",
    medium: "magenta",
    high: "red",
};

function heading(paint: Painter, text: string): string {
    return `\n${paint("bold", text)}`;
}

/** The first lines: where the config came from and its choices. */
export function configLine(plan: OfflinePlan): string[] {
    const c = plan.config;
    const from =
        plan.input.file === undefined ? plan.input.source : `${plan.input.source} ${plan.input.file}`;
    return [
        `oke-c3-network plan (${from}; offline, Pulumi mock engine)`,
        `VCN ${plan.report.network.name} ${c.layout.vcn} · ${c.cni} · ${c.clusterAccess} cluster · ${c.securityRules} · egress ${c.egress} · API port ${c.kubernetesApiPort}`,
        `kube clients ${c.kubeClientCidrs.join(", ")} · bastion ${c.bastionCidrs.join(", ")}`,
    ];
}

function networkSection(report: AnalysisReport, paint: Painter): string[] {
    const n = report.network;
    const subnets = n.subnets.map((s) => [
        s.name,
        s.cidr ?? "unknown",
        s.access,
        s.routeTable ?? "?",
        s.securityLists.join(", ") || "-",
        s.nsgs.join(", ") || "-",
    ]);
    const lines = [
        heading(paint, "SUBNETS"),
        ...columns([["NAME", "CIDR", "ACCESS", "ROUTE TABLE", "SECURITY LISTS", "NSGS"], ...subnets]),
    ];
    lines.push(heading(paint, "ROUTE TABLES"));
    for (const t of n.routeTables) {
        const rules =
            t.rules.map((r) => `${r.destination} → ${gatewayText(r.targetKind, r.target)}`).join("; ") ||
            "no rules (traffic stays in the VCN)";
        lines.push(`  ${t.name} (${t.usedBy.join(", ") || "unused"}): ${rules}`);
    }
    lines.push(heading(paint, "SECURITY LISTS AND NSGS"));
    for (const c of n.containers) {
        lines.push(`  ${c.type === "nsg" ? "NSG " : ""}${c.name} (${c.appliesTo.join(", ") || "no subnet"})`);
        const rows = c.rules.map((r) => [
            `${r.direction} ${r.index + 1}`,
            ruleTraffic(r),
            rulePeer(r),
            r.stateless ? "stateless" : "",
            r.description ?? "",
        ]);
        lines.push(...(rows.length === 0 ? ["    (no rules)"] : columns(rows, "    ")));
    }
    return lines;
}

function flowsSection(report: AnalysisReport, paint: Painter): string[] {
    const s = report.summary;
    const title = `REQUIRED FLOWS: ${s.flows} (${s.holding} ✔, ${s.failing} ✘${s.unknown > 0 ? `, ${s.unknown} ?` : ""})`;
    const lines = [heading(paint, title)];
    for (const f of report.flows) {
        const ok = f.status === "allowed";
        const head = `${paint(ok ? "green" : "red", mark(f.status))} ${f.id}${f.seedRows.length > 0 ? `  [C3 ports ${seedText(f.seedRows)}]` : ""}`;
        lines.push(
            `  ${head}`,
            `      ${endpointLabel(f.source)} → ${endpointLabel(f.destination)}, ${flowTraffic(f)}`,
        );
        for (const line of checkLines(f)) lines.push(`      ${ok ? paint("dim", line) : line}`);
    }
    return lines;
}

function seedSection(report: AnalysisReport, paint: Painter): string[] {
    const rows = report.seedTable.map((r) => [
        paint(r.status === "allowed" ? "green" : r.status === "not-required" ? "dim" : "red", mark(r.status)),
        `1a#${r.row}`,
        r.description,
        r.flowIds.join(", ") || "not required by this config",
    ]);
    return [
        heading(paint, "C3 PORT TABLE (docs/oracle-c3-network.md §1a, the 10 seed rows)"),
        ...columns(rows),
    ];
}

function findingsSection(report: AnalysisReport, paint: Painter): string[] {
    const lines = [heading(paint, `FINDINGS: ${report.findings.length}`)];
    if (report.findings.length === 0) lines.push("  none");
    for (const f of report.findings) {
        lines.push(
            `  ${paint(SEVERITY_COLOUR[f.severity], `[${f.severity}]`)} ${f.kind}: ${f.subject.text}`,
            `      ${f.message}`,
            `      fix: ${f.fix}`,
        );
    }
    return lines;
}

function limitsSection(report: AnalysisReport, paint: Painter): string[] {
    const rows = report.limits.map((l) => [
        l.subject.text,
        l.measure,
        `${l.count}/${l.limit}`,
        l.count > l.limit ? paint("red", "over the limit") : "",
    ]);
    return [heading(paint, "C3 LIMITS (docs/oracle-c3-network.md §6)"), ...columns(rows)];
}

function changeLine(c: ProbeChange, opened: boolean): string[] {
    const p = c.probe;
    const head = `${opened ? "+" : "-"} ${probeEndLabel(p.source)} → ${probeEndLabel(p.destination)}  ${describeTraffic(p.protocol, p.ports, p.icmp)}`;
    const why = opened
        ? `by ${rulesText(c.after.rules) || "no rule (route change)"}`
        : `was ${rulesText(c.before.rules) || "allowed"}; now: ${c.after.reasons.join("; ")}`;
    return [`  ${head}`, `      ${why}`];
}

/** The diff: probes opened and closed, then required flows and findings that changed. */
export function diffSection(diff: PlanDiff, paint: Painter): string[] {
    const m = diff.model;
    const lines = [
        heading(
            paint,
            `DIFF against ${diff.against}: ${m.opened.length} opened, ${m.closed.length} closed (${m.probes} probes)`,
        ),
    ];
    for (const c of m.opened)
        lines.push(...changeLine(c, true).map((l, i) => (i === 0 ? paint("green", l) : l)));
    for (const c of m.closed)
        lines.push(...changeLine(c, false).map((l, i) => (i === 0 ? paint("red", l) : l)));
    for (const f of diff.report.flows) lines.push(`  flow ${f.id}: ${f.before} → ${f.after}`);
    for (const f of diff.report.addedFindings)
        lines.push(`  new finding [${f.severity}] ${f.kind}: ${f.subject.text}`);
    for (const f of diff.report.resolvedFindings)
        lines.push(`  resolved finding [${f.severity}] ${f.kind}: ${f.subject.text}`);
    return lines;
}

/** The whole table output. */
export function renderTable(
    plan: OfflinePlan,
    diff: PlanDiff | undefined,
    verdict: string,
    paint: Painter,
): string {
    return renderReportTable(configLine(plan), plan.report, diff, verdict, paint);
}

/** A report as a table under the given first lines (shared with `verify`). */
export function renderReportTable(
    head: readonly string[],
    r: AnalysisReport,
    diff: PlanDiff | undefined,
    verdict: string,
    paint: Painter,
): string {
    const lines = [
        ...head,
        ...networkSection(r, paint),
        ...flowsSection(r, paint),
        ...seedSection(r, paint),
        ...findingsSection(r, paint),
        ...limitsSection(r, paint),
        ...(diff === undefined ? [] : diffSection(diff, paint)),
        ...(r.assumptions.length === 0
            ? []
            : [heading(paint, "ASSUMPTIONS"), ...r.assumptions.map((a) => `  ${a}`)]),
        ...(r.notes.length === 0 ? [] : [heading(paint, "NOTES"), ...r.notes.map((n) => `  ${n}`)]),
        "",
        paint("bold", verdict),
    ];
    return `${lines.join("\n")}\n`;
}
