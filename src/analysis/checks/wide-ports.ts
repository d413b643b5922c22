/* Check `wide-port-range`: a port range wider than every flow the rule serves. */
import { describePorts, ruleTraffic } from "../../net/describe";
import { judged, rulePeerText, ruleSubject, servedTraffic, type RuleEntry, type RuleUse } from "./rule-usage";
import { protocolName } from "../../net/rules";
import type { Finding } from "./finding";

/** TCP/UDP rules whose port range is wider than every flow they serve. */
export function widePortFindings(
    entries: readonly RuleEntry[],
    usage: ReadonlyMap<string, readonly RuleUse[]>,
): Finding[] {
    const out: Finding[] = [];
    for (const { rule, id } of judged(entries)) {
        const name = protocolName(rule);
        if (name !== "tcp" && name !== "udp") continue;
        const uses = (usage.get(id) ?? []).filter((u) => u.side !== "reply" && u.protocol === name);
        if (uses.length === 0) continue;
        const ports = rule.dstPorts ?? { min: 1, max: 65535 };
        const needed = uses.map((u) => u.ports ?? { min: 1, max: 65535 });
        if (needed.some((n) => n.min <= ports.min && ports.max <= n.max)) continue;
        const hull = {
            min: Math.min(...needed.map((n) => n.min)),
            max: Math.max(...needed.map((n) => n.max)),
        };
        out.push({
            kind: "wide-port-range",
            severity: rule.direction === "ingress" ? "medium" : "low",
            subject: ruleSubject(rule),
            message: `${ruleTraffic(rule)} ${rulePeerText(rule)} is wider than any flow it serves (${servedTraffic(uses)})`,
            fix: `narrow it to ${name.toUpperCase()} ${describePorts(hull)}${hull.max - hull.min + 1 > needed.length ? ", or one rule per flow" : ""}`,
        });
    }
    return out;
}
