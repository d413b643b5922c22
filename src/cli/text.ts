import { describeTraffic } from "../net/describe";
import type { ProbeEnd } from "../analysis/report/diff";
import type { RuleSummary } from "../analysis/report/report";
import type { ResolvedEndpoint } from "../catalogue/types";
import { SUBNET_DISPLAY_NAMES } from "../c3/roles";
import type { Protocol } from "../c3/protocols";
import type { FlowResult } from "../analysis/evaluate/result";

/*
 * Wording shared by the table, Markdown and Mermaid renderers, in Oracle's terms: subnets by their display
 * names, outside networks by Oracle's variable names (`kube_client_cidr`, `vcn_cidr`), traffic as Oracle's
 * tables write it ("TCP 22", "UDP 8285-8472").
 */

/** ✔ for a flow that holds, ✘ for one that fails, ? for one that cannot be decided. */
export function mark(status: string): string {
    return status === "allowed" ? "✔" : status === "denied" ? "✘" : status === "not-required" ? "–" : "?";
}

/** A flow end: `worker`, `every subnet`, `kube_client_cidr 10.0.0.0/8`, `0.0.0.0/0`. */
export function endpointLabel(end: ResolvedEndpoint): string {
    if (end.role === "all") return "every subnet";
    if (end.role !== undefined) return SUBNET_DISPLAY_NAMES[end.role];
    const cidrs = end.cidrs.join(", ") || "(none)";
    switch (end.ref) {
        case "vcn":
            return `vcn_cidr ${cidrs}`;
        case "kubeClients":
            return `kube_client_cidr ${cidrs}`;
        case "bastion":
            return `bastion ${cidrs}`;
        case "kubeInternal":
            return `C3 internal ${cidrs}`;
        default:
            return cidrs;
    }
}

/** "TCP 22", "ICMP type 3", "all protocols". */
export function flowTraffic(flow: Pick<FlowResult, "protocol" | "ports" | "icmp">): string {
    return describeTraffic(flow.protocol, flow.ports, flow.icmp);
}

const PROTOCOLS: readonly string[] = ["tcp", "udp", "icmp", "all"];

/** A rule's traffic: "TCP 22", "UDP 8285-8472", "ICMP type 8", "protocol 58". */
export function ruleTraffic(rule: RuleSummary): string {
    if (!PROTOCOLS.includes(rule.protocol)) return `protocol ${rule.protocol}`;
    return describeTraffic(rule.protocol as Protocol, rule.ports, rule.icmp);
}

/** "from 10.0.0.0/8" / "to 0.0.0.0/0". */
export function rulePeer(rule: RuleSummary): string {
    return `${rule.direction === "ingress" ? "from" : "to"} ${rule.peer}`;
}

/** "1a#6, 1a#9", or "" for flows outside the port table. */
export function seedText(rows: readonly number[]): string {
    return rows.map((r) => `1a#${r}`).join(", ");
}

/** A probe end: a subnet's display name, or its CIDR. */
export function probeEndLabel(end: ProbeEnd): string {
    return end.role === undefined ? (end.cidr ?? "unknown") : SUBNET_DISPLAY_NAMES[end.role];
}

/** One line per check of a flow: its explanation, prefixed with its CIDRs when the flow has several. */
export function checkLines(flow: FlowResult): string[] {
    const single = flow.checks.length === 1;
    return flow.checks.map((c) =>
        single ? c.explanation : `${c.source} → ${c.destination}: ${c.explanation}`,
    );
}
