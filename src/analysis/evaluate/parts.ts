import { type Cidr, cidrOverlaps, cidrSize, knownCidr } from "../../net/cidr";
import type { LocatedEnd } from "./locate";
import type { NetworkModel } from "../model/model";
import type { FlowEnd } from "./verdict";
/*
 * A flow end is a range of addresses, and OCI filters each address by the VNIC that holds it. A range that
 * overlaps managed subnets (the bastion's `vcn_cidr`, a kube-client block that contains the VCN, 0.0.0.0/0 as
 * the source of ICMP errors) therefore behaves differently in each part: a host inside subnet S is filtered
 * by S's egress rules, NSGs and route table, a host outside the VCN by nothing of ours. The flow holds only
 * if it holds from (and to) every part, so the evaluator checks each part on its own.
 */

/** One part of a flow end: the addresses of one managed subnet, or the rest of the range outside the VCN. */
export interface EndPart {
    /** The part, located: a single subnet, or an outside network (for the rest, the whole range). */
    end: LocatedEnd;
    /** Words for explanations, e.g. `172.31.252.0/25 (the part of 172.31.252.0/23 in subnet service-lb)`. */
    label?: string;
}

/**
 * Splits a located flow end into the parts the evaluator must check separately. An end with a role, inside
 * one subnet, wholly outside the VCN or not decidable is one part. A destination marked `outsideOnly` (the
 * catalogue's `anywhere`: Oracle's yum repository and registry, "Allow all outgoing traffic.") stands for
 * "an address outside the VCN": the in-VCN share of such traffic is what the other flows are about. The share of a range
 * that lies inside the VCN but in no subnet holds no VNIC (OCI places every VNIC in a subnet) and is skipped.
 */
export function splitEnd(
    model: NetworkModel,
    end: FlowEnd,
    located: LocatedEnd,
    side: "source" | "destination",
): EndPart[] {
    const whole: EndPart[] = [{ end: located }];
    const range = located.cidr;
    if (end.role !== undefined || range === undefined) return whole;
    if (located.location.kind !== "subnets" && located.location.kind !== "outside") return whole;
    if (side === "destination" && end.outsideOnly === true) return whole;
    if (located.inVcn === undefined) return whole;
    if (model.subnets.some((s) => knownCidr(s.cidr) === undefined)) return whole;
    const inside = model.subnets
        .map((subnet) => ({ subnet, block: knownCidr(subnet.cidr) as Cidr }))
        .filter((s) => cidrOverlaps(s.block, range));
    if (inside.length === 0) return whole;
    const parts: EndPart[] = inside.map(({ subnet, block }) => ({
        end: { text: block.text, cidr: block, inVcn: true, location: { kind: "subnet", subnet } },
        label: `${block.text} (the part of ${range.text} in subnet ${subnet.name})`,
    }));
    const covered = inside.reduce((sum, s) => sum + cidrSize(s.block), 0n);
    if (covered < cidrSize(range) && located.inVcn === false) {
        parts.push({
            end: { text: range.text, cidr: range, inVcn: false, location: { kind: "outside" } },
            label: `the part of ${range.text} outside the VCN`,
        });
    }
    return parts;
}
