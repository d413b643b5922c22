import { cidrContains, isCidrError, parseCidr } from "../cidr/cidr";
import { KUBE_INTERNAL_CIDR } from "../cidr/reserved";
import { insideVcn, knownCidr } from "../analysis/locate";
import { CIDR_BLOCK, ruleMatchesProtocol } from "../analysis/match";
import type { ModelRule } from "../analysis/model";
import { effectiveRules } from "../analysis/sides";
import { type OkeNetwork, subnetsWithRole } from "./networks";

/*
 * Oracle's `kube_client_cidr` for a network: who may reach the Kubernetes API and the NodePorts. The policy
 * config says it best; a component network says it in its required flows; a hand-written network says it
 * in the control-plane-endpoint's security rules (kmilb-seclist rule 2, docs/oracle-c3-network.md §3.5: `kube_client_cidr` →
 * 6443), once the appliance's own 253.255.0.0/16 (rule 1) and in-VCN sources (rule 3) are set aside.
 */

/** The kube client CIDRs of a network and where they come from. */
export interface KubeClients {
    /** The CIDRs; undefined when they cannot be determined. */
    cidrs?: string[];
    /** Where they come from, for messages. */
    source: string;
    /** Why they are undetermined, or what they may be missing (unknown rules in a preview). */
    doubt?: string;
}

/** The kube client CIDRs: config, else the component's flows, else the endpoint's API-port ingress sources. */
export function kubeClientsOf(
    network: OkeNetwork,
    configured: string[] | undefined,
    apiPort: number,
): KubeClients {
    if (configured !== undefined) return { cidrs: configured, source: "policy config kubeClientCidrs" };
    const fromComponent = network.component?.requiredFlows
        ?.flatMap((f) => [f.source, f.destination])
        .filter((e) => e.ref === "kubeClients")
        .flatMap((e) => e.cidrs);
    if (fromComponent !== undefined && fromComponent.length > 0)
        return { cidrs: [...new Set(fromComponent)], source: `component ${network.component?.name}` };
    return fromEndpointRules(network, apiPort);
}

function fromEndpointRules(network: OkeNetwork, apiPort: number): KubeClients {
    const source = `the control-plane-endpoint subnet's ingress rules on TCP ${apiPort}`;
    const subnets = subnetsWithRole(network, "controlPlaneEndpoint");
    if (subnets.length === 0)
        return { source, doubt: "the network has no control-plane-endpoint subnet to read them from" };
    const cidrs = new Set<string>();
    let unknowns = 0;
    for (const subnet of subnets) {
        const effective = effectiveRules(network.model, subnet, "ingress");
        unknowns += effective.incomplete.length;
        for (const rule of effective.rules) {
            if (rule.unknown === true) unknowns++;
            else if (isClientRule(network, rule, apiPort)) cidrs.add(rule.peer);
        }
    }
    const doubt =
        unknowns === 0
            ? undefined
            : "some of the control-plane-endpoint's rules or security lists are unknown (preview)";
    if (cidrs.size === 0)
        return {
            source,
            doubt:
                doubt ??
                `no rule on the control-plane-endpoint subnet admits TCP ${apiPort} from outside the VCN`,
        };
    return doubt === undefined ? { cidrs: [...cidrs], source } : { cidrs: [...cidrs], source, doubt };
}

/** A known TCP rule on the API port from a real client network (not C3's own, not the VCN, not the world). */
function isClientRule(network: OkeNetwork, rule: ModelRule, apiPort: number): boolean {
    if (rule.peerType !== CIDR_BLOCK || !ruleMatchesProtocol(rule, "tcp")) return false;
    if (rule.dstPorts !== undefined && (rule.dstPorts.min > apiPort || rule.dstPorts.max < apiPort))
        return false;
    const peer = parseCidr(rule.peer);
    if (isCidrError(peer) || peer.prefix === 0) return false;
    const internal = knownCidr(KUBE_INTERNAL_CIDR);
    if (internal !== undefined && cidrContains(internal, peer)) return false;
    return insideVcn(network.model, peer) !== true;
}
