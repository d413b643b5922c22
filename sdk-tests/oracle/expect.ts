import type { Layout, OracleFlow, OracleVar } from "../fixtures/oracle-tables";
import { contains, parseBlock, type Block } from "./ipv4";
import { judgeFlow, type FlowJudgement, type OracleFlowSpec } from "./flow";
import type { OracleNetwork, OracleRule, OracleSubnet } from "./network";
import { explainPacket } from "./packet";

/*
 * Oracle's literal table rows (fixtures/oracle-tables.ts, fixtures/topology-tables.ts) judged by the
 * independent oracle against a registered network. Nothing here reads src/: the CIDR of each of Oracle's
 * variables comes from the fixture layout, written by hand.
 */

/** A table row, optionally probed from one address instead of its variable's range. */
export type Row = OracleFlow & { sourceCidr?: string };

/** C3's internal range, Oracle's kmilb-seclist rule 1 (docs/oracle-c3-network.md §3.5). */
const KUBE_INTERNAL = "253.255.0.0/16";

/** The CIDRs of one of Oracle's variables in a fixture layout. */
export function cidrsOf(layout: Layout, v: OracleVar): string[] {
    if (v === "anywhere") return ["0.0.0.0/0"];
    if (v === "kube_internal_cidr") return [KUBE_INTERNAL];
    if (v === "kube_client_cidr") return [...layout.kubeClientCidrs];
    const value = layout.cidrs[v];
    if (value === undefined) throw new Error(`layout ${layout.name} has no ${v}`);
    return [value];
}

/** The oracle's spec for a row; Oracle's "anywhere" destination (yum, registry) means hosts outside the VCN. */
export function specOf(layout: Layout, row: Row): OracleFlowSpec {
    return {
        sources: row.sourceCidr === undefined ? cidrsOf(layout, row.source) : [row.sourceCidr],
        destinations: cidrsOf(layout, row.destination),
        protocol: row.protocol,
        ...(row.ports === undefined ? {} : { ports: row.ports }),
        ...(row.icmpType === undefined ? {} : { icmp: { type: row.icmpType } }),
        destinationOutsideVcn: row.destination === "anywhere",
    };
}

/** The oracle's judgement of a row, and a message naming the row and its first failing packets. */
export function judgeRow(
    net: OracleNetwork,
    layout: Layout,
    row: Row,
): { judgement: FlowJudgement; text: string } {
    const judgement = judgeFlow(net, specOf(layout, row));
    const packets = [
        ...judgement.failures.slice(0, 3),
        ...(judgement.firstAllowed ? [judgement.firstAllowed] : []),
    ];
    const text = [
        `${row.label}: ${judgement.outcome} (${judgement.allowedPackets}/${judgement.packets} packets allowed)`,
        ...packets.map((j) => `  ${explainPacket(net, j.packet)}`),
    ].join("\n");
    return { judgement, text };
}

/** Whether a variable's range lies outside the VCN (a source there has no egress rules of ours). */
export function outsideVcn(net: OracleNetwork, layout: Layout, v: OracleVar): boolean {
    return cidrsOf(layout, v).every((c) => {
        const b = parseBlock(c);
        return !contains(net.vcn, b.first) && !contains(net.vcn, b.last) && !contains(b, net.vcn.first);
    });
}

function peerWithin(peer: Block, sources: readonly string[]): boolean {
    return sources.some((s) => {
        const b = parseBlock(s);
        return peer.first >= b.first && peer.last <= b.last;
    });
}

const PROTOCOL_NUMBER: Readonly<Record<OracleFlow["protocol"], string>> = {
    tcp: "6",
    udp: "17",
    icmp: "1",
    all: "all",
};

/**
 * Whether a registered ingress rule opens nothing beyond the row: its peer inside the row's source, its
 * protocol, ports and ICMP type within the row's.
 */
export function rowCovers(layout: Layout, row: Row, rule: OracleRule): boolean {
    if (!peerWithin(rule.peer, cidrsOf(layout, row.source))) return false;
    if (row.protocol === "all") return true;
    if (rule.protocol !== PROTOCOL_NUMBER[row.protocol]) return false;
    if (row.protocol === "icmp") return row.icmpType === undefined || rule.icmp?.type === row.icmpType;
    const ports = row.ports ?? { min: 1, max: 65535 };
    const [min, max] = rule.dstPorts ?? [1, 65535];
    return rule.srcPorts === undefined && min >= ports.min && max <= ports.max;
}

/** The subnet a variable names, by the component's subnet names (Oracle's roles). */
export const SUBNET_OF: Readonly<Partial<Record<OracleVar, string>>> = {
    worker_cidr: "worker",
    workerlb_cidr: "service-lb",
    kmi_cidr: "control-plane",
    kmilb_cidr: "control-plane-endpoint",
    pod_cidr: "pod",
};

/** The registered ingress rules of `subnet` that no row into it covers, as text. */
export function uncoveredIngress(layout: Layout, subnet: OracleSubnet, rows: readonly Row[]): string[] {
    const into = rows.filter((r) => SUBNET_OF[r.destination] === subnet.name);
    return subnet.rules
        .filter((rule) => rule.direction === "ingress" && !into.some((row) => rowCovers(layout, row, rule)))
        .map((rule) => `${rule.origin}: ${JSON.stringify({ ...rule, peer: rule.peer.text })}`);
}
