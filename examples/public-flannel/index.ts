/*
 * Oracle's C3 example network for a public OKE cluster with Flannel overlay: the VCN 172.31.252.0/23 is
 * carved into `service-lb` 172.31.252.0/25, `control-plane` 172.31.252.224/28, `control-plane-endpoint`
 * 172.31.252.240/28 and `worker` 172.31.253.0/24, and only the kube clients (10.0.0.0/8) reach the API and
 * the NodePorts.
 */
import * as pulumi from "@pulumi/pulumi";
import { WorkloadClusterNetwork } from "oke-c3-network";

const config = new pulumi.Config();

const network = new WorkloadClusterNetwork("oke", {
    compartmentId: config.require("compartmentId"),
    // Only the VCN is given: the subnets are carved from it (explicit subnet CIDRs would win).
    cidrs: { vcn: config.get("vcnCidr") ?? "172.31.252.0/23" },
    kubeClientCidrs: config.getObject<string[]>("kubeClientCidrs") ?? ["10.0.0.0/8"],
});

/** The VCN's OCID. */
export const vcnId = network.vcnId;
/** Subnet OCIDs by role: `controlPlaneEndpoint` and `serviceLb` go to the cluster, `worker` to node pools. */
export const subnetIds = network.subnetIds;
/** The resolved CIDR layout, to compare with Oracle's example. */
export const cidrs = network.cidrs;
/** Every flow this network must allow, with Oracle's references (`pulumi stack output requiredFlows`). */
export const requiredFlows = network.requiredFlows;
