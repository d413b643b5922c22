import type { NetworkModel } from "../model/model";
import type { ResourceRecord } from "../model/resources";
import { isRecord, knownString } from "../model/resource-values";

/*
 * Which of Oracle's two designs a network follows: Flannel overlay (docs/oracle-c3-network.md §1a) or
 * VCN-native pods (§1b), since the required flows differ. The one reader the CLI's `verify`, the analyzer
 * API and the policy pack share.
 */

/** The CNI of a network and why it is believed. */
export interface CniDecision {
    /** Flannel overlay or VCN-native pods. */
    cni: "flannel" | "vcn-native";
    /** The evidence, as a phrase for messages. */
    why: string;
}

/** What a network shows about its CNI. */
export interface CniEvidence {
    /** The caller's choice (a flag, a policy config); it wins. */
    configured?: "flannel" | "vcn-native";
    /** A component that built the network, when it says whether its layout has a pod subnet. */
    component?: { name: string; hasPodSubnet: boolean };
    /** The network. */
    model: NetworkModel;
    /** The OKE clusters in the VCN (`oci:ContainerEngine/cluster:Cluster` records). */
    clusters?: readonly ResourceRecord[];
}

/** OKE's `cniType` for VCN-native pod networking (Oracle's `OCI_VCN_IP_NATIVE`). */
export const VCN_NATIVE_CNI_TYPE = "OCI_VCN_IP_NATIVE";

/** The Pulumi type token of an OKE cluster. */
export const CLUSTER_TYPE = "oci:ContainerEngine/cluster:Cluster";

/**
 * The network's CNI: the configured one, else VCN-native when the component's layout has a pod subnet, a
 * subnet has Oracle's `pod` role, or an OKE cluster in the VCN sets cniType OCI_VCN_IP_NATIVE; else Flannel.
 */
export function detectCni(evidence: CniEvidence): CniDecision {
    const { configured, component, model } = evidence;
    if (configured !== undefined) return { cni: configured, why: `configured as ${configured}` };
    if (component?.hasPodSubnet === true)
        return { cni: "vcn-native", why: `component ${component.name} has a pod subnet in its layout` };
    if (model.subnets.some((s) => s.role === "pod"))
        return { cni: "vcn-native", why: "a subnet is named `pod`" };
    const cluster = (evidence.clusters ?? []).find(isVcnNativeCluster);
    if (cluster !== undefined) {
        const name = knownString(cluster.inputs.name) ?? cluster.name;
        return { cni: "vcn-native", why: `cluster ${name} sets cniType ${VCN_NATIVE_CNI_TYPE}` };
    }
    return { cni: "flannel", why: "nothing in the network uses VCN-native pod networking" };
}

function isVcnNativeCluster(cluster: ResourceRecord): boolean {
    const options = cluster.inputs.clusterPodNetworkOptions;
    return Array.isArray(options) && options.some((o) => isRecord(o) && o.cniType === VCN_NATIVE_CNI_TYPE);
}

/** The OKE clusters among `records` whose `vcnId` names the model's VCN (by URN or id). */
export function clustersInVcn(records: readonly ResourceRecord[], model: NetworkModel): ResourceRecord[] {
    const vcn = records.find((r) => r.urn === model.key);
    const names = new Set([model.key, ...(vcn?.id === undefined ? [] : [vcn.id])]);
    return records.filter((r) => r.type === CLUSTER_TYPE && names.has(knownString(r.inputs.vcnId) ?? ""));
}
