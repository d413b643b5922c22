import { modelsFromResources, OCI_TYPES } from "../analysis/model/from-resources";
import type { ModelRule } from "../analysis/model/model";
import { nsgRules, securityListRules } from "../analysis/model/resource-rules";
import { labelOf, ofType, referenced, type StackView } from "./stack";

/*
 * Rules the network models cannot place. In a preview whose engine sends no propertyDependencies (or for a
 * list whose VCN is an unknown output), a security list or NSG may belong to no VCN the analyzer can see,
 * and no subnet may be known to carry it. A policy about rules must still look at them, or a world-open
 * rule would pass silently just because its OCIDs were unknown.
 */

/** Security-list and NSG rules of the stack that no network model holds. */
export function orphanRules(view: StackView): ModelRule[] {
    const models = modelsFromResources(view.records);
    const placedLists = new Set(models.flatMap((m) => Object.keys(m.securityLists)));
    const placedNsgs = new Set(models.flatMap((m) => Object.keys(m.nsgs)));
    const rules: ModelRule[] = [];
    const lists = [...ofType(view, OCI_TYPES.securityList), ...ofType(view, OCI_TYPES.defaultSecurityList)];
    for (const list of lists) {
        if (placedLists.has(list.urn)) continue;
        const origin = { container: "securityList" as const, key: list.urn, name: labelOf(list) };
        rules.push(
            ...securityListRules(list.inputs.ingressSecurityRules, "ingress", origin),
            ...securityListRules(list.inputs.egressSecurityRules, "egress", origin),
        );
    }
    for (const rule of ofType(view, OCI_TYPES.nsgRule)) {
        const nsgs = referenced(view, rule, "networkSecurityGroupId").filter((r) => r.type === OCI_TYPES.nsg);
        const nsg = nsgs.length === 1 ? nsgs[0] : undefined;
        if (nsg !== undefined && placedNsgs.has(nsg.urn)) continue;
        const origin = {
            container: "nsg" as const,
            key: nsg?.urn ?? rule.urn,
            name: nsg === undefined ? `(unresolved) of rule ${rule.name}` : labelOf(nsg),
            index: 0,
        };
        rules.push(...nsgRules(rule.inputs, origin));
    }
    return rules;
}

/** How messages name where orphan rules live. */
export const ORPHAN_LABEL = "a security list or NSG whose VCN and subnets could not be resolved";
