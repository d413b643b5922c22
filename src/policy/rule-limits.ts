import {
    MAX_EGRESS_RULES_PER_SECURITY_LIST,
    MAX_INGRESS_RULES_PER_SECURITY_LIST,
    MAX_RULES_PER_NSG,
    MAX_SECURITY_LISTS_PER_SUBNET,
    overLimit,
    type LimitMeasure,
    type LimitTable,
} from "../c3/limits";
import { OCI_TYPES } from "../analysis/model/from-resources";
import type { ResourceRecord } from "../analysis/model/resources";
import { knownString } from "../analysis/model/resource-values";
import { readInteger } from "./config";
import { stackPolicy, type CheckOutcome, type StackCheck } from "./define";
import { emptyResult, type CheckResult } from "./report";
import { labelOf, ofType, referenced, type StackView } from "./stack";

/*
 * oke-c3-rule-limits: C3's limits are lower than public OCI's (docs/oracle-c3-network.md §6): 30 ingress and 30 egress rules per
 * security list, 50 rules per NSG, 5 security lists per subnet. C3 rejects the API call that crosses one,
 * halfway through `pulumi up`; a preview can say so first. The limits hold for every list of the appliance,
 * so this policy counts every security list, NSG and subnet of the stack, not only OKE networks.
 */

/** The config of {@link ruleLimitsPolicy}: the limits, in case Oracle changes them. */
export interface RuleLimitsConfig {
    /** Ingress rules per security list. */
    maxIngressRulesPerSecurityList: number;
    /** Egress rules per security list. */
    maxEgressRulesPerSecurityList: number;
    /** Rules per NSG, both directions. */
    maxRulesPerNsg: number;
    /** Security lists per subnet. */
    maxSecurityListsPerSubnet: number;
}

const limitSchema = (fallback: number, what: string) => ({
    type: "integer" as const,
    minimum: 0,
    default: fallback,
    description: `${what} (C3: ${fallback}, docs/oracle-c3-network.md §6).`,
});

const DEFINITION: StackCheck<RuleLimitsConfig> = {
    name: "oke-c3-rule-limits",
    description:
        "Security lists hold at most 30 ingress and 30 egress rules, NSGs at most 50 rules, and subnets at most 5 security lists (C3's limits).",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Merge rules with overlapping sources or ports, or split the rules over another security list of the subnet (up to 5) or an NSG.",
    configSchema: {
        properties: {
            maxIngressRulesPerSecurityList: limitSchema(
                MAX_INGRESS_RULES_PER_SECURITY_LIST,
                "Ingress rules per security list",
            ),
            maxEgressRulesPerSecurityList: limitSchema(
                MAX_EGRESS_RULES_PER_SECURITY_LIST,
                "Egress rules per security list",
            ),
            maxRulesPerNsg: limitSchema(MAX_RULES_PER_NSG, "Rules per NSG"),
            maxSecurityListsPerSubnet: limitSchema(
                MAX_SECURITY_LISTS_PER_SUBNET,
                "Security lists per subnet",
            ),
        },
    },
    readConfig: (raw) => ({
        maxIngressRulesPerSecurityList: readInteger(
            raw,
            "maxIngressRulesPerSecurityList",
            MAX_INGRESS_RULES_PER_SECURITY_LIST,
        ),
        maxEgressRulesPerSecurityList: readInteger(
            raw,
            "maxEgressRulesPerSecurityList",
            MAX_EGRESS_RULES_PER_SECURITY_LIST,
        ),
        maxRulesPerNsg: readInteger(raw, "maxRulesPerNsg", MAX_RULES_PER_NSG),
        maxSecurityListsPerSubnet: readInteger(
            raw,
            "maxSecurityListsPerSubnet",
            MAX_SECURITY_LISTS_PER_SUBNET,
        ),
    }),
    check: checkRuleLimits,
};

/** The check of {@link ruleLimitsPolicy}. */
export function checkRuleLimits(view: StackView, config: RuleLimitsConfig): CheckOutcome {
    const lists = [...ofType(view, OCI_TYPES.securityList), ...ofType(view, OCI_TYPES.defaultSecurityList)];
    const nsgRules = ofType(view, OCI_TYPES.nsgRule);
    const subnets = ofType(view, OCI_TYPES.subnet);
    if (lists.length + nsgRules.length + subnets.length === 0)
        return { notApplicable: "the stack has no security list, NSG rule or subnet" };
    const limits: LimitTable = {
        "ingress rules": config.maxIngressRulesPerSecurityList,
        "egress rules": config.maxEgressRulesPerSecurityList,
        rules: config.maxRulesPerNsg,
        "security lists": config.maxSecurityListsPerSubnet,
    };
    const result = emptyResult();
    for (const list of lists) {
        checkCount(result, list, "ingressSecurityRules", "ingress rules", limits);
        checkCount(result, list, "egressSecurityRules", "egress rules", limits);
    }
    for (const subnet of subnets) checkCount(result, subnet, "securityListIds", "security lists", limits);
    checkNsgs(view, nsgRules, limits, result);
    return result;
}

/** Whether `count` of `measure` is over the configured limit. */
function over(count: number, measure: LimitMeasure, limits: LimitTable): boolean {
    return overLimit(count, limits[measure]);
}

/** Checks the length of an array input against a limit; an unknown array is undecided. */
function checkCount(
    result: CheckResult,
    record: ResourceRecord,
    property: string,
    what: "ingress rules" | "egress rules" | "security lists",
    limits: LimitTable,
): void {
    const value = record.inputs[property];
    if (value === undefined) return;
    const kind = record.type === OCI_TYPES.subnet ? "subnet" : "security list";
    const name = `${kind} ${labelOf(record)}`;
    if (!Array.isArray(value)) {
        result.undecided.push({
            message: `${name}: the number of ${what} is unknown (preview)`,
            urn: record.urn,
        });
        return;
    }
    if (over(value.length, what, limits))
        result.violations.push({
            message: `${name} has ${value.length} ${what}; C3 allows at most ${limits[what]} (docs/oracle-c3-network.md §6), so OCI would reject it.`,
            urn: record.urn,
        });
}

/** Counts NSG rule resources per NSG; rules whose NSG cannot be resolved make the NSGs they might join undecided. */
function checkNsgs(view: StackView, rules: ResourceRecord[], limits: LimitTable, result: CheckResult): void {
    const max = limits.rules;
    const counts = new Map<string, { count: number; record?: ResourceRecord }>();
    let unresolved = 0;
    for (const rule of rules) {
        const nsgs = referenced(view, rule, "networkSecurityGroupId").filter((r) => r.type === OCI_TYPES.nsg);
        const key = nsgs.length === 1 ? nsgs[0].urn : knownString(rule.inputs.networkSecurityGroupId);
        if (key === undefined) {
            unresolved++;
            continue;
        }
        const entry = counts.get(key) ?? (nsgs.length === 1 ? { count: 0, record: nsgs[0] } : { count: 0 });
        entry.count++;
        counts.set(key, entry);
    }
    if (counts.size === 0 && over(unresolved, "rules", limits))
        result.undecided.push({
            message: `${unresolved} NSG rules' NSG is unknown (preview); in one NSG they would exceed C3's ${max}`,
        });
    for (const [key, { count, record }] of counts) {
        const name = `NSG ${record === undefined ? key : labelOf(record)}`;
        const urn = record?.urn;
        if (over(count, "rules", limits))
            result.violations.push({
                message: `${name} has ${count} rules; C3 allows at most ${max} per NSG (docs/oracle-c3-network.md §6), so OCI would reject it.`,
                ...(urn === undefined ? {} : { urn }),
            });
        else if (over(count + unresolved, "rules", limits))
            result.undecided.push({
                message: `${name} has ${count} rules and ${unresolved} more rules' NSG is unknown (preview); together they would exceed C3's ${max}`,
                ...(urn === undefined ? {} : { urn }),
            });
    }
}

/** oke-c3-rule-limits (stack policy, mandatory by default). */
export const ruleLimitsPolicy = stackPolicy(DEFINITION);

/** The definition behind {@link ruleLimitsPolicy}, for offline runs. */
export const ruleLimitsCheck = DEFINITION;
