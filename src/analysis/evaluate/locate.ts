import { type Cidr, cidrContains, cidrOverlaps, isCidrError, parseCidr, knownCidr } from "../../net/cidr";
import type { ModelSubnet, NetworkModel } from "../model/model";
import type { FlowEnd } from "./verdict";
import { SUBNET_DISPLAY_NAMES, type SubnetRole } from "../../c3/roles";
import { KUBE_INTERNAL_CIDR } from "../../c3/reserved";

/*
 * Where one end of a flow sits in the VCN. OCI filters a packet at the VNICs it leaves and enters, so the
 * evaluator must know which subnet's security lists and NSGs apply to each end, if any.
 */

/** Where a flow end lies. */
export type Location =
    /** One managed subnet: its rules filter this end. */
    | { kind: "subnet"; subnet: ModelSubnet }
    /** Inside the VCN but across several subnets (e.g. `vcn_cidr` for the bastion host). */
    | { kind: "subnets"; subnets: ModelSubnet[]; uncertain: boolean }
    /** Inside the VCN, in no subnet: no VNIC can hold these addresses. */
    | { kind: "vcn-gap"; uncertain: boolean }
    /** Outside every VCN CIDR: not filtered by this VCN's rules. */
    | { kind: "outside" }
    /** A role was asked for that no subnet has. */
    | { kind: "missing-role"; role: SubnetRole }
    /** The model cannot say (unknown CIDRs). */
    | { kind: "unknown"; why: string };

/** A flow end with its parsed CIDR and location. */
export interface LocatedEnd {
    /** The CIDR text used. */
    text: string;
    /** The parsed CIDR; undefined when unknown. */
    cidr?: Cidr;
    /** Where it lies. */
    location: Location;
    /** Whether the CIDR lies inside one of the VCN's CIDRs; undefined when the VCN CIDR is unknown. */
    inVcn?: boolean;
}

/** The C3 appliance's own infrastructure network (docs/oracle-c3-network.md §2c): traffic from it is not routed through the VCN. */
export { KUBE_INTERNAL_CIDR };

/** Locates a flow end in the model: by role when given, else by containment in the subnets' CIDRs. */
export function locateEnd(model: NetworkModel, end: FlowEnd): LocatedEnd {
    const role = end.role === "all" ? undefined : end.role;
    const roleSubnets = role === undefined ? [] : model.subnets.filter((s) => s.role === role);
    const parsed = parseCidr(end.cidr);
    const cidr = isCidrError(parsed) ? knownCidr(roleSubnets[0]?.cidr) : parsed;
    const text = cidr?.text ?? end.cidr;
    if (cidr === undefined) {
        return {
            text,
            location: {
                kind: "unknown",
                why: `the CIDR of ${end.role ?? "the flow end"} (${end.cidr}) is unknown`,
            },
        };
    }
    const inVcn = insideVcn(model, cidr);
    if (role !== undefined)
        return { text, cidr, inVcn: inVcn ?? true, location: byRole(role, roleSubnets, cidr) };
    return { text, cidr, inVcn, location: byContainment(model, cidr, inVcn) };
}

/** True/false when the VCN CIDRs are known; undefined otherwise. */
export function insideVcn(model: NetworkModel, cidr: Cidr): boolean | undefined {
    const vcn = model.vcnCidrs.map(knownCidr).filter((c): c is Cidr => c !== undefined);
    if (vcn.length === 0) {
        // Unknown VCN CIDR: a CIDR inside a known subnet is still inside the VCN.
        return model.subnets.some((s) => contains(s, cidr)) ? true : undefined;
    }
    return vcn.some((block) => cidrContains(block, cidr));
}

function byRole(role: SubnetRole, subnets: ModelSubnet[], cidr: Cidr): Location {
    if (subnets.length === 0) return { kind: "missing-role", role };
    // Several subnets with one role: the one holding the flow's CIDR is meant.
    return { kind: "subnet", subnet: subnets.find((s) => contains(s, cidr)) ?? subnets[0] };
}

function byContainment(model: NetworkModel, cidr: Cidr, inVcn: boolean | undefined): Location {
    const holding = model.subnets.filter((s) => contains(s, cidr));
    if (holding.length === 1) return { kind: "subnet", subnet: holding[0] };
    if (inVcn === false) return { kind: "outside" };
    const unknownCidrs = model.subnets.some((s) => knownCidr(s.cidr) === undefined);
    if (inVcn === undefined)
        return { kind: "unknown", why: `the VCN CIDR is unknown, so ${cidr.text} cannot be placed` };
    const overlapping = model.subnets.filter((s) => {
        const block = knownCidr(s.cidr);
        return block !== undefined && cidrOverlaps(block, cidr);
    });
    if (overlapping.length === 0) return { kind: "vcn-gap", uncertain: unknownCidrs };
    return { kind: "subnets", subnets: overlapping, uncertain: unknownCidrs };
}

function contains(subnet: ModelSubnet, cidr: Cidr): boolean {
    const block = knownCidr(subnet.cidr);
    return block !== undefined && cidrContains(block, cidr);
}

/** "subnet worker" / "the subnet with role pod (display name `pod`)": naming for explanations. */
export function describeMissingRole(role: SubnetRole): string {
    return `the VCN has no subnet with role ${role} (Oracle's display name \`${SUBNET_DISPLAY_NAMES[role]}\`)`;
}
