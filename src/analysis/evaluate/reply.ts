import type { NetworkModel } from "../model/model";
import { describeRuleOrigin } from "./match";
import { checkAtSubnet, sideVerdict, type SubnetCheck } from "./sides";
import type { SideVerdict } from "./verdict";
import { LINUX_EPHEMERAL_PORTS } from "../../net/ports";
import { type RuleQuery } from "../../net/rules";

/*
 * Replies. OCI tracks connections allowed by stateful rules and lets their replies through on both VNICs.
 * When a stateless rule matches the traffic, OCI does not track it (a stateless rule takes precedence over a
 * stateful one for the same traffic), so the reply must be allowed by rules of its own: egress at the
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
        const stateless = check.used.filter((r) => r.stateless);
        const query = stateless.length === 0 ? undefined : reverseQuery(check.query);
        if (query === undefined) continue;
        const result = checkAtSubnet(model, check.subnet, query);
        reverse.push(result);
        if (result.status === "allowed") continue;
        const names = stateless.map(describeRuleOrigin).join(", ");
        const head = `stateless rule with no reply rule: ${names} on ${check.subnet.name} allow the traffic statelessly`;
        reasons.push(`${head}, so the reply needs its own rule; ${result.reasons.join("; ")}`);
    }
    if (reverse.length === 0) return { verdict: { status: "allowed", rules: [] }, reasons: [] };
    return { verdict: sideVerdict(reverse), reasons };
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
