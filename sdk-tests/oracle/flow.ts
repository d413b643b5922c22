import { contains, isAddress, overlaps, parseBlock, type Block } from "./ipv4";
import type { OracleNetwork, OracleSubnet } from "./network";
import { judgePacket, type Packet, type PacketVerdict } from "./packet";

/*
 * A flow (source ranges → destination ranges, protocol, ports or ICMP) is judged by sampling concrete packets
 * and holds only if every sampled packet is allowed.
 *
 * Addresses: each range's edges (network, first usable, last usable, broadcast) and middle; inside every
 * managed subnet the range overlaps (its first and last usable host and its middle: such a host is INSIDE
 * that subnet, so its rules and route apply); and every point where some CIDR the network knows (the VCN, a
 * subnet, a rule's peer, a route's destination) starts or ends inside the range, which covers the parts of the
 * range outside the VCN. Every verdict is constant between two such points, so the sample misses no
 * behaviour. Ports likewise: the range's edges and middle, and every rule's port bounds inside it; source
 * ports within the Linux ephemeral range.
 */

/** A flow for the oracle: plain CIDRs and numbers, no roles. */
export interface OracleFlowSpec {
    /** Source CIDRs (the flow must hold from every one). */
    readonly sources: readonly string[];
    /** Destination CIDRs. */
    readonly destinations: readonly string[];
    /** Protocol. */
    readonly protocol: "tcp" | "udp" | "icmp" | "all";
    /** TCP/UDP destination ports; absent = all. */
    readonly ports?: { readonly min: number; readonly max: number };
    /** ICMP type and optional code; absent = every message. */
    readonly icmp?: { readonly type: number; readonly code?: number };
    /**
     * Judge the destination only where it lies outside the VCN. For Oracle's "yum repository" and "container
     * registry" (port-table rows 3-5, destination "anywhere"): hosts somewhere outside whose address Oracle
     * does not give, not the VCN's own subnets.
     */
    readonly destinationOutsideVcn?: boolean;
}

/** A packet and its verdict. */
export interface JudgedPacket {
    /** The packet. */
    readonly packet: Packet;
    /** Its verdict. */
    readonly verdict: PacketVerdict;
}

/** The oracle's verdict for a flow. */
export interface FlowJudgement {
    /**
     * `allowed`: every sampled packet is; `denied`: some packet is refused by a rule or a route; `assumed`: none
     * is refused, but some depend on a path the network does not declare; `vacuous`: no packet to judge.
     */
    readonly outcome: "allowed" | "denied" | "assumed" | "vacuous";
    /** How many packets were judged. */
    readonly packets: number;
    /** How many of them were allowed. */
    readonly allowedPackets: number;
    /** How many passed every rule but depend on a path the network does not declare. */
    readonly assumedPackets: number;
    /** The first failing packets (denied ones first), at most {@link MAX_FAILURES}. */
    readonly failures: readonly JudgedPacket[];
    /** The first allowed packet, if any (for must-be-denied probes). */
    readonly firstAllowed?: JudgedPacket;
}

/** How many failing packets a judgement keeps. */
export const MAX_FAILURES = 20;

const TCP = 6;
const UDP = 17;
const ICMP = 1;
/**
 * Clients open connections from an ephemeral source port: Linux's default range, 32768-60999 (the same
 * range the analyzer assumes for replies). The oracle samples source ports only there.
 */
const EPHEMERAL = { min: 32768, max: 60999 };

/** Every CIDR block the network's behaviour can change at (for `subnets`: their rules and routes). */
function knownBlocks(vcn: Block, subnets: readonly OracleSubnet[]): Block[] {
    const blocks = new Map<string, Block>([[vcn.text, vcn]]);
    for (const s of subnets) {
        blocks.set(s.block.text, s.block);
        for (const r of s.rules) blocks.set(r.peer.text, r.peer);
        for (const route of s.routes) blocks.set(route.destination.text, route.destination);
    }
    return [...blocks.values()];
}

/**
 * The subnets a flow's packets can touch: those its ranges overlap. Only their rules and routes can change a
 * verdict, so only their CIDRs and ports need sampling (every subnet still takes part in judging).
 */
function involved(net: OracleNetwork, flow: OracleFlowSpec): OracleSubnet[] {
    const ranges = [...flow.sources, ...flow.destinations].map(parseBlock);
    return net.subnets.filter((s) => ranges.some((r) => overlaps(r, s.block)));
}

/** The sampled addresses of one range. */
export function sampleAddresses(
    net: OracleNetwork,
    range: Block,
    outsideVcnOnly = false,
    subnets: readonly OracleSubnet[] = net.subnets,
): number[] {
    const within = (a: number): boolean => isAddress(a) && contains(range, a);
    const mid = (lo: number, hi: number): number => lo + Math.floor((hi - lo) / 2);
    const edges = [range.first, range.first + 1, mid(range.first, range.last), range.last - 1, range.last];
    for (const s of net.subnets) {
        if (!overlaps(s.block, range)) continue;
        const lo = Math.max(s.block.first + 2, range.first);
        const hi = Math.min(s.block.last - 1, range.last);
        if (lo <= hi) edges.push(lo, mid(lo, hi), hi);
    }
    // Each known block starts an interval at its first address and ends one before last + 1.
    const blocks = knownBlocks(net.vcn, subnets);
    const breaks = blocks.flatMap((b) => [b.first, b.last + 1]);
    const points = [
        ...edges.filter(within),
        ...onePerClass(net, edges.filter(within), breaks.filter(within), blocks),
    ];
    return [...new Set(points)].sort((a, b) => a - b).filter((a) => !outsideVcnOnly || !contains(net.vcn, a));
}

/**
 * Outside the VCN, two addresses that lie in exactly the same known blocks behave alike in every rule and
 * route, so one is enough (0.0.0.0/0 has many such intervals): the breakpoints outside the VCN are kept only
 * for a class the edges do not already cover. Inside the VCN every breakpoint is kept.
 */
function onePerClass(
    net: OracleNetwork,
    kept: readonly number[],
    breaks: readonly number[],
    blocks: readonly Block[],
): number[] {
    const signature = (a: number): string => blocks.map((b) => (contains(b, a) ? "1" : "0")).join("");
    const seen = new Set(kept.filter((a) => !contains(net.vcn, a)).map(signature));
    return breaks.filter((a) => {
        if (contains(net.vcn, a)) return true;
        const key = signature(a);
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
    });
}

function portPoints(lo: number, hi: number, bounds: readonly (readonly [number, number])[]): number[] {
    const points = new Set<number>([lo, hi, lo + Math.floor((hi - lo) / 2)]);
    for (const [min, max] of bounds) {
        for (const p of [min, max + 1]) if (p >= lo && p <= hi) points.add(p);
    }
    return [...points].sort((a, b) => a - b);
}

/** The protocol/port/ICMP variants of a flow's packets (addresses left to fill in). */
export function sampleShapes(
    net: OracleNetwork,
    flow: OracleFlowSpec,
    subnets: readonly OracleSubnet[] = net.subnets,
): Omit<Packet, "src" | "dst">[] {
    const rules = subnets.flatMap((s) => s.rules);
    // Port bounds only matter for rules of the same protocol (rules for all protocols have no ports).
    const bounds = (protocol: number, key: "dstPorts" | "srcPorts") =>
        rules.flatMap((r) => (r.protocol === String(protocol) && r[key] !== undefined ? [r[key]] : []));
    const transport = (protocol: number): Omit<Packet, "src" | "dst">[] => {
        const dstBounds = bounds(protocol, "dstPorts");
        const srcBounds = bounds(protocol, "srcPorts");
        // A source port only matters when a rule restricts it, or a stateless rule must pass the reply to it
        // (the reply's destination port is the source port).
        const srcPortsMatter = srcBounds.length > 0 || rules.some((r) => r.stateless);
        const srcPorts = srcPortsMatter
            ? portPoints(EPHEMERAL.min, EPHEMERAL.max, [...srcBounds, ...dstBounds])
            : [49152];
        const range =
            flow.protocol === "all" ? { min: 1, max: 65535 } : (flow.ports ?? { min: 1, max: 65535 });
        const dstPorts = portPoints(range.min, range.max, dstBounds);
        return dstPorts.flatMap((dstPort) => srcPorts.map((srcPort) => ({ protocol, srcPort, dstPort })));
    };
    const icmp = (): Omit<Packet, "src" | "dst">[] => {
        const ruleIcmp = rules.flatMap((r) => (r.icmp === undefined ? [] : [r.icmp]));
        const types =
            flow.protocol === "icmp" && flow.icmp !== undefined
                ? [flow.icmp.type]
                : [...new Set([0, 3, 8, 11, 255, ...ruleIcmp.flatMap((i) => [i.type, i.type + 1])])].filter(
                      (t) => t <= 255,
                  );
        return types.flatMap((icmpType) => {
            const fixed = flow.protocol === "icmp" ? flow.icmp?.code : undefined;
            const codes =
                fixed !== undefined
                    ? [fixed]
                    : [
                          ...new Set([
                              0,
                              255,
                              ...ruleIcmp
                                  .filter((i) => i.type === icmpType)
                                  .flatMap((i) => (i.code === undefined ? [] : [i.code, i.code + 1])),
                          ]),
                      ].filter((c) => c <= 255);
            return codes.map((icmpCode) => ({ protocol: ICMP, icmpType, icmpCode }));
        });
    };
    switch (flow.protocol) {
        case "tcp":
            return transport(TCP);
        case "udp":
            return transport(UDP);
        case "icmp":
            return icmp();
        case "all": {
            const others = [
                ...new Set([
                    47,
                    ...rules
                        .map((r) => Number(r.protocol))
                        .filter((n) => Number.isInteger(n) && ![TCP, UDP, ICMP].includes(n)),
                ]),
            ];
            return [
                ...transport(TCP),
                ...transport(UDP),
                ...icmp(),
                ...others.map((protocol) => ({ protocol })),
            ];
        }
    }
}

/** Judges a flow by its sampled packets. */
export function judgeFlow(net: OracleNetwork, flow: OracleFlowSpec): FlowJudgement {
    const subnets = involved(net, flow);
    const srcs = [
        ...new Set(flow.sources.flatMap((c) => sampleAddresses(net, parseBlock(c), false, subnets))),
    ];
    const dsts = [
        ...new Set(
            flow.destinations.flatMap((c) =>
                sampleAddresses(net, parseBlock(c), flow.destinationOutsideVcn, subnets),
            ),
        ),
    ];
    const shapes = sampleShapes(net, flow, subnets);
    const denied: JudgedPacket[] = [];
    const assumed: JudgedPacket[] = [];
    let packets = 0;
    let allowedPackets = 0;
    let assumedPackets = 0;
    let firstAllowed: JudgedPacket | undefined;
    // One packet object per shape, its addresses set in place (millions of packets per run: allocating each
    // was a third of the differential test's time); a packet that is kept is copied.
    const probes: { -readonly [K in keyof Packet]: Packet[K] }[] = shapes.map((shape) => ({
        ...shape,
        src: 0,
        dst: 0,
    }));
    for (const src of srcs) {
        for (const dst of dsts) {
            for (const probe of probes) {
                probe.src = src;
                probe.dst = dst;
                const verdict = judgePacket(net, probe);
                if (verdict === undefined) continue;
                packets++;
                if (verdict.outcome === "allowed") {
                    allowedPackets++;
                    firstAllowed ??= { packet: { ...probe }, verdict };
                } else {
                    if (verdict.outcome === "assumed") assumedPackets++;
                    const bucket = verdict.outcome === "denied" ? denied : assumed;
                    if (bucket.length < MAX_FAILURES) bucket.push({ packet: { ...probe }, verdict });
                }
            }
        }
    }
    const outcome =
        packets === 0 ? "vacuous" : denied.length > 0 ? "denied" : assumed.length > 0 ? "assumed" : "allowed";
    return {
        outcome,
        packets,
        allowedPackets,
        assumedPackets,
        failures: [...denied, ...assumed].slice(0, MAX_FAILURES),
        ...(firstAllowed === undefined ? {} : { firstAllowed }),
    };
}
