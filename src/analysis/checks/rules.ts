import { ANYWHERE } from "../../net/cidr";
import { ruleCoversRule } from "../../net/rules";
import { describePorts } from "../../net/describe";
import { cellText, worldOpenRules, type TrafficCell, type WorldOpenRule } from "./world-ingress";
import type { ModelRule, NetworkModel } from "../model/model";
import type { Finding, Severity } from "../report/report";
import {
    rulePeerText,
    ruleSubject,
    ruleTraffic,
    subnetNames,
    type RuleEntry,
    type RuleUse,
} from "./rule-usage";
import { type Protocol } from "../../c3/protocols";
import { type PortRange } from "../../net/ports";
import { protocolName } from "../../net/rules";
import { knownCidr } from "../../net/cidr";
import { insideVcn } from "../evaluate/locate";

/*
 * Least-privilege findings about single rules: a rule no required or declared flow uses, ingress from
 * 0.0.0.0/0, all-protocol rules, port ranges wider than the flows they serve, and rules another rule of
 * the same container already covers. Rules with unknown fields (preview) are not judged.
 */

/** Ingress from 0.0.0.0/0 that is accepted on purpose. ICMP types 3 and 11 always are (docs/oracle-c3-network.md §3.1). */
export interface TrafficException {
    /** Protocol of the accepted rule. */
    protocol: Protocol;
    /** TCP/UDP: the rule's ports must lie inside these; absent = any ports. */
    ports?: PortRange;
    /** ICMP: the rule's type; absent = any type. */
    icmpType?: number;
}

/** World-wide ingress a config acknowledges, with the reason it gives (`worldWideSources`). */
export interface AcknowledgedTraffic extends TrafficException {
    /** The acknowledging field and reason, shown in the finding. */
    reason: string;
}

/** Oracle's default list (docs/oracle-c3-network.md §3.1): unreachables and time exceeded from anywhere; path MTU needs type 3. */
export const DEFAULT_ANYWHERE_EXCEPTIONS: readonly TrafficException[] = [
    { protocol: "icmp", icmpType: 3 },
    { protocol: "icmp", icmpType: 11 },
];

/** Rules whose fields are all known, so they can be judged. */
function judged(entries: readonly RuleEntry[]): RuleEntry[] {
    return entries.filter((e) => e.rule.unknown !== true);
}

function fromOutside(model: NetworkModel, rule: ModelRule): boolean {
    const peer = knownCidr(rule.peer);
    return peer !== undefined && insideVcn(model, peer) === false;
}

/** Rules that serve no required or declared flow (no verdict used them on any side). */
export function unusedRuleFindings(
    model: NetworkModel,
    entries: readonly RuleEntry[],
    usage: ReadonlyMap<string, readonly RuleUse[]>,
): Finding[] {
    return judged(entries)
        .filter((e) => (usage.get(e.id) ?? []).length === 0)
        .map(({ rule, subnets }) => {
            const attached = subnets.length > 0;
            const severity: Severity = !attached
                ? "info"
                : rule.direction === "ingress" && fromOutside(model, rule)
                  ? "medium"
                  : "low";
            return {
                kind: "unused-rule",
                severity,
                subject: ruleSubject(rule),
                message: attached
                    ? `${ruleTraffic(rule)} ${rulePeerText(rule)} serves no required or declared flow (applies to ${subnetNames(subnets)})`
                    : `${ruleTraffic(rule)} ${rulePeerText(rule)} is in a container no subnet uses`,
                fix: attached
                    ? "remove the rule, or declare the flow it is for (extraRules / serviceLbIngress) so it is checked"
                    : "remove the rule or the unused container",
            };
        });
}

/** True when an accepted exception covers the whole cell. */
export function cellExcepted(cell: TrafficCell, exceptions: readonly TrafficException[]): boolean {
    return exceptions.some((x) => {
        if (x.protocol === "all") return true;
        if (x.protocol !== cell.protocol) return false;
        if (cell.protocol === "icmp") return x.icmpType === undefined || cell.icmpType === x.icmpType;
        if (x.ports === undefined || cell.ports === undefined) return x.ports === undefined;
        return x.ports.min <= cell.ports.min && cell.ports.max <= x.ports.max;
    });
}

function worldMessage(open: WorldOpenRule, subnets: string): string {
    const { rule, cell, contributors } = open;
    if (contributors.length === 1 && knownCidr(rule.peer)?.text === ANYWHERE)
        return `${ruleTraffic(rule)} is open to 0.0.0.0/0 (anyone who can route to it) on ${subnets}`;
    const others = contributors
        .filter((r) => r !== rule)
        .map((r) => `rule ${r.origin.index + 1} (${r.peer})`);
    const together = others.length === 0 ? "" : `, together with ${others.join(", ")},`;
    return (
        `${ruleTraffic(rule)} ${rulePeerText(rule)}${together} is open to the world for ${cellText(cell)}: ` +
        `the sources cover more than a /8 of globally routable addresses (anyone who can route to it) on ${subnets}`
    );
}

/**
 * Ingress open to the world: for each security list and NSG, the union of the sources admitting each
 * protocol and port (cidr/world.ts), except ICMP 3/11 and the given exceptions.
 */
export function anywhereFindings(
    entries: readonly RuleEntry[],
    exceptions: readonly TrafficException[],
    acknowledged: readonly AcknowledgedTraffic[] = [],
): Finding[] {
    const all = [...DEFAULT_ANYWHERE_EXCEPTIONS, ...exceptions];
    const byContainer = new Map<string, RuleEntry[]>();
    for (const entry of judged(entries)) {
        const key = `${entry.rule.origin.container}:${entry.rule.origin.key}`;
        byContainer.set(key, [...(byContainer.get(key) ?? []), entry]);
    }
    return [...byContainer.values()].flatMap((group) => {
        const subnetsOf = new Map(group.map((e) => [e.rule, e.subnets]));
        const open = worldOpenRules(
            group.map((e) => e.rule),
            (cell) => cellExcepted(cell, all),
        );
        return open.map((o): Finding => {
            const ack = acknowledged.find((a) => cellExcepted(o.cell, [a]));
            const message = worldMessage(o, subnetNames(subnetsOf.get(o.rule) ?? []));
            return {
                kind: "ingress-from-anywhere",
                severity: ack === undefined ? "high" : "info",
                subject: ruleSubject(o.rule),
                message:
                    ack === undefined ? message : `${message}; acknowledged in the config: ${ack.reason}`,
                fix:
                    ack === undefined
                        ? "narrow the source to the networks that need it (kube_client_cidr, the bastion), or list it as an accepted exception if it is deliberate"
                        : "none needed while the opening is intended; remove the worldWideSources entry and narrow the source when it is not",
            };
        });
    });
}

/** All-protocol rules, unless a flow that itself needs every protocol uses them. */
export function allProtocolFindings(
    entries: readonly RuleEntry[],
    usage: ReadonlyMap<string, readonly RuleUse[]>,
): Finding[] {
    return judged(entries)
        .filter(({ rule }) => protocolName(rule) === "all")
        .filter((e) => !(usage.get(e.id) ?? []).some((u) => u.protocol === "all"))
        .map(({ rule, subnets, id }) => ({
            kind: "all-protocols",
            severity: rule.direction === "ingress" ? "medium" : "low",
            subject: ruleSubject(rule),
            message: `allows all protocols (${rulePeerText(rule)}, on ${subnetNames(subnets)}) where the flows it serves need ${servedTraffic(usage.get(id) ?? [])}`,
            fix: "replace it with rules for the protocols and ports the flows need",
        }));
}

function servedTraffic(uses: readonly RuleUse[]): string {
    const forward = uses.filter((u) => u.side !== "reply");
    if (forward.length === 0) return "nothing";
    const texts = forward.map(
        (u) => `${u.protocol.toUpperCase()}${u.ports === undefined ? "" : ` ${describePorts(u.ports)}`}`,
    );
    return [...new Set(texts)].join(", ");
}

/** TCP/UDP rules whose port range is wider than every flow they serve. */
export function widePortFindings(
    entries: readonly RuleEntry[],
    usage: ReadonlyMap<string, readonly RuleUse[]>,
): Finding[] {
    const out: Finding[] = [];
    for (const { rule, id } of judged(entries)) {
        const name = protocolName(rule);
        if (name !== "tcp" && name !== "udp") continue;
        const uses = (usage.get(id) ?? []).filter((u) => u.side !== "reply" && u.protocol === name);
        if (uses.length === 0) continue;
        const ports = rule.dstPorts ?? { min: 1, max: 65535 };
        const needed = uses.map((u) => u.ports ?? { min: 1, max: 65535 });
        if (needed.some((n) => n.min <= ports.min && ports.max <= n.max)) continue;
        const hull = {
            min: Math.min(...needed.map((n) => n.min)),
            max: Math.max(...needed.map((n) => n.max)),
        };
        out.push({
            kind: "wide-port-range",
            severity: rule.direction === "ingress" ? "medium" : "low",
            subject: ruleSubject(rule),
            message: `${ruleTraffic(rule)} ${rulePeerText(rule)} is wider than any flow it serves (${servedTraffic(uses)})`,
            fix: `narrow it to ${name.toUpperCase()} ${describePorts(hull)}${hull.max - hull.min + 1 > needed.length ? ", or one rule per flow" : ""}`,
        });
    }
    return out;
}

/** Rules another rule of the same container and direction covers: exact duplicates and shadowed rules. */
export function shadowFindings(entries: readonly RuleEntry[]): Finding[] {
    const groups = new Map<string, ModelRule[]>();
    for (const { rule } of judged(entries)) {
        const key = `${rule.origin.container}|${rule.origin.key}|${rule.direction}`;
        groups.set(key, [...(groups.get(key) ?? []), rule]);
    }
    const out: Finding[] = [];
    for (const rules of groups.values()) {
        rules.forEach((inner, i) => {
            const finding = shadowFinding(rules, inner, i);
            if (finding !== undefined) out.push(finding);
        });
    }
    return out;
}

function shadowFinding(rules: readonly ModelRule[], inner: ModelRule, i: number): Finding | undefined {
    // An exact duplicate is reported once, on the later copy; a strictly narrower rule on itself.
    const duplicate = rules.find((o, j) => j < i && ruleCoversRule(o, inner) && ruleCoversRule(inner, o));
    const cover =
        duplicate ?? rules.find((o, j) => j !== i && ruleCoversRule(o, inner) && !ruleCoversRule(inner, o));
    if (cover === undefined) return undefined;
    const coverText = `${cover.direction} rule ${cover.origin.index + 1}`;
    return {
        kind: duplicate === undefined ? "shadowed-rule" : "duplicate-rule",
        severity: "low",
        subject: ruleSubject(inner),
        message:
            duplicate === undefined
                ? `${ruleTraffic(inner)} ${rulePeerText(inner)} is already allowed by ${coverText} of ${cover.origin.name} (${ruleTraffic(cover)} ${rulePeerText(cover)})`
                : `duplicates ${coverText} of ${cover.origin.name} (${ruleTraffic(inner)} ${rulePeerText(inner)})`,
        fix: "remove it; it allows nothing the other rule does not (it only counts against C3's rule limits)",
    };
}
