/* Checks `duplicate-rule` and `shadowed-rule`: a rule another rule of the same container and direction already covers. */
import { ruleCoversRule } from "../../net/rules";
import type { ModelRule } from "../model/model";
import { judged, rulePeerText, ruleSubject, type RuleEntry } from "./rule-usage";
import type { Finding } from "./finding";
import { ruleTraffic } from "../../net/describe";

/** Rules another rule of the same container and direction covers: exact duplicates and shadowed rules. */
export function shadowFindings(entries: readonly RuleEntry[]): Finding[] {
    const groups = new Map<string, ModelRule[]>();
    for (const { rule } of judged(entries)) {
        const key = `${rule.origin.container}|${rule.origin.key}|${rule.direction}`;
        groups.set(key, [...(groups.get(key) ?? []), rule]);
    }
    const out: Finding[] = [];
    for (const rules of groups.values()) {
        rules.forEach((inner, i) => {
            const finding = shadowFinding(rules, inner, i);
            if (finding !== undefined) out.push(finding);
        });
    }
    return out;
}

function shadowFinding(rules: readonly ModelRule[], inner: ModelRule, i: number): Finding | undefined {
    // An exact duplicate is reported once, on the later copy; a strictly narrower rule on itself.
    const duplicate = rules.find((o, j) => j < i && ruleCoversRule(o, inner) && ruleCoversRule(inner, o));
    const cover =
        duplicate ?? rules.find((o, j) => j !== i && ruleCoversRule(o, inner) && !ruleCoversRule(inner, o));
    if (cover === undefined) return undefined;
    const coverText = `${cover.direction} rule ${cover.origin.index + 1}`;
    return {
        kind: duplicate === undefined ? "shadowed-rule" : "duplicate-rule",
        severity: "low",
        subject: ruleSubject(inner),
        message:
            duplicate === undefined
                ? `${ruleTraffic(inner)} ${rulePeerText(inner)} is already allowed by ${coverText} of ${cover.origin.name} (${ruleTraffic(cover)} ${rulePeerText(cover)})`
                : `duplicates ${coverText} of ${cover.origin.name} (${ruleTraffic(inner)} ${rulePeerText(inner)})`,
        fix: "remove it; it allows nothing the other rule does not (it only counts against C3's rule limits)",
    };
}
