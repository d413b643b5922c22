import type { ResolvedFlow } from "../catalogue/types";
import type { SubnetRole } from "../c3/roles";
import { OCI_PROTOCOL, type Protocol } from "../c3/protocols";
import type { PortRange } from "../net/ports";
import { CIDR_BLOCK, ruleCoversRule, type SecurityRule } from "../net/rules";

/** Which rule set a rendered rule belongs to: one subnet role's list/NSG, or the list every subnet carries. */
export type RuleOwner = SubnetRole | "common";

/** One security rule rendered from the flow catalogue, before it is shaped for a security list or an NSG. */
export interface RenderedRule {
    /** Stable key from the rule's content ({@link ruleKey}). NSG rule resources are named after it, never by index. */
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
    /** Always stateful: every rule Oracle documents for OKE on C3 is stateful (docs/oracle-c3-network.md §3). */
    stateless: false;
    /** Oracle's description of the first flow it serves. */
    description: string;
    /** Every catalogue flow this rule serves (more than one when a wider rule absorbed narrower ones). */
    flowIds: string[];
}

function slug(text: string): string {
    return text.replace(/[./:]/g, "-");
}

/**
 * A rule's stable key, from its own content only: direction, protocol, ports or ICMP type/code, and peer,
 * e.g. `in-tcp-22-172-31-252-0-23` or `out-icmp-3-4-0-0-0-0-0`. NSG rule resources are named after it, so a
 * change elsewhere (a narrower bastion CIDR, a flow absorbed by another rule) never renames an unchanged
 * rule. Within one owner the key is unique: two rules with the same content are one rule after compaction.
 */
export function ruleKey(
    rule: Pick<RenderedRule, "direction" | "protocol" | "ports" | "icmp" | "peer">,
): string {
    const what =
        rule.protocol === "icmp"
            ? rule.icmp === undefined
                ? "icmp"
                : `icmp-${rule.icmp.type}${rule.icmp.code === undefined ? "" : `-${rule.icmp.code}`}`
            : rule.ports === undefined
              ? rule.protocol
              : `${rule.protocol}-${rule.ports.min}${rule.ports.max === rule.ports.min ? "" : `-${rule.ports.max}`}`;
    return `${rule.direction === "ingress" ? "in" : "out"}-${what}-${slug(rule.peer)}`;
}

function ruleFor(
    flow: ResolvedFlow,
    owner: RuleOwner,
    direction: "ingress" | "egress",
    peer: string,
): RenderedRule {
    const rule: RenderedRule = {
        key: "",
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
    rule.key = ruleKey(rule);
    return rule;
}

function ownerOf(role: SubnetRole | "all" | undefined): RuleOwner | undefined {
    return role === "all" ? "common" : role;
}

/** Where the config's managed subnets are: which roles' subnets a CIDR overlaps, and every role. */
export interface SubnetLocator {
    /** The roles whose subnets share an address with the CIDR (contain it or lie inside it). */
    overlapping: (cidr: string) => SubnetRole[];
    /** Every managed role, in order. */
    roles: readonly SubnetRole[];
}

const NO_SUBNETS: SubnetLocator = { overlapping: () => [], roles: [] };

/**
 * The owners whose VNICs hold addresses of a CIDR endpoint: every managed subnet it overlaps (a bastion at
 * `vcn_cidr` lives in any of them), or `common` when it overlaps all of them (one rule on the list every
 * subnet carries rather than one per role).
 */
function ownersOverlapping(cidrs: readonly string[], locate: SubnetLocator): RuleOwner[] {
    const roles = new Set(cidrs.flatMap(locate.overlapping));
    if (roles.size === 0) return [];
    if (locate.roles.length > 0 && locate.roles.every((r) => roles.has(r))) return ["common"];
    return locate.roles.filter((r) => roles.has(r));
}

/** Where the source's egress rules go: its own role, or each managed subnet its range overlaps. */
function egressOwners(flow: ResolvedFlow, locate: SubnetLocator): RuleOwner[] {
    const own = ownerOf(flow.source.role);
    if (own !== undefined) return [own];
    return ownersOverlapping(flow.source.cidrs, locate);
}

/**
 * Where the destination's ingress rules go: its own role, or each managed subnet its range overlaps. The
 * catalogue's `anywhere` means "outside the VCN" (yum, registry, egress-all) and gets no ingress rules; any
 * other range (a user's extra rule to 0.0.0.0/0 included) gets them in every subnet it overlaps.
 */
function ingressOwners(flow: ResolvedFlow, locate: SubnetLocator): RuleOwner[] {
    const own = ownerOf(flow.destination.role);
    if (own !== undefined) return [own];
    if (flow.destination.ref === "anywhere") return [];
    return ownersOverlapping(flow.destination.cidrs, locate);
}

/**
 * The rules one flow needs: ingress at every managed subnet that holds part of the destination (from each
 * source CIDR), and egress at every managed subnet that holds part of the source (to each destination
 * CIDR). Hosts of a range that overlaps managed subnets are filtered by those subnets' rules, so each of
 * them needs its half of the flow.
 */
export function rulesForFlow(flow: ResolvedFlow, locate: SubnetLocator = NO_SUBNETS): RenderedRule[] {
    const rules: RenderedRule[] = [];
    for (const owner of ingressOwners(flow, locate)) {
        for (const peer of flow.source.cidrs) rules.push(ruleFor(flow, owner, "ingress", peer));
    }
    for (const owner of egressOwners(flow, locate)) {
        for (const peer of flow.destination.cidrs) rules.push(ruleFor(flow, owner, "egress", peer));
    }
    return rules;
}

/** The rendered rule in OCI's terms, so it is compared with the one rule algebra. */
function asSecurityRule(rule: RenderedRule): SecurityRule {
    return {
        direction: rule.direction,
        stateless: rule.stateless,
        protocol: OCI_PROTOCOL[rule.protocol],
        peer: rule.peer,
        peerType: CIDR_BLOCK,
        dstPorts: rule.ports,
        icmp: rule.icmp,
    };
}

/**
 * True when `outer` allows every packet `inner` allows, so `inner` would be a shadowed duplicate. A rule of
 * the common list (which every subnet carries) covers the same rule of any role.
 */
export function ruleCovers(outer: RenderedRule, inner: RenderedRule): boolean {
    return (
        (outer.owner === inner.owner || outer.owner === "common") &&
        ruleCoversRule(asSecurityRule(outer), asSecurityRule(inner))
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
