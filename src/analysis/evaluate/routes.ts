import { type Cidr, cidrContains, knownCidr } from "../../net/cidr";
import type { GatewayKind, ModelRouteRule, ModelRouteTable, ModelSubnet, NetworkModel } from "../model/model";
import type { LocatedEnd } from "./locate";
import { unresolved } from "./sides";
import type { RouteVerdict } from "./verdict";
/*
 * Routing in OCI terms. Inside a VCN routing is implicit (every subnet reaches every other), so only traffic
 * leaving the VCN needs a route: the source subnet's route table (or the VCN default table when none is
 * attached) picks the rule with the longest prefix that contains the destination, and its target gateway
 * must be able to carry the traffic. Replies to connections opened from outside leave through the
 * destination subnet's table the same way. What lies beyond the VCN's gateways is not part of the network
 * and is never taken as "no route needed": it is named as an assumption instead.
 */

/** A route verdict and its reasons. */
export interface RouteOutcome {
    /** The verdict. */
    verdict: RouteVerdict;
    /** Sentences explaining it. */
    reasons: string[];
}

/** Link-local addresses: never routed; OCI serves 169.254.169.254 (DNS, metadata) on the host. */
export const LINK_LOCAL = "169.254.0.0/16";

/** Traffic C3 sends in answer to a packet that reached a VNIC: ICMP errors (types 3 and 11). */
function isIcmpError(q: RouteQuery | undefined): boolean {
    return q?.protocol === "icmp" && q.icmp !== undefined && (q.icmp.type === 3 || q.icmp.type === 11);
}

/** What the route check needs to know of the traffic itself. */
export interface RouteQuery {
    /** IP protocol. */
    protocol: string;
    /** ICMP type and code. */
    icmp?: { type: number; code?: number };
}

/**
 * Checks the routing of a flow between two located ends. Traffic that stays in the VCN needs no route table
 * (VCN-local routing); traffic that leaves or enters it names the route table rule on the VCN side, the
 * route its replies take, and, for the part of the path outside this network, an explicit assumption.
 */
export function checkRoute(
    model: NetworkModel,
    source: LocatedEnd,
    destination: LocatedEnd,
    q?: RouteQuery,
): RouteOutcome {
    const src = source.cidr;
    const dst = destination.cidr;
    if (src === undefined || dst === undefined) return unknownRoute("a flow end's CIDR is unknown");
    const linkLocal = knownCidr(LINK_LOCAL);
    if (linkLocal !== undefined && cidrContains(linkLocal, dst)) {
        return assumed(
            `${dst.text} is link-local: the VCN's DNS resolver and instance metadata (169.254.169.254, reserved by C3, docs/oracle-c3-network.md §2d) answer on the host, with no VCN route`,
        );
    }
    if (source.inVcn === undefined || destination.inVcn === undefined)
        return unknownRoute("the VCN CIDR is unknown");
    if (source.inVcn && destination.inVcn) return { verdict: { status: "not-applicable" }, reasons: [] };
    if (source.inVcn) return routeOut(model, source, dst);
    if (destination.inVcn) return routeBack(model, destination, src, q);
    return { verdict: { status: "not-applicable" }, reasons: [] };
}

/** A managed source reaching a destination outside the VCN: its subnet's table must lead to a usable gateway. */
function routeOut(model: NetworkModel, source: LocatedEnd, dst: Cidr): RouteOutcome {
    if (source.location.kind !== "subnet") {
        return unknownRoute(
            `the source ${source.text} is not a single managed subnet, so its route to ${dst.text} cannot be named`,
        );
    }
    const subnet = source.location.subnet;
    const found = lookup(model, subnet, dst);
    if ("outcome" in found) return found.outcome;
    const { table, gateway } = found;
    const verdict = routedVerdict(found);
    const via = `route table ${table.name} of ${subnet.name} sends ${dst.text} to ${gatewayText(gateway.kind, gateway.name)}`;
    switch (gateway.kind) {
        case "internet":
            if (subnet.public === undefined)
                return {
                    verdict: { ...verdict, status: "unknown" },
                    reasons: [`${via}, but whether ${subnet.name} is public is unknown`],
                };
            if (subnet.public) return { verdict, reasons: [] };
            return {
                verdict: { ...verdict, status: "no-route" },
                reasons: [
                    `${via}, but ${subnet.name} is a private subnet (prohibitPublicIpOnVnic): an internet gateway only carries traffic of VNICs with public IPs; route it to a NAT gateway`,
                ],
            };
        case "service":
            return {
                verdict: { ...verdict, status: "no-route" },
                reasons: [
                    `${via}; a service gateway has no function on C3 and does not reach ${dst.text} (docs/oracle-c3-network.md §4)`,
                ],
            };
        case "unknown":
            return { verdict: { ...verdict, status: "unknown" }, reasons: [`${via}, whose kind is unknown`] };
        case "private-ip": {
            // A private IP is some VNIC (a firewall, a router instance): what it does with the traffic is not in
            // the network's records, so the path beyond it is taken for granted, and said so.
            const assumption = `${via}: that this forwarding VNIC passes the traffic on to ${dst.text} is assumed; nothing in the network shows where it forwards`;
            return { verdict: { ...verdict, status: "assumed", assumptions: [assumption] }, reasons: [] };
        }
        default:
            // The route this network declares is the path; replies return through the same gateway.
            return { verdict, reasons: [] };
    }
}

/** A source outside the VCN reaching a managed subnet: a public subnet needs a reply route to an IGW (or DRG). */
function routeBack(
    model: NetworkModel,
    destination: LocatedEnd,
    src: Cidr,
    q: RouteQuery | undefined,
): RouteOutcome {
    const subnets =
        destination.location.kind === "subnet"
            ? [destination.location.subnet]
            : destination.location.kind === "subnets"
              ? destination.location.subnets
              : [];
    if (subnets.length === 0) return { verdict: { status: "not-applicable" }, reasons: [] };
    const outcomes = subnets.map((subnet) =>
        isIcmpError(q) ? icmpErrorBack(model, subnet, src) : routeBackFrom(model, subnet, src),
    );
    const rank = (o: RouteOutcome): number =>
        ["no-route", "unknown", "assumed", "routed", "not-applicable"].indexOf(o.verdict.status);
    const worst = outcomes.reduce((a, b) => (rank(b) < rank(a) ? b : a));
    const assumptions = [...new Set(outcomes.flatMap((o) => o.verdict.assumptions ?? []))];
    return {
        verdict: { ...worst.verdict, ...(assumptions.length === 0 ? {} : { assumptions }) },
        reasons: outcomes.flatMap((o) => o.reasons),
    };
}

function routeBackFrom(model: NetworkModel, subnet: ModelSubnet, src: Cidr): RouteOutcome {
    if (subnet.public === undefined) return unknownRoute(`whether ${subnet.name} is public is unknown`);
    const found = lookup(model, subnet, src);
    if (!subnet.public) {
        if (!("outcome" in found) && (found.gateway.kind === "drg" || found.gateway.kind === "lpg")) {
            return { verdict: { ...routedVerdict(found), reply: replyOf(found) }, reasons: [] };
        }
        const table = "outcome" in found ? found.outcome.verdict.routeTable : found.table.name;
        return assumed(
            `clients in ${src.text} reach the private subnet ${subnet.name} over a path outside this network (a DRG or on-premises route), and its replies return that way; declare the DRG or LPG route with routeRules to prove it`,
            table,
        );
    }
    if ("outcome" in found) return found.outcome;
    const { table, gateway } = found;
    const verdict = { ...routedVerdict(found), reply: replyOf(found) };
    if (["internet", "drg", "lpg"].includes(gateway.kind)) return { verdict, reasons: [] };
    if (gateway.kind === "unknown")
        return {
            verdict: { ...verdict, status: "unknown" },
            reasons: [`the reply route's target ${gateway.name} is of unknown kind`],
        };
    return {
        verdict: { ...verdict, status: "no-route" },
        reasons: [
            `replies from public subnet ${subnet.name} to ${src.text} go to ${gatewayText(gateway.kind, gateway.name)} (route table ${table.name}); they need an internet gateway`,
        ],
    };
}

/**
 * ICMP errors from outside answer a packet the subnet sent out, so they come back by the path it left on:
 * the subnet's own route for the sender's address, or, without one, whatever carried the original packet.
 */
function icmpErrorBack(model: NetworkModel, subnet: ModelSubnet, src: Cidr): RouteOutcome {
    const found = lookup(model, subnet, src);
    if (!("outcome" in found) && ["nat", "internet", "drg", "lpg"].includes(found.gateway.kind)) {
        return { verdict: routedVerdict(found), reasons: [] };
    }
    if ("outcome" in found && found.outcome.verdict.status === "unknown") return found.outcome;
    return assumed(
        `ICMP errors from ${src.text} reach ${subnet.name} only in answer to a packet it sent there, so they return by that packet's path`,
        "outcome" in found ? found.outcome.verdict.routeTable : found.table.name,
    );
}

function replyOf(found: {
    table: { name: string };
    rule: { destination: string };
    gateway: { name: string; kind: GatewayKind };
}): NonNullable<RouteVerdict["reply"]> {
    return {
        routeTable: found.table.name,
        rule: found.rule.destination,
        gateway: { name: found.gateway.name, kind: found.gateway.kind },
    };
}

type Lookup =
    | { table: ModelRouteTable; rule: ModelRouteRule; gateway: { name: string; kind: RouteVerdictKind } }
    | { outcome: RouteOutcome };
type RouteVerdictKind = NonNullable<RouteVerdict["gateway"]>["kind"];

/** Longest-prefix match in the subnet's route table over rules whose destination contains `target`. */
function lookup(model: NetworkModel, subnet: ModelSubnet, target: Cidr): Lookup {
    const table = routeTableOf(model, subnet);
    if (table === undefined) return { outcome: unknownRoute(`the route table of ${subnet.name} is unknown`) };
    if (table.rules.some((r) => r.unknown === true)) {
        return {
            outcome: {
                verdict: { status: "unknown", routeTable: table.name },
                reasons: [`route table ${table.name} of ${subnet.name} has unknown rules (preview)`],
            },
        };
    }
    const rule = longestPrefixMatch(table.rules, target);
    if (rule === undefined) {
        return {
            outcome: {
                verdict: { status: "no-route", routeTable: table.name },
                reasons: [`route table ${table.name} of ${subnet.name} has no rule for ${target.text}`],
            },
        };
    }
    const gateway = rule.targetKey === undefined ? undefined : model.gateways[rule.targetKey];
    if (gateway === undefined) {
        return {
            outcome: {
                verdict: { status: "unknown", routeTable: table.name, rule: rule.destination },
                reasons: [`the target of route ${rule.destination} in ${table.name} is unknown`],
            },
        };
    }
    if (gateway.carries !== undefined) {
        const field = gateway.kind === "nat" ? "blockTraffic: true" : "enabled: false";
        return {
            outcome: {
                verdict: {
                    status: gateway.carries === "unknown" ? "unknown" : "no-route",
                    routeTable: table.name,
                    rule: rule.destination,
                },
                reasons: [
                    gateway.carries === "unknown"
                        ? `whether ${gateway.name} carries traffic is unknown (preview)`
                        : `route ${rule.destination} in ${table.name} goes to ${gateway.name}, which carries no traffic (${field})`,
                ],
            },
        };
    }
    return { table, rule, gateway };
}

/** The subnet's route table: its own, or the VCN default (an empty table in a new OCI VCN). */
export function routeTableOf(model: NetworkModel, subnet: ModelSubnet): ModelRouteTable | undefined {
    if (subnet.routeTableKey !== undefined) return model.routeTables[subnet.routeTableKey];
    if (unresolved(subnet, "routeTable")) return undefined;
    const fallback = Object.values(model.routeTables).find((t) => t.isDefault === true);
    return (
        fallback ?? {
            key: `${model.key}#default-route-table`,
            name: "default route table (empty)",
            rules: [],
        }
    );
}

/** OCI's route selection: the most specific rule whose destination contains the whole target. */
export function longestPrefixMatch(
    rules: readonly ModelRouteRule[],
    target: Cidr,
): ModelRouteRule | undefined {
    let best: { rule: ModelRouteRule; prefix: number } | undefined;
    for (const rule of rules) {
        const block = knownCidr(rule.destination);
        if (block === undefined || !cidrContains(block, target)) continue;
        if (best === undefined || block.prefix > best.prefix) best = { rule, prefix: block.prefix };
    }
    return best?.rule;
}

const GATEWAY_WORDS: Readonly<Record<string, string>> = {
    nat: "NAT gateway",
    internet: "internet gateway",
    service: "service gateway",
    drg: "DRG",
    lpg: "local peering gateway",
    "private-ip": "private IP",
    unknown: "gateway",
};

/** `NAT gateway nat-gateway`: a route target in words (OCI's names for the target kinds). */
export function gatewayText(kind: string, name: string): string {
    return `${GATEWAY_WORDS[kind] ?? "gateway"} ${name}`;
}

function unknownRoute(why: string): RouteOutcome {
    return { verdict: { status: "unknown" }, reasons: [`route cannot be decided: ${why}`] };
}

/** A path this network does not declare, taken for granted and said so. */
function assumed(assumption: string, routeTable?: string): RouteOutcome {
    return {
        verdict: {
            status: "assumed",
            ...(routeTable === undefined ? {} : { routeTable }),
            assumptions: [assumption],
        },
        reasons: [],
    };
}

/** The verdict for a route a lookup found: which table, which rule, which gateway. */
function routedVerdict(found: {
    table: { name: string };
    rule: { destination: string };
    gateway: { name: string; kind: GatewayKind };
}): RouteVerdict {
    return {
        status: "routed",
        routeTable: found.table.name,
        rule: found.rule.destination,
        gateway: { name: found.gateway.name, kind: found.gateway.kind },
    };
}
