import { allProtocolFindings } from "./all-protocols";
import { limitCounts, limitFindings } from "./limits";
import { reservedFindings } from "./reserved-ranges";
import { shadowFindings } from "./shadowed-rules";
import { accessFindings } from "./subnet-access";
import { unusedRuleFindings } from "./unused-rules";
import { widePortFindings } from "./wide-ports";
import { anywhereFindings, type AcknowledgedTraffic, type TrafficException } from "./world-ingress";
import type { NetworkModel } from "../model/model";
import { ruleEntries, ruleUsage } from "./rule-usage";
import type { FlowVerdict } from "../evaluate/verdict";
import { SEVERITIES, type Finding, type LimitCount } from "./finding";

export {
    DEFAULT_ANYWHERE_EXCEPTIONS,
    type AcknowledgedTraffic,
    type TrafficException,
} from "./world-ingress";

/** Options of {@link findingsFor}. */
export interface FindingOptions {
    /** Ingress from 0.0.0.0/0 accepted on purpose, beyond ICMP 3 and 11. */
    anywhereExceptions?: TrafficException[];
    /**
     * World-wide ingress the config acknowledges (`worldWideSources`): still reported, at severity info with
     * the reason, so a reviewer sees every opening to the internet.
     */
    acknowledgedAnywhere?: AcknowledgedTraffic[];
    /** Whether the load-balancer subnets are meant public; without it only always-private roles are checked. */
    clusterAccess?: "public" | "private";
}

/**
 * Every least-privilege and correctness finding of a model, given the verdicts of its required and declared
 * flows (a rule is "used" when some verdict names it). Most severe first; within a severity, model order.
 */
export function findingsFor(
    model: NetworkModel,
    verdicts: readonly FlowVerdict[],
    options: FindingOptions = {},
): { findings: Finding[]; limits: LimitCount[] } {
    const entries = ruleEntries(model);
    const usage = ruleUsage(verdicts);
    const limits = limitCounts(model);
    const findings = [
        ...unusedRuleFindings(model, entries, usage),
        ...anywhereFindings(entries, options.anywhereExceptions ?? [], options.acknowledgedAnywhere ?? []),
        ...allProtocolFindings(entries, usage),
        ...widePortFindings(entries, usage),
        ...shadowFindings(entries),
        ...limitFindings(limits),
        ...accessFindings(model, options.clusterAccess),
        ...reservedFindings(model),
    ];
    const rank = (f: Finding): number => SEVERITIES.length - SEVERITIES.indexOf(f.severity);
    // Array#sort is stable, so findings of one severity keep the model's order.
    return { findings: findings.sort((a, b) => rank(a) - rank(b)), limits };
}
