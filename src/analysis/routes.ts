import { type Cidr, cidrContains } from "../cidr/cidr";
import type { GatewayKind, ModelRouteRule, ModelRouteTable, ModelSubnet, NetworkModel } from "./model";
import { KUBE_INTERNAL_CIDR, knownCidr, type LocatedEnd } from "./locate";
import { unresolved } from "./sides";
import type { RouteVerdict } from "./verdict";

/*
 * Routing in OCI terms. Inside a VCN routing is implicit (every subnet reaches every other), so only traffic
 * leaving the VCN needs a route: the source subnet's route table (or the VCN default table when none is
 * attached) picks the rule with the longest prefix that contains the destination, and its target gateway
 * must be able to carry the traffic. Replies to connections opened from outside leave through the
 * destination subnet's table the same way.
 */

/** A route verdict and its reasons. */
export interface RouteOutcome {
    /** The verdict. */
    verdict: RouteVerdict;
    /** Sentences explaining it. */
    reasons: string[];
}

const PRIVATE_FROM_OUTSIDE = "reachable only from inside the VCN or through a DRG/data-center path";

/** Checks the routing of a flow between two located ends. */
export function checkRoute(model: NetworkModel, source: LocatedEnd, destination: LocatedEnd): RouteOutcome {
    const src = source.cidr;
    const dst = destination.cidr;
    if (src === undefined || dst === undefined) return unknownRoute("a flow end's CIDR is unknown");
    const internal = knownCidr(KUBE_INTERNAL_CIDR);
    if (internal !== undefined && cidrContains(internal, src)) {
        return notApplicable(
            `the source ${src.text} is C3's internal infrastructure network (253.255.0.0/16, spec 2c), the appliance itself; no VCN route is involved`,
        );
    }
    if (source.inVcn === undefined || destination.inVcn === undefined)
        return unknownRoute("the VCN CIDR is unknown");
    if (source.inVcn && destination.inVcn) return { verdict: { status: "not-applicable" }, reasons: [] };
    if (source.inVcn) return routeOut(model, source, dst);
    if (destination.inVcn) return routeBack(model, destination, src);
    return { verdict: { status: "not-applicable" }, reasons: [] };
}

/** A managed source reaching a destination outside the VCN: its subnet's table must lead to a usable gateway. */
function routeOut(model: NetworkModel, source: LocatedEnd, dst: Cidr): RouteOutcome {
    if (source.location.kind !== "subnet") {
        return notApplicable(
            `the source ${source.text} is not a single managed subnet, so its route to ${dst.text} is not checked`,
        );
    }
    const subnet = source.location.subnet;
    const found = lookup(model, subnet, dst);
    if ("outcome" in found) return found.outcome;
    const { table, gateway } = found;
    const verdict = routedVerdict(found);
    const via = `route table ${table.name} of ${subnet.name} sends ${dst.text} to ${gatewayText(gateway)}`;
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
                    `${via}; a service gateway has no function on C3 and does not reach ${dst.text} (spec 4)`,
                ],
            };
        case "unknown":
            return { verdict: { ...verdict, status: "unknown" }, reasons: [`${via}, whose kind is unknown`] };
        default:
            return { verdict, reasons: [] };
    }
}

/** A source outside the VCN reaching a managed subnet: a public subnet needs a reply route to an IGW (or DRG). */
function routeBack(model: NetworkModel, destination: LocatedEnd, src: Cidr): RouteOutcome {
    const subnets =
        destination.location.kind === "subnet"
            ? [destination.location.subnet]
            : destination.location.kind === "subnets"
              ? destination.location.subnets
              : [];
    if (subnets.length === 0) return { verdict: { status: "not-applicable" }, reasons: [] };
    const outcomes = subnets.map((subnet) => routeBackFrom(model, subnet, src));
    const rank = (o: RouteOutcome): number =>
        ["no-route", "unknown", "routed", "not-applicable"].indexOf(o.verdict.status);
    const worst = outcomes.reduce((a, b) => (rank(b) < rank(a) ? b : a));
    return { verdict: worst.verdict, reasons: outcomes.flatMap((o) => o.reasons) };
}

function routeBackFrom(model: NetworkModel, subnet: ModelSubnet, src: Cidr): RouteOutcome {
    if (subnet.public === undefined) return unknownRoute(`whether ${subnet.name} is public is unknown`);
    if (!subnet.public) return notApplicable(`${subnet.name} is a private subnet, ${PRIVATE_FROM_OUTSIDE}`);
    const found = lookup(model, subnet, src);
    if ("outcome" in found) return found.outcome;
    const { table, gateway } = found;
    const verdict = routedVerdict(found);
    if (gateway.kind === "internet" || gateway.kind === "drg") return { verdict, reasons: [] };
    if (gateway.kind === "unknown")
        return {
            verdict: { ...verdict, status: "unknown" },
            reasons: [`the reply route's target ${gateway.name} is of unknown kind`],
        };
    return {
        verdict: { ...verdict, status: "no-route" },
        reasons: [
            `replies from public subnet ${subnet.name} to ${src.text} go to ${gatewayText(gateway)} (route table ${table.name}); they need an internet gateway`,
        ],
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

function gatewayText(gateway: { name: string; kind: string }): string {
    const kinds: Record<string, string> = {
        nat: "NAT gateway",
        internet: "internet gateway",
        service: "service gateway",
        drg: "DRG",
        lpg: "local peering gateway",
        "private-ip": "private IP",
    };
    return `${kinds[gateway.kind] ?? "gateway"} ${gateway.name}`;
}

function unknownRoute(why: string): RouteOutcome {
    return { verdict: { status: "unknown" }, reasons: [`route cannot be decided: ${why}`] };
}

function notApplicable(why: string): RouteOutcome {
    return { verdict: { status: "not-applicable" }, reasons: [why] };
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
