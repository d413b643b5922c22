import type { ResolvedEndpoint, ResolvedFlow } from "../../catalogue/types";
import { describeTraffic } from "../../net/describe";
import { evaluateFlow } from "../evaluate/evaluate";
import { describeMissingRole } from "../evaluate/locate";
import type { ModelSubnet, NetworkModel } from "../model/model";
import type { AnalysisReport } from "./report";
import { ruleEntries } from "../checks/rule-usage";
import type { FlowEnd, FlowVerdict, RuleRef } from "../evaluate/verdict";
import { SUBNET_ROLES, type SubnetRole } from "../../c3/roles";
import type { Protocol } from "../../c3/protocols";
import type { PortRange } from "../../net/ports";
import { protocolName } from "../../net/rules";
import { knownCidr } from "../../net/cidr";
import type { Finding } from "../checks/finding";
import type { FlowResult } from "../evaluate/result";

/*
 * What a change opens or closes. Two networks are compared on a probe set: the union of both sides'
 * required flows, plus every rule's own traffic (its peer, the subnets it applies to, its protocol and
 * ports), because a change that opens something no flow asks for is exactly what a reviewer must see. A
 * probe is (source, destination, protocol, ports); subnet ends are named by role, so a probe still means
 * the same thing when a subnet's CIDR changes. A probe counts as allowed only when all of it is.
 */

/** One end of a probe: a subnet role, or a CIDR outside the managed subnets. */
export interface ProbeEnd {
    /** The subnet role (wins over `cidr`). */
    role?: SubnetRole;
    /** A CIDR (e.g. a kube client network, 0.0.0.0/0, the VCN). */
    cidr?: string;
}

/** One probe: a connection someone might open, evaluated on both networks. */
export interface Probe {
    /** Stable identity: `role:worker → 10.0.0.0/8 TCP 22`. */
    key: string;
    /** Who opens the connection. */
    source: ProbeEnd;
    /** Who accepts it. */
    destination: ProbeEnd;
    /** Protocol. */
    protocol: Protocol;
    /** Destination ports (tcp/udp); absent = all. */
    ports?: PortRange;
    /** ICMP type/code. */
    icmp?: { type: number; code?: number };
    /** Where the probe comes from: flow ids and `rule <container> <direction> <n>` texts. */
    origins: string[];
}

/** A probe's verdict on one network. */
export interface ProbeOutcome {
    /** Allowed only when the whole probe is. */
    status: "allowed" | "denied" | "unknown";
    /** The rules that (partly) allow it, on every side. */
    rules: RuleRef[];
    /** Why it is not allowed. */
    reasons: string[];
}

/** A probe whose verdict differs between the two networks. */
export interface ProbeChange {
    /** The probe. */
    probe: Probe;
    /** Its verdict before. */
    before: ProbeOutcome;
    /** Its verdict after. */
    after: ProbeOutcome;
}

/** The traffic a change opens and closes. */
export interface ModelDiff {
    /** Allowed after, not before: with the rules responsible in `after.rules`. */
    opened: ProbeChange[];
    /** Allowed before, not after: with the rules that used to allow it in `before.rules`. */
    closed: ProbeChange[];
    /** How many probes were compared. */
    probes: number;
}

function endKey(end: ProbeEnd): string {
    return end.role === undefined ? (end.cidr ?? "unknown") : `role:${end.role}`;
}

function makeProbe(
    source: ProbeEnd,
    destination: ProbeEnd,
    traffic: Omit<Probe, "key" | "source" | "destination" | "origins">,
    origin: string,
): Probe {
    const text = describeTraffic(traffic.protocol, traffic.ports, traffic.icmp);
    return {
        key: `${endKey(source)} → ${endKey(destination)} ${text}`,
        source,
        destination,
        ...traffic,
        origins: [origin],
    };
}

/** A CIDR end, named by role when it is exactly a role subnet's CIDR in one of `models` (first wins). */
function cidrEnd(models: readonly NetworkModel[], text: string): ProbeEnd {
    const block = knownCidr(text)?.text;
    for (const model of models) {
        const subnet = model.subnets.find((s) => s.role !== undefined && knownCidr(s.cidr)?.text === block);
        if (subnet?.role !== undefined) return { role: subnet.role };
    }
    return { cidr: text };
}

function endsOf(
    models: readonly NetworkModel[],
    end: ResolvedEndpoint,
    roles: readonly SubnetRole[],
): ProbeEnd[] {
    if (end.role === "all") return roles.map((role) => ({ role }));
    if (end.role !== undefined) return [{ role: end.role }];
    return end.cidrs.map((c) => cidrEnd(models, c));
}

function traffic(from: { protocol: Protocol; ports?: PortRange; icmp?: { type: number; code?: number } }) {
    return {
        protocol: from.protocol,
        ...(from.ports === undefined ? {} : { ports: from.ports }),
        ...(from.icmp === undefined ? {} : { icmp: from.icmp }),
    };
}

/**
 * Probes for flows: every source × destination end; subnet ends by role (`all` = each of `roles`), and a
 * CIDR that is exactly a role subnet's CIDR in one of `models` by that role.
 */
export function flowProbes(
    models: readonly NetworkModel[],
    flows: readonly ResolvedFlow[],
    roles: readonly SubnetRole[],
): Probe[] {
    return flows.flatMap((flow) =>
        endsOf(models, flow.source, roles).flatMap((source) =>
            endsOf(models, flow.destination, roles).map((destination) =>
                makeProbe(source, destination, traffic(flow), flow.id),
            ),
        ),
    );
}

function subnetEnd(subnet: ModelSubnet): ProbeEnd | undefined {
    if (subnet.role !== undefined) return { role: subnet.role };
    return subnet.cidr === undefined ? undefined : { cidr: subnet.cidr };
}

/** Probes for every known rule of a model: its peer ↔ each subnet it applies to, its own traffic. */
export function ruleProbes(model: NetworkModel): Probe[] {
    const out: Probe[] = [];
    for (const { rule, subnets } of ruleEntries(model)) {
        const protocol = protocolName(rule);
        if (rule.unknown === true || protocol === undefined || knownCidr(rule.peer) === undefined) continue;
        const t = traffic({
            protocol,
            ...(protocol === "tcp" || protocol === "udp"
                ? rule.dstPorts === undefined
                    ? {}
                    : { ports: rule.dstPorts }
                : {}),
            ...(protocol === "icmp" && rule.icmp !== undefined ? { icmp: rule.icmp } : {}),
        });
        const origin = `rule ${rule.origin.name} ${rule.direction} ${rule.origin.index + 1}`;
        const peer = cidrEnd([model], rule.peer);
        for (const subnet of subnets) {
            const self = subnetEnd(subnet);
            if (self === undefined) continue;
            const [source, destination] = rule.direction === "ingress" ? [peer, self] : [self, peer];
            out.push(makeProbe(source, destination, t, origin));
        }
    }
    return out;
}

/** Merges probes by key, keeping the first occurrence's order and every origin. */
export function mergeProbes(probes: readonly Probe[]): Probe[] {
    const byKey = new Map<string, Probe>();
    for (const probe of probes) {
        const seen = byKey.get(probe.key);
        if (seen === undefined) byKey.set(probe.key, { ...probe, origins: [...probe.origins] });
        else for (const o of probe.origins) if (!seen.origins.includes(o)) seen.origins.push(o);
    }
    return [...byKey.values()];
}

function resolveEnd(model: NetworkModel, end: ProbeEnd): FlowEnd | { missing: string } {
    // A probe to 0.0.0.0/0 (from an egress-all rule or a flow to Oracle's "anywhere") asks about leaving
    // the VCN; the in-VCN share is what the other probes are about.
    if (end.role === undefined && end.cidr === "0.0.0.0/0") return { cidr: end.cidr, outsideOnly: true };
    if (end.role === undefined) return { cidr: end.cidr ?? "unknown" };
    const subnet = model.subnets.find((s) => s.role === end.role);
    if (subnet === undefined) return { missing: describeMissingRole(end.role) };
    return { cidr: subnet.cidr ?? "unknown", role: end.role };
}

/** Evaluates one probe on one network. */
export function evaluateProbe(model: NetworkModel, probe: Probe): ProbeOutcome {
    const source = resolveEnd(model, probe.source);
    const destination = resolveEnd(model, probe.destination);
    if ("missing" in source) return { status: "denied", rules: [], reasons: [source.missing] };
    if ("missing" in destination) return { status: "denied", rules: [], reasons: [destination.missing] };
    const verdict: FlowVerdict = evaluateFlow(model, {
        id: probe.key,
        source,
        destination,
        ...traffic(probe),
    });
    return {
        status: verdict.status,
        rules: [...verdict.ingress.rules, ...verdict.egress.rules, ...verdict.reply.rules],
        reasons: verdict.status === "allowed" ? [] : verdict.reasons,
    };
}

function rolesOfBoth(a: NetworkModel, b: NetworkModel): SubnetRole[] {
    const present = new Set([...a.subnets, ...b.subnets].map((s) => s.role));
    return SUBNET_ROLES.filter((r) => present.has(r));
}

function isProbeList(input: readonly ResolvedFlow[] | readonly Probe[]): input is readonly Probe[] {
    return input.length > 0 && "key" in input[0];
}

/**
 * What changes between two networks. `flowsOrProbes`: the union of both sides' required flows (the probe
 * set then adds every rule's own traffic from both models), or an explicit probe list used as is.
 */
export function diffModels(
    before: NetworkModel,
    after: NetworkModel,
    flowsOrProbes: readonly ResolvedFlow[] | readonly Probe[] = [],
): ModelDiff {
    const probes = isProbeList(flowsOrProbes)
        ? mergeProbes(flowsOrProbes)
        : mergeProbes([
              ...flowProbes([before, after], flowsOrProbes, rolesOfBoth(before, after)),
              ...ruleProbes(before),
              ...ruleProbes(after),
          ]);
    const diff: ModelDiff = { opened: [], closed: [], probes: probes.length };
    for (const probe of probes) {
        const was = evaluateProbe(before, probe);
        const is = evaluateProbe(after, probe);
        const change = { probe, before: was, after: is };
        if (was.status !== "allowed" && is.status === "allowed") diff.opened.push(change);
        else if (was.status === "allowed" && is.status !== "allowed") diff.closed.push(change);
    }
    return diff;
}

/** How a flow's verdict or a finding changed between two reports. */
export interface ReportDiff {
    /** Flows whose status changed, appeared or disappeared (`absent` on the side without them). */
    flows: { id: string; before: FlowResult["status"] | "absent"; after: FlowResult["status"] | "absent" }[];
    /** Findings only in the later report. */
    addedFindings: Finding[];
    /** Findings only in the earlier report. */
    resolvedFindings: Finding[];
}

const findingKey = (f: Finding): string => `${f.kind}|${f.subject.text}`;

/** The change in required-flow verdicts and findings between two reports of the same network. */
export function diffReports(before: AnalysisReport, after: AnalysisReport): ReportDiff {
    const was = new Map(before.flows.map((f) => [f.id, f.status]));
    const is = new Map(after.flows.map((f) => [f.id, f.status]));
    const ids = [...new Set([...was.keys(), ...is.keys()])];
    const flows = ids
        .map((id) => ({
            id,
            before: was.get(id) ?? ("absent" as const),
            after: is.get(id) ?? ("absent" as const),
        }))
        .filter((f) => f.before !== f.after);
    const beforeKeys = new Set(before.findings.map(findingKey));
    const afterKeys = new Set(after.findings.map(findingKey));
    return {
        flows,
        addedFindings: after.findings.filter((f) => !beforeKeys.has(findingKey(f))),
        resolvedFindings: before.findings.filter((f) => !afterKeys.has(findingKey(f))),
    };
}
