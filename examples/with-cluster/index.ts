/*
 * An OKE workload cluster on C3 with one node pool, wired to the network's outputs:
 * - cluster endpoint → `subnetIds.controlPlaneEndpoint` (+ its NSG when there is one);
 * - service load balancers → `subnetIds.serviceLb` (exactly one subnet on C3);
 * - node placement → `subnetIds.worker` in availability domain "AD-1" (C3: one placement, one subnet);
 * - node NSG → `nsgIds.worker`; VCN-native pods → `subnetIds.pod` and `nsgIds.pod`.
 * The subnet named `control-plane` is not passed anywhere: C3 finds it by name for the control-plane nodes.
 */
import * as oci from "@pulumi/oci";
import * as pulumi from "@pulumi/pulumi";
import { ClusterAccess, Cni, SecurityRulesMode, WorkloadClusterNetwork } from "oke-c3-network";

type PodNetworkOptions =
    oci.types.input.ContainerEngine.NodePoolNodeConfigDetailsNodePoolPodNetworkOptionDetails;

const config = new pulumi.Config();
const compartmentId = config.require("compartmentId");
const cni = config.get("cni") ?? Cni.Flannel;
const clusterAccess = config.get("clusterAccess") ?? ClusterAccess.Public;
const kubernetesVersion = config.require("kubernetesVersion");
const sshPublicKey = config.require("sshPublicKey");

const network = new WorkloadClusterNetwork("oke", {
    compartmentId,
    cni,
    clusterAccess,
    securityRules: config.get("securityRules") ?? SecurityRulesMode.SecurityLists,
    cidrs: { vcn: config.get("vcnCidr") ?? "172.31.252.0/23" },
    kubeClientCidrs: config.getObject<string[]>("kubeClientCidrs") ?? ["10.0.0.0/8"],
});

/** OKE's CNI type for the network's `cni` (cluster creation defaults to FLANNEL_OVERLAY, docs/oracle-c3-network.md §5). */
const cniType = cni === Cni.VcnNative ? "OCI_VCN_IP_NATIVE" : "FLANNEL_OVERLAY";

/**
 * A role's NSG as the list an OKE field takes. The network outputs an empty id for a role without NSG
 * (security-list mode), and OKE takes at most one NSG for the endpoint and for a node pool (docs/oracle-c3-network.md §6).
 */
function nsgList(id: pulumi.Input<string | undefined>): pulumi.Output<string[]> {
    return pulumi.output(id).apply((value) => (value ? [value] : []));
}

/**
 * C3 reads the control-plane settings from OraclePCA defined tags on the cluster (docs/oracle-c3-network.md §7.11): the SSH key
 * and node count for the KMI nodes, plus whatever `clusterDefinedTags` adds (e.g. cpNodeShapeConfig).
 */
function clusterTags(): Record<string, string> {
    return {
        "OraclePCA.sshkey": sshPublicKey,
        "OraclePCA.cpNodeCount": String(config.getNumber("controlPlaneNodeCount") ?? 3),
        ...config.getObject<Record<string, string>>("clusterDefinedTags"),
    };
}

const cluster = new oci.containerengine.Cluster("oke-cluster", {
    compartmentId,
    name: config.get("clusterName") ?? "oke",
    kubernetesVersion,
    vcnId: network.vcnId,
    clusterPodNetworkOptions: [{ cniType }],
    endpointConfig: {
        subnetId: network.subnetIds.controlPlaneEndpoint,
        // A public cluster's API endpoint gets a (data-center) public IP; the OKE service reaches it there.
        isPublicIpEnabled: clusterAccess === ClusterAccess.Public,
        nsgIds: nsgList(network.nsgIds.controlPlaneEndpoint),
    },
    options: { serviceLbSubnetIds: [network.subnetIds.serviceLb] },
    definedTags: clusterTags(),
});

/** Pod networking of the node pool: VCN-native pods take addresses from the `pod` subnet. */
function podNetwork(): PodNetworkOptions {
    if (cni !== Cni.VcnNative) return { cniType };
    return {
        cniType,
        podSubnetIds: [network.subnetIds.apply((ids) => ids.pod ?? "")],
        podNsgIds: nsgList(network.nsgIds.apply((ids) => ids.pod)),
        maxPodsPerNode: config.getNumber("maxPodsPerNode") ?? 31,
    };
}

const nodeShape = config.get("nodeShape") ?? "VM.PCAStandard.E5.Flex";

const nodePool = new oci.containerengine.NodePool("oke-pool", {
    clusterId: cluster.id,
    compartmentId,
    name: "pool1",
    kubernetesVersion,
    nodeShape,
    // Only flexible shapes take a shape config.
    nodeShapeConfig: nodeShape.endsWith(".Flex")
        ? { ocpus: config.getNumber("nodeOcpus") ?? 2, memoryInGbs: config.getNumber("nodeMemoryGbs") ?? 32 }
        : undefined,
    nodeSourceDetails: { sourceType: "IMAGE", imageId: config.require("nodeImageId") },
    sshPublicKey,
    nodeConfigDetails: {
        size: config.getNumber("nodeCount") ?? 3,
        // C3 has one availability domain, "AD-1", and takes exactly one placement subnet (docs/oracle-c3-network.md §5).
        placementConfigs: [{ availabilityDomain: "AD-1", subnetId: network.subnetIds.worker }],
        nsgIds: nsgList(network.nsgIds.worker),
        nodePoolPodNetworkOptionDetails: podNetwork(),
    },
});

/** The cluster's OCID. */
export const clusterId = cluster.id;
/** The node pool's OCID. */
export const nodePoolId = nodePool.id;
/** The VCN's OCID. */
export const vcnId = network.vcnId;
/** Subnet OCIDs by role. */
export const subnetIds = network.subnetIds;
/** NSG OCIDs by role (empty in security-list mode); `serviceLb` goes to the Service annotation `oci.oraclecloud.com/oci-network-security-groups`. */
export const nsgIds = network.nsgIds;
/** Every flow this network must allow, with Oracle's references. */
export const requiredFlows = network.requiredFlows;
