import { type Cidr, cidrContains, cidrOverlaps, parseCidr, isCidrError, knownCidr } from "./cidr";
import { type Box, type Interval, boxesOverlap, coverage, interval } from "./coverage";
import { PROTOCOL_NUMBERS, type Protocol } from "../c3/protocols";
import { portsCover, type PortRange } from "./ports";

/*
 * How one OCI security rule relates to one direction of a flow at one VNIC. A rule and a flow are both
 * boxes over three dimensions: the peer's addresses (source of an ingress rule, destination of an egress
 * rule), then destination port × source port for TCP/UDP, or ICMP type × code for ICMP (a protocol-"all"
 * flow uses two dummy zero-width dimensions). The union of matching rule boxes must cover the flow box.
 */

/**
 * One OCI security rule (`IngressSecurityRule`/`EgressSecurityRule` of a security list, or an NSG's
 * `SecurityRule`), in OCI's own terms: the part every reader of rules shares, whatever the rule came from (a
 * rendered plan, a mock run, a Terraform state, a policy pack's resources).
 */
export interface SecurityRule {
    /** Ingress or egress. */
    direction: "ingress" | "egress";
    /** OCI `stateless`; stateful (false) rules allow the reply automatically. */
    stateless: boolean;
    /** OCI protocol: `"all"`, or an IANA number as a string (`"6"` TCP, `"17"` UDP, `"1"` ICMP); `""` when unknown. */
    protocol: string;
    /** Source CIDR of an ingress rule, destination CIDR of an egress rule; `""` when unknown. */
    peer: string;
    /** OCI source/destination type: `CIDR_BLOCK` (C3 supports only this), `SERVICE_CIDR_BLOCK`, `NETWORK_SECURITY_GROUP`. */
    peerType: string;
    /** Destination ports (tcp/udp); absent means all. */
    dstPorts?: PortRange;
    /** Source ports (tcp/udp); absent means all. */
    srcPorts?: PortRange;
    /** ICMP type and optional code; absent means all ICMP. */
    icmp?: { type: number; code?: number };
    /** True when a field of the rule was unknown (preview); the evaluator then cannot decide with it. */
    unknown?: boolean;
}

/** The only rule peer type C3 implements (docs/oracle-c3-network.md §6: "source and destination types are CIDR only"). */
export const CIDR_BLOCK = "CIDR_BLOCK";

/** One direction of a flow as seen by the security rules of one VNIC. */
export interface RuleQuery {
    /** Which rules apply: ingress rules at the receiving VNIC, egress rules at the sending VNIC. */
    direction: "ingress" | "egress";
    /** The other end: the packet's source for ingress, its destination for egress. */
    peer: Cidr;
    /** The flow's protocol. */
    protocol: Protocol;
    /** Destination ports the packets use (tcp/udp). */
    dstPorts: PortRange;
    /** Source ports the packets may use (tcp/udp); a client's are ephemeral, so usually all ports. */
    srcPorts: PortRange;
    /** ICMP type and optional code (icmp); absent means every ICMP type. */
    icmp?: { type: number; code?: number };
}

/** How a rule relates to a query: it covers a box of it, cannot apply, or cannot be decided (preview). */
export type RuleMatch =
    { kind: "match"; box: Box } | { kind: "no-match"; why?: string } | { kind: "unknown"; why: string };

const FULL_PORTS = interval(0, 65535);
const FULL_ICMP = interval(0, 255);
const ZERO = interval(0, 0);

/** The box a query asks to be covered. */
export function queryBox(q: RuleQuery): Box {
    const addresses = { lo: q.peer.start, hi: q.peer.end };
    switch (q.protocol) {
        case "tcp":
        case "udp":
            return [addresses, rangeInterval(q.dstPorts), rangeInterval(q.srcPorts)];
        case "icmp":
            return [addresses, ...icmpIntervals(q.icmp)];
        case "all":
            return [addresses, ZERO, ZERO];
    }
}

/**
 * True when the rule's protocol can carry the flow's protocol. OCI semantics: a rule with protocol `"all"`
 * matches every protocol, a numbered rule only its own; a protocol-`"all"` flow needs an `"all"` rule.
 */
export function ruleMatchesProtocol(rule: Pick<SecurityRule, "protocol">, protocol: Protocol): boolean {
    const ruleProtocol = rule.protocol.toLowerCase();
    if (ruleProtocol === "all") return true;
    if (protocol === "all") return false;
    return ruleProtocol === PROTOCOL_NUMBERS[protocol] || ruleProtocol === protocol;
}

/**
 * Classifies one OCI security rule against a query. Rules of the other direction, another protocol, a
 * disjoint peer or disjoint ports do not match; rules whose peer type is not `CIDR_BLOCK` never match on
 * C3 (docs/oracle-c3-network.md §6), and say so; rules with unknown fields (preview) are `unknown` unless a known field already
 * rules them out.
 */
export function ruleMatch<R extends SecurityRule>(
    rule: R,
    q: RuleQuery,
    name: (rule: R) => string = () => "the rule",
): RuleMatch {
    if (rule.direction !== q.direction) return { kind: "no-match" };
    const protocolKnown = rule.protocol !== "";
    if (protocolKnown && !ruleMatchesProtocol(rule, q.protocol)) return { kind: "no-match" };
    const peer = rule.peer === "" ? undefined : parseCidr(rule.peer);
    if (peer !== undefined && !isCidrError(peer) && !cidrOverlaps(peer, q.peer)) return { kind: "no-match" };
    if (rule.unknown === true) return { kind: "unknown", why: `${name(rule)} is unknown (preview)` };
    if (rule.peerType !== CIDR_BLOCK) {
        return {
            kind: "no-match",
            why: `${name(rule)} has peer type ${rule.peerType}; C3 only implements CIDR_BLOCK`,
        };
    }
    if (peer === undefined || isCidrError(peer)) {
        return { kind: "no-match", why: `${name(rule)} has no valid IPv4 CIDR (${rule.peer})` };
    }
    const box = ruleBox(rule, peer, q.protocol);
    return boxesOverlap(box, queryBox(q)) ? { kind: "match", box } : { kind: "no-match" };
}

/** True when the rule allows at least part of the query (known rules only). */
export function ruleMatchesQuery(rule: SecurityRule, q: RuleQuery): boolean {
    return ruleMatch(rule, q).kind === "match";
}

/** True when this one rule alone allows the whole query. */
export function ruleCoversQuery(rule: SecurityRule, q: RuleQuery): boolean {
    const m = ruleMatch(rule, q);
    return m.kind === "match" && coverage([m.box], queryBox(q)).covered;
}

/** The rule's box for a flow of `protocol`; the rule's protocol is known to match. */
function ruleBox(rule: SecurityRule, peer: Cidr, protocol: Protocol): Box {
    const addresses = { lo: peer.start, hi: peer.end };
    const all = rule.protocol.toLowerCase() === "all";
    switch (protocol) {
        case "tcp":
        case "udp":
            if (all) return [addresses, FULL_PORTS, FULL_PORTS];
            return [addresses, optionalRange(rule.dstPorts), optionalRange(rule.srcPorts)];
        case "icmp":
            if (all || rule.icmp === undefined) return [addresses, FULL_ICMP, FULL_ICMP];
            return [addresses, ...icmpIntervals(rule.icmp)];
        case "all":
            return [addresses, ZERO, ZERO];
    }
}

/** ICMP type × code: a type without a code means every code of that type (OCI semantics). */
function icmpIntervals(icmp: { type: number; code?: number } | undefined): [Interval, Interval] {
    if (icmp === undefined) return [FULL_ICMP, FULL_ICMP];
    const code = icmp.code === undefined ? FULL_ICMP : interval(icmp.code, icmp.code);
    return [interval(icmp.type, icmp.type), code];
}

function rangeInterval(range: PortRange): Interval {
    return interval(range.min, range.max);
}

function optionalRange(range: PortRange | undefined): Interval {
    return range === undefined ? FULL_PORTS : rangeInterval(range);
}

/** `tcp`, `udp`, `icmp`, `all`, or undefined for other protocol numbers. */
export function protocolName(rule: Pick<SecurityRule, "protocol">): Protocol | undefined {
    const value = rule.protocol.toLowerCase();
    if (value === "all") return "all";
    for (const [name, number] of Object.entries(PROTOCOL_NUMBERS) as [Protocol, string][]) {
        if (value === number || value === name) return name;
    }
    return undefined;
}

/**
 * True when `outer` allows every packet `inner` allows (same container assumed): the one
 * covering relation the renderer compacts rules with and the shadowed/duplicate-rule findings use.
 */
export function ruleCoversRule(outer: SecurityRule, inner: SecurityRule): boolean {
    if (outer.direction !== inner.direction) return false;
    if (outer.peerType !== CIDR_BLOCK || inner.peerType !== CIDR_BLOCK) return false;
    if (outer.stateless !== inner.stateless) return false;
    const a = knownCidr(outer.peer);
    const b = knownCidr(inner.peer);
    if (a === undefined || b === undefined || !cidrContains(a, b)) return false;
    const po = protocolName(outer) ?? outer.protocol;
    const pi = protocolName(inner) ?? inner.protocol;
    if (po === "all") return true;
    if (po !== pi) return false;
    if (po === "tcp" || po === "udp")
        return portsCover(outer.dstPorts, inner.dstPorts) && portsCover(outer.srcPorts, inner.srcPorts);
    if (po === "icmp") {
        if (outer.icmp === undefined) return true;
        if (inner.icmp === undefined || inner.icmp.type !== outer.icmp.type) return false;
        return outer.icmp.code === undefined || outer.icmp.code === inner.icmp.code;
    }
    return true;
}
