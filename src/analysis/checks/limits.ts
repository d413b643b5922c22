/* Check `limit-exceeded`: C3's rule and list limits (docs/oracle-c3-network.md §6), counted per container. */
import {
    MAX_EGRESS_RULES_PER_SECURITY_LIST,
    MAX_INGRESS_RULES_PER_SECURITY_LIST,
    MAX_RULES_PER_NSG,
    MAX_SECURITY_LISTS_PER_SUBNET,
} from "../../c3/limits";
import type { NetworkModel } from "../model/model";
import { orderedLists, orderedNsgs, orderedSubnets } from "../model/order";
import { subnetSubject, type Finding, type FindingSubject, type LimitCount } from "./finding";

/** Every count C3 limits: rules per list and direction, rules per NSG, security lists per subnet. */
export function limitCounts(model: NetworkModel): LimitCount[] {
    const out: LimitCount[] = [];
    for (const list of orderedLists(model)) {
        const subject: FindingSubject = {
            type: "securityList",
            name: list.name,
            key: list.key,
            text: list.name,
        };
        out.push({
            subject,
            measure: "ingress rules",
            count: list.ingress.length,
            limit: MAX_INGRESS_RULES_PER_SECURITY_LIST,
        });
        out.push({
            subject,
            measure: "egress rules",
            count: list.egress.length,
            limit: MAX_EGRESS_RULES_PER_SECURITY_LIST,
        });
    }
    for (const nsg of orderedNsgs(model)) {
        const subject: FindingSubject = {
            type: "nsg",
            name: nsg.name,
            key: nsg.key,
            text: `NSG ${nsg.name}`,
        };
        out.push({ subject, measure: "rules", count: nsg.rules.length, limit: MAX_RULES_PER_NSG });
    }
    for (const subnet of orderedSubnets(model)) {
        const count = subnet.securityListKeys.length;
        out.push({
            subject: subnetSubject(subnet),
            measure: "security lists",
            count,
            limit: MAX_SECURITY_LISTS_PER_SUBNET,
        });
    }
    return out;
}

/** A finding per count above its limit: OCI refuses the update, so nothing of it applies. */
export function limitFindings(counts: readonly LimitCount[]): Finding[] {
    return counts
        .filter((c) => c.count > c.limit)
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
