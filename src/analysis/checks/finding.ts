/* The one Finding type: what every check reports, and the CLI, the tests and the policy pack read. */

import type { ModelSubnet } from "../model/model";

/** How serious a finding is, lowest first. `--fail-on` compares against this order. */
export type Severity = "info" | "low" | "medium" | "high";

/** Every severity, lowest first. */
export const SEVERITIES: readonly Severity[] = ["info", "low", "medium", "high"];

/** True when `severity` is at or above `threshold`. */
export function severityAtLeast(severity: Severity, threshold: Severity): boolean {
    return SEVERITIES.indexOf(severity) >= SEVERITIES.indexOf(threshold);
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

/** The finding subject for a subnet. */
export function subnetSubject(subnet: ModelSubnet): FindingSubject {
    return { type: "subnet", name: subnet.name, key: subnet.key, text: `subnet ${subnet.name}` };
}
