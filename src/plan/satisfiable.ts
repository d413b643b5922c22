import { type Cidr, cidr, cidrContains, cidrOverlaps } from "../net/cidr";
import type { ConfigProblem, ResolvedConfig } from "../config/types";
import type { SubnetRole } from "../c3/roles";
import type { PlannedRouteTable, PlannedSubnet } from "./types";

/*
 * An extra rule is half of a flow. Its other halves are rendered by the flow renderer (ingress at a managed
 * destination, egress at a managed source); what the renderer cannot conjure is a route. Egress that leaves
 * the VCN from a subnet whose route table has no rule for the destination could never be used, and the
 * plan would then fail on its own output: such a config is refused, with the ways to fix it.
 */

/** Link-local destinations (the VCN resolver and metadata at 169.254.169.254) need no route. */
const LINK_LOCAL_BLOCK = cidr("169.254.0.0/16");

/** The part of `peer` outside the VCN needs a route; true when some rule's destination contains it all. */
function routed(table: PlannedRouteTable | undefined, peer: Cidr): boolean {
    return table?.rules.some((rule) => cidrContains(cidr(rule.destination), peer)) === true;
}

/** Problems for extra egress rules that leave the VCN without a route; empty when every one has one. */
export function unroutedExtraRules(
    config: ResolvedConfig,
    subnets: readonly PlannedSubnet[],
    tables: readonly PlannedRouteTable[],
): ConfigProblem[] {
    const vcn = cidr(config.layout.vcn);
    const problems: ConfigProblem[] = [];
    config.extraRules.forEach((rule, index) => {
        if (rule.direction !== "egress") return;
        const peer = cidr(rule.cidr);
        if (cidrContains(vcn, peer) || cidrContains(LINK_LOCAL_BLOCK, peer)) return;
        const subnet = subnets.find((s) => s.role === rule.role);
        const table = tables.find((t) => t.key === subnet?.routeTable);
        if (routed(table, peer)) return;
        problems.push(
            unroutedProblem(index, rule.cidr, rule.role, table?.displayName ?? "vcn_private", vcn, peer),
        );
    });
    return problems;
}

function unroutedProblem(
    index: number,
    peer: string,
    role: SubnetRole,
    table: string,
    vcn: Cidr,
    block: Cidr,
): ConfigProblem {
    const part = cidrOverlaps(vcn, block) ? `the part of ${peer} outside the VCN` : peer;
    return {
        path: `extraRules[${index}].cidr`,
        value: peer,
        message: `egress from ${role} to ${part} leaves the VCN, but route table ${table} has no route for it, so the rule could never be used`,
        fix: `declare the path with routeRules (a DRG or LPG route whose destination contains ${peer}), keep natGateway true, or point the rule at an address inside the VCN (e.g. a local mirror)`,
    };
}
