import { isCidrError, parseCidr, type Cidr } from "../../net/cidr";
import { globallyRoutableSize, isWorldWide } from "../../net/world";
import type { ModelRule } from "../model/model";
import { type PortRange } from "../../net/ports";
import { protocolName } from "../../net/rules";

/*
 * World-open ingress, judged over the union of a container's sources per protocol and port: 0.0.0.0/1 and
 * 128.0.0.0/1 on TCP 22 are as open as 0.0.0.0/0, though neither rule is. The traffic space of a container's
 * ingress rules is cut into cells (a protocol and a port interval or ICMP type no rule boundary crosses);
 * a cell is world-open when the sources of the rules admitting it are world-wide (cidr/world.ts). The
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
