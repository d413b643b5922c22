import { firstFailure, type Disagreement } from "./compare";
import type { ConfigCase } from "./configs";

/*
 * The differential's findings as Markdown, grouped by flow and class, with one full example each (config,
 * flow, packet, both verdicts): what KNOWN-DISAGREEMENTS.md is made from (`ORACLE_REPORT=<file>`).
 */

/** One disagreement and the config it was found in. */
export interface Found {
    /** The disagreement. */
    readonly d: Disagreement;
    /** Its config. */
    readonly c: ConfigCase;
}

/** A config in one line: the layout's name and the args, without the compartment. */
export function configText(c: ConfigCase): string {
    const rest: Record<string, unknown> = { ...c.args };
    delete rest.compartmentId;
    return `${c.layout.name} ${JSON.stringify(rest)}`;
}

function topology(c: ConfigCase): string {
    const a = c.args;
    const air = a.natGateway === false ? " air-gapped" : "";
    return `${a.cni ?? "flannel"}/${a.clusterAccess ?? "public"}/${a.securityRules ?? "securityLists"}/${a.egress ?? "flows"}${air}`;
}

function flowText(d: Disagreement): string {
    const f = d.flow;
    const ports = f.ports === undefined ? "" : ` ${f.ports.min}-${f.ports.max}`;
    const icmp =
        f.icmp === undefined
            ? ""
            : ` type ${f.icmp.type}${f.icmp.code === undefined ? "" : ` code ${f.icmp.code}`}`;
    return `${f.source.cidrs.join(", ")} → ${f.destination.cidrs.join(", ")} ${f.protocol}${ports}${icmp}`;
}

function cell(text: string): string {
    return text.replace(/\|/g, "\\|");
}

/** Markdown for every disagreement found, grouped by (kind, flow, classes). */
export function markdownReport(
    header: string,
    found: readonly Found[],
    unsatisfied: readonly string[],
): string {
    const groups = new Map<string, Found[]>();
    for (const f of found) {
        const edited = f.c.layout.name.includes("records edited") ? " (edited records)" : "";
        const key = `${f.d.kind} | ${f.d.label}${edited} | ${f.d.classes.join(", ")}`;
        groups.set(key, [...(groups.get(key) ?? []), f]);
    }
    const sorted = [...groups].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
    const table = sorted.map(([key, list]) => {
        const topologies = [...new Set(list.map((f) => topology(f.c)))].sort();
        const first = list[0].d;
        return `| ${cell(key)} | ${list.length} | ${first.analyzer} | ${first.oracle.outcome} | ${cell(topologies.join("; "))} |`;
    });
    const examples = sorted.map(([key, list]) => {
        const { d, c } = list[0];
        return [
            `### ${key}`,
            "",
            `- config: \`${configText(c)}\``,
            `- flow: ${flowText(d)}`,
            `- analyzer said: ${d.analyzer}; oracle said: ${d.oracle.outcome} (${d.oracle.packets} packets sampled, ${d.oracle.allowedPackets} allowed)`,
            `- first failing packet: ${firstFailure(d.oracle)}`,
            "",
        ].join("\n");
    });
    return [
        header,
        "",
        "| kind \\| flow \\| class | times | analyzer | oracle | topologies (cni/access/rules/egress) |",
        "|---|---|---|---|---|",
        ...table,
        "",
        ...examples,
        `## Required flows neither the analyzer nor the oracle proves (${unsatisfied.length})`,
        "",
        ...unsatisfied.map((u) => `- ${u.replace(/\n\s*/g, " — ")}`),
        "",
    ].join("\n");
}
