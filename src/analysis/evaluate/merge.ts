import type { EndPart } from "./parts";
import type { FlowPartVerdict, FlowQuery, FlowVerdict, RouteVerdict, RuleRef, SideVerdict } from "./verdict";

/*
 * One verdict from the verdicts of a flow's parts. The flow holds only when every part holds; each side
 * lists every rule any part used (findings credit them to the flow) and, when it fails, which part fails.
 */

/** A part's verdict with the parts it was evaluated between. */
export interface PartResult {
    /** The source part. */
    source: EndPart;
    /** The destination part. */
    destination: EndPart;
    /** Its verdict. */
    verdict: FlowVerdict;
}

const STATUS_RANK: Readonly<Record<FlowVerdict["status"], number>> = { denied: 0, unknown: 1, allowed: 2 };
const SIDE_RANK: Readonly<Record<SideVerdict["status"], number>> = {
    denied: 0,
    unknown: 1,
    allowed: 2,
    "not-applicable": 3,
};
const ROUTE_RANK: Readonly<Record<RouteVerdict["status"], number>> = {
    "no-route": 0,
    unknown: 1,
    assumed: 2,
    routed: 3,
    "not-applicable": 4,
};

/** `from X to Y` for the parts that were split; the unsplit end is left out. */
export function partLabel(part: PartResult): string {
    const from = part.source.label === undefined ? "" : `from ${part.source.label}`;
    const to = part.destination.label === undefined ? "" : `to ${part.destination.label}`;
    return [from, to].filter((t) => t !== "").join(" ");
}

function refKey(r: RuleRef): string {
    return `${r.key}#${r.direction}#${r.index}`;
}

function mergeSide(sides: readonly SideVerdict[], labels: readonly string[]): SideVerdict {
    const worst = sides.reduce((a, b) => (SIDE_RANK[b.status] < SIDE_RANK[a.status] ? b : a));
    const rules = new Map<string, RuleRef>();
    for (const side of sides) for (const r of side.rules) rules.set(refKey(r), r);
    const subnets = [...new Set(sides.map((s) => s.subnet).filter((s): s is string => s !== undefined))];
    const missing = sides
        .map((s, i) => (s.missing === undefined ? undefined : `[${labels[i]}] ${s.missing}`))
        .filter((m): m is string => m !== undefined);
    return {
        status: worst.status,
        ...(subnets.length === 0 ? {} : { subnet: subnets.join(", ") }),
        rules: [...rules.values()],
        ...(missing.length === 0 ? {} : { missing: missing.join("; ") }),
    };
}

/** The route of the worst part (its reasons say which), with every part's assumptions. */
function mergeRoute(routes: readonly RouteVerdict[]): RouteVerdict {
    const worst = routes.reduce((a, b) => (ROUTE_RANK[b.status] < ROUTE_RANK[a.status] ? b : a));
    const assumptions = [...new Set(routes.flatMap((r) => r.assumptions ?? []))];
    return { ...worst, ...(assumptions.length === 0 ? {} : { assumptions }) };
}

/** Merges part verdicts into the flow's verdict; reasons are prefixed with the part they belong to. */
export function mergeParts(q: FlowQuery, parts: readonly PartResult[]): FlowVerdict {
    const labels = parts.map(partLabel);
    const verdicts = parts.map((p) => p.verdict);
    const status = verdicts.reduce(
        (a, v) => (STATUS_RANK[v.status] < STATUS_RANK[a] ? v.status : a),
        "allowed" as FlowVerdict["status"],
    );
    const partVerdicts: FlowPartVerdict[] = parts.map((p, i) => ({
        source: p.source.end.text,
        destination: p.destination.end.text,
        label: labels[i],
        status: p.verdict.status,
        egress: p.verdict.egress,
        ingress: p.verdict.ingress,
        reply: p.verdict.reply,
        route: p.verdict.route,
        reasons: p.verdict.reasons,
    }));
    return {
        flowId: q.id,
        query: q,
        status,
        ingress: mergeSide(
            verdicts.map((v) => v.ingress),
            labels,
        ),
        egress: mergeSide(
            verdicts.map((v) => v.egress),
            labels,
        ),
        reply: mergeSide(
            verdicts.map((v) => v.reply),
            labels,
        ),
        route: mergeRoute(verdicts.map((v) => v.route)),
        reasons: verdicts.flatMap((v, i) =>
            v.status === "allowed" ? [] : v.reasons.map((r) => `[${labels[i]}] ${r}`),
        ),
        parts: partVerdicts,
    };
}
