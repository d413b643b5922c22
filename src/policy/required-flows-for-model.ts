import type { ResolvedFlow } from "../catalogue/types";
import { requiredFlowsForModel as catalogueFlowsForModel } from "../analysis/requirements/flows-for-model";
import type { KubeClients } from "./kube-clients";
import type { CniDecision, OkeNetwork } from "./networks";
import type { SubnetRole } from "../c3/roles";

/*
 * The flows one OKE network must allow. A network the component built carries its own list (the component's
 * `requiredFlows` output, resolved for its config). Any other network is held to Oracle's catalogue through
 * the analyzer's `requiredFlowsForModel` (roles from Oracle's subnet names, CIDRs from the model), with the
 * choices the policy makes explicit: the CNI it detected, the kube clients it found (or was given), the
 * config's NAT and bastion settings. Oracle's service-LB front-ends (workerlb-seclist TCP 80 and 443 from
 * `kube_client_cidr`, docs/oracle-c3-network.md §3.3) are required as the analyzer requires them: they are Oracle-stated flows.
 */

/** What decides which catalogue flows apply to a hand-written network. */
export interface FlowRequirementOptions {
    /** The network's CNI. */
    cni: CniDecision;
    /** Public or private cluster; default: public unless the control-plane-endpoint subnet is private. */
    clusterAccess?: "public" | "private";
    /** Whether the private subnets reach the outside through a NAT gateway (port table rows 3-5). */
    natGateway: boolean;
    /** Oracle's `kube_client_cidr`. */
    kubeClients: KubeClients;
    /** The bastion host's networks; default Oracle's `vcn_cidr`. */
    bastionCidrs?: string[];
    /** Oracle's `kubernetes_api_port`. */
    kubernetesApiPort: number;
    /** Also require flows no Oracle page states (provenance `unverified`). */
    includeUnverified: boolean;
    /** Flow ids not to require. */
    skipFlows: readonly string[];
}

/** The flows a network must allow, and those that cannot even be stated for it. */
export interface FlowRequirements {
    /** Where the list comes from, for messages. */
    origin: string;
    /** Flows to evaluate. */
    flows: ResolvedFlow[];
    /** Flows whose subnet role the network lacks. */
    missingRoles: { flow: ResolvedFlow; role: SubnetRole }[];
    /** Flows whose CIDRs are unknown (preview) or undetermined. */
    unresolved: { flow: ResolvedFlow; why: string }[];
}

/** The required flows of one network: the component's own, else Oracle's catalogue for its CNI. */
export function requiredFlowsForModel(
    network: OkeNetwork,
    options: FlowRequirementOptions,
): FlowRequirements {
    const fromComponent = network.component?.requiredFlows;
    if (fromComponent !== undefined) {
        return {
            origin: `component ${network.component?.name ?? ""}'s requiredFlows`,
            flows: fromComponent.filter((f) => !options.skipFlows.includes(f.id)),
            missingRoles: [],
            unresolved: [],
        };
    }
    const catalogue = catalogueFlowsForModel(network.model, {
        kubeClientCidrs: options.kubeClients.cidrs,
        ...(options.bastionCidrs === undefined ? {} : { bastionCidrs: options.bastionCidrs }),
        kubernetesApiPort: options.kubernetesApiPort,
        cni: options.cni.cni,
        ...(options.clusterAccess === undefined ? {} : { clusterAccess: options.clusterAccess }),
        natGateway: options.natGateway,
        // Least privilege: Oracle's egress-all is a choice, and the flow-derived egress halves hold under it too.
        egress: "flows",
        includeUnverified: options.includeUnverified,
        skipFlows: options.skipFlows,
    });
    const byId = new Map(catalogue.flows.map((f) => [f.id, f] as const));
    const result: FlowRequirements = {
        origin: `Oracle's C3 flows for ${options.cni.cni} (${options.cni.why})`,
        flows: [],
        missingRoles: catalogue.missingRoles.flatMap((m) => withFlow(byId, m.flowId, { role: m.role })),
        unresolved: catalogue.unresolved.flatMap((u) => withFlow(byId, u.flowId, { why: u.why })),
    };
    const unclear = new Set([...result.missingRoles, ...result.unresolved].map((x) => x.flow.id));
    result.flows = catalogue.flows.filter((f) => !unclear.has(f.id));
    for (const entry of result.unresolved)
        entry.why = explainUnresolved(entry.flow, entry.why, options.kubeClients);
    return dedupe(result);
}

function withFlow<T extends object>(
    byId: ReadonlyMap<string, ResolvedFlow>,
    id: string,
    extra: T,
): (T & { flow: ResolvedFlow })[] {
    const flow = byId.get(id);
    return flow === undefined ? [] : [{ flow, ...extra }];
}

/** The policy says where kube clients come from and how to give them. */
function explainUnresolved(flow: ResolvedFlow, why: string, clients: KubeClients): string {
    // Oracle's service-LB front-ends come from kube_client_cidr too (workerlb-seclist, docs/oracle-c3-network.md §3.3).
    const usesClients =
        flow.source.ref === "kubeClients" ||
        flow.destination.ref === "kubeClients" ||
        flow.id.startsWith("service-lb-ingress-");
    if (!usesClients || clients.cidrs.length > 0) return why;
    return `the kube client CIDRs are unknown (${clients.doubt ?? "none found"}); set kubeClientCidrs in the policy config`;
}

/** Each flow once per missing role, and an unresolved flow once. */
function dedupe(result: FlowRequirements): FlowRequirements {
    result.missingRoles = uniqueBy(result.missingRoles, (m) => `${m.flow.id}#${m.role}`);
    result.unresolved = uniqueBy(result.unresolved, (u) => u.flow.id);
    return result;
}

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
    const seen = new Set<string>();
    return items.filter((item) => {
        const k = key(item);
        if (seen.has(k)) return false;
        seen.add(k);
        return true;
    });
}
