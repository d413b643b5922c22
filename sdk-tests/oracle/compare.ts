import { analyzeResources } from "../../src/analysis/index";
import type { ResourceRecord } from "../../src/analysis/model/resources";
import type { ResolvedEndpoint, ResolvedFlow } from "../../src/catalogue/types";
import { SEED_TABLE, type OracleFlow, type OracleVar } from "../fixtures/oracle-tables";
import type { ConfigCase, Role } from "./configs";
import { judgeFlow, type FlowJudgement, type OracleFlowSpec } from "./flow";
import { networkFromRecords, type OracleNetwork } from "./network";
import { packetText, placeOf } from "./packet";
import type { FlowResult } from "../../src/analysis/evaluate/result";

/*
 * The differential check: for one registered network, every required flow (the component's `requiredFlows`),
 * every row of Oracle's C3 port table (docs/oracle-c3-network.md §1a, written literally in the fixtures) and a set of flows that must
 * be denied, each judged by the analyzer's public API and by the oracle. The analyzer is only the thing under
 * test here; the oracle shares no code with it.
 */

/** What is being compared. */
export type CheckKind = "required" | "port-table" | "probe";

/** One flow judged both ways. */
export interface Comparison {
    /** Required flow id, `row N` or the probe's name. */
    readonly label: string;
    /** Which set it comes from. */
    readonly kind: CheckKind;
    /** The flow as given to the analyzer. */
    readonly flow: ResolvedFlow;
    /** The analyzer's status; `assumed` when it is allowed but states assumptions. */
    readonly analyzer: string;
    /** The oracle's judgement. */
    readonly oracle: FlowJudgement;
    /** Probes only: the flow must be denied outright (no packet may get through). */
    readonly mustBeDenied: boolean;
}

/**
 * Why the analyzer and the oracle disagree, for the cases issue #11 lists:
 * - `source-overlap`: a packet from a host inside a managed subnet the flow's source range overlaps, though
 *   the flow does not name that subnet (issue #11 item 1: bastion = vcn_cidr, clients inside the VCN);
 * - `destination-overlap`: likewise at the destination (item 1, and item 5's extraRules into a managed subnet);
 * - `route-assumed`: from outside the VCN into a subnet along a path the network does not declare (item 2);
 * - `stateless-precedence`: a stateful and a stateless rule both match, C3 applies the stateless one, and the
 *   reply has no rule (found by this oracle; not in issue #11's list);
 * - `gateway-state`: the route's gateway is registered but disabled or blocks traffic (found by this oracle);
 * - `unclassified`: anything else, including the analyzer refusing what the oracle allows.
 */
export type DisagreementClass =
    | "source-overlap"
    | "destination-overlap"
    | "route-assumed"
    | "stateless-precedence"
    | "gateway-state"
    | "unclassified";

/** A comparison whose two verdicts differ. */
export interface Disagreement extends Comparison {
    /** The classes of the failing packets (one per distinct reason). */
    readonly classes: readonly DisagreementClass[];
    /** True when the analyzer proves a flow the oracle refutes: the worst kind. */
    readonly unsound: boolean;
}

const SUBNET_NAMES: Readonly<Record<Role, string>> = {
    worker: "worker",
    serviceLb: "service-lb",
    controlPlane: "control-plane",
    controlPlaneEndpoint: "control-plane-endpoint",
    pod: "pod",
};

/** The oracle's spec for a resolved flow; Oracle's "anywhere" destination means hosts outside the VCN. */
export function oracleSpec(flow: ResolvedFlow): OracleFlowSpec {
    return {
        sources: flow.source.cidrs,
        destinations: flow.destination.cidrs,
        protocol: flow.protocol,
        ...(flow.ports === undefined ? {} : { ports: flow.ports }),
        ...(flow.icmp === undefined ? {} : { icmp: flow.icmp }),
        destinationOutsideVcn: flow.destination.ref === "anywhere",
    };
}

/** The CIDRs a config gives each of Oracle's variables, from the layout and args (not from src/). */
function endpointOf(v: OracleVar, c: ConfigCase): ResolvedEndpoint {
    const subnet = (role: Role): ResolvedEndpoint => ({ role, cidrs: [c.layout.subnets[role] as string] });
    switch (v) {
        case "worker_cidr":
            return subnet("worker");
        case "workerlb_cidr":
            return subnet("serviceLb");
        case "kmi_cidr":
            return subnet("controlPlane");
        case "kmilb_cidr":
            return subnet("controlPlaneEndpoint");
        case "pod_cidr":
            return subnet("pod");
        case "vcn_cidr":
            // Rows 1-2: "bastion host, vcn_cidr"; the bastion is where the config says it is.
            return { ref: "bastion", cidrs: [...(c.args.bastionCidrs ?? [c.layout.vcn])] };
        case "kube_client_cidr":
            return { ref: "kubeClients", cidrs: [...c.args.kubeClientCidrs] };
        case "kube_internal_cidr":
            return { ref: "kubeInternal", cidrs: ["253.255.0.0/16"] };
        case "anywhere":
            return { ref: "anywhere", cidrs: ["0.0.0.0/0"] };
    }
}

function flowOf(id: string, row: OracleFlow, c: ConfigCase, refs: string[] = []): ResolvedFlow {
    return {
        id,
        description: row.label,
        source: endpointOf(row.source, c),
        destination: endpointOf(row.destination, c),
        protocol: row.protocol,
        ...(row.ports === undefined ? {} : { ports: { ...row.ports } }),
        ...(row.icmpType === undefined ? {} : { icmp: { type: row.icmpType } }),
        refs,
        provenance: "c3-doc",
    };
}

/** Oracle's port table (docs/oracle-c3-network.md §1a), rows 1-10, for this config (the fixture's literal rows). */
export function portTableFlows(c: ConfigCase): ResolvedFlow[] {
    return SEED_TABLE.map((row, i) => flowOf(`oracle-row-${i + 1}`, row, c, [`C3 ports 1a#${i + 1}`]));
}

/** A documentation-range host on the internet, and a stranger's network: never in any rule's peer. */
export const WORLD = "203.0.113.7/32";
/** A stranger's network. */
export const STRANGER = "198.51.100.0/24";

interface Probe {
    id: string;
    source: ResolvedEndpoint;
    destination: ResolvedEndpoint;
    protocol: "tcp" | "udp";
    ports: { min: number; max: number };
    mustBeDenied: boolean;
}

function probesFor(c: ConfigCase): Probe[] {
    const at = (role: Role): ResolvedEndpoint => ({ role, cidrs: [c.layout.subnets[role] as string] });
    const world = { cidrs: [WORLD] };
    const stranger = { cidrs: [STRANGER] };
    const port = (n: number) => ({ min: n, max: n });
    const nodePorts = { min: 30000, max: 32767 };
    const probes: Probe[] = [
        {
            id: "world → worker ssh",
            source: world,
            destination: at("worker"),
            protocol: "tcp",
            ports: port(22),
            mustBeDenied: true,
        },
        {
            id: "world → control plane ssh",
            source: world,
            destination: at("controlPlane"),
            protocol: "tcp",
            ports: port(22),
            mustBeDenied: true,
        },
        {
            id: "world → control plane 6443",
            source: world,
            destination: at("controlPlane"),
            protocol: "tcp",
            ports: port(6443),
            mustBeDenied: true,
        },
        {
            id: "world → API endpoint 6443",
            source: world,
            destination: at("controlPlaneEndpoint"),
            protocol: "tcp",
            ports: port(6443),
            mustBeDenied: true,
        },
        {
            id: "world → worker kubelet 10250",
            source: world,
            destination: at("worker"),
            protocol: "tcp",
            ports: port(10250),
            mustBeDenied: true,
        },
        {
            id: "world → service LB 8443",
            source: world,
            destination: at("serviceLb"),
            protocol: "tcp",
            ports: port(8443),
            mustBeDenied: true,
        },
        {
            id: "stranger → worker node ports",
            source: stranger,
            destination: at("worker"),
            protocol: "tcp",
            ports: nodePorts,
            mustBeDenied: true,
        },
        {
            id: "stranger → worker UDP node ports",
            source: stranger,
            destination: at("worker"),
            protocol: "udp",
            ports: nodePorts,
            mustBeDenied: true,
        },
        {
            id: "service LB → control plane 6443",
            source: at("serviceLb"),
            destination: at("controlPlane"),
            protocol: "tcp",
            ports: port(6443),
            mustBeDenied: false,
        },
        {
            id: "worker → world ssh",
            source: at("worker"),
            destination: world,
            protocol: "tcp",
            ports: port(22),
            mustBeDenied: false,
        },
    ];
    if (c.layout.subnets.pod !== undefined) {
        probes.push({
            id: "world → pod ssh",
            source: world,
            destination: at("pod"),
            protocol: "tcp",
            ports: port(22),
            mustBeDenied: true,
        });
    }
    return probes;
}

function probeFlow(p: Probe): ResolvedFlow {
    return {
        id: `probe ${p.id}`,
        description: p.id,
        source: p.source,
        destination: p.destination,
        protocol: p.protocol,
        ports: p.ports,
        refs: [],
        provenance: "derived",
    };
}

/** The analyzer's verdict: its status, or `assumed` when it says allowed but lists assumptions (issue #11 item 2). */
function analyzerVerdict(result: FlowResult): string {
    const loose = result as unknown as Record<string, unknown>;
    const listed = (value: unknown): boolean => Array.isArray(value) && value.length > 0;
    const checks = result.checks as unknown as Record<string, unknown>[];
    const assumes = listed(loose.assumptions) || checks.some((check) => listed(check.assumptions));
    return result.status === "allowed" && assumes ? "assumed" : result.status;
}

/** Every comparison for one registered network. */
export function compareNetwork(
    c: ConfigCase,
    records: ResourceRecord[],
    required: readonly ResolvedFlow[],
): Comparison[] {
    const probes = probesFor(c);
    const flows: { label: string; kind: CheckKind; flow: ResolvedFlow; mustBeDenied: boolean }[] = [
        ...required.map((flow) => ({ label: flow.id, kind: "required" as const, flow, mustBeDenied: false })),
        ...portTableFlows(c).map((flow) => ({
            label: `row ${flow.id.slice(11)}`,
            kind: "port-table" as const,
            flow,
            mustBeDenied: false,
        })),
        ...probes.map((p) => ({
            label: p.id,
            kind: "probe" as const,
            flow: probeFlow(p),
            mustBeDenied: p.mustBeDenied,
        })),
    ];
    const reports = analyzeResources(records, { flows: flows.map((f) => f.flow) });
    if (reports.length !== 1) throw new Error(`expected one analyzed network, got ${reports.length}`);
    const net = networkFromRecords(records);
    return flows.map((f, i) => ({
        ...f,
        analyzer: analyzerVerdict(reports[0].flows[i]),
        oracle: judgeFlow(net, oracleSpec(f.flow)),
    }));
}

function roleOwns(end: ResolvedEndpoint, subnetName: string): boolean {
    if (end.role === undefined) return false;
    return end.role === "all" || SUBNET_NAMES[end.role] === subnetName;
}

/** The class of one failing packet of a flow the analyzer proves. */
function classOf(
    net: OracleNetwork,
    flow: ResolvedFlow,
    packet: FlowJudgement["failures"][number],
): DisagreementClass {
    if (packet.verdict.outcome === "assumed") return "route-assumed";
    if (packet.verdict.cause !== undefined) return packet.verdict.cause;
    const src = placeOf(net, packet.packet.src);
    const dst = placeOf(net, packet.packet.dst);
    if (src.kind === "subnet" && !roleOwns(flow.source, src.subnet.name)) return "source-overlap";
    if (dst.kind === "subnet" && !roleOwns(flow.destination, dst.subnet.name)) return "destination-overlap";
    return "unclassified";
}

/** The verdicts agree when both prove the flow, or neither does. */
function agrees(c: Comparison): boolean {
    if (c.oracle.outcome === "vacuous") return true;
    return (c.analyzer === "allowed") === (c.oracle.outcome === "allowed");
}

/** The disagreements among `comparisons`, classified. */
export function disagreements(net: OracleNetwork, comparisons: readonly Comparison[]): Disagreement[] {
    return comparisons
        .filter((c) => !agrees(c))
        .map((c) => {
            const unsound = c.analyzer === "allowed";
            const classes = unsound
                ? [...new Set(c.oracle.failures.map((p) => classOf(net, c.flow, p)))].sort()
                : (["unclassified"] as DisagreementClass[]);
            return { ...c, classes, unsound };
        });
}

/**
 * Probes that must be denied but have a packet some rule lets through, whether or not a route carries it (a
 * least-privilege failure, whatever the analyzer says).
 */
export function leakyProbes(comparisons: readonly Comparison[]): Comparison[] {
    return comparisons.filter((c) => c.mustBeDenied && c.oracle.allowedPackets + c.oracle.assumedPackets > 0);
}

/** A leaky probe in words: the packet that gets through. */
export function leakText(c: Comparison): string {
    const through = c.oracle.firstAllowed ?? c.oracle.failures.find((f) => f.verdict.outcome === "assumed");
    const packet =
        through === undefined
            ? "(none)"
            : `${packetText(through.packet)}: ${through.verdict.outcome}, ${through.verdict.reason}`;
    return `LEAK probe ${c.label}: the oracle lets ${packet}`;
}

/** The first failing packet of a judgement, in words. */
export function firstFailure(j: FlowJudgement): string {
    const f = j.failures[0];
    return f === undefined ? "(none)" : `${packetText(f.packet)}: ${f.verdict.outcome}, ${f.verdict.reason}`;
}

/** A disagreement in words: flow, verdicts, the packet. */
export function disagreementText(d: Disagreement): string {
    const flow = `${d.flow.source.cidrs.join(",")} → ${d.flow.destination.cidrs.join(",")} ${d.flow.protocol}${
        d.flow.ports === undefined ? "" : ` ${d.flow.ports.min}-${d.flow.ports.max}`
    }${d.flow.icmp === undefined ? "" : ` type ${d.flow.icmp.type}`}`;
    const packet = d.unsound ? firstFailure(d.oracle) : `every sampled packet allowed (${d.oracle.packets})`;
    return `[${d.kind}] ${d.label} (${flow}): analyzer ${d.analyzer}, oracle ${d.oracle.outcome} [${d.classes.join(", ")}]; packet ${packet}`;
}
