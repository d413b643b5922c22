import { reservedOverlaps } from "../../net/reserved";
import {
    MAX_EGRESS_RULES_PER_SECURITY_LIST,
    MAX_INGRESS_RULES_PER_SECURITY_LIST,
    MAX_RULES_PER_NSG,
    MAX_SECURITY_LISTS_PER_SUBNET,
} from "../../c3/limits";
import type { ModelSubnet, NetworkModel } from "../model/model";
import type { Finding, FindingSubject, LimitCount } from "../report/report";
import { routeTableOf } from "../evaluate/routes";
import { orderedLists, orderedNsgs, orderedSubnets } from "../model/order";
import { type SubnetRole } from "../../c3/roles";
import { knownCidr } from "../../net/cidr";

/*
 * Findings about containers and subnets rather than single rules: C3's rule and list limits (docs/oracle-c3-network.md §6),
 * public/private mismatches (docs/oracle-c3-network.md §4-§5: worker and control plane are always private; a public subnet needs
 * an internet-gateway route; an internet gateway carries only VNICs with public IPs) and CIDRs that overlap
 * the ranges C3 reserves for itself (docs/oracle-c3-network.md §2c-§2d).
 */

/** Roles Oracle always makes private (docs/oracle-c3-network.md §5, "Public and Private Clusters"). */
const ALWAYS_PRIVATE: readonly SubnetRole[] = ["worker", "controlPlane", "pod"];
const LB_ROLES: readonly SubnetRole[] = ["serviceLb", "controlPlaneEndpoint"];

function subnetSubject(subnet: ModelSubnet): FindingSubject {
    return { type: "subnet", name: subnet.name, key: subnet.key, text: `subnet ${subnet.name}` };
}

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

/** Whether the subnet's route table has a rule to an internet gateway; undefined when unknown. */
function routesToIgw(model: NetworkModel, subnet: ModelSubnet): boolean | undefined {
    const table = routeTableOf(model, subnet);
    if (table === undefined || table.rules.some((r) => r.unknown === true)) return undefined;
    return table.rules.some(
        (r) => r.targetKey !== undefined && model.gateways[r.targetKey]?.kind === "internet",
    );
}

/**
 * Public/private mismatches. `clusterAccess` says whether the two load-balancer subnets are meant to be
 * public; without it only the always-private roles are checked for public IPs.
 */
export function accessFindings(model: NetworkModel, clusterAccess?: "public" | "private"): Finding[] {
    const out: Finding[] = [];
    for (const subnet of model.subnets) {
        const igw = routesToIgw(model, subnet);
        const meantPrivate =
            subnet.role !== undefined &&
            (ALWAYS_PRIVATE.includes(subnet.role) ||
                (clusterAccess === "private" && LB_ROLES.includes(subnet.role)));
        if (subnet.public === true && meantPrivate) out.push(publicIpsFinding(subnet));
        if (subnet.public === true && igw === false) out.push(noIgwFinding(subnet));
        if (subnet.public === false && igw === true) out.push(privateIgwFinding(subnet));
    }
    return out;
}

function publicIpsFinding(subnet: ModelSubnet): Finding {
    return {
        kind: "private-subnet-allows-public-ips",
        severity: "high",
        subject: subnetSubject(subnet),
        message: `subnet ${subnet.name} (role ${subnet.role ?? "?"}) must be private, but its VNICs may get public IPs`,
        fix: "set prohibitPublicIpOnVnic: true (Oracle: worker and control-plane subnets are always private)",
    };
}

function noIgwFinding(subnet: ModelSubnet): Finding {
    return {
        kind: "public-subnet-without-igw-route",
        severity: "medium",
        subject: subnetSubject(subnet),
        message: `subnet ${subnet.name} is public (VNICs may get public IPs) but its route table has no route to an internet gateway`,
        fix: "route 0.0.0.0/0 to the internet gateway (Oracle's `public` table), or make the subnet private",
    };
}

function privateIgwFinding(subnet: ModelSubnet): Finding {
    return {
        kind: "private-subnet-routes-to-igw",
        severity: "medium",
        subject: subnetSubject(subnet),
        message: `subnet ${subnet.name} is private but routes to an internet gateway, which only carries traffic of VNICs with public IPs`,
        fix: "route it through the NAT gateway (Oracle's nat_private table) or keep it within the VCN (vcn_private)",
    };
}

/** VCN and subnet CIDRs that overlap a range C3 reserves (docs/oracle-c3-network.md §2c, §2d). */
export function reservedFindings(model: NetworkModel): Finding[] {
    const out: Finding[] = [];
    const check = (text: string | undefined, subject: FindingSubject): void => {
        const block = knownCidr(text);
        if (block === undefined) return;
        for (const range of reservedOverlaps(block)) {
            out.push({
                kind: "reserved-range-overlap",
                severity: "high",
                subject,
                message: `${subject.text} (${block.text}) overlaps ${range.cidr}: ${range.reason} (${range.source})`,
                fix: `choose a CIDR outside ${range.cidr}`,
            });
        }
    };
    for (const vcn of model.vcnCidrs)
        check(vcn, { type: "vcn", name: model.name, key: model.key, text: `VCN ${model.name}` });
    for (const subnet of model.subnets) check(subnet.cidr, subnetSubject(subnet));
    return out;
}
