import type { ModelRule, RuleOrigin } from "./model";
import { isRecord, isUnknownMarker, knownNumber, knownString } from "./resource-values";
import type { PortRange } from "../../net/ports";

/*
 * Converts `@pulumi/oci` 4.x security-rule inputs into model rules. Security lists and NSG rules spell ports
 * differently: a security-list rule has `tcpOptions: { min, max, sourcePortRange: { min, max } }`, an NSG
 * rule `tcpOptions: { destinationPortRange: { min, max }, sourcePortRange }`; both use `udpOptions` likewise
 * and `icmpOptions: { type, code }`. Any unknown field marks the rule `unknown` (kept fields still help rule
 * it out), never silently dropped.
 */

/** Which rule shape to read. */
export type RuleShape = "securityList" | "nsg";

/** Reading state: the rule being built and whether something was unknown. */
interface Reading {
    unknown: boolean;
}

/**
 * Converts a security list's `ingressSecurityRules` or `egressSecurityRules` input. An absent array is no
 * rules; an unknown array is one unknown rule (it could hold anything).
 */
export function securityListRules(
    raw: unknown,
    direction: "ingress" | "egress",
    origin: Omit<RuleOrigin, "index">,
): ModelRule[] {
    if (raw === undefined) return [];
    if (!Array.isArray(raw)) return [unknownRule(direction, { ...origin, index: 0 })];
    return raw.map((item, index) => convertRule(item, direction, "securityList", { ...origin, index }));
}

/**
 * Converts one `NetworkSecurityGroupSecurityRule` input (direction `INGRESS`/`EGRESS`). An unknown direction
 * yields an unknown rule in both directions.
 */
export function nsgRules(inputs: Record<string, unknown>, origin: RuleOrigin): ModelRule[] {
    const direction = knownString(inputs.direction)?.toUpperCase();
    if (direction === "INGRESS") return [convertRule(inputs, "ingress", "nsg", origin)];
    if (direction === "EGRESS") return [convertRule(inputs, "egress", "nsg", origin)];
    return [unknownRule("ingress", origin), unknownRule("egress", origin)];
}

/** A rule nothing is known about. */
export function unknownRule(direction: "ingress" | "egress", origin: RuleOrigin): ModelRule {
    return {
        direction,
        stateless: false,
        protocol: "",
        peer: "",
        peerType: "CIDR_BLOCK",
        unknown: true,
        origin,
    };
}

function convertRule(
    raw: unknown,
    direction: "ingress" | "egress",
    shape: RuleShape,
    origin: RuleOrigin,
): ModelRule {
    if (!isRecord(raw)) return unknownRule(direction, origin);
    const reading: Reading = { unknown: false };
    const peerField = direction === "ingress" ? "source" : "destination";
    const protocol = readString(raw.protocol, reading) ?? "";
    const rule: ModelRule = {
        direction,
        stateless: readBoolean(raw.stateless, false, reading),
        protocol: protocol.toLowerCase() === "all" ? "all" : protocol,
        peer: readString(raw[peerField], reading) ?? "",
        peerType: readOptionalString(raw[`${peerField}Type`], "CIDR_BLOCK", reading),
        origin,
    };
    const description = knownString(raw.description);
    if (description !== undefined) rule.description = description;
    readProtocolOptions(raw, rule, shape, reading);
    if (reading.unknown || rule.protocol === "" || rule.peer === "") rule.unknown = true;
    return rule;
}

/** Ports for TCP (6) and UDP (17), ICMP type/code for ICMP (1); other protocols carry no options. */
function readProtocolOptions(
    raw: Record<string, unknown>,
    rule: ModelRule,
    shape: RuleShape,
    reading: Reading,
): void {
    const field =
        rule.protocol === "6"
            ? "tcpOptions"
            : rule.protocol === "17"
              ? "udpOptions"
              : rule.protocol === "1"
                ? "icmpOptions"
                : undefined;
    if (field === undefined) return;
    const options = raw[field];
    if (options === undefined) return;
    if (!isRecord(options) || isUnknownMarker(options)) {
        reading.unknown = true;
        return;
    }
    if (field === "icmpOptions") {
        readIcmp(options, rule, reading);
        return;
    }
    const dst =
        shape === "securityList"
            ? readRange({ min: options.min, max: options.max }, reading)
            : readRange(options.destinationPortRange, reading);
    const src = readRange(options.sourcePortRange, reading);
    if (dst !== undefined) rule.dstPorts = dst;
    if (src !== undefined) rule.srcPorts = src;
}

function readIcmp(options: Record<string, unknown>, rule: ModelRule, reading: Reading): void {
    const type = knownNumber(options.type);
    if (type === undefined) {
        reading.unknown = true;
        return;
    }
    const code = options.code === undefined ? undefined : knownNumber(options.code);
    if (options.code !== undefined && code === undefined) reading.unknown = true;
    rule.icmp = code === undefined ? { type } : { type, code };
}

/** A `{ min, max }` range: both absent = all ports; a half-given or unknown range is unknown. */
function readRange(value: unknown, reading: Reading): PortRange | undefined {
    if (value === undefined) return undefined;
    if (!isRecord(value)) {
        reading.unknown = true;
        return undefined;
    }
    if (value.min === undefined && value.max === undefined) return undefined;
    const min = knownNumber(value.min);
    const max = knownNumber(value.max);
    if (min === undefined || max === undefined) {
        reading.unknown = true;
        return undefined;
    }
    return { min, max };
}

function readString(value: unknown, reading: Reading): string | undefined {
    const text = knownString(value);
    if (text === undefined) reading.unknown = true;
    return text;
}

function readOptionalString(value: unknown, fallback: string, reading: Reading): string {
    if (value === undefined) return fallback;
    return readString(value, reading) ?? fallback;
}

function readBoolean(value: unknown, fallback: boolean, reading: Reading): boolean {
    if (typeof value === "boolean") return value;
    if (value !== undefined) reading.unknown = true;
    return fallback;
}
