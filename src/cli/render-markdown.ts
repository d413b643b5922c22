import { describeTraffic } from "../net/describe";
import { gatewayText, rulesText } from "../analysis/report/explain";
import type { AnalysisReport } from "../analysis/report/report";
import type { PlanDiff } from "./diff";
import { mermaidFlowchart } from "./mermaid";
import type { OfflinePlan } from "./plan";
import { configLine } from "./render-table";
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

/*
 * `--format markdown`: the plan as a PR comment, with a Mermaid flowchart GitHub renders in place. Cells
 * escape `|` so no description can break a table.
 */

function cell(text: string): string {
    return text.replace(/\|/g, "\\|").replace(/\n/g, "<br>");
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
    return [
        `| ${header.join(" | ")} |`,
        `|${header.map(() => "---").join("|")}|`,
        ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`),
    ];
}

function networkMd(report: AnalysisReport): string[] {
    const n = report.network;
    const lines = [
        "## Subnets",
        "",
        ...table(
            ["Subnet", "CIDR", "Access", "Route table", "Security lists", "NSGs"],
            n.subnets.map((s) => [
                `\`${s.name}\``,
                s.cidr ?? "unknown",
                s.access,
                s.routeTable ?? "?",
                s.securityLists.join(", ") || "–",
                s.nsgs.join(", ") || "–",
            ]),
        ),
    ];
    lines.push(
        "",
        "## Route tables",
        "",
        ...table(
            ["Route table", "Used by", "Rules"],
            n.routeTables.map((t) => [
                t.name,
                t.usedBy.join(", ") || "–",
                t.rules
                    .map((r) => `${r.destination} → ${gatewayText(r.targetKind, r.target)}`)
                    .join("<br>") || "none (stays in the VCN)",
            ]),
        ),
    );
    lines.push("", "## Security lists and NSGs");
    for (const c of n.containers) {
        lines.push(
            "",
            `### ${c.type === "nsg" ? "NSG " : ""}${c.name}`,
            "",
            `Applies to: ${c.appliesTo.join(", ") || "no subnet"}`,
            "",
        );
        if (c.rules.length === 0) lines.push("No rules.");
        else
            lines.push(
                ...table(
                    ["Rule", "Traffic", "Peer", "Stateless", "Description"],
                    c.rules.map((r) => [
                        `${r.direction} ${r.index + 1}`,
                        ruleTraffic(r),
                        rulePeer(r),
                        r.stateless ? "yes" : "no",
                        r.description ?? "",
                    ]),
                ),
            );
    }
    return lines;
}

function flowsMd(report: AnalysisReport): string[] {
    const s = report.summary;
    const rows = report.flows.map((f) => [
        mark(f.status),
        `\`${f.id}\``,
        seedText(f.seedRows),
        endpointLabel(f.source),
        endpointLabel(f.destination),
        flowTraffic(f),
        checkLines(f).join("<br>"),
    ]);
    return [
        "",
        `## Required flows: ${s.holding} ✔, ${s.failing} ✘${s.unknown > 0 ? `, ${s.unknown} ?` : ""}`,
        "",
        ...table(["", "Flow", "C3 ports", "Source", "Destination", "Traffic", "Why"], rows),
    ];
}

function seedMd(report: AnalysisReport): string[] {
    const rows = report.seedTable.map((r) => [
        mark(r.status),
        `1a#${r.row}`,
        r.description,
        r.flowIds.map((id) => `\`${id}\``).join(", ") || "not required by this config",
    ]);
    return [
        "",
        "## C3 port table (docs/oracle-c3-network.md §1a)",
        "",
        ...table(["", "Row", "Oracle's row", "Flows"], rows),
    ];
}

function findingsMd(report: AnalysisReport): string[] {
    const lines = ["", `## Findings: ${report.findings.length}`, ""];
    if (report.findings.length === 0) return [...lines, "None."];
    return [
        ...lines,
        ...table(
            ["Severity", "Kind", "Subject", "Message", "Fix"],
            report.findings.map((f) => [f.severity, f.kind, f.subject.text, f.message, f.fix]),
        ),
    ];
}

function limitsMd(report: AnalysisReport): string[] {
    const rows = report.limits.map((l) => [l.subject.text, l.measure, `${l.count}`, `${l.limit}`]);
    return [
        "",
        "## C3 limits (docs/oracle-c3-network.md §6)",
        "",
        ...table(["Subject", "Measure", "Count", "Limit"], rows),
    ];
}

function diffMd(diff: PlanDiff): string[] {
    const m = diff.model;
    const row = (opened: boolean) => (c: (typeof m.opened)[number]) => [
        opened ? "opened" : "closed",
        probeEndLabel(c.probe.source),
        probeEndLabel(c.probe.destination),
        describeTraffic(c.probe.protocol, c.probe.ports, c.probe.icmp),
        opened
            ? rulesText(c.after.rules)
            : `was ${rulesText(c.before.rules)}; now: ${c.after.reasons.join("; ")}`,
    ];
    const lines = [
        "",
        `## Diff against \`${diff.against}\`: ${m.opened.length} opened, ${m.closed.length} closed`,
        "",
    ];
    if (m.opened.length + m.closed.length === 0) lines.push("Nothing opened or closed.");
    else
        lines.push(
            ...table(
                ["Change", "Source", "Destination", "Traffic", "Rules"],
                [...m.opened.map(row(true)), ...m.closed.map(row(false))],
            ),
        );
    for (const f of diff.report.flows) lines.push("", `- flow \`${f.id}\`: ${f.before} → ${f.after}`);
    return lines;
}

/** The whole Markdown output. */
export function renderMarkdown(plan: OfflinePlan, diff: PlanDiff | undefined, verdict: string): string {
    return renderReportMarkdown(configLine(plan), plan.report, diff, verdict);
}

/** A report as Markdown: the first head line is the title, the others follow it (shared with `verify`). */
export function renderReportMarkdown(
    head: readonly string[],
    r: AnalysisReport,
    diff: PlanDiff | undefined,
    verdict: string,
): string {
    const [title, ...config] = head;
    const lines = [
        `# ${title}`,
        "",
        ...config.map((l) => `${l}  `),
        "",
        `**${verdict}**`,
        "",
        "## Flow diagram",
        "",
        "```mermaid",
        mermaidFlowchart(r),
        "```",
        "",
        ...networkMd(r),
        ...flowsMd(r),
        ...seedMd(r),
        ...findingsMd(r),
        ...limitsMd(r),
        ...(diff === undefined ? [] : diffMd(diff)),
        ...(r.assumptions.length === 0
            ? []
            : ["", "## Assumptions", "", ...r.assumptions.map((a) => `- ${a}`)]),
        ...(r.notes.length === 0 ? [] : ["", "## Notes", "", ...r.notes.map((n) => `- ${n}`)]),
    ];
    return `${lines.join("\n")}\n`;
}
