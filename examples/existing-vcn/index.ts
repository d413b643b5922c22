/*
 * An OKE cluster network on C3 inside a VCN that already exists: the component registers no VCN and leaves
 * the VCN's default security list and route table alone; it adds the gateways the VCN lacks, the route
 * tables, the subnets Oracle names, and their rules both in security lists and in one NSG per role.
 */
import * as pulumi from "@pulumi/pulumi";
import {
    SecurityRulesMode,
    WorkloadClusterNetwork,
    type ExistingVcn,
    type NetworkCidrs,
} from "oke-c3-network";

const config = new pulumi.Config();

/** The existing VCN, with the gateways it already has (C3 allows one NAT and one internet gateway per VCN). */
function existingVcn(): ExistingVcn {
    const vcn: ExistingVcn = { id: config.require("existingVcnId") };
    const natGatewayId = config.get("natGatewayId");
    const internetGatewayId = config.get("internetGatewayId");
    // An empty value means "create it": Pulumi YAML config cannot express an absent default.
    if (natGatewayId) vcn.natGatewayId = natGatewayId;
    if (internetGatewayId) vcn.internetGatewayId = internetGatewayId;
    return vcn;
}

const network = new WorkloadClusterNetwork("oke", {
    compartmentId: config.require("compartmentId"),
    existingVcn: existingVcn(),
    // Plain strings, not the VCN's outputs: the layout is validated before anything is created. Subnets
    // given in `subnetCidrs` are kept (pick free ranges of your VCN); missing ones are carved.
    cidrs: { ...config.getObject<Omit<NetworkCidrs, "vcn">>("subnetCidrs"), vcn: config.require("vcnCidr") },
    kubeClientCidrs: config.getObject<string[]>("kubeClientCidrs") ?? ["10.0.0.0/8"],
    // Rules in the subnets' security lists and in the role NSGs: attach the NSGs to your node pools and
    // the cluster endpoint, and the lists still protect anything that carries no NSG.
    securityRules: SecurityRulesMode.Both,
});

/** Subnet OCIDs by role. */
export const subnetIds = network.subnetIds;
/** NSG OCIDs by role: `worker` → node pool `nsgIds`, `controlPlaneEndpoint` → cluster `endpointConfig.nsgIds`. */
export const nsgIds = network.nsgIds;
/** The NAT and internet gateways the subnets route through (given or created). */
export const natGatewayId = network.natGatewayId;
export const internetGatewayId = network.internetGatewayId;
/** The resolved CIDR layout inside the existing VCN. */
export const cidrs = network.cidrs;
/** Every flow this network must allow, with Oracle's references. */
export const requiredFlows = network.requiredFlows;
