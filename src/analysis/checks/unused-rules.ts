/* Check `unused-rule`: a rule no required or declared flow uses. Rules with unknown fields (preview) are not judged. */
import type { ModelRule, NetworkModel } from "../model/model";
import { judged, rulePeerText, ruleSubject, subnetNames, type RuleEntry, type RuleUse } from "./rule-usage";
import { knownCidr } from "../../net/cidr";
import { insideVcn } from "../evaluate/locate";
import type { Finding, Severity } from "./finding";
import { ruleTraffic } from "../../net/describe";

function fromOutside(model: NetworkModel, rule: ModelRule): boolean {
    const peer = knownCidr(rule.peer);
    return peer !== undefined && insideVcn(model, peer) === false;
}

/** Rules that serve no required or declared flow (no verdict used them on any side). */
export function unusedRuleFindings(
    model: NetworkModel,
    entries: readonly RuleEntry[],
    usage: ReadonlyMap<string, readonly RuleUse[]>,
): Finding[] {
    return judged(entries)
        .filter((e) => (usage.get(e.id) ?? []).length === 0)
        .map(({ rule, subnets }) => {
            const attached = subnets.length > 0;
            const severity: Severity = !attached
                ? "info"
                : rule.direction === "ingress" && fromOutside(model, rule)
                  ? "medium"
                  : "low";
            return {
                kind: "unused-rule",
                severity,
                subject: ruleSubject(rule),
                message: attached
                    ? `${ruleTraffic(rule)} ${rulePeerText(rule)} serves no required or declared flow (applies to ${subnetNames(subnets)})`
                    : `${ruleTraffic(rule)} ${rulePeerText(rule)} is in a container no subnet uses`,
                fix: attached
                    ? "remove the rule, or declare the flow it is for (extraRules / serviceLbIngress) so it is checked"
                    : "remove the rule or the unused container",
            };
        });
}
