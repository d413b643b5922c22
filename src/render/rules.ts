import type { SubnetRole } from "../config/types";
import { cidr, cidrContains } from "../cidr/cidr";
import { portsCover, type PortRange, type Protocol, type ResolvedFlow } from "../catalogue/types";

/** Which rule set a rendered rule belongs to: one subnet role's list/NSG, or the list every subnet carries. */
export type RuleOwner = SubnetRole | "common";

/** One security rule rendered from the flow catalogue, before it is shaped for a security list or an NSG. */
export interface RenderedRule {
    /** Stable key: flow id, direction and peer. NSG rule resources are named after it, never by index. */
    key: string;
    /** The role list/NSG (or the common list) that holds the rule. */
    owner: RuleOwner;
    /** Ingress (peer = source) or egress (peer = destination). */
    direction: "ingress" | "egress";
    /** The peer CIDR. */
    peer: string;
    /** Protocol. */
    protocol: Protocol;
    /** Destination ports (tcp/udp); absent = all. */
    ports?: PortRange;
    /** ICMP type/code. */
    icmp?: { type: number; code?: number };
    /** Always stateful: every rule Oracle documents for OKE on C3 is stateful (spec 3). */
    stateless: false;
    /** Oracle's description of the first flow it serves. */
    description: string;
    /** Every catalogue flow this rule serves (more than one when a wider rule absorbed narrower ones). */
    flowIds: string[];
}

function slug(text: string): string {
    return text.replace(/[./:]/g, "-");
}

function ruleFor(
    flow: ResolvedFlow,
    owner: RuleOwner,
    direction: "ingress" | "egress",
    peer: string,
): RenderedRule {
    const rule: RenderedRule = {
        key: `${flow.id}-${direction === "ingress" ? "in" : "out"}-${slug(peer)}`,
        owner,
        direction,
        peer,
        protocol: flow.protocol,
        stateless: false,
        description: flow.description,
        flowIds: [flow.id],
    };
    if (flow.ports !== undefined) rule.ports = { ...flow.ports };
    if (flow.icmp !== undefined) rule.icmp = { ...flow.icmp };
    return rule;
}

function ownerOf(role: SubnetRole | "all" | undefined): RuleOwner | undefined {
    return role === "all" ? "common" : role;
}

/** Finds the managed subnet role whose CIDR contains a CIDR, if any. */
export type SubnetLocator = (cidr: string) => SubnetRole | undefined;

/**
 * Where the source's egress rules go: its own role, or, for a CIDR endpoint such as a bastion host that sits
 * inside one managed subnet, that subnet's role (its hosts are filtered by that subnet's lists too).
 */
function egressOwners(flow: ResolvedFlow, locate: SubnetLocator): RuleOwner[] {
    const own = ownerOf(flow.source.role);
    if (own !== undefined) return [own];
    const located = flow.source.cidrs.map(locate).filter((r): r is SubnetRole => r !== undefined);
    return [...new Set(located)];
}

/**
 * The rules one flow needs: ingress at the destination (from each source CIDR) when the destination is
 * managed, and egress at the source (to each destination CIDR) when the source is managed or lies inside a
 * managed subnet.
 */
export function rulesForFlow(flow: ResolvedFlow, locate: SubnetLocator = () => undefined): RenderedRule[] {
    const rules: RenderedRule[] = [];
    const ingressOwner = ownerOf(flow.destination.role);
    if (ingressOwner !== undefined) {
        for (const peer of flow.source.cidrs) rules.push(ruleFor(flow, ingressOwner, "ingress", peer));
    }
    if (flow.destination.role === "all") return rules;
    for (const owner of egressOwners(flow, locate)) {
        for (const peer of flow.destination.cidrs) rules.push(ruleFor(flow, owner, "egress", peer));
    }
    return rules;
}

function icmpCovers(outer: RenderedRule, inner: RenderedRule): boolean {
    if (inner.protocol !== "icmp" || outer.icmp === undefined) return true;
    if (inner.icmp === undefined || outer.icmp.type !== inner.icmp.type) return false;
    return outer.icmp.code === undefined || outer.icmp.code === inner.icmp.code;
}

/** True when `outer` allows every packet `inner` allows, so `inner` would be a shadowed duplicate. */
export function ruleCovers(outer: RenderedRule, inner: RenderedRule): boolean {
    return (
        outer.owner === inner.owner &&
        outer.direction === inner.direction &&
        (outer.protocol === "all" || outer.protocol === inner.protocol) &&
        cidrContains(cidr(outer.peer), cidr(inner.peer)) &&
        portsCover(outer.ports, inner.ports) &&
        icmpCovers(outer, inner)
    );
}

function absorb(into: RenderedRule, from: RenderedRule): void {
    for (const id of from.flowIds) if (!into.flowIds.includes(id)) into.flowIds.push(id);
}

/**
 * Drops every rule another rule already covers, crediting its flows to the covering rule, so the output has
 * no shadowed or duplicate rules (and stays within C3's per-list limits). Order is the catalogue's order.
 */
export function compactRules(rules: readonly RenderedRule[]): RenderedRule[] {
    const kept: RenderedRule[] = [];
    for (const rule of rules) {
        const cover = kept.find((k) => ruleCovers(k, rule));
        if (cover !== undefined) {
            absorb(cover, rule);
            continue;
        }
        const fresh = { ...rule, flowIds: [...rule.flowIds] };
        for (let i = kept.length - 1; i >= 0; i--) {
            if (ruleCovers(fresh, kept[i])) {
                absorb(fresh, kept[i]);
                kept.splice(i, 1);
            }
        }
        kept.push(fresh);
    }
    return kept;
}

/** Renders and compacts the rules for a set of flows. Same flows in, byte-identical rules out. */
export function renderRules(flows: readonly ResolvedFlow[], locate?: SubnetLocator): RenderedRule[] {
    return compactRules(flows.flatMap((flow) => rulesForFlow(flow, locate)));
}

/** The rules of one owner and direction, in order. */
export function rulesOf(
    rules: readonly RenderedRule[],
    owner: RuleOwner,
    direction?: "ingress" | "egress",
): RenderedRule[] {
    return rules.filter((r) => r.owner === owner && (direction === undefined || r.direction === direction));
}
