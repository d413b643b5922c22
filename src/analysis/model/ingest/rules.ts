import { put, UNKNOWN, type FieldReader, type Unknown } from "./common";

/*
 * One security rule as OCI defines it, read from any source, and written back in the `@pulumi/oci` input
 * shapes the model builder reads. The three sources spell the same rule three ways:
 *   Terraform:  tcp_options = [{ min, max, source_port_range = [{ min, max }] }]   (a security list)
 *               tcp_options = [{ destination_port_range = [{ min, max }], source_port_range = [...] }] (NSG)
 *   OCI API:    "tcp-options": { "destination-port-range": { min, max }, "source-port-range": {...} }
 *   Pulumi:     tcpOptions: { min, max, sourcePortRange } (security list),
 *               tcpOptions: { destinationPortRange, sourcePortRange } (NSG rule)
 * In each, absent options mean every port, absent ICMP options every type, an absent ICMP code every code,
 * and `stateless`/`is-stateless` absent means stateful.
 */

/** A port range as read (`min`/`max` may be unknown in a saved plan). */
export interface ReadRange {
    /** Lowest port. */
    min: number | Unknown;
    /** Highest port. */
    max: number | Unknown;
}

/** TCP or UDP options: OCI's destination and source port ranges. */
export interface ReadPortOptions {
    /** OCI `destinationPortRange` (a security list's `min`/`max`). */
    destination?: ReadRange | Unknown;
    /** OCI `sourcePortRange`. */
    source?: ReadRange | Unknown;
}

/** One OCI security rule, source-neutral. */
export interface ReadRule {
    /** OCI `direction`. */
    direction: "ingress" | "egress";
    /** OCI `protocol`: `all` or an IANA number as a string. */
    protocol: string;
    /** OCI `source` (ingress) or `destination` (egress). */
    peer: string;
    /** OCI `sourceType`/`destinationType`; absent means CIDR_BLOCK. */
    peerType?: string;
    /** OCI `isStateless`. */
    stateless?: boolean | Unknown;
    /** OCI `description`. */
    description?: string;
    /** OCI `tcpOptions`. */
    tcp?: ReadPortOptions | Unknown;
    /** OCI `udpOptions`. */
    udp?: ReadPortOptions | Unknown;
    /** OCI `icmpOptions`. */
    icmp?: { type: number | Unknown; code?: number | Unknown } | Unknown;
}

/** Refuses a protocol OCI would not accept: `all` or a protocol number 0-255, as a string. */
export function checkProtocol(reader: FieldReader, value: unknown, path: string): string {
    const text = reader.requiredString(value, path);
    if (text === UNKNOWN || text.toLowerCase() === "all") return text === UNKNOWN ? text : "all";
    if (!/^\d{1,3}$/.test(text) || Number(text) > 255)
        reader.fail(
            path,
            value,
            `"all" or a protocol number`,
            `OCI numbers protocols: "6" TCP, "17" UDP, "1" ICMP`,
        );
    return String(Number(text));
}

function rangeShape(range: ReadRange | Unknown | undefined): unknown {
    if (range === undefined || range === UNKNOWN) return range;
    return { min: range.min, max: range.max };
}

function common(rule: ReadRule): Record<string, unknown> {
    const out: Record<string, unknown> = { protocol: rule.protocol };
    const peerField = rule.direction === "ingress" ? "source" : "destination";
    out[peerField] = rule.peer;
    put(out, `${peerField}Type`, rule.peerType);
    put(out, "stateless", rule.stateless);
    put(out, "description", rule.description);
    if (rule.icmp !== undefined)
        out.icmpOptions =
            rule.icmp === UNKNOWN
                ? UNKNOWN
                : { type: rule.icmp.type, ...(rule.icmp.code === undefined ? {} : { code: rule.icmp.code }) };
    return out;
}

/** A security list's rule in `@pulumi/oci` input shape (`tcpOptions: { min, max, sourcePortRange }`). */
export function securityListInput(rule: ReadRule): Record<string, unknown> {
    const out = common(rule);
    const ports = (options: ReadPortOptions | Unknown): unknown => {
        if (options === UNKNOWN) return UNKNOWN;
        const shape: Record<string, unknown> = {};
        if (options.destination === UNKNOWN) return UNKNOWN;
        if (options.destination !== undefined) {
            shape.min = options.destination.min;
            shape.max = options.destination.max;
        }
        put(shape, "sourcePortRange", rangeShape(options.source));
        return shape;
    };
    if (rule.tcp !== undefined) out.tcpOptions = ports(rule.tcp);
    if (rule.udp !== undefined) out.udpOptions = ports(rule.udp);
    return out;
}

/** An NSG rule in `@pulumi/oci` input shape (`direction`, `tcpOptions: { destinationPortRange, ... }`). */
export function nsgRuleInput(rule: ReadRule): Record<string, unknown> {
    const out = common(rule);
    out.direction = rule.direction === "ingress" ? "INGRESS" : "EGRESS";
    const ports = (options: ReadPortOptions | Unknown): unknown => {
        if (options === UNKNOWN) return UNKNOWN;
        const shape: Record<string, unknown> = {};
        put(shape, "destinationPortRange", rangeShape(options.destination));
        put(shape, "sourcePortRange", rangeShape(options.source));
        return shape;
    };
    if (rule.tcp !== undefined) out.tcpOptions = ports(rule.tcp);
    if (rule.udp !== undefined) out.udpOptions = ports(rule.udp);
    return out;
}
