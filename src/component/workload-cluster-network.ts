import * as pulumi from "@pulumi/pulumi";
import type { ResolvedLayout, WorkloadClusterNetworkArgs } from "../config/types";
import { resolveNetwork } from "../config/resolve";
import type { RequiredFlow, ResolvedFlow } from "../catalogue/types";
import { planNetwork } from "../plan/plan";
import type { RuleOwner } from "../plan/rules";
import {
    childContext,
    createInternetGateway,
    createNatGateway,
    createNsg,
    createRouteTable,
    createSecurityList,
    createSubnet,
    createVcn,
    neutralizeDefaults,
    roleIds,
    type ChildContext,
    type GatewayIds,
    type RoleIds,
} from "./children";
import type { SubnetRole } from "../c3/roles";
import type { NetworkPlan, RouteTableKey } from "../plan/types";

/** The component's Pulumi type token. */
export const WORKLOAD_CLUSTER_NETWORK_TYPE = "oke-c3-network:index:WorkloadClusterNetwork";

/**
 * The network of one OKE workload cluster on Compute Cloud@Customer: VCN, NAT and internet gateways, route
 * tables, the subnets Oracle names (`worker`, `service-lb`, `control-plane`, `control-plane-endpoint`, and
 * `pod` for VCN-native), their security lists and optional NSGs, all derived from a CIDR config.
 *
 * The config is validated and the whole plan computed before the first resource is registered, so a refused
 * config creates nothing.
 */
export class WorkloadClusterNetwork extends pulumi.ComponentResource {
    /** OCID of the VCN (Oracle's `oketest-vcn`). */
    public readonly vcnId: pulumi.Output<string>;
    /** OCID of the NAT gateway; empty when the network has none (air-gapped private cluster). */
    public readonly natGatewayId: pulumi.Output<string>;
    /** OCID of the internet gateway; empty for private clusters. */
    public readonly internetGatewayId: pulumi.Output<string>;
    /** Subnet OCIDs by role: pass `controlPlaneEndpoint` as the cluster's endpoint subnet, `serviceLb` as its service-LB subnet, `worker` to node pools. */
    public readonly subnetIds: pulumi.Output<RoleIds>;
    /** Role security-list OCIDs by role (empty strings in `nsgs` mode, where roles have no list). */
    public readonly securityListIds: pulumi.Output<RoleIds>;
    /** OCID of the common security list every subnet carries (Oracle's edited default list). */
    public readonly commonSecurityListId: pulumi.Output<string>;
    /** Route-table OCIDs by the role of the subnet that uses them. */
    public readonly routeTableIds: pulumi.Output<RoleIds>;
    /** NSG OCIDs by role (`nsgs`/`both` modes; empty strings otherwise). */
    public readonly nsgIds: pulumi.Output<RoleIds>;
    /** The resolved CIDR layout (Oracle's `vcn_cidr`, `worker_cidr`, `workerlb_cidr`, `kmi_cidr`, `kmilb_cidr`, `pod_cidr`). */
    public readonly cidrs: pulumi.Output<ResolvedLayout>;
    /** Every flow this network must allow, as plain data: id, source, destination, protocol, ports, Oracle reference. */
    public readonly requiredFlows: pulumi.Output<RequiredFlow[]>;

    /**
     * @param name Logical name; children are named `${name}-<stable key>`.
     * @param args The CIDR config and options.
     * @param opts Resource options.
     */
    constructor(name: string, args: WorkloadClusterNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
        // Validated before super(): a refused config registers nothing, not even this component.
        const plan = planNetwork(resolveNetwork(name, args));
        super(WORKLOAD_CLUSTER_NETWORK_TYPE, name, {}, opts);

        const built = buildNetwork(name, this, args, plan);
        this.vcnId = pulumi.output(built.vcnId);
        this.natGatewayId = pulumi.output(built.gateways.nat ?? "");
        this.internetGatewayId = pulumi.output(built.gateways.internet ?? "");
        this.subnetIds = roleIds(built.subnetIds);
        this.securityListIds = roleIds(withAllRoles(plan, built.listIds));
        this.commonSecurityListId = pulumi.output(built.listIds.common ?? "");
        this.routeTableIds = roleIds(built.routeTableIds);
        this.nsgIds = roleIds(withAllRoles(plan, built.nsgIds));
        this.cidrs = pulumi.output(plan.config.layout);
        this.requiredFlows = pulumi.output<RequiredFlow[]>(plan.flows.map(asRequiredFlow));
        this.registerOutputs({
            vcnId: this.vcnId,
            natGatewayId: this.natGatewayId,
            internetGatewayId: this.internetGatewayId,
            subnetIds: this.subnetIds,
            securityListIds: this.securityListIds,
            commonSecurityListId: this.commonSecurityListId,
            routeTableIds: this.routeTableIds,
            nsgIds: this.nsgIds,
            cidrs: this.cidrs,
            requiredFlows: this.requiredFlows,
        });
    }
}

interface BuiltNetwork {
    vcnId: pulumi.Input<string>;
    gateways: GatewayIds;
    listIds: Partial<Record<RuleOwner, pulumi.Input<string>>>;
    nsgIds: Partial<Record<SubnetRole, pulumi.Input<string>>>;
    subnetIds: Partial<Record<SubnetRole, pulumi.Input<string>>>;
    routeTableIds: Partial<Record<SubnetRole, pulumi.Input<string>>>;
}

function withAllRoles(
    plan: NetworkPlan,
    ids: Partial<Record<RuleOwner, pulumi.Input<string>>>,
): Partial<Record<SubnetRole, pulumi.Input<string>>> {
    const out: Partial<Record<SubnetRole, pulumi.Input<string>>> = {};
    for (const subnet of plan.subnets) out[subnet.role] = ids[subnet.role] ?? "";
    return out;
}

function buildVcn(
    name: string,
    parent: pulumi.Resource,
    args: WorkloadClusterNetworkArgs,
    plan: NetworkPlan,
) {
    if (args.existingVcn !== undefined) {
        return childContext(name, parent, args, args.existingVcn.id);
    }
    const base = childContext(name, parent, args, "");
    const vcn = createVcn(base, plan);
    const ctx: ChildContext = { ...base, vcnId: vcn.id };
    neutralizeDefaults(ctx, vcn);
    return ctx;
}

function buildGateways(ctx: ChildContext, args: WorkloadClusterNetworkArgs, plan: NetworkPlan): GatewayIds {
    const gateways: GatewayIds = {};
    if (plan.gateways.nat) {
        gateways.nat = args.existingVcn?.natGatewayId ?? createNatGateway(ctx).id;
    }
    if (plan.gateways.internet) {
        gateways.internet = args.existingVcn?.internetGatewayId ?? createInternetGateway(ctx).id;
    }
    return gateways;
}

/** Wires the plan into resources in a fixed order: VCN, gateways, route tables, lists, NSGs, subnets. */
function buildNetwork(
    name: string,
    parent: pulumi.Resource,
    args: WorkloadClusterNetworkArgs,
    plan: NetworkPlan,
): BuiltNetwork {
    const ctx = buildVcn(name, parent, args, plan);
    const gateways = buildGateways(ctx, args, plan);
    const tables: Partial<Record<RouteTableKey, pulumi.Input<string>>> = {};
    for (const table of plan.routeTables) tables[table.key] = createRouteTable(ctx, table, gateways).id;
    const listIds: BuiltNetwork["listIds"] = {};
    for (const list of plan.securityLists) listIds[list.owner] = createSecurityList(ctx, list).id;
    const nsgIds: BuiltNetwork["nsgIds"] = {};
    for (const nsg of plan.nsgs) nsgIds[nsg.role] = createNsg(ctx, nsg).id;
    const subnetIds: BuiltNetwork["subnetIds"] = {};
    const routeTableIds: BuiltNetwork["routeTableIds"] = {};
    for (const subnet of plan.subnets) {
        const tableId = tables[subnet.routeTable] as pulumi.Input<string>;
        subnetIds[subnet.role] = createSubnet(ctx, subnet, tableId, listIds).id;
        routeTableIds[subnet.role] = tableId;
    }
    return { vcnId: ctx.vcnId, gateways, listIds, nsgIds, subnetIds, routeTableIds };
}

/**
 * A flow as the `requiredFlows` output publishes it (its schema type): `sourceFields`, which only ties a
 * flow to a `worldWideSources` acknowledgement inside this package, stays out of the output.
 */
function asRequiredFlow(flow: ResolvedFlow): RequiredFlow {
    const { sourceFields, ...published } = flow;
    void sourceFields;
    return published;
}
