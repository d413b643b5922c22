import { protocolName } from "../net/rules";
import { isCidrError, parseCidr } from "../net/cidr";
import type { ModelRule, NetworkModel } from "../analysis/model/model";
import { describePorts, describeTraffic } from "../net/describe";
import { checkAtSubnet } from "../analysis/evaluate/sides";
import { configRecord, readSubnetNames, SUBNET_NAMES_SCHEMA, type SubnetNames } from "./config";
import { NO_OKE_NETWORK, stackPolicy, type CheckOutcome, type StackCheck } from "./define";
import { describeRule, invalidPeerMessage, subnetsCarrying, urnOf } from "./format";
import { okeNetworks, type OkeNetwork } from "./networks";
import { ORPHAN_LABEL, orphanRules } from "./orphans";
import { emptyResult, type CheckResult } from "./report";
import type { StackView } from "./stack";
import { type PortRange, ALL_PORTS, LINUX_EPHEMERAL_PORTS } from "../net/ports";
import type { RuleQuery } from "../net/rules";

/*
 * oke-c3-stateless-reply: OCI does not track connections a stateless rule admits, so their replies need
 * rules of their own, at the same VNICs, in the other direction: a stateless ingress rule for TCP 443 from
 * 10.0.0.0/8 needs an egress rule that lets TCP from port 443 to the client's ephemeral ports out to
 * 10.0.0.0/8 (any stateful or stateless rule that covers it will do). Without one, the traffic the rule was
 * written for never completes. Oracle's C3 lists are all stateful; this catches hand-written shortcuts.
 */

/** The config of {@link statelessReplyPolicy}. */
export interface StatelessReplyConfig {
    /** The ports a reply goes to when the rule does not restrict source ports: the clients' ephemeral range. */
    ephemeralPorts: PortRange;
    /** Renamed subnets. */
    subnetNames: SubnetNames;
}

const DEFINITION: StackCheck<StatelessReplyConfig> = {
    name: "oke-c3-stateless-reply",
    description:
        "Every stateless security rule of an OKE network has the reply rule that OCI needs in the other direction.",
    enforcementLevel: "advisory",
    remediationSteps:
        "Add the reply rule the message names, or make the rule stateful (OCI then allows the reply itself).",
    configSchema: {
        properties: {
            ephemeralPorts: {
                type: "object",
                properties: {
                    min: { type: "integer", minimum: 1, maximum: 65535 },
                    max: { type: "integer", minimum: 1, maximum: 65535 },
                },
                required: ["min", "max"],
                additionalProperties: false,
                default: { ...LINUX_EPHEMERAL_PORTS },
                description: "The clients' ephemeral port range replies go to. Default 32768-60999 (Linux).",
            },
            subnetNames: SUBNET_NAMES_SCHEMA,
        },
    },
    readConfig: (raw) => {
        const ports = configRecord(raw.ephemeralPorts);
        const valid =
            Number.isInteger(ports.min) &&
            Number.isInteger(ports.max) &&
            (ports.min as number) <= (ports.max as number);
        return {
            ephemeralPorts: valid
                ? { min: ports.min as number, max: ports.max as number }
                : { ...LINUX_EPHEMERAL_PORTS },
            subnetNames: readSubnetNames(raw),
        };
    },
    check: checkStatelessReply,
};

/** The check of {@link statelessReplyPolicy}. */
export function checkStatelessReply(view: StackView, config: StatelessReplyConfig): CheckOutcome {
    const networks = okeNetworks(view, { subnetNames: config.subnetNames });
    if (networks.length === 0) return { notApplicable: NO_OKE_NETWORK };
    const result = emptyResult();
    const seen = new Set<string>();
    for (const network of networks) {
        for (const rule of allRules(network.model)) {
            const key = `${rule.origin.key}#${rule.direction}#${rule.origin.index}`;
            if (seen.has(key)) continue;
            seen.add(key);
            checkRule(network, rule, config, result);
        }
    }
    for (const rule of orphanRules(view).filter((r) => r.stateless || r.unknown === true)) {
        const urn = urnOf(rule.origin.key);
        result.undecided.push({
            message: `${ORPHAN_LABEL}: ${describeRule(rule)} may need a reply rule, but which subnets carry it is unknown`,
            ...(urn === undefined ? {} : { urn }),
        });
    }
    return result;
}

function allRules(model: NetworkModel): ModelRule[] {
    return [
        ...Object.values(model.securityLists).flatMap((l) => [...l.ingress, ...l.egress]),
        ...Object.values(model.nsgs).flatMap((n) => n.rules),
    ];
}

/**
 * The reply of everything a rule admits, at the same VNIC: the other direction, the same peer, from the
 * rule's destination ports to its source ports (or the clients' ephemeral ports). An ICMP echo request is
 * answered by an echo reply; other ICMP types get none. Undefined when no reply is expected.
 */
export function replyQuery(rule: ModelRule, ephemeral: PortRange): RuleQuery | undefined {
    const protocol = protocolName(rule);
    const peer = parseCidr(rule.peer);
    if (protocol === undefined || isCidrError(peer)) return undefined;
    const direction = rule.direction === "ingress" ? "egress" : "ingress";
    const base = { direction, peer, dstPorts: ALL_PORTS, srcPorts: ALL_PORTS } as const;
    if (protocol === "icmp") {
        if (rule.icmp === undefined) return { ...base, protocol };
        return rule.icmp.type === 8 ? { ...base, protocol, icmp: { type: 0 } } : undefined;
    }
    if (protocol === "all") return { ...base, protocol };
    return { ...base, protocol, dstPorts: rule.srcPorts ?? ephemeral, srcPorts: rule.dstPorts ?? ALL_PORTS };
}

/** "TCP 32768-60999 from source ports 443", "ICMP type 0", "all protocols". */
function describeReply(reply: RuleQuery): string {
    if (reply.protocol !== "tcp" && reply.protocol !== "udp")
        return describeTraffic(reply.protocol, undefined, reply.icmp);
    const fromPorts =
        reply.srcPorts.min <= ALL_PORTS.min && reply.srcPorts.max >= ALL_PORTS.max
            ? ""
            : ` from source ports ${describePorts(reply.srcPorts)}`;
    return `${describeTraffic(reply.protocol, reply.dstPorts)}${fromPorts}`;
}

function checkRule(
    network: OkeNetwork,
    rule: ModelRule,
    config: StatelessReplyConfig,
    result: CheckResult,
): void {
    const urn = urnOf(rule.origin.key);
    const at = urn === undefined ? {} : { urn };
    if (rule.unknown === true) {
        if (rule.stateless || rule.protocol === "")
            result.undecided.push({
                message: `${network.label}: ${describeRule(rule)} is unknown (preview), so whether it needs a reply rule is unknown`,
                ...at,
            });
        return;
    }
    if (!rule.stateless) return;
    const invalid = invalidPeerMessage(network.label, rule, "the reply it needs");
    if (invalid !== undefined) {
        result.violations.push({ message: invalid, ...at });
        return;
    }
    const reply = replyQuery(rule, config.ephemeralPorts);
    if (reply === undefined) return;
    for (const subnet of subnetsCarrying(network.model, rule)) {
        const check = checkAtSubnet(network.model, subnet, reply);
        if (check.status === "allowed") continue;
        const wanted = `${describeReply(reply)} ${reply.direction === "egress" ? "to" : "from"} ${reply.peer.text}`;
        const message =
            `${network.label}: ${describeRule(rule)} on subnet ${subnet.name} has no reply rule: OCI does not track ` +
            `stateless traffic, so the reply needs an ${reply.direction} rule allowing ${wanted}` +
            `${check.missing === undefined ? "" : ` (missing: ${check.missing})`}. Add it, or make the rule stateful.`;
        if (check.status === "denied") result.violations.push({ message, ...at });
        else result.undecided.push({ message: `${message} ${check.reasons.join("; ")}`, ...at });
    }
}

/** oke-c3-stateless-reply (stack policy, advisory by default). */
export const statelessReplyPolicy = stackPolicy(DEFINITION);

/** The definition behind {@link statelessReplyPolicy}, for offline runs. */
export const statelessReplyCheck = DEFINITION;
