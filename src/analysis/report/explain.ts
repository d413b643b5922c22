import { gatewayText } from "../evaluate/routes";
import {
    type FlowVerdict,
    type RouteVerdict,
    type RuleRef,
    type SideVerdict,
    ruleRefText,
} from "../evaluate/verdict";
import type { Failure, FailureKind, FlowCheck } from "../evaluate/result";
/*
 * Turns an evaluator verdict into what a reviewer reads: for a flow that holds, the exact rule on each side
 * and the route; for one that fails, each failing side in Oracle's terms ("no ingress at the destination",
 * "no egress at the source", "no route", "stateless rule without reply").
 */

/** One concrete check from an evaluator verdict. */
export function checkFromVerdict(verdict: FlowVerdict): FlowCheck {
    const failures = failuresOf(verdict);
    return {
        source: verdict.query.source.cidr,
        destination: verdict.query.destination.cidr,
        status: verdict.status,
        ingress: verdict.ingress,
        egress: verdict.egress,
        reply: verdict.reply,
        route: verdict.route,
        assumptions: [...(verdict.route.assumptions ?? [])],
        failures,
        explanation:
            verdict.status === "allowed" ? allowedText(verdict) : failures.map((f) => f.message).join("; "),
        ...(verdict.parts === undefined ? {} : { parts: verdict.parts }),
    };
}

/** A check that fails because the flow names a subnet role the network does not have. */
export function missingSubnetCheck(source: string, destination: string, message: string): FlowCheck {
    const denied: SideVerdict = { status: "denied", rules: [], missing: message };
    const none: SideVerdict = { status: "not-applicable", rules: [] };
    const failures: Failure[] = [{ kind: "missing-subnet", message }];
    return {
        source,
        destination,
        status: "denied",
        ingress: denied,
        egress: none,
        reply: none,
        route: { status: "not-applicable" },
        assumptions: [],
        failures,
        explanation: message,
    };
}

/** A check that cannot be made because a flow end has no known CIDR. */
export function undecidedCheck(source: string, destination: string, message: string): FlowCheck {
    const unknown: SideVerdict = { status: "unknown", rules: [] };
    return {
        source,
        destination,
        status: "unknown",
        ingress: unknown,
        egress: unknown,
        reply: unknown,
        route: { status: "unknown" },
        assumptions: [],
        failures: [{ kind: "undecided", message }],
        explanation: message,
    };
}

/** `kmi-seclist ingress rule 7, common-seclist ingress rule 1` (distinct, in order). */
export function rulesText(rules: readonly RuleRef[]): string {
    return [...new Set(rules.map(ruleRefText))].join(", ");
}

/** `NAT gateway nat-gateway`: a route target in words (the evaluator's wording, re-exported for renderers). */
export { gatewayText };

/**
 * `nat_private 0.0.0.0/0 → NAT gateway nat-gateway`; for traffic entering the VCN also the reply route; for a
 * path outside this network `assumed: ...`. Traffic inside the VCN is `within the VCN (VCN-local routing)`.
 */
export function routeText(route: RouteVerdict): string {
    if (route.status === "not-applicable") return "within the VCN (VCN-local routing)";
    if (route.status === "assumed") return `assumed: ${(route.assumptions ?? []).join("; ")}`;
    const gateway =
        route.gateway === undefined ? "" : ` → ${gatewayText(route.gateway.kind, route.gateway.name)}`;
    const table = route.routeTable ?? "unknown route table";
    const main = `${table}${route.rule === undefined ? "" : ` ${route.rule}`}${gateway}`;
    const reply =
        route.reply === undefined
            ? route.gateway === undefined
                ? ""
                : " (replies return through it)"
            : ` (replies: ${route.reply.routeTable} ${route.reply.rule} → ${gatewayText(route.reply.gateway.kind, route.reply.gateway.name)})`;
    const beyond =
        (route.assumptions ?? []).length === 0 ? "" : `; assumed: ${(route.assumptions ?? []).join("; ")}`;
    return `${main}${reply}${beyond}`;
}

function sideText(label: string, side: SideVerdict, idle: string): string {
    if (side.status === "not-applicable") return `${label}: ${idle}`;
    return `${label}: ${rulesText(side.rules) || "no rule needed"}`;
}

function allowedText(v: FlowVerdict): string {
    const parts = [
        sideText("in", v.ingress, "not filtered (destination outside the VCN)"),
        sideText("out", v.egress, "not filtered (source outside the managed subnets)"),
        `route: ${routeText(v.route)}`,
    ];
    if (v.reply.rules.length > 0) parts.splice(2, 0, `reply: ${rulesText(v.reply.rules)}`);
    return parts.join("; ");
}

/** Reasons by the side that produced them (the evaluator words each side's sentences distinctly). */
function reasonsFor(v: FlowVerdict, kind: FailureKind): string[] {
    const ingress = (r: string) =>
        /^(\[[^\]]*\] )?(no ingress rule|ingress rules? |no subnet of the VCN holds|the destination \S+ is outside)/.test(
            r,
        );
    const egress = (r: string) =>
        /^(\[[^\]]*\] )?(no egress rule|egress rules? |source is not|the source \S+ may lie)/.test(r);
    const reply = (r: string) => /^(\[[^\]]*\] )?stateless rule with no reply rule/.test(r);
    switch (kind) {
        case "no-ingress":
            return v.reasons.filter(ingress);
        case "no-egress":
            return v.reasons.filter(egress);
        case "no-reply":
            return v.reasons.filter(reply);
        default:
            return v.reasons.filter((r) => !ingress(r) && !egress(r) && !reply(r));
    }
}

function failure(v: FlowVerdict, kind: FailureKind, head: string, side?: SideVerdict): Failure {
    const reasons = reasonsFor(v, kind);
    const detail =
        reasons.length > 0
            ? reasons.join("; ")
            : side?.missing !== undefined
              ? `${side.subnet ?? "it"}: not allowed: ${side.missing}`
              : "";
    return { kind, message: detail === "" ? head : `${head}: ${detail}` };
}

/** Every failing side of a verdict; denied sides first, then undecided ones. */
function failuresOf(v: FlowVerdict): Failure[] {
    if (v.status === "allowed") return [];
    const out: Failure[] = [];
    if (v.ingress.status === "denied") {
        const missingRole = v.ingress.missing?.startsWith("the VCN has no subnet with role") === true;
        out.push(
            missingRole
                ? { kind: "missing-subnet", message: v.ingress.missing ?? "" }
                : failure(v, "no-ingress", "no ingress at the destination", v.ingress),
        );
    }
    if (v.egress.status === "denied") out.push(failure(v, "no-egress", "no egress at the source", v.egress));
    if (v.reply.status === "denied")
        out.push(failure(v, "no-reply", "stateless rule without reply", v.reply));
    if (v.route.status === "no-route") out.push(failure(v, "no-route", "no route"));
    if (out.length === 0)
        out.push({ kind: "undecided", message: `cannot be decided: ${v.reasons.join("; ")}` });
    return out;
}
