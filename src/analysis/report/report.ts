import type { Finding, LimitCount, Severity } from "../checks/finding";
import type { FlowResult } from "../evaluate/result";
import type { SubnetRole } from "../../c3/roles";
import type { PortRange } from "../../net/ports";

/*
 * The analyzer's answer for one network, as plain data: what the `plan` command prints, what a policy pack
 * turns into violations and what `--format json` serialises. Kept free of functions and class instances so a
 * report can be compared, stored and diffed.
 */

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
