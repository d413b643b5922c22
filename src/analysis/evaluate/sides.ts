import type { ModelRule, ModelSubnet, NetworkModel } from "../model/model";
import { coverage } from "../../net/coverage";
import { describeGap, describeTraffic } from "../../net/describe";
import { ruleMatch } from "./match";
import type { RuleRef, SideVerdict } from "./verdict";
import { type RuleQuery, queryBox } from "../../net/rules";

/*
 * Security-rule checks at the VNICs of one subnet. OCI applies to a VNIC the union of its subnet's security
 * lists (up to 5) and the NSGs it carries (up to 5); a packet passes when any of those rules allows it.
 * Traffic between two VNICs of the same subnet is filtered like any other.
 */

/** The rules that apply to a subnet's VNICs in one direction, and what could not be read. */
export interface EffectiveRules {
    /** Rules of the subnet's security lists and of the NSGs its VNICs carry. */
    rules: ModelRule[];
    /** Display names of the security lists and NSGs, for explanations. */
    containers: string[];
    /** Sentences naming attachments the model could not resolve (preview). */
    incomplete: string[];
}

/** The outcome of checking one query at one subnet. */
export interface SubnetCheck {
    /** Allowed, denied or unknown. */
    status: "allowed" | "denied" | "unknown";
    /** The subnet checked. */
    subnet: ModelSubnet;
    /** The query. */
    query: RuleQuery;
    /** Known rules that allow some of the traffic. */
    used: ModelRule[];
    /** Every rule of the subnet's lists and NSGs in the query's direction (what the check read). */
    rules: readonly ModelRule[];
    /** When denied: what is missing. */
    missing?: string;
    /** Sentences explaining a denial or an unknown. */
    reasons: string[];
}

/**
 * The effective rules of a subnet's VNICs in one direction: its security lists' rules plus the rules of the
 * NSGs listed in `nsgKeys` (the role's VNICs carry them). VNICs of other subnets never see those NSG rules.
 */
export function effectiveRules(
    model: NetworkModel,
    subnet: ModelSubnet,
    direction: "ingress" | "egress",
): EffectiveRules {
    const out: EffectiveRules = { rules: [], containers: [], incomplete: [] };
    for (const key of subnet.securityListKeys) {
        const list = model.securityLists[key];
        if (list === undefined)
            out.incomplete.push(`security list ${key} of subnet ${subnet.name} is not in the model`);
        else {
            out.containers.push(list.name);
            out.rules.push(...(direction === "ingress" ? list.ingress : list.egress));
        }
    }
    for (const key of subnet.nsgKeys) {
        const nsg = model.nsgs[key];
        if (nsg === undefined) out.incomplete.push(`NSG ${key} of subnet ${subnet.name} is not in the model`);
        else {
            out.containers.push(nsg.name);
            out.rules.push(...nsg.rules.filter((r) => r.direction === direction));
        }
    }
    if (unresolved(subnet, "securityLists") || unresolved(subnet, "nsgs")) {
        out.incomplete.push(
            `the security lists or NSGs of subnet ${subnet.name} could not be resolved (preview)`,
        );
    }
    return out;
}

/** True when the subnet's `part` attachment is (or may be) unresolved. */
export function unresolved(subnet: ModelSubnet, part: "securityLists" | "routeTable" | "nsgs"): boolean {
    if (subnet.unresolved !== true) return false;
    return subnet.unresolvedParts === undefined || subnet.unresolvedParts.includes(part);
}

/**
 * Checks whether the union of a subnet's effective rules covers the whole query (every peer address ×
 * every port). Unknown rules or unresolved attachments turn a would-be denial into `unknown`; they cannot
 * turn an allowed answer into anything else, since OCI rules only ever allow.
 */
export function checkAtSubnet(model: NetworkModel, subnet: ModelSubnet, query: RuleQuery): SubnetCheck {
    const effective = effectiveRules(model, subnet, query.direction);
    const boxes = [];
    const used: ModelRule[] = [];
    const unknowns: string[] = [];
    const excluded: string[] = [];
    for (const rule of effective.rules) {
        const m = ruleMatch(rule, query);
        if (m.kind === "match") {
            boxes.push(m.box);
            used.push(rule);
        } else if (m.kind === "unknown") unknowns.push(m.why);
        else if (m.why !== undefined) excluded.push(m.why);
    }
    const result = coverage(boxes, queryBox(query));
    const rules = effective.rules;
    if (result.covered) return { status: "allowed", subnet, query, used, rules, reasons: [] };
    const missing = describeGap(query, result.gap ?? []);
    const where = `${subnet.name} (${effective.containers.join(", ") || "no security lists or NSGs"})`;
    const traffic = `${describeTrafficOf(query)} ${query.direction === "ingress" ? "from" : "to"} ${query.peer.text}`;
    const head =
        used.length === 0
            ? `no ${query.direction} rule on ${where} allows ${traffic}`
            : `${query.direction} rules on ${where} allow only part of ${traffic}; not allowed: ${missing}`;
    const doubts = [...unknowns, ...effective.incomplete];
    if (doubts.length > 0) {
        return {
            status: "unknown",
            subnet,
            query,
            used,
            rules,
            reasons: [`${head}, but this cannot be decided: ${doubts.join("; ")}`],
        };
    }
    return { status: "denied", subnet, query, used, rules, missing, reasons: [head, ...excluded] };
}

/** A rule as a {@link RuleRef}. */
export function ruleRef(rule: ModelRule): RuleRef {
    return {
        container: rule.origin.container,
        key: rule.origin.key,
        name: rule.origin.name,
        index: rule.origin.index,
        direction: rule.direction,
        stateless: rule.stateless,
        ...(rule.description === undefined ? {} : { description: rule.description }),
    };
}

/** Merges per-subnet checks into one side verdict: the worst status wins (denied, then unknown). */
export function sideVerdict(checks: SubnetCheck[]): SideVerdict {
    const status = checks.some((c) => c.status === "denied")
        ? "denied"
        : checks.some((c) => c.status === "unknown")
          ? "unknown"
          : "allowed";
    const missing = checks
        .filter((c) => c.missing !== undefined)
        .map((c) => `${c.subnet.name}: ${c.missing}`);
    return {
        status,
        subnet: checks.map((c) => c.subnet.name).join(", "),
        rules: checks.flatMap((c) => c.used.map(ruleRef)),
        ...(missing.length === 0
            ? {}
            : { missing: checks.length === 1 ? checks[0].missing : missing.join("; ") }),
    };
}

function describeTrafficOf(q: RuleQuery): string {
    const ports = q.protocol === "tcp" || q.protocol === "udp" ? q.dstPorts : undefined;
    const text = describeTraffic(q.protocol, ports, q.icmp);
    const isAllSources = q.srcPorts.min <= 1 && q.srcPorts.max >= 65535;
    return ports !== undefined && !isAllSources
        ? `${text} from source ports ${q.srcPorts.min}-${q.srcPorts.max}`
        : text;
}
