import { formatAddress } from "./cidr";
import type { Box, Interval } from "./coverage";
import type { Protocol } from "../c3/protocols";
import type { PortRange } from "./ports";
import { protocolName, type RuleQuery, type SecurityRule } from "./rules";

/*
 * Wording for explanations. Findings are read by people deciding whether a network is safe, so they name
 * protocols, ports and address ranges the way Oracle's tables do ("TCP 22", "UDP 8285-8472").
 */

/** "TCP 22", "TCP 30000-32767", "TCP (all ports)", "ICMP type 3", "ICMP type 3 code 4", "all protocols". */
export function describeTraffic(
    protocol: Protocol,
    ports?: PortRange,
    icmp?: { type: number; code?: number },
): string {
    switch (protocol) {
        case "tcp":
        case "udp":
            return `${protocol.toUpperCase()} ${ports === undefined ? "(all ports)" : describePorts(ports)}`;
        case "icmp":
            if (icmp === undefined) return "ICMP (all types)";
            return icmp.code === undefined
                ? `ICMP type ${icmp.type}`
                : `ICMP type ${icmp.type} code ${icmp.code}`;
        case "all":
            return "all protocols";
    }
}

/** "22" or "30000-32767". */
export function describePorts(ports: PortRange): string {
    return ports.min === ports.max ? `${ports.min}` : `${ports.min}-${ports.max}`;
}

/** An address interval as a CIDR when it is one, else as `first-last`. */
export function describeAddresses(range: Interval): string {
    const size = range.hi - range.lo + 1n;
    const isPowerOfTwo = size > 0n && (size & (size - 1n)) === 0n;
    if (isPowerOfTwo && range.lo % size === 0n) {
        const prefix = 32 - (size.toString(2).length - 1);
        return `${formatAddress(range.lo)}/${prefix}`;
    }
    return `${formatAddress(range.lo)}-${formatAddress(range.hi)}`;
}

/** The uncovered cell of a query, e.g. `TCP port 22 from 10.0.0.0/24` or `ICMP type 3 code 4 to 0.0.0.0/0`. */
export function describeGap(q: RuleQuery, gap: Box): string {
    const peer = `${q.direction === "ingress" ? "from" : "to"} ${describeAddresses(gap[0])}`;
    switch (q.protocol) {
        case "tcp":
        case "udp": {
            const src = gap[2];
            const srcText =
                src.lo <= 1n && src.hi >= 65535n ? "" : ` (source ports ${describeInterval(src)})`;
            return `${q.protocol.toUpperCase()} port ${describeInterval(gap[1])}${srcText} ${peer}`;
        }
        case "icmp":
            return `ICMP type ${describeInterval(gap[1])} code ${describeInterval(gap[2])} ${peer}`;
        case "all":
            return `all protocols ${peer}`;
    }
}

function describeInterval(range: Interval): string {
    return range.lo === range.hi ? `${range.lo}` : `${range.lo}-${range.hi}`;
}

/** "TCP 22", "UDP 8285-8472", "ICMP type 3", "all protocols", "protocol 58"; "unknown traffic" in a preview. */
export function ruleTraffic(rule: SecurityRule): string {
    // A preview may not know the protocol yet.
    if (rule.protocol === "") return "unknown traffic";
    const name = protocolName(rule);
    if (name === undefined) return `protocol ${rule.protocol}`;
    return describeTraffic(name, name === "tcp" || name === "udp" ? rule.dstPorts : undefined, rule.icmp);
}
