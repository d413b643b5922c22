import { ANYWHERE, isCidrError, knownCidr, parseCidr, type Cidr } from "../../net/cidr";
import { globallyRoutableSize, isWorldWide } from "../../net/world";
import type { ModelRule } from "../model/model";
import type { PortRange } from "../../net/ports";
import { protocolName } from "../../net/rules";
import type { Protocol } from "../../c3/protocols";
import type { Finding } from "./finding";
import { rulePeerText, type RuleEntry, judged, subnetNames, ruleSubject } from "./rule-usage";
import { ruleTraffic } from "../../net/describe";

/*
 * World-open ingress, judged over the union of a container's sources per protocol and port: 0.0.0.0/1 and
 * 128.0.0.0/1 on TCP 22 are as open as 0.0.0.0/0, though neither rule is. The traffic space of a container's
 * ingress rules is cut into cells (a protocol and a port interval or ICMP type no rule boundary crosses);
 * a cell is world-open when the sources of the rules admitting it are world-wide (net/world.ts). The
 * analyzer's `ingress-from-anywhere` finding and the policy `oke-c3-no-world-ingress` both use this.
 */

/** One cell of traffic: a protocol and, for TCP/UDP, a port interval, for ICMP a type (undefined = other). */
export interface TrafficCell {
    /** `tcp`, `udp`, `icmp`, or an IANA protocol number; `other` for protocols no rule names. */
    protocol: string;
    /** TCP/UDP destination ports of the cell. */
    ports?: PortRange;
    /** ICMP type of the cell; undefined for "any type no rule names". */
    icmpType?: number;
}

/** A rule that lets a world-wide source set in, with the first such cell and the rules that share it. */
export interface WorldOpenRule {
    /** The rule. */
    rule: ModelRule;
    /** A cell of its traffic that is world-open. */
    cell: TrafficCell;
    /** Every rule of the container whose sources together make the cell world-open (the rule included). */
    contributors: ModelRule[];
}

const FULL_PORTS: PortRange = { min: 1, max: 65535 };

function protocolKey(rule: ModelRule): string {
    return protocolName(rule) ?? rule.protocol;
}

/** The cells of one protocol, cut at every boundary of the rules that name it. */
function cellsOf(protocol: string, rules: readonly ModelRule[]): TrafficCell[] {
    if (protocol === "tcp" || protocol === "udp") {
        const cuts = new Set<number>([FULL_PORTS.min, FULL_PORTS.max + 1]);
        for (const r of rules.filter((r) => protocolKey(r) === protocol)) {
            const ports = r.dstPorts ?? FULL_PORTS;
            cuts.add(ports.min);
            cuts.add(ports.max + 1);
        }
        const sorted = [...cuts].sort((a, b) => a - b);
        return sorted.slice(0, -1).map((min, i) => ({ protocol, ports: { min, max: sorted[i + 1] - 1 } }));
    }
    if (protocol === "icmp") {
        const types = new Set(
            rules.filter((r) => protocolKey(r) === "icmp" && r.icmp).map((r) => r.icmp?.type),
        );
        return [...[...types].map((icmpType) => ({ protocol, icmpType })), { protocol }];
    }
    return [{ protocol }];
}

function admits(rule: ModelRule, cell: TrafficCell): boolean {
    const protocol = protocolKey(rule);
    if (protocol === "all") return true;
    if (protocol !== cell.protocol) return false;
    if (cell.ports !== undefined) {
        const ports = rule.dstPorts ?? FULL_PORTS;
        return ports.min <= cell.ports.min && cell.ports.max <= ports.max;
    }
    if (cell.protocol === "icmp") return rule.icmp === undefined || rule.icmp.type === cell.icmpType;
    return true;
}

function sourceOf(rule: ModelRule): Cidr | undefined {
    const parsed = parseCidr(rule.peer);
    return isCidrError(parsed) ? undefined : parsed;
}

/**
 * The ingress rules of one container (a security list or an NSG) that let a world-wide set of sources in,
 * except in cells `excepted` accepts. Rules with unknown fields or unparseable sources are not judged here
 * (callers report them as undecided or invalid).
 */
export function worldOpenRules(
    containerRules: readonly ModelRule[],
    excepted: (cell: TrafficCell, rule: ModelRule) => boolean,
): WorldOpenRule[] {
    const rules = containerRules.filter(
        (r) => r.direction === "ingress" && r.unknown !== true && sourceOf(r) !== undefined,
    );
    const named = new Set(rules.map(protocolKey).filter((p) => p !== "all"));
    const protocols = [...new Set(["tcp", "udp", "icmp", ...named]), "other"];
    const found = new Map<ModelRule, WorldOpenRule>();
    for (const protocol of protocols) {
        for (const cell of cellsOf(protocol, rules)) {
            const admitting = rules.filter((r) => admits(r, cell));
            const sources = admitting.map(sourceOf).filter((c): c is Cidr => c !== undefined);
            if (!isWorldWide(sources)) continue;
            // Only rules that bring routable space are part of the opening (10.0.0.0/8 beside 0.0.0.0/0 is not).
            const contributors = admitting.filter((r) => globallyRoutableSize([sourceOf(r) as Cidr]) > 0n);
            for (const rule of contributors) {
                if (found.has(rule) || excepted(cell, rule)) continue;
                found.set(rule, { rule, cell, contributors });
            }
        }
    }
    return rules.filter((r) => found.has(r)).map((r) => found.get(r) as WorldOpenRule);
}

/** "TCP 22", "UDP 500-501", "ICMP type 8", "ICMP (other types)", "protocol 47". */
export function cellText(cell: TrafficCell): string {
    if (cell.ports !== undefined) {
        const range =
            cell.ports.min === cell.ports.max ? `${cell.ports.min}` : `${cell.ports.min}-${cell.ports.max}`;
        return `${cell.protocol.toUpperCase()} ${range}`;
    }
    if (cell.protocol === "icmp")
        return cell.icmpType === undefined ? "ICMP (other types)" : `ICMP type ${cell.icmpType}`;
    return cell.protocol === "other" ? "other protocols" : `protocol ${cell.protocol}`;
}

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
 * protocol and port (net/world.ts), except ICMP 3/11 and the given exceptions.
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
