import type { Provenance, ResolvedEndpoint } from "../../catalogue/types";
import type { FlowPartVerdict, RouteVerdict, RuleRef, SideVerdict } from "../evaluate/verdict";
import { type SubnetRole } from "../../c3/roles";
import { type Protocol } from "../../c3/protocols";
import { type PortRange } from "../../net/ports";

/*
 * The analyzer's answer for one network, as plain data: what the `plan` command prints, what a policy pack
 * turns into violations and what `--format json` serialises. Kept free of functions and class instances so a
 * report can be compared, stored and diffed.
 */

/** How serious a finding is, lowest first. `--fail-on` compares against this order. */
export type Severity = "info" | "low" | "medium" | "high";

/** Every severity, lowest first. */
export const SEVERITIES: readonly Severity[] = ["info", "low", "medium", "high"];

/** True when `severity` is at or above `threshold`. */
export function severityAtLeast(severity: Severity, threshold: Severity): boolean {
    return SEVERITIES.indexOf(severity) >= SEVERITIES.indexOf(threshold);
}

/** Why one concrete flow does not hold, by the side that fails. */
export type FailureKind =
    /** The flow names a subnet role the network does not have. */
    | "missing-subnet"
    /** No ingress rule at the destination lets the traffic in. */
    | "no-ingress"
    /** No egress rule at the source lets the traffic out. */
    | "no-egress"
    /** No route (or an unusable gateway) for traffic leaving or entering the VCN. */
    | "no-route"
    /** A stateless rule allows the traffic, but nothing allows its reply. */
    | "no-reply"
    /** The model cannot decide (unknown values in a preview, CIDRs not known). */
    | "undecided";

/** One failing side of a flow, in words. */
export interface Failure {
    /** Which side fails. */
    kind: FailureKind;
    /** What is missing, e.g. `no ingress at the destination: no ingress rule on control-plane ... allows TCP 22`. */
    message: string;
}

/** One concrete source CIDR → destination CIDR check of a flow. */
export interface FlowCheck {
    /** Source CIDR (or `unknown`). */
    source: string;
    /** Destination CIDR (or `unknown`). */
    destination: string;
    /** Allowed when ingress, egress, reply and route all hold. */
    status: "allowed" | "denied" | "unknown";
    /** Ingress at the destination's VNICs: the rules that let it in. */
    ingress: SideVerdict;
    /** Egress at the source's VNICs. */
    egress: SideVerdict;
    /** Replies (only constrained by stateless rules). */
    reply: SideVerdict;
    /** The route and gateway, for traffic leaving or entering the VCN. */
    route: RouteVerdict;
    /** What the verdict takes for granted about paths outside this network (the route's assumptions). */
    assumptions: string[];
    /** Empty when allowed; otherwise every failing side. */
    failures: Failure[];
    /** One sentence: the rules on each side and the route (✔), or what is missing (✘). */
    explanation: string;
    /**
     * When the source or destination range overlaps managed subnets: each part checked on its own (a managed
     * subnet, or the rest of the range outside the VCN). Absent when the ends were not split.
     */
    parts?: FlowPartVerdict[];
}

/** One required or user-declared flow and its verdict. */
export interface FlowResult {
    /** Catalogue id (`worker-ssh-from-bastion`, `extra-<name>`, ...). */
    id: string;
    /** Oracle's description where Oracle gives one. */
    description: string;
    /** References to docs/oracle-c3-network.md, e.g. `C3 ports 1a#2`. */
    refs: string[];
    /** The rows of Oracle's C3 port table (docs/oracle-c3-network.md §1a) this flow is, e.g. `[6, 9]`; empty for other flows. */
    seedRows: number[];
    /** Where the flow comes from (`c3-doc`, `user`, ...). */
    provenance: Provenance;
    /** Who opens the connection. */
    source: ResolvedEndpoint;
    /** Who accepts it. */
    destination: ResolvedEndpoint;
    /** IP protocol. */
    protocol: Protocol;
    /** Destination ports (tcp/udp); absent means all. */
    ports?: PortRange;
    /** ICMP type/code. */
    icmp?: { type: number; code?: number };
    /** The worst status over the checks: denied, then unknown, else allowed. */
    status: "allowed" | "denied" | "unknown";
    /** One check per concrete source × destination CIDR. */
    checks: FlowCheck[];
}

/** What a finding is about. */
export interface FindingSubject {
    /** A rule, a whole container, a subnet or the VCN. */
    type: "rule" | "securityList" | "nsg" | "subnet" | "vcn";
    /** Display name of the list, NSG, subnet or VCN. */
    name: string;
    /** Its key (URN or OCID) in the model. */
    key: string;
    /** For rules: list or NSG. */
    container?: "securityList" | "nsg";
    /** For rules: the direction. */
    direction?: "ingress" | "egress";
    /** For rules: 0-based index in the container (per direction for security lists). */
    index?: number;
    /** How people name it: `kmi-seclist ingress rule 3` (1-based, as Oracle's tables number rules). */
    text: string;
}

/** The finding kinds, each a least-privilege or correctness check. */
export type FindingKind =
    | "unused-rule"
    | "ingress-from-anywhere"
    | "all-protocols"
    | "wide-port-range"
    | "duplicate-rule"
    | "shadowed-rule"
    | "limit-exceeded"
    | "public-subnet-without-igw-route"
    | "private-subnet-allows-public-ips"
    | "private-subnet-routes-to-igw"
    | "reserved-range-overlap";

/** One least-privilege or correctness finding. */
export interface Finding {
    /** What kind of problem. */
    kind: FindingKind;
    /** How serious. */
    severity: Severity;
    /** The rule, list, NSG or subnet concerned. */
    subject: FindingSubject;
    /** What is wrong. */
    message: string;
    /** How to fix it. */
    fix: string;
}

/** One count measured against a C3 limit (docs/oracle-c3-network.md §6). */
export interface LimitCount {
    /** The list, NSG or subnet counted. */
    subject: FindingSubject;
    /** What is counted. */
    measure: "ingress rules" | "egress rules" | "rules" | "security lists";
    /** How many there are. */
    count: number;
    /** C3's limit. */
    limit: number;
}

/** One row of Oracle's C3 port table (docs/oracle-c3-network.md §1a) and whether the network honours it. */
export interface SeedRowResult {
    /** Row number, 1-10. */
    row: number;
    /** The row, restated (source → destination, port). */
    description: string;
    /** The flows that carry this row (`C3 ports 1a#N` in their refs). */
    flowIds: string[];
    /** `not-required` when no required flow carries the row (e.g. rows 3-5 on an air-gapped site). */
    status: "allowed" | "denied" | "unknown" | "not-required";
}

/** A subnet as the report shows it. */
export interface SubnetSummary {
    /** Display name. */
    name: string;
    /** OKE role, when known. */
    role?: SubnetRole;
    /** CIDR, when known. */
    cidr?: string;
    /** `public`, `private` or `unknown` (VNICs may or may not have public IPs). */
    access: "public" | "private" | "unknown";
    /** Route table display name (the VCN default when the subnet names none). */
    routeTable?: string;
    /** Display names of its security lists. */
    securityLists: string[];
    /** Display names of the NSGs its role's VNICs carry. */
    nsgs: string[];
}

/** A security rule as the report shows it. */
export interface RuleSummary {
    /** 0-based index in its container (per direction for security lists). */
    index: number;
    /** Ingress or egress. */
    direction: "ingress" | "egress";
    /** `tcp`, `udp`, `icmp`, `all`, or OCI's protocol number for others; `unknown` in a preview. */
    protocol: string;
    /** Source (ingress) or destination (egress) CIDR; `unknown` in a preview. */
    peer: string;
    /** Destination ports; absent means all. */
    ports?: PortRange;
    /** Source ports; absent means all. */
    sourcePorts?: PortRange;
    /** ICMP type/code. */
    icmp?: { type: number; code?: number };
    /** Stateless rules need their own reply rule. */
    stateless: boolean;
    /** Description. */
    description?: string;
}

/** A security list or NSG as the report shows it. */
export interface ContainerSummary {
    /** Security list or NSG. */
    type: "securityList" | "nsg";
    /** Display name. */
    name: string;
    /** Key (URN or OCID). */
    key: string;
    /** Subnets whose VNICs it applies to. */
    appliesTo: string[];
    /** Rules in order (security lists: ingress first, then egress). */
    rules: RuleSummary[];
}

/** A route table as the report shows it. */
export interface RouteTableSummary {
    /** Display name. */
    name: string;
    /** Subnets using it. */
    usedBy: string[];
    /** Rules: destination → gateway. */
    rules: { destination: string; target: string; targetKind: string }[];
}

/** The network as the report shows it. */
export interface NetworkSummary {
    /** VCN display name. */
    name: string;
    /** VCN CIDRs. */
    vcnCidrs: string[];
    /** Subnets in model order. */
    subnets: SubnetSummary[];
    /** Route tables used by a subnet. */
    routeTables: RouteTableSummary[];
    /** Security lists and NSGs. */
    containers: ContainerSummary[];
}

/** Counts for a one-line verdict. */
export interface ReportSummary {
    /** Required and declared flows checked. */
    flows: number;
    /** Flows that hold. */
    holding: number;
    /** Flows that fail. */
    failing: number;
    /** Flows that cannot be decided. */
    unknown: number;
    /** Findings per severity. */
    findings: Record<Severity, number>;
}

/** Everything the analyzer found about one network. */
export interface AnalysisReport {
    /** The network. */
    network: NetworkSummary;
    /** Every required and declared flow, in catalogue order. */
    flows: FlowResult[];
    /** Oracle's C3 port table, row by row (docs/oracle-c3-network.md §1a). */
    seedTable: SeedRowResult[];
    /** Least-privilege and correctness findings, most severe first. */
    findings: Finding[];
    /** Rule and list counts against C3's limits. */
    limits: LimitCount[];
    /** Totals. */
    summary: ReportSummary;
    /** What the model or the flow derivation could not resolve, as sentences. */
    notes: string[];
    /**
     * What the proof takes for granted about paths outside this network (data-center routing beyond the NAT
     * and internet gateways, clients reaching private subnets), one sentence each, in first-seen order. A
     * route this network declares (a DRG or LPG rule) needs none.
     */
    assumptions: string[];
}

/** Rule reference text: `kmi-seclist ingress rule 3` (1-based, like Oracle's tables). */
export function ruleRefText(ref: Pick<RuleRef, "name" | "direction" | "index" | "container">): string {
    const kind = ref.container === "nsg" ? "NSG " : "";
    return `${kind}${ref.name} ${ref.direction} rule ${ref.index + 1}`;
}
