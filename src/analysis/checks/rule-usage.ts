import { describePorts } from "../../net/describe";
import type { ModelRule, ModelSubnet, NetworkModel } from "../model/model";
import { orderedLists, orderedNsgs } from "../model/order";
import { type FlowVerdict, type RuleRef, ruleRefText } from "../evaluate/verdict";
import type { Protocol } from "../../c3/protocols";
import type { PortRange } from "../../net/ports";
import type { FindingSubject } from "./finding";
/*
 * The rule inventory of a model and which flows each rule serves. Least-privilege findings are all about
 * rules that do more than the flows need, so every rule must be tied to the verdicts that used it.
 */

/** One rule of the model with where it lives and which subnets' VNICs it filters. */
export interface RuleEntry {
    /** The rule. */
    rule: ModelRule;
    /** Stable id: container key, direction, index. */
    id: string;
    /** The subnets whose VNICs the rule's container applies to. */
    subnets: ModelSubnet[];
}

/** One use of a rule by a flow's verdict. */
export interface RuleUse {
    /** The flow id. */
    flowId: string;
    /** Which side used it; replies run against the flow, so they say nothing about its ports. */
    side: "ingress" | "egress" | "reply";
    /** The flow's protocol. */
    protocol: Protocol;
    /** The flow's destination ports (absent = all). */
    ports?: PortRange;
}

/** The id of a rule from its origin or a RuleRef. */
export function ruleId(ref: Pick<RuleRef, "container" | "key" | "direction" | "index">): string {
    return `${ref.container}|${ref.key}|${ref.direction}|${ref.index}`;
}

/** The subnets that carry a security list or NSG. */
export function containerSubnets(
    model: NetworkModel,
    container: "securityList" | "nsg",
    key: string,
): ModelSubnet[] {
    return model.subnets.filter((s) =>
        container === "securityList" ? s.securityListKeys.includes(key) : s.nsgKeys.includes(key),
    );
}

/** Every rule of the model: security lists (ingress then egress, in order), then NSGs, in reading order. */
export function ruleEntries(model: NetworkModel): RuleEntry[] {
    const out: RuleEntry[] = [];
    for (const list of orderedLists(model)) {
        const subnets = containerSubnets(model, "securityList", list.key);
        for (const rule of [...list.ingress, ...list.egress]) out.push(entry(rule, subnets));
    }
    for (const nsg of orderedNsgs(model)) {
        const subnets = containerSubnets(model, "nsg", nsg.key);
        for (const rule of nsg.rules) out.push(entry(rule, subnets));
    }
    return out;
}

function entry(rule: ModelRule, subnets: ModelSubnet[]): RuleEntry {
    return { rule, id: ruleId({ ...rule.origin, direction: rule.direction }), subnets };
}

/** Rule id → every use of it by the verdicts (ingress, egress and reply sides). */
export function ruleUsage(verdicts: readonly FlowVerdict[]): Map<string, RuleUse[]> {
    const usage = new Map<string, RuleUse[]>();
    const add = (ref: RuleRef, verdict: FlowVerdict, side: RuleUse["side"]): void => {
        const id = ruleId(ref);
        const use: RuleUse = { flowId: verdict.flowId, side, protocol: verdict.query.protocol };
        if (verdict.query.ports !== undefined) use.ports = verdict.query.ports;
        const uses = usage.get(id);
        if (uses === undefined) usage.set(id, [use]);
        else uses.push(use);
    };
    for (const verdict of verdicts) {
        for (const ref of verdict.ingress.rules) add(ref, verdict, "ingress");
        for (const ref of verdict.egress.rules) add(ref, verdict, "egress");
        for (const ref of verdict.reply.rules) add(ref, verdict, "reply");
    }
    return usage;
}

/** The finding subject for a rule. */
export function ruleSubject(rule: ModelRule): FindingSubject {
    const ref = { ...rule.origin, direction: rule.direction };
    return {
        type: "rule",
        name: rule.origin.name,
        key: rule.origin.key,
        container: rule.origin.container,
        direction: rule.direction,
        index: rule.origin.index,
        text: ruleRefText(ref),
    };
}

/** `ingress from 10.0.0.0/8` / `egress to 0.0.0.0/0`. */
export function rulePeerText(rule: ModelRule): string {
    return `${rule.direction} ${rule.direction === "ingress" ? "from" : "to"} ${rule.peer}`;
}

/** `worker, control-plane` or `no subnet`. */
export function subnetNames(subnets: readonly ModelSubnet[]): string {
    return subnets.length === 0 ? "no subnet" : subnets.map((s) => s.name).join(", ");
}

/** Rules whose fields are all known, so they can be judged. */
export function judged(entries: readonly RuleEntry[]): RuleEntry[] {
    return entries.filter((e) => e.rule.unknown !== true);
}

/** The traffic of the flows a rule serves, for messages. */
export function servedTraffic(uses: readonly RuleUse[]): string {
    const forward = uses.filter((u) => u.side !== "reply");
    if (forward.length === 0) return "nothing";
    const texts = forward.map(
        (u) => `${u.protocol.toUpperCase()}${u.ports === undefined ? "" : ` ${describePorts(u.ports)}`}`,
    );
    return [...new Set(texts)].join(", ");
}
