import type { ResolvedEndpoint, ResolvedFlow } from "../../catalogue/types";
import type { NetworkModel } from "../model/model";
import { describeMissingRole, type LocatedEnd, locateEnd } from "./locate";
import { checkReply } from "./reply";
import { checkRoute } from "./routes";
import { checkAtSubnet, sideVerdict, type SubnetCheck } from "./sides";
import { mergeParts } from "./merge";
import { splitEnd } from "./parts";
import type { FlowEnd, FlowQuery, FlowVerdict, SideVerdict } from "./verdict";
import { ALL_PORTS } from "../../net/ports";
import type { RuleQuery } from "../../net/rules";

export type { FlowEnd, FlowQuery, FlowVerdict, RouteVerdict, RuleRef, SideVerdict } from "./verdict";
export { coverage, type Box, type CoverageResult, type Interval } from "../../net/coverage";
export { ruleMatch } from "./match";

/*
 * The offline flow evaluator: given what OCI would enforce (a NetworkModel), is one documented flow open?
 * A flow passes when the source's egress rules let it out, the destination's ingress rules let it in, its
 * reply gets back, and it has a route. Each part is proven over the whole flow (every address of the
 * source CIDR × every port), never by sampling one packet.
 */

/** A side of the flow as checked: the verdict, the per-subnet checks behind it and its reasons. */
interface Side {
    verdict: SideVerdict;
    checks: SubnetCheck[];
    reasons: string[];
}

/**
 * Evaluates one flow against a network model in OCI semantics: ingress at the destination subnet, egress
 * at the source subnet, the reply (stateless rules need reverse rules), and the route (for traffic that
 * leaves or enters the VCN). An end whose range overlaps managed subnets is checked part by part (see
 * `splitEnd`): the flow holds only when it holds from every part of the source to every part of the
 * destination, and the verdict names the parts that fail.
 */
export function evaluateFlow(model: NetworkModel, q: FlowQuery): FlowVerdict {
    const source = locateEnd(model, q.source);
    const destination = locateEnd(model, q.destination);
    const sources = splitEnd(model, q.source, source, "source");
    const destinations = splitEnd(model, q.destination, destination, "destination");
    if (sources.length === 1 && destinations.length === 1 && sources[0].label === undefined) {
        if (destinations[0].label === undefined) return evaluateLocated(model, q, source, destination);
    }
    const parts = sources.flatMap((s) =>
        destinations.map((d) => ({
            source: s,
            destination: d,
            verdict: evaluateLocated(model, q, s.end, d.end),
        })),
    );
    return mergeParts(q, parts);
}

/** One flow between two located ends (single parts). */
function evaluateLocated(
    model: NetworkModel,
    q: FlowQuery,
    source: LocatedEnd,
    destination: LocatedEnd,
): FlowVerdict {
    const ingress = checkIngress(model, q, source, destination);
    const egress = checkEgress(model, q, source, destination);
    const egressCheck = egress.checks.length === 1 ? egress.checks[0] : undefined;
    const reply = checkReply(model, ingress.checks, egressCheck);
    const route = checkRoute(model, source, destination, q);
    const reasons = [...ingress.reasons, ...egress.reasons, ...reply.reasons, ...route.reasons];
    const statuses = [
        ingress.verdict.status,
        egress.verdict.status,
        reply.verdict.status,
        route.verdict.status,
    ];
    const status = statuses.some((s) => s === "denied" || s === "no-route")
        ? "denied"
        : statuses.some((s) => s === "unknown")
          ? "unknown"
          : "allowed";
    return {
        flowId: q.id,
        query: q,
        status,
        ingress: ingress.verdict,
        egress: egress.verdict,
        reply: reply.verdict,
        route: route.verdict,
        reasons,
    };
}

/**
 * Evaluates resolved catalogue flows: each flow's source and destination CIDRs are expanded into queries
 * (every source CIDR × every destination CIDR; role `"all"` = one query per subnet that has a role), and
 * every verdict keeps the flow's id.
 */
export function evaluateFlows(model: NetworkModel, flows: ResolvedFlow[]): FlowVerdict[] {
    return flows.flatMap((flow) => flowQueries(model, flow).map((q) => evaluateFlow(model, q)));
}

/** The concrete queries of one resolved flow. */
export function flowQueries(model: NetworkModel, flow: ResolvedFlow): FlowQuery[] {
    const queries: FlowQuery[] = [];
    for (const source of expandEndpoint(model, flow.source)) {
        for (const destination of expandEndpoint(model, flow.destination)) {
            queries.push({
                id: flow.id,
                description: flow.description,
                source,
                destination,
                protocol: flow.protocol,
                ...(flow.ports === undefined ? {} : { ports: flow.ports }),
                ...(flow.icmp === undefined ? {} : { icmp: flow.icmp }),
            });
        }
    }
    return queries;
}

/** One FlowEnd per CIDR, or per role subnet for role `"all"` (its CIDR may be unknown in a preview). */
function expandEndpoint(model: NetworkModel, endpoint: ResolvedEndpoint): FlowEnd[] {
    if (endpoint.role === "all") {
        return model.subnets
            .filter((s) => s.role !== undefined)
            .map((s) => ({ cidr: s.cidr ?? "unknown", ...(s.role === undefined ? {} : { role: s.role }) }));
    }
    return endpoint.cidrs.map((cidr) => ({
        cidr,
        ...(endpoint.role === undefined ? {} : { role: endpoint.role }),
        ...(endpoint.ref === "anywhere" ? { outsideOnly: true } : {}),
    }));
}

/** The forward query as seen by one side's rules. */
function sideQuery(q: FlowQuery, direction: "ingress" | "egress", peer: LocatedEnd): RuleQuery | undefined {
    if (peer.cidr === undefined) return undefined;
    return {
        direction,
        peer: peer.cidr,
        protocol: q.protocol,
        dstPorts: q.ports ?? ALL_PORTS,
        // The client's source port is ephemeral and unknown: a rule must allow every source port to count.
        srcPorts: ALL_PORTS,
        ...(q.icmp === undefined ? {} : { icmp: q.icmp }),
    };
}

/** Ingress at the destination: the subnet it lies in, or each subnet it overlaps inside the VCN. */
function checkIngress(model: NetworkModel, q: FlowQuery, source: LocatedEnd, destination: LocatedEnd): Side {
    const location = destination.location;
    const query = sideQuery(q, "ingress", source);
    if (query === undefined) return undecided(`the source CIDR ${source.text} is unknown`);
    switch (location.kind) {
        case "subnet":
            return fromChecks([checkAtSubnet(model, location.subnet, query)], undefined);
        case "subnets":
            return fromChecks(
                location.subnets.map((s) => checkAtSubnet(model, s, query)),
                location.uncertain ? "some subnet CIDRs are unknown" : undefined,
            );
        case "vcn-gap":
            if (location.uncertain)
                return undecided(
                    `no known subnet holds the destination ${destination.text}, and some subnet CIDRs are unknown`,
                );
            return denied(`no subnet of the VCN holds the destination ${destination.text}`);
        case "outside":
            return notApplicable(
                `the destination ${destination.text} is outside the VCN; its own filtering is not modelled`,
            );
        case "missing-role":
            return denied(describeMissingRole(location.role));
        case "unknown":
            return undecided(location.why);
    }
}

/** Egress at the source: only when the source is a single managed subnet. */
function checkEgress(model: NetworkModel, q: FlowQuery, source: LocatedEnd, destination: LocatedEnd): Side {
    const location = source.location;
    if (location.kind === "subnet") {
        const query = sideQuery(q, "egress", destination);
        if (query === undefined) return undecided(`the destination CIDR ${destination.text} is unknown`);
        return fromChecks([checkAtSubnet(model, location.subnet, query)], undefined);
    }
    if (location.kind === "missing-role") return denied(describeMissingRole(location.role));
    if (location.kind === "unknown") return undecided(location.why);
    if (location.kind !== "outside" && location.uncertain) {
        return undecided(`the source ${source.text} may lie in a subnet whose CIDR is unknown`);
    }
    const where =
        location.kind === "outside" ? "it is outside the VCN" : "it is not inside exactly one subnet";
    return notApplicable(
        `source is not a single managed subnet (${source.text}: ${where}), so its egress is not checked`,
    );
}

/** A side from per-subnet checks; `doubt` (a subnet that may be missed) only matters when all checks allow. */
function fromChecks(checks: SubnetCheck[], doubt: string | undefined): Side {
    const verdict = sideVerdict(checks);
    const reasons = checks.flatMap((c) => c.reasons);
    if (doubt !== undefined && verdict.status === "allowed") {
        return { verdict: { ...verdict, status: "unknown" }, checks, reasons: [...reasons, doubt] };
    }
    return { verdict, checks, reasons };
}

function undecided(why: string): Side {
    return { verdict: { status: "unknown", rules: [] }, checks: [], reasons: [why] };
}

function denied(why: string): Side {
    return { verdict: { status: "denied", rules: [], missing: why }, checks: [], reasons: [why] };
}

function notApplicable(why: string): Side {
    return { verdict: { status: "not-applicable", rules: [] }, checks: [], reasons: [why] };
}

export { ALL_PORTS, LINUX_EPHEMERAL_PORTS } from "../../net/ports";
export {
    ruleCoversQuery,
    ruleMatchesProtocol,
    ruleMatchesQuery,
    type RuleMatch,
    type RuleQuery,
} from "../../net/rules";
