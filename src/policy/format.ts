import type { ResolvedEndpoint, ResolvedFlow } from "../catalogue/types";
import { isCidrError, parseCidr } from "../net/cidr";
import { describeTraffic, ruleTraffic } from "../net/describe";
import { describeRuleOrigin } from "../analysis/evaluate/match";
import type { ModelRule, ModelSubnet, NetworkModel } from "../analysis/model/model";
import { SUBNET_DISPLAY_NAMES } from "../c3/roles";
/*
 * Wording shared by the policies. A violation is read in a CI log by someone who must fix a security list,
 * so it names the rule the way the OCI console does (list, direction, position) and the traffic the way
 * Oracle's tables do ("TCP 30000-32767 from 0.0.0.0/0").
 */

/** "ingress rule 2 of security list worker-seclist (TCP 30000-32767 from 0.0.0.0/0)". */
export function describeRule(rule: ModelRule): string {
    const peer = rule.direction === "ingress" ? `from ${rule.peer || "?"}` : `to ${rule.peer || "?"}`;
    const kind = rule.stateless ? "stateless " : "";
    return `${kind}${describeRuleOrigin(rule)} (${ruleTraffic(rule)} ${peer})`;
}

/**
 * The report for a rule whose source (ingress) or destination (egress) is known but not an IPv4 CIDR block
 * (`0/0`, `0.0.0.0/00`, `" 0.0.0.0/0"`), or undefined when it is one, or unknown. OCI refuses or misreads
 * such a peer; the evaluator cannot place it, so every policy that reads it names it instead of passing.
 */
export function invalidPeerMessage(label: string, rule: ModelRule, what: string): string | undefined {
    if (rule.unknown === true || rule.peer === "" || !isCidrError(parseCidr(rule.peer))) return undefined;
    const end = rule.direction === "ingress" ? "source" : "destination";
    return (
        `${label}: ${describeRule(rule)} has the ${end} "${rule.peer}", which is not an IPv4 CIDR block, ` +
        `so ${what} cannot be checked. Write the network address, e.g. 10.0.0.0/8.`
    );
}

/** "control-plane (172.31.252.224/28)". */
export function describeSubnet(subnet: ModelSubnet): string {
    return subnet.cidr === undefined ? subnet.name : `${subnet.name} (${subnet.cidr})`;
}

/** A flow endpoint in words: "control-plane", "kube clients 10.0.0.0/8", "every subnet". */
function describeEndpoint(endpoint: ResolvedEndpoint): string {
    if (endpoint.role === "all") return "every subnet";
    if (endpoint.role !== undefined) return SUBNET_DISPLAY_NAMES[endpoint.role];
    const words: Record<string, string> = {
        vcn: "the VCN",
        kubeClients: "kube clients",
        bastion: "the bastion",
        kubeInternal: "C3's internal network",
        anywhere: "anywhere",
    };
    const head = endpoint.ref === undefined ? "" : `${words[endpoint.ref]} `;
    return `${head}${endpoint.cidrs.join(", ")}`;
}

/** "the bastion 172.31.252.0/23 → control-plane, TCP 22". */
export function describeFlow(flow: ResolvedFlow): string {
    const traffic = describeTraffic(flow.protocol, flow.ports, flow.icmp);
    return `${describeEndpoint(flow.source)} → ${describeEndpoint(flow.destination)}, ${traffic}`;
}

/** "C3 ports 1a#2; provenance c3-port-table-gap". */
export function describeRefs(flow: ResolvedFlow): string {
    const refs = flow.refs.length === 0 ? "" : `${flow.refs.join(", ")}; `;
    return `${refs}provenance ${flow.provenance}`;
}

/** The subnets whose VNICs carry a security list or NSG. */
export function subnetsCarrying(model: NetworkModel, rule: ModelRule): ModelSubnet[] {
    return model.subnets.filter((s) =>
        rule.origin.container === "nsg"
            ? s.nsgKeys.includes(rule.origin.key)
            : s.securityListKeys.includes(rule.origin.key),
    );
}

/** A URN to point at, when a key is one (model keys are URNs for resources in the stack). */
export function urnOf(key: string | undefined): string | undefined {
    return key !== undefined && key.startsWith("urn:") ? key : undefined;
}

/** Lists "a, b and c". */
export function listWords(words: readonly string[]): string {
    if (words.length <= 1) return words.join("");
    return `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}
