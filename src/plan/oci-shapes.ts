import type * as oci from "@pulumi/oci";
import type { RenderedRule } from "./rules";
import { OCI_PROTOCOL } from "../c3/protocols";

type PortRangeShape = { min: number; max: number };

/** OCI `tcpOptions`/`udpOptions`/`icmpOptions` of a security-list rule (ports as `min`/`max`). */
interface SecurityListOptions {
    tcpOptions?: PortRangeShape;
    udpOptions?: PortRangeShape;
    icmpOptions?: { type: number; code?: number };
}

function securityListOptions(rule: RenderedRule): SecurityListOptions {
    if (rule.protocol === "icmp" && rule.icmp !== undefined) {
        return { icmpOptions: { ...rule.icmp } };
    }
    if (rule.ports === undefined) return {};
    const range = { min: rule.ports.min, max: rule.ports.max };
    if (rule.protocol === "tcp") return { tcpOptions: range };
    if (rule.protocol === "udp") return { udpOptions: range };
    return {};
}

/** The fields both directions of a security-list rule share. */
function securityListBase(rule: RenderedRule) {
    return {
        protocol: OCI_PROTOCOL[rule.protocol],
        stateless: rule.stateless,
        description: rule.description,
        ...securityListOptions(rule),
    };
}

/** A rendered ingress rule as an `oci.core.SecurityList` ingress rule (C3: CIDR sources only, docs/oracle-c3-network.md §6). */
export function toSecurityListIngress(
    rule: RenderedRule,
): oci.types.input.Core.SecurityListIngressSecurityRule {
    return { source: rule.peer, sourceType: "CIDR_BLOCK", ...securityListBase(rule) };
}

/** A rendered egress rule as an `oci.core.SecurityList` egress rule. */
export function toSecurityListEgress(
    rule: RenderedRule,
): oci.types.input.Core.SecurityListEgressSecurityRule {
    return { destination: rule.peer, destinationType: "CIDR_BLOCK", ...securityListBase(rule) };
}

/** OCI NSG rule options: ports sit under `destinationPortRange`, unlike security lists. */
function nsgOptions(rule: RenderedRule): Partial<oci.core.NetworkSecurityGroupSecurityRuleArgs> {
    if (rule.protocol === "icmp" && rule.icmp !== undefined) {
        return { icmpOptions: { ...rule.icmp } };
    }
    if (rule.ports === undefined) return {};
    const range = { destinationPortRange: { min: rule.ports.min, max: rule.ports.max } };
    if (rule.protocol === "tcp") return { tcpOptions: range };
    if (rule.protocol === "udp") return { udpOptions: range };
    return {};
}

/** The plain fields of an `oci.core.NetworkSecurityGroupSecurityRule` for a rendered rule (C3: CIDR peers only). */
export function toNsgRuleFields(
    rule: RenderedRule,
): Omit<oci.core.NetworkSecurityGroupSecurityRuleArgs, "networkSecurityGroupId"> {
    const peer =
        rule.direction === "ingress"
            ? { source: rule.peer, sourceType: "CIDR_BLOCK" }
            : { destination: rule.peer, destinationType: "CIDR_BLOCK" };
    return {
        direction: rule.direction === "ingress" ? "INGRESS" : "EGRESS",
        protocol: OCI_PROTOCOL[rule.protocol],
        stateless: rule.stateless,
        description: rule.description,
        ...peer,
        ...nsgOptions(rule),
    };
}
