import type { ModelRule, NetworkModel } from "../model/model";
import { cidrContains, cidrOverlaps, knownCidr } from "../../net/cidr";
import { describeRuleOrigin } from "./match";
import { checkAtSubnet, sideVerdict, type SubnetCheck } from "./sides";
import type { SideVerdict } from "./verdict";
import { ALL_PORTS, LINUX_EPHEMERAL_PORTS, type PortRange } from "../../net/ports";
import { CIDR_BLOCK, protocolName, type RuleQuery } from "../../net/rules";

/*
 * Replies. OCI tracks connections allowed by stateful rules and lets their replies through on both VNICs.
 * When a stateless rule matches the traffic, OCI does not track it (a stateless rule takes precedence over a
 * stateful one for the same traffic, whether or not the stateless rule was needed), so the reply must be allowed by rules of its own: egress at the
 * destination back to the source, from the flow's ports to the client's ephemeral ports, and ingress at the
 * source likewise.
 */

/** The reply verdict and its reasons. */
export interface ReplyOutcome {
    /** The verdict. */
    verdict: SideVerdict;
    /** Sentences explaining a denied or unknown reply. */
    reasons: string[];
}

/**
 * Checks the reply of a flow given the forward checks (ingress at the destination subnets, egress at the
 * source subnet). `not-applicable` when no forward side allowed anything; `allowed` with no rules when every
 * rule used forward is stateful.
 */
export function checkReply(
    model: NetworkModel,
    ingress: SubnetCheck[],
    egress: SubnetCheck | undefined,
): ReplyOutcome {
    const forward = [...ingress, ...(egress === undefined ? [] : [egress])].filter(
        (c) => c.status !== "denied",
    );
    if (forward.length === 0) return { verdict: { status: "not-applicable", rules: [] }, reasons: [] };
    const reverse: SubnetCheck[] = [];
    const reasons: string[] = [];
    for (const check of forward) {
        for (const { rules, query } of statelessParts(check)) {
            const result = checkAtSubnet(model, check.subnet, query);
            reverse.push(result);
            if (result.status === "allowed") continue;
            const names = rules.map(describeRuleOrigin).join(", ");
            const head = `stateless rule with no reply rule: ${names} on ${check.subnet.name} allow the traffic statelessly`;
            reasons.push(`${head}, so the reply needs its own rule; ${result.reasons.join("; ")}`);
        }
    }
    if (reverse.length === 0) return { verdict: { status: "allowed", rules: [] }, reasons: [] };
    return { verdict: sideVerdict(reverse), reasons };
}

/**
 * The parts of a forward check's traffic that stateless rules match, each with the reply query it needs. OCI
 * applies a stateless rule over a stateful one for the same packet (docs/oracle-c3-network.md §6), so every
 * stateless rule of the VNIC that matches part of the traffic leaves that part untracked, even when a
 * stateful rule covers it too, and even for a protocol-"all" flow that a TCP-only stateless rule cannot
 * cover on its own (a stateless TCP 5000 egress beside the stateful egress-all: port-5000 replies drop).
 */
function statelessParts(check: SubnetCheck): { rules: ModelRule[]; query: RuleQuery }[] {
    const q = check.query;
    // The rules the forward check read: the same VNIC and direction, so nothing is looked up twice.
    const stateless = check.rules.filter((r) => r.stateless && r.unknown !== true);
    const parts: { rules: ModelRule[]; query: RuleQuery }[] = [];
    for (const rule of stateless) {
        const part = narrowedTo(q, rule);
        const reply = part === undefined ? undefined : reverseQuery(part);
        if (reply === undefined) continue;
        const same = parts.find((p) => sameQuery(p.query, reply));
        if (same !== undefined) same.rules.push(rule);
        else parts.push({ rules: [rule], query: reply });
    }
    return parts;
}

/** The part of `q` that `rule` matches (undefined when none): the peer, protocol and ports they share. */
function narrowedTo(q: RuleQuery, rule: ModelRule): RuleQuery | undefined {
    const peer = knownCidr(rule.peer);
    if (peer === undefined || rule.peerType !== CIDR_BLOCK || !cidrOverlaps(peer, q.peer)) return undefined;
    const shared = cidrContains(q.peer, peer) ? peer : q.peer;
    const ruleProtocol = protocolName(rule);
    if (ruleProtocol === undefined) return undefined;
    let protocol = q.protocol;
    if (q.protocol === "all") protocol = ruleProtocol;
    else if (ruleProtocol !== "all" && ruleProtocol !== q.protocol) return undefined;
    const narrowed: RuleQuery = { ...q, peer: shared, protocol };
    if (protocol === "tcp" || protocol === "udp") {
        const all = ruleProtocol === "all";
        const dstPorts = intersect(
            q.protocol === "all" ? ALL_PORTS : q.dstPorts,
            all ? undefined : rule.dstPorts,
        );
        const srcPorts = intersect(
            q.protocol === "all" ? ALL_PORTS : q.srcPorts,
            all ? undefined : rule.srcPorts,
        );
        if (dstPorts === undefined || srcPorts === undefined) return undefined;
        return { ...narrowed, dstPorts, srcPorts };
    }
    if (protocol === "icmp") {
        const icmp = q.icmp ?? (ruleProtocol === "icmp" ? rule.icmp : undefined);
        if (
            q.icmp !== undefined &&
            ruleProtocol === "icmp" &&
            rule.icmp !== undefined &&
            rule.icmp.type !== q.icmp.type
        )
            return undefined;
        return icmp === undefined ? { ...narrowed, icmp: undefined } : { ...narrowed, icmp };
    }
    return narrowed;
}

function intersect(range: PortRange, limit: PortRange | undefined): PortRange | undefined {
    if (limit === undefined) return range;
    const min = Math.max(range.min, limit.min);
    const max = Math.min(range.max, limit.max);
    return min <= max ? { min, max } : undefined;
}

function sameQuery(a: RuleQuery, b: RuleQuery): boolean {
    return JSON.stringify({ ...a, peer: a.peer.text }) === JSON.stringify({ ...b, peer: b.peer.text });
}

/**
 * The reply's query at the same VNIC: the other direction, same peer, from the flow's destination ports to
 * the Linux ephemeral range. ICMP: an echo request (type 8) is answered by an echo reply (type 0); other ICMP
 * types (errors) get no reply. Returns undefined when no reply is expected.
 */
export function reverseQuery(q: RuleQuery): RuleQuery | undefined {
    const direction = q.direction === "ingress" ? "egress" : "ingress";
    if (q.protocol === "icmp") {
        if (q.icmp === undefined) return { ...q, direction };
        if (q.icmp.type !== 8) return undefined;
        return { ...q, direction, icmp: { type: 0 } };
    }
    return { ...q, direction, dstPorts: LINUX_EPHEMERAL_PORTS, srcPorts: q.dstPorts };
}
