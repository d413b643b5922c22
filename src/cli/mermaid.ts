import type { AnalysisReport } from "../analysis/report/report";
import type { ResolvedEndpoint } from "../catalogue/types";
import { flowTraffic } from "./text";
import { SUBNET_DISPLAY_NAMES, type SubnetRole } from "../c3/roles";
import type { FlowResult } from "../analysis/evaluate/result";

/*
 * A Mermaid `flowchart` of the network: the VCN as a subgraph of its subnets, outside networks as rounded
 * nodes, and one edge per (source, destination, holds?) carrying every flow between them. Failing flows
 * are dotted, marked ✘ and drawn red, so a PR reviewer sees at a glance what is open and what is broken.
 * Labels are always quoted and `"` is escaped, so no CIDR or description can break the syntax.
 */

/** Text safe inside a quoted Mermaid label. */
export function mermaidText(text: string): string {
    return text.replace(/"/g, "#quot;");
}

interface Graph {
    lines: string[];
    /** Subnet nodes (and missing-role nodes) by role or id. */
    nodes: Map<string, string>;
    /** Outside networks by their CIDRs: one node even when several of Oracle's names share the CIDRs. */
    outside: Map<string, { id: string; names: string[]; cidrs: string }>;
    edges: Map<string, { from: string; to: string; ok: boolean; traffic: string[] }>;
}

const REF_NAMES: Readonly<Record<string, string>> = {
    vcn: "vcn_cidr",
    kubeClients: "kube_client_cidr",
    bastion: "bastion",
    kubeInternal: "C3 internal",
    anywhere: "anywhere",
};

function subnetNodes(report: AnalysisReport, graph: Graph): void {
    const n = report.network;
    graph.lines.push(`    subgraph vcn["VCN ${mermaidText(n.name)} ${n.vcnCidrs.join(", ")}"]`);
    n.subnets.forEach((s, i) => {
        const id = s.role ?? `subnet${i}`;
        if (graph.nodes.has(id)) return;
        graph.nodes.set(id, id);
        graph.lines.push(
            `        ${id}["${mermaidText(s.name)}<br/>${s.cidr ?? "unknown"}<br/>${s.access}"]`,
        );
    });
    graph.lines.push("    end");
}

/** The node id of a flow end, adding an outside node the first time it is seen. */
function nodeFor(end: ResolvedEndpoint, graph: Graph): string {
    if (end.role === "all") return "vcn";
    if (end.role !== undefined) return roleNode(end.role, graph);
    const cidrs = end.cidrs.join(", ") || "(none)";
    const node = graph.outside.get(cidrs) ?? { id: `ext${graph.outside.size + 1}`, names: [], cidrs };
    const name = end.ref === undefined ? undefined : REF_NAMES[end.ref];
    if (name !== undefined && !node.names.includes(name)) node.names.push(name);
    graph.outside.set(cidrs, node);
    return node.id;
}

function roleNode(role: SubnetRole, graph: Graph): string {
    if (graph.nodes.has(role)) return role;
    // The flow needs a subnet the network lacks: draw it outside the VCN, marked missing.
    graph.nodes.set(role, role);
    graph.lines.push(`    ${role}["${SUBNET_DISPLAY_NAMES[role]}<br/>(missing)"]`);
    return role;
}

function addFlow(flow: FlowResult, graph: Graph): void {
    const from = nodeFor(flow.source, graph);
    const to = nodeFor(flow.destination, graph);
    const ok = flow.status === "allowed";
    const key = `${from}>${to}>${ok}`;
    const edge = graph.edges.get(key) ?? { from, to, ok, traffic: [] };
    const traffic = flowTraffic(flow);
    if (!edge.traffic.includes(traffic)) edge.traffic.push(traffic);
    graph.edges.set(key, edge);
}

/** The Mermaid source (without the ``` fence) for a report's network and flows. */
export function mermaidFlowchart(report: AnalysisReport): string {
    const graph: Graph = { lines: ["flowchart LR"], nodes: new Map(), outside: new Map(), edges: new Map() };
    subnetNodes(report, graph);
    for (const flow of report.flows) addFlow(flow, graph);
    for (const node of graph.outside.values()) {
        const names = node.names.length === 0 ? "" : `${mermaidText(node.names.join(" / "))}<br/>`;
        graph.lines.push(`    ${node.id}(["${names}${mermaidText(node.cidrs)}"])`);
    }
    const failing: number[] = [];
    [...graph.edges.values()].forEach((e, i) => {
        const label = mermaidText(`${e.ok ? "" : "✘ "}${e.traffic.join(", ")}`);
        graph.lines.push(`    ${e.from} ${e.ok ? "-->" : "-.->"}|"${label}"| ${e.to}`);
        if (!e.ok) failing.push(i);
    });
    if (failing.length > 0)
        graph.lines.push(`    linkStyle ${failing.join(",")} stroke:#d33,stroke-width:2px`);
    return graph.lines.join("\n");
}
