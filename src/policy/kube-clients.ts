import { kubeClientsFromModel, type KubeClients } from "../analysis/requirements/kube-clients";
import type { OkeNetwork } from "./networks";

/*
 * Oracle's `kube_client_cidr` for a network: who may reach the Kubernetes API and the NodePorts. The policy
 * config says it best; a component network says it in its required flows; any other network says it in the
 * control-plane-endpoint's security rules, read by the analyzer's one reader ({@link kubeClientsFromModel}).
 */

export type { KubeClients } from "../analysis/requirements/kube-clients";

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
    return kubeClientsFromModel(network.model, apiPort);
}
