import { contains, formatAddress } from "./ipv4";
import type { OracleNetwork, OracleRoute, OracleRule, OracleSubnet } from "./network";

/*
 * One concrete packet through an OCI VCN, judged from OCI's documented semantics:
 * - a VNIC's rules are the union of its subnet's security lists and its NSGs; a packet passes a VNIC in one
 *   direction when at least one rule of that direction matches it (peer CIDR, protocol, ports, ICMP type/code);
 * - a packet matched only by stateful rules is connection-tracked and its reply passes that VNIC
 *   automatically; when a stateless rule matches, the stateless rule applies (C3: "When a message appears that
 *   fits both stateful and stateless rule criteria, the stateless rule is applied"), so the reply needs a rule;
 * - traffic within the VCN needs no route; traffic leaving it needs a route rule (longest prefix) in the
 *   source subnet's table that targets a gateway that exists, and an internet gateway serves only subnets whose
 *   VNICs may have public IPs;
 * - traffic from outside into a subnet must come back out along a declared path: an internet-gateway route in
 *   a public subnet, or a DRG/LPG route. Anything else (a private subnet reached from outside, a NAT gateway,
 *   which takes no inbound connections) depends on a path the network does not declare: "assumed", not
 *   allowed. ICMP error messages about a connection the host opened through the NAT are the exception;
 * - hosts outside the VCN have no filtering of their own; no host lives in the VCN outside its subnets, nor
 *   on a subnet's reserved addresses (the first two and the last).
 */

/** A concrete packet: addresses, IANA protocol number, ports (TCP/UDP) or ICMP type/code. */
export interface Packet {
    /** Source address. */
    readonly src: number;
    /** Destination address. */
    readonly dst: number;
    /** IANA protocol number: 6 TCP, 17 UDP, 1 ICMP, anything else. */
    readonly protocol: number;
    /** TCP/UDP source port. */
    readonly srcPort?: number;
    /** TCP/UDP destination port. */
    readonly dstPort?: number;
    /** ICMP type. */
    readonly icmpType?: number;
    /** ICMP code. */
    readonly icmpCode?: number;
}

/** Where an address sits. */
export type Place =
    | { readonly kind: "subnet"; readonly subnet: OracleSubnet }
    | { readonly kind: "outside" }
    | { readonly kind: "no-host"; readonly why: string };

/** A packet's fate: allowed; denied by a rule or route; or depending on a path the network does not declare. */
export type PacketOutcome = "allowed" | "denied" | "assumed";

/** The verdict for one packet. */
export interface PacketVerdict {
    /** The outcome. */
    readonly outcome: PacketOutcome;
    /** Why, in words: the first failing check, or the rules and route that carry it. */
    readonly reason: string;
    /**
     * Set for denials an evaluator easily gets wrong: `stateless-precedence`, the reply is refused although a
     * stateful rule matched the packet too (C3 applies the stateless rule, so the connection is not tracked);
     * `gateway-state`, the route's gateway is registered but disabled or blocks traffic.
     */
    readonly cause?: "stateless-precedence" | "gateway-state";
}

/** Where `address` is in `net`. */
export function placeOf(net: OracleNetwork, address: number): Place {
    if (!contains(net.vcn, address)) return { kind: "outside" };
    const subnet = net.subnets.find((s) => contains(s.block, address));
    if (subnet === undefined) return { kind: "no-host", why: "in the VCN but in no subnet" };
    const { first, last } = subnet.block;
    if (address === first || address === first + 1 || address === last) {
        return { kind: "no-host", why: `an address OCI reserves in ${subnet.name}` };
    }
    return { kind: "subnet", subnet };
}

/** The packet in words: `TCP 10.0.0.1:40000 → 10.0.1.5:22`. */
export function packetText(p: Packet): string {
    const src = formatAddress(p.src);
    const dst = formatAddress(p.dst);
    if (p.protocol === 6 || p.protocol === 17) {
        return `${p.protocol === 6 ? "TCP" : "UDP"} ${src}:${p.srcPort} → ${dst}:${p.dstPort}`;
    }
    if (p.protocol === 1) return `ICMP type ${p.icmpType} code ${p.icmpCode} ${src} → ${dst}`;
    return `protocol ${p.protocol} ${src} → ${dst}`;
}

function within(value: number | undefined, bounds: readonly [number, number] | undefined): boolean {
    return bounds === undefined || (value !== undefined && value >= bounds[0] && value <= bounds[1]);
}

/** Whether one rule matches a packet crossing its VNIC in `direction`. */
export function ruleMatches(rule: OracleRule, direction: "ingress" | "egress", p: Packet): boolean {
    if (rule.direction !== direction) return false;
    if (!contains(rule.peer, direction === "ingress" ? p.src : p.dst)) return false;
    if (rule.protocol === "all") return true;
    if (rule.protocol !== String(p.protocol)) return false;
    if (rule.protocol === "6" || rule.protocol === "17") {
        return within(p.dstPort, rule.dstPorts) && within(p.srcPort, rule.srcPorts);
    }
    if (rule.protocol === "1" && rule.icmp !== undefined) {
        return (
            rule.icmp.type === p.icmpType && (rule.icmp.code === undefined || rule.icmp.code === p.icmpCode)
        );
    }
    return true;
}

/** A subnet's rules by direction, then statefulness, then protocol number (-1 = all protocols); built once. */
type RuleIndex = Record<"ingress" | "egress", Record<"stateless" | "stateful", Map<number, OracleRule[]>>>;

const indexes = new WeakMap<OracleSubnet, RuleIndex>();
const ALL_PROTOCOLS = -1;

function indexOf(subnet: OracleSubnet): RuleIndex {
    let index = indexes.get(subnet);
    if (index === undefined) {
        const empty = () => ({
            stateless: new Map<number, OracleRule[]>(),
            stateful: new Map<number, OracleRule[]>(),
        });
        const built: RuleIndex = { ingress: empty(), egress: empty() };
        for (const rule of subnet.rules) {
            const byProtocol = built[rule.direction][rule.stateless ? "stateless" : "stateful"];
            const key = rule.protocol === "all" ? ALL_PROTOCOLS : Number(rule.protocol);
            byProtocol.set(key, [...(byProtocol.get(key) ?? []), rule]);
        }
        indexes.set(subnet, built);
        index = built;
    }
    return index;
}

function anyMatch(rules: OracleRule[] | undefined, direction: "ingress" | "egress", p: Packet): boolean {
    if (rules === undefined) return false;
    for (const rule of rules) if (ruleMatches(rule, direction, p)) return true;
    return false;
}

/**
 * Whether a packet crosses one VNIC of `subnet` in `direction`, and whether it is connection-tracked: any
 * matching stateless rule makes it untracked (C3's precedence), so stateless rules are looked at first.
 */
function cross(subnet: OracleSubnet, direction: "ingress" | "egress", p: Packet): Crossing {
    const side = indexOf(subnet)[direction];
    const hit = (rules: Map<number, OracleRule[]>): boolean =>
        anyMatch(rules.get(p.protocol), direction, p) || anyMatch(rules.get(ALL_PROTOCOLS), direction, p);
    const stateful = hit(side.stateful);
    if (side.stateless.size > 0 && hit(side.stateless)) return stateful ? "overridden" : "untracked";
    return stateful ? "tracked" : "no";
}

/**
 * How a packet crosses a VNIC: not at all, tracked (stateful rules only), untracked (stateless rules only), or
 * overridden (stateful and stateless rules both match; the stateless one applies, so it is untracked).
 */
type Crossing = "no" | "tracked" | "untracked" | "overridden";

/** The rules of `subnet` that let `p` cross, for messages. */
export function rulesFor(subnet: OracleSubnet, direction: "ingress" | "egress", p: Packet): string[] {
    return subnet.rules.filter((r) => ruleMatches(r, direction, p)).map((r) => r.origin);
}

const ICMP_ERRORS: readonly number[] = [3, 4, 5, 11, 12];
const ICMP_REPLIES: Readonly<Record<number, number>> = { 8: 0, 13: 14, 15: 16, 17: 18 };

/** The reply a destination sends back; undefined when the message has none (ICMP errors, replies). */
export function replyOf(p: Packet): Packet | undefined {
    if (p.protocol === 6 || p.protocol === 17) {
        return { src: p.dst, dst: p.src, protocol: p.protocol, srcPort: p.dstPort, dstPort: p.srcPort };
    }
    if (p.protocol === 1) {
        const type = p.icmpType === undefined ? undefined : ICMP_REPLIES[p.icmpType];
        return type === undefined
            ? undefined
            : { src: p.dst, dst: p.src, protocol: 1, icmpType: type, icmpCode: 0 };
    }
    return { src: p.dst, dst: p.src, protocol: p.protocol };
}

/** The route rule with the longest prefix that contains `address`. */
export function routeFor(subnet: OracleSubnet, address: number): OracleRoute | undefined {
    let best: OracleRoute | undefined;
    for (const route of subnet.routes) {
        if (
            contains(route.destination, address) &&
            (best === undefined || route.destination.prefix > best.destination.prefix)
        ) {
            best = route;
        }
    }
    return best;
}

function routeText(route: OracleRoute): string {
    return `${route.table}: ${route.destination.text} → ${route.target} ${route.targetId}`;
}

const ok = (reason: string): PacketVerdict => ({ outcome: "allowed", reason });
const denied = (reason: string): PacketVerdict => ({ outcome: "denied", reason });
const WITHIN_VCN = ok("within the VCN (local routing)");

/** The route out of the VCN from a host of `subnet` to `address`. */
function outbound(subnet: OracleSubnet, address: number): PacketVerdict {
    const route = routeFor(subnet, address);
    const to = formatAddress(address);
    if (route === undefined) return denied(`no route in ${subnet.name}'s route table to ${to}`);
    if (route.target === "unusable") {
        return {
            outcome: "denied",
            reason: `${routeText(route)}: that gateway is disabled or blocks traffic`,
            cause: "gateway-state",
        };
    }
    if (route.target === "opaque") {
        return {
            outcome: "assumed",
            reason: `${routeText(route)} targets something the network does not declare as a gateway: its forwarding is assumed`,
        };
    }
    if (route.target === "internet" && !subnet.publicIps) {
        return denied(
            `${routeText(route)}: an internet gateway serves only VNICs with public IPs, and ${subnet.name} prohibits them`,
        );
    }
    return ok(`route ${routeText(route)}`);
}

/** The path into `subnet` from a host outside the VCN, judged by the route its replies take back. */
function inbound(subnet: OracleSubnet, p: Packet): PacketVerdict {
    const route = routeFor(subnet, p.src);
    const from = formatAddress(p.src);
    if (route !== undefined && route.target === "internet" && subnet.publicIps) {
        return ok(`in through the internet gateway, replies by ${routeText(route)}`);
    }
    if (route !== undefined && (route.target === "drg" || route.target === "lpg")) {
        return ok(`in and back through the declared ${route.target} (${routeText(route)})`);
    }
    if (route?.target === "nat" && p.protocol === 1 && ICMP_ERRORS.includes(p.icmpType ?? -1)) {
        return ok(`an ICMP error about a connection opened through the NAT gateway (${routeText(route)})`);
    }
    const how = route === undefined ? "has no route back to it" : `sends replies by ${routeText(route)}`;
    return {
        outcome: "assumed",
        reason:
            `nothing the network declares carries ${from} into ${subnet.name} (${subnet.publicIps ? "public" : "private"} subnet; ` +
            `its route table ${how}): a path outside this network (a DRG or an on-premises route) is assumed`,
    };
}

/** The reply of a packet that was not connection-tracked on some side must be allowed there by a rule. */
function replyCheck(
    p: Packet,
    src: Place,
    dst: Place,
    crossed: { src: Crossing; dst: Crossing },
): PacketVerdict | undefined {
    const reply = replyOf(p);
    if (reply === undefined) return undefined;
    const refused = (side: Crossing, reason: string): PacketVerdict => ({
        outcome: "denied",
        reason:
            side === "overridden"
                ? `${reason} (a stateful rule matches too, but C3 applies the stateless one)`
                : reason,
        ...(side === "overridden" ? { cause: "stateless-precedence" as const } : {}),
    });
    if (dst.kind === "subnet" && crossed.dst !== "tracked" && cross(dst.subnet, "egress", reply) === "no") {
        return refused(
            crossed.dst,
            `stateless ingress at ${dst.subnet.name} and no egress rule there lets the reply ${packetText(reply)} out`,
        );
    }
    if (src.kind === "subnet" && crossed.src !== "tracked" && cross(src.subnet, "ingress", reply) === "no") {
        return refused(
            crossed.src,
            `stateless egress at ${src.subnet.name} and no ingress rule there lets the reply ${packetText(reply)} in`,
        );
    }
    return undefined;
}

/**
 * Judges one packet. Returns undefined when the packet is not this network's business: both ends outside the
 * VCN, an end where no host can be, or a host talking to itself.
 */
export function judgePacket(net: OracleNetwork, p: Packet): PacketVerdict | undefined {
    const src = placeOf(net, p.src);
    const dst = placeOf(net, p.dst);
    if (src.kind === "no-host" || dst.kind === "no-host" || p.src === p.dst) return undefined;
    if (src.kind === "outside" && dst.kind === "outside") return undefined;
    const crossed: { src: Crossing; dst: Crossing } = { src: "tracked", dst: "tracked" };
    if (src.kind === "subnet") {
        crossed.src = cross(src.subnet, "egress", p);
        if (crossed.src === "no")
            return denied(`no egress rule of ${src.subnet.name} lets ${packetText(p)} out`);
    }
    if (dst.kind === "subnet") {
        crossed.dst = cross(dst.subnet, "ingress", p);
        if (crossed.dst === "no")
            return denied(`no ingress rule of ${dst.subnet.name} lets ${packetText(p)} in`);
    }
    const reply = replyCheck(p, src, dst, crossed);
    if (reply !== undefined) return reply;
    if (src.kind === "subnet" && dst.kind === "subnet") return WITHIN_VCN;
    return src.kind === "subnet"
        ? outbound(src.subnet, p.dst)
        : inbound((dst as { subnet: OracleSubnet }).subnet, p);
}

/** Why a packet is allowed, with the rules on each side (slower than {@link judgePacket}; for messages). */
export function explainPacket(net: OracleNetwork, p: Packet): string {
    const verdict = judgePacket(net, p);
    if (verdict === undefined) return "not this network's business";
    const src = placeOf(net, p.src);
    const dst = placeOf(net, p.dst);
    const rules = [
        ...(src.kind === "subnet" ? rulesFor(src.subnet, "egress", p) : []),
        ...(dst.kind === "subnet" ? rulesFor(dst.subnet, "ingress", p) : []),
    ];
    return `${verdict.outcome}: ${verdict.reason}${rules.length > 0 ? `; rules ${rules.join(", ")}` : ""}`;
}
