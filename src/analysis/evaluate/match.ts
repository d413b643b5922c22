import { ruleMatch as matchRule, type RuleMatch, type RuleQuery } from "../../net/rules";
import type { ModelRule } from "../model/model";

/** {@link matchRule} for a rule of the model, whose explanations name the rule by where it lives. */
export function ruleMatch(rule: ModelRule, q: RuleQuery): RuleMatch {
    return matchRule(rule, q, describeRuleOrigin);
}

/** "rule 3 of kmi-seclist" / "rule 1 of worker-nsg": how explanations name a rule. */
export function describeRuleOrigin(rule: ModelRule): string {
    const where = rule.origin.container === "nsg" ? "NSG" : "security list";
    return `${rule.direction} rule ${rule.origin.index + 1} of ${where} ${rule.origin.name}`;
}
