import { cidrContains, knownCidr } from "../../net/cidr";
import { insideVcn } from "../evaluate/locate";
import type { ModelRule, NetworkModel } from "../model/model";
import { effectiveRules } from "../evaluate/sides";
import { KUBE_INTERNAL_CIDR } from "../../c3/reserved";
import { CIDR_BLOCK, ruleMatchesProtocol } from "../../net/rules";

/*
 * The one reader of Oracle's `kube_client_cidr` off a network. Oracle's kmilb-seclist (docs/oracle-c3-network.md §3.5) admits the
 * Kubernetes API port at the control-plane endpoint from three sources: 253.255.0.0/16 (rule 1, C3's own
 * services), `kube_client_cidr` (rule 2) and `vcn_cidr` (rule 3). So the kube clients are every source that
 * an ingress rule of the control-plane-endpoint subnet lets reach TCP on the API port, minus 253.255.0.0/16
 * and the VCN. That includes 0.0.0.0/0 (a cluster whose API is open to all is Oracle's rule 2 with
 * `kube_client_cidr` = 0.0.0.0/0) and rules of protocol `all` (they admit TCP on the API port too).
 */

/** Oracle's `kube_client_cidr` as read off a network, where it comes from, and any doubt about it. */
export interface KubeClients {
    /** The CIDRs, in rule order; empty when none could be read. */
    cidrs: string[];
    /** Where they come from, for messages. */
    source: string;
    /** Why they are undetermined, or what they may be missing (unknown rules in a preview). */
    doubt?: string;
}

/** Why no kube client could be read, when the model has no control-plane-endpoint subnet. */
export const NO_ENDPOINT_SUBNET = "the network has no control-plane-endpoint subnet to read them from";

/**
 * Oracle's `kube_client_cidr` as a network states it: the sources of the control-plane-endpoint subnet's
 * ingress rules that admit TCP on `apiPort` (kmilb-seclist rule 2, docs/oracle-c3-network.md §3.5#2), leaving out C3's
 * 253.255.0.0/16 (rule 1) and sources inside the VCN (rule 3). Unknown rules (preview) are a doubt.
 */
export function kubeClientsFromModel(model: NetworkModel, apiPort: number): KubeClients {
    const source = `the control-plane-endpoint subnet's ingress rules on TCP ${apiPort}`;
    const subnets = model.subnets.filter((s) => s.role === "controlPlaneEndpoint");
    if (subnets.length === 0) return { cidrs: [], source, doubt: NO_ENDPOINT_SUBNET };
    const cidrs = new Set<string>();
    let unknowns = 0;
    for (const subnet of subnets) {
        const effective = effectiveRules(model, subnet, "ingress");
        unknowns += effective.incomplete.length;
        for (const rule of effective.rules) {
            const client = rule.unknown === true ? "unknown" : isClientRule(model, rule, apiPort);
            if (client === "unknown") unknowns++;
            else if (client) cidrs.add(rule.peer);
        }
    }
    const doubt =
        unknowns === 0
            ? cidrs.size === 0
                ? `no rule on the control-plane-endpoint subnet admits TCP ${apiPort} from outside the VCN`
                : undefined
            : "some of the control-plane-endpoint's rules, their sources or the VCN CIDR are unknown (preview)";
    return doubt === undefined ? { cidrs: [...cidrs], source } : { cidrs: [...cidrs], source, doubt };
}

/**
 * Whether a CIDR_BLOCK rule admits TCP on the API port from outside the VCN and outside 253.255.0.0/16;
 * `unknown` when the VCN CIDR is unknown and the source may be the VCN's own (Oracle's rule 3).
 */
function isClientRule(model: NetworkModel, rule: ModelRule, apiPort: number): boolean | "unknown" {
    if (rule.peerType !== CIDR_BLOCK || !ruleMatchesProtocol(rule, "tcp")) return false;
    const ports = rule.dstPorts;
    if (ports !== undefined && (ports.min > apiPort || ports.max < apiPort)) return false;
    const peer = knownCidr(rule.peer);
    const internal = knownCidr(KUBE_INTERNAL_CIDR);
    if (peer === undefined || internal === undefined || cidrContains(internal, peer)) return false;
    const inside = insideVcn(model, peer);
    return inside === undefined ? "unknown" : !inside;
}
