import { cidrOverlaps, isCidrError, parseCidr } from "../net/cidr";
import { OCI_TYPES } from "../analysis/model/from-resources";
import type { ResourceRecord } from "../analysis/model/resources";
import { cidrListSchema, readStrings } from "./config";
import { stackPolicy, type CheckOutcome, type StackCheck } from "./define";
import { emptyResult, type CheckResult } from "./report";
import { labelOf, ofType, type StackView } from "./stack";
import { C3_RESERVED_RANGES, type ReservedRange } from "../c3/reserved";

/*
 * oke-c3-reserved-cidrs: no VCN or subnet overlaps a range C3 keeps for itself (docs/oracle-c3-network.md §2c, §2d): 100.96.0.0/23
 * and 100.96.2.0/23, the Class-E 253.255.0.0/16 (C3's internal infrastructure, Oracle's kube_internal_cidr,
 * which also must reach the control-plane load balancer from OUTSIDE the VCN), 169.254.239.0/24 and
 * 169.254.169.254. Such a VCN would shadow addresses the appliance routes internally. Checked for every VCN
 * and subnet of the stack: the reservation is the appliance's, not OKE's.
 */

/** The config of {@link reservedCidrsPolicy}. */
export interface ReservedCidrsConfig {
    /** More ranges to keep out of VCNs (e.g. the data center's own). */
    extraReservedCidrs: string[];
}

const DEFINITION: StackCheck<ReservedCidrsConfig> = {
    name: "oke-c3-reserved-cidrs",
    description:
        "No VCN or subnet overlaps C3's reserved ranges (100.96.0.0/23, 100.96.2.0/23, 253.255.0.0/16, 169.254.239.0/24, 169.254.169.254).",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Choose a VCN CIDR outside C3's reserved ranges; a VCN's CIDR cannot change after creation.",
    configSchema: {
        properties: {
            extraReservedCidrs: cidrListSchema(
                "More ranges no VCN or subnet may overlap, e.g. your data center's.",
            ),
        },
    },
    readConfig: (raw) => ({ extraReservedCidrs: readStrings(raw, "extraReservedCidrs") ?? [] }),
    check: checkReservedCidrs,
};

/** The check of {@link reservedCidrsPolicy}. */
export function checkReservedCidrs(view: StackView, config: ReservedCidrsConfig): CheckOutcome {
    const vcns = ofType(view, OCI_TYPES.vcn);
    const subnets = ofType(view, OCI_TYPES.subnet);
    if (vcns.length + subnets.length === 0) return { notApplicable: "the stack has no VCN or subnet" };
    const reserved = [...C3_RESERVED_RANGES, ...extraRanges(config.extraReservedCidrs)];
    const result = emptyResult();
    for (const vcn of vcns) {
        const blocks = Array.isArray(vcn.inputs.cidrBlocks) ? [...(vcn.inputs.cidrBlocks as unknown[])] : [];
        if (vcn.inputs.cidrBlocks !== undefined && !Array.isArray(vcn.inputs.cidrBlocks))
            blocks.push(vcn.inputs.cidrBlocks);
        if (vcn.inputs.cidrBlock !== undefined) blocks.push(vcn.inputs.cidrBlock);
        for (const block of blocks) checkBlock(result, vcn, "VCN", block, reserved);
    }
    for (const subnet of subnets) {
        if (subnet.inputs.cidrBlock !== undefined)
            checkBlock(result, subnet, "subnet", subnet.inputs.cidrBlock, reserved);
    }
    return result;
}

function extraRanges(cidrs: string[]): ReservedRange[] {
    return cidrs.map((cidr) => ({
        cidr,
        source: "policy config extraReservedCidrs",
        reason: "reserved by your configuration",
    }));
}

function checkBlock(
    result: CheckResult,
    record: ResourceRecord,
    kind: string,
    value: unknown,
    reserved: readonly ReservedRange[],
): void {
    const name = `${kind} ${labelOf(record)}`;
    if (typeof value !== "string") {
        result.undecided.push({ message: `${name}: its CIDR is unknown (preview)`, urn: record.urn });
        return;
    }
    const block = parseCidr(value);
    if (isCidrError(block)) {
        // A known value that is no CIDR is not a preview's doubt: OCI refuses it, and it must not pass.
        result.violations.push({
            message: `${name}: "${value}" is not an IPv4 CIDR block (${block.message}), so whether it overlaps C3's reserved ranges cannot be checked. Write the network address, e.g. 10.0.0.0/16.`,
            urn: record.urn,
        });
        return;
    }
    for (const range of reserved) {
        const other = parseCidr(range.cidr);
        if (isCidrError(other) || !cidrOverlaps(block, other)) continue;
        result.violations.push({
            message: `${name} (${block.text}) overlaps ${range.cidr}: ${range.reason} (${range.source}). Choose a CIDR outside it.`,
            urn: record.urn,
        });
    }
}

/** oke-c3-reserved-cidrs (stack policy, mandatory by default). */
export const reservedCidrsPolicy = stackPolicy(DEFINITION);

/** The definition behind {@link reservedCidrsPolicy}, for offline runs. */
export const reservedCidrsCheck = DEFINITION;
