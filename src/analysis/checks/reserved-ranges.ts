/* Check `reserved-range-overlap`: a VCN or subnet CIDR overlapping a range C3 reserves (docs/oracle-c3-network.md §2c-§2d). */
import { reservedOverlaps } from "../../net/reserved";
import type { NetworkModel } from "../model/model";
import { knownCidr } from "../../net/cidr";
import { subnetSubject, type Finding, type FindingSubject } from "./finding";

/** VCN and subnet CIDRs that overlap a range C3 reserves (docs/oracle-c3-network.md §2c, §2d). */
export function reservedFindings(model: NetworkModel): Finding[] {
    const out: Finding[] = [];
    const check = (text: string | undefined, subject: FindingSubject): void => {
        const block = knownCidr(text);
        if (block === undefined) return;
        for (const range of reservedOverlaps(block)) {
            out.push({
                kind: "reserved-range-overlap",
                severity: "high",
                subject,
                message: `${subject.text} (${block.text}) overlaps ${range.cidr}: ${range.reason} (${range.source})`,
                fix: `choose a CIDR outside ${range.cidr}`,
            });
        }
    };
    for (const vcn of model.vcnCidrs)
        check(vcn, { type: "vcn", name: model.name, key: model.key, text: `VCN ${model.name}` });
    for (const subnet of model.subnets) check(subnet.cidr, subnetSubject(subnet));
    return out;
}
