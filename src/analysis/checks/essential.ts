import { coverage, type Box } from "../../net/coverage";
import { ruleMatch } from "../evaluate/match";
import type { ModelRule } from "../model/model";
import { type RuleEntry, ruleId } from "./rule-usage";
import type { FlowVerdict, RuleRef, SideVerdict } from "../evaluate/verdict";
import { ALL_PORTS } from "../../net/ports";
import { queryBox, type RuleQuery } from "../../net/rules";
import { knownCidr } from "../../net/cidr";

/*
 * The evaluator names every rule that touches a flow; an explanation should name the rules that carry it.
 * For a side that is allowed at one subnet, drop rules one by one (latest first) while the rest still cover
 * the whole flow: what remains is a minimal set, e.g. worker-seclist's bastion SSH rule alone rather than
 * also the control-plane rule whose source overlaps the VCN.
 */

function sideQuery(verdict: FlowVerdict, direction: "ingress" | "egress"): RuleQuery | undefined {
    const q = verdict.query;
    const peer = knownCidr(direction === "ingress" ? q.source.cidr : q.destination.cidr);
    if (peer === undefined) return undefined;
    return {
        direction,
        peer,
        protocol: q.protocol,
        dstPorts: q.ports ?? ALL_PORTS,
        srcPorts: ALL_PORTS,
        ...(q.icmp === undefined ? {} : { icmp: q.icmp }),
    };
}

function minimalCover(rules: readonly ModelRule[], query: RuleQuery): ModelRule[] | undefined {
    const boxes: (Box | undefined)[] = rules.map((r) => {
        const m = ruleMatch(r, query);
        return m.kind === "match" ? m.box : undefined;
    });
    if (boxes.some((b) => b === undefined)) return undefined;
    const target = queryBox(query);
    const kept = rules.map((_, i) => i);
    for (let i = rules.length - 1; i >= 0 && kept.length > 1; i--) {
        const rest = kept.filter((k) => k !== i);
        if (
            coverage(
                rest.map((k) => boxes[k] as Box),
                target,
            ).covered
        )
            kept.splice(kept.indexOf(i), 1);
    }
    return kept.map((k) => rules[k]);
}

/** The side with only the rules a minimal cover needs, when the side is allowed at a single subnet. */
export function essentialSide(
    side: SideVerdict,
    verdict: FlowVerdict,
    direction: "ingress" | "egress",
    byId: ReadonlyMap<string, RuleEntry>,
): SideVerdict {
    if (side.status !== "allowed" || side.rules.length < 2 || (side.subnet ?? "").includes(",")) return side;
    const query = sideQuery(verdict, direction);
    const rules = side.rules.map((r) => byId.get(ruleId(r))?.rule);
    if (query === undefined || rules.some((r) => r === undefined)) return side;
    const cover = minimalCover(rules as ModelRule[], query);
    if (cover === undefined) return side;
    const keep = new Set(cover.map((r) => ruleId({ ...r.origin, direction: r.direction })));
    const refs: RuleRef[] = side.rules.filter((r) => keep.has(ruleId(r)));
    return { ...side, rules: refs };
}
