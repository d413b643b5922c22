/* Check `all-protocols`: a rule that opens every protocol where the flows it serves need one or two. */
import {
    judged,
    rulePeerText,
    ruleSubject,
    servedTraffic,
    subnetNames,
    type RuleEntry,
    type RuleUse,
} from "./rule-usage";
import { protocolName } from "../../net/rules";
import type { Finding } from "./finding";

/** All-protocol rules, unless a flow that itself needs every protocol uses them. */
export function allProtocolFindings(
    entries: readonly RuleEntry[],
    usage: ReadonlyMap<string, readonly RuleUse[]>,
): Finding[] {
    return judged(entries)
        .filter(({ rule }) => protocolName(rule) === "all")
        .filter((e) => !(usage.get(e.id) ?? []).some((u) => u.protocol === "all"))
        .map(({ rule, subnets, id }) => ({
            kind: "all-protocols",
            severity: rule.direction === "ingress" ? "medium" : "low",
            subject: ruleSubject(rule),
            message: `allows all protocols (${rulePeerText(rule)}, on ${subnetNames(subnets)}) where the flows it serves need ${servedTraffic(usage.get(id) ?? [])}`,
            fix: "replace it with rules for the protocols and ports the flows need",
        }));
}
