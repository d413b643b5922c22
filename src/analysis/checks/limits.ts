/* Check `limit-exceeded`: C3's rule and list limits (docs/oracle-c3-network.md §6), counted per container. */
import { overLimit, withLimits, type LimitCounted } from "../../c3/limits";
import type { NetworkModel } from "../model/model";
import { orderedLists, orderedNsgs, orderedSubnets } from "../model/order";
import { subnetSubject, type Finding, type FindingSubject, type LimitCount } from "./finding";

/** Every count C3 limits, with its limit: rules per list and direction, rules per NSG, security lists per subnet. */
export function limitCounts(model: NetworkModel): LimitCount[] {
    const counts: LimitCounted<FindingSubject>[] = [];
    for (const list of orderedLists(model)) {
        const subject: FindingSubject = {
            type: "securityList",
            name: list.name,
            key: list.key,
            text: list.name,
        };
        counts.push({ subject, measure: "ingress rules", count: list.ingress.length });
        counts.push({ subject, measure: "egress rules", count: list.egress.length });
    }
    for (const nsg of orderedNsgs(model)) {
        const subject: FindingSubject = {
            type: "nsg",
            name: nsg.name,
            key: nsg.key,
            text: `NSG ${nsg.name}`,
        };
        counts.push({ subject, measure: "rules", count: nsg.rules.length });
    }
    for (const subnet of orderedSubnets(model))
        counts.push({
            subject: subnetSubject(subnet),
            measure: "security lists",
            count: subnet.securityListKeys.length,
        });
    return withLimits(counts).map(({ subject, measure, count, limit }) => ({
        subject,
        measure,
        count,
        limit,
    }));
}

/** A finding per count above its limit: OCI refuses the update, so nothing of it applies. */
export function limitFindings(counts: readonly LimitCount[]): Finding[] {
    // Each count carries the limit it was counted against; judge it by that one.
    return counts
        .filter((c) => overLimit(c.count, c.limit))
        .map((c) => ({
            kind: "limit-exceeded",
            severity: "high",
            subject: c.subject,
            message: `${c.subject.text} has ${c.count} ${c.measure}; C3 allows at most ${c.limit} (docs/oracle-c3-network.md §6)`,
            fix:
                c.measure === "security lists"
                    ? "merge security lists, or move role rules into an NSG"
                    : "aggregate peers into fewer CIDR blocks, drop shadowed or unused rules, or split the rules across lists/NSGs",
        }));
}
