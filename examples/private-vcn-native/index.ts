/*
 * A private OKE cluster network on C3 with VCN-native pod networking: every subnet is private (no internet
 * gateway), pods take their addresses from the subnet named `pod` (C3 fails cluster creation without it),
 * and the layout is carved from one /19 exactly like Oracle's VCN-native example (docs/oracle-c3-network.md §2b).
 */
import * as pulumi from "@pulumi/pulumi";
import { ClusterAccess, Cni, WorkloadClusterNetwork } from "oke-c3-network";

const config = new pulumi.Config();

const network = new WorkloadClusterNetwork("oke", {
    compartmentId: config.require("compartmentId"),
    cni: Cni.VcnNative,
    clusterAccess: ClusterAccess.Private,
    // pod = upper half, worker = next quarter, then control plane, endpoint and service LB at the bottom.
    cidrs: { vcn: config.get("vcnCidr") ?? "172.31.0.0/19" },
    kubeClientCidrs: config.getObject<string[]>("kubeClientCidrs") ?? ["10.0.0.0/8"],
    natGateway: config.getBoolean("natGateway") ?? true,
});

/** The VCN's OCID. */
export const vcnId = network.vcnId;
/** Subnet OCIDs by role; `pod` goes to the node pools' `podNetworkOptionDetails.podSubnetIds`. */
export const subnetIds = network.subnetIds;
/** Empty: a private cluster has no internet gateway. */
export const internetGatewayId = network.internetGatewayId;
/** The resolved CIDR layout, including `pod`. */
export const cidrs = network.cidrs;
/** Every flow this network must allow, with Oracle's references and provenance. */
export const requiredFlows = network.requiredFlows;
