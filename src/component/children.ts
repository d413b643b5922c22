import * as pulumi from "@pulumi/pulumi";
import * as oci from "@pulumi/oci";
import type { WorkloadClusterNetworkArgs } from "../config/types";
import { toNsgRuleFields, toSecurityListEgress, toSecurityListIngress } from "../plan/oci-shapes";
import type { RuleOwner } from "../plan/rules";
import { SUBNET_DISPLAY_NAMES, type SubnetRole } from "../c3/roles";
import type {
    NetworkPlan,
    PlannedNsg,
    PlannedRouteTable,
    PlannedSecurityList,
    PlannedSubnet,
} from "../plan/types";

/** What every child shares: its parent, compartment and tags. */
export interface ChildContext {
    /** The component's name; children are named `${name}-<stable key>`. */
    name: string;
    /** The parent component. */
    parent: pulumi.Resource;
    /** Compartment for every resource. */
    compartmentId: pulumi.Input<string>;
    /** The VCN's id (created or existing). */
    vcnId: pulumi.Input<string>;
    /** Tags for every resource. */
    tags: { freeformTags?: Record<string, string>; definedTags?: Record<string, string> };
}

/** The stable part of a child's logical name for a rule owner: Oracle's subnet name, or `common`. */
export function ownerSlug(owner: RuleOwner): string {
    return owner === "common" ? "common" : SUBNET_DISPLAY_NAMES[owner];
}

/** Builds the context from the args; tags are copied so later mutation of the args cannot leak in. */
export function childContext(
    name: string,
    parent: pulumi.Resource,
    args: WorkloadClusterNetworkArgs,
    vcnId: pulumi.Input<string>,
): ChildContext {
    const tags: ChildContext["tags"] = {};
    if (args.freeformTags !== undefined) tags.freeformTags = { ...args.freeformTags };
    if (args.definedTags !== undefined) tags.definedTags = { ...args.definedTags };
    return { name, parent, compartmentId: args.compartmentId, vcnId, tags };
}

/** Creates the VCN (Oracle: one contiguous CIDR that cannot change, and a tenancy-unique DNS label). */
export function createVcn(ctx: Omit<ChildContext, "vcnId">, plan: NetworkPlan): oci.core.Vcn {
    return new oci.core.Vcn(
        `${ctx.name}-vcn`,
        {
            compartmentId: ctx.compartmentId,
            cidrBlocks: [plan.config.layout.vcn],
            displayName: `${ctx.name}-vcn`,
            dnsLabel: plan.config.dnsLabel,
            ...ctx.tags,
        },
        { parent: ctx.parent },
    );
}

/**
 * Takes over the VCN's default security list and route table and empties them. OCI's default list opens SSH
 * from 0.0.0.0/0; left unmanaged it would apply to any subnet created without explicit lists.
 */
export function neutralizeDefaults(ctx: ChildContext, vcn: oci.core.Vcn): void {
    new oci.core.DefaultSecurityList(
        `${ctx.name}-default-seclist`,
        {
            manageDefaultResourceId: vcn.defaultSecurityListId,
            compartmentId: ctx.compartmentId,
            displayName: "default-seclist (emptied by oke-c3-network)",
            ingressSecurityRules: [],
            egressSecurityRules: [],
            ...ctx.tags,
        },
        { parent: ctx.parent },
    );
    new oci.core.DefaultRouteTable(
        `${ctx.name}-default-routes`,
        {
            manageDefaultResourceId: vcn.defaultRouteTableId,
            compartmentId: ctx.compartmentId,
            displayName: "default-routes (emptied by oke-c3-network)",
            routeRules: [],
            ...ctx.tags,
        },
        { parent: ctx.parent },
    );
}

/** Creates the NAT gateway (private subnets reach the yum repository and registry through it). */
export function createNatGateway(ctx: ChildContext): oci.core.NatGateway {
    return new oci.core.NatGateway(
        `${ctx.name}-nat`,
        { compartmentId: ctx.compartmentId, vcnId: ctx.vcnId, displayName: "nat-gateway", ...ctx.tags },
        { parent: ctx.parent },
    );
}

/** Creates the internet gateway (on C3 it leads to the data-center network, docs/oracle-c3-network.md §4). */
export function createInternetGateway(ctx: ChildContext): oci.core.InternetGateway {
    return new oci.core.InternetGateway(
        `${ctx.name}-igw`,
        {
            compartmentId: ctx.compartmentId,
            vcnId: ctx.vcnId,
            displayName: "internet-gateway",
            enabled: true,
            ...ctx.tags,
        },
        { parent: ctx.parent },
    );
}

/** Gateway ids by route target. */
export interface GatewayIds {
    /** NAT gateway id, when the plan routes through NAT. */
    nat?: pulumi.Input<string>;
    /** Internet gateway id, when the plan has public subnets. */
    internet?: pulumi.Input<string>;
}

function targetId(gateways: GatewayIds, target: "nat" | "internet"): pulumi.Input<string> {
    const id = gateways[target];
    if (id === undefined) throw new Error(`oke-c3-network: route to ${target} gateway planned without one`);
    return id;
}

/** Creates one route table of the plan. */
export function createRouteTable(
    ctx: ChildContext,
    table: PlannedRouteTable,
    gateways: GatewayIds,
): oci.core.RouteTable {
    return new oci.core.RouteTable(
        `${ctx.name}-rt-${table.key}`,
        {
            compartmentId: ctx.compartmentId,
            vcnId: ctx.vcnId,
            displayName: table.displayName,
            routeRules: table.rules.map((rule) => ({
                destination: rule.destination,
                destinationType: "CIDR_BLOCK",
                networkEntityId:
                    rule.target === "nat" || rule.target === "internet"
                        ? targetId(gateways, rule.target)
                        : (rule.networkEntityId ?? ""),
                description: rule.description,
            })),
            ...ctx.tags,
        },
        { parent: ctx.parent },
    );
}

/** Creates one security list of the plan. */
export function createSecurityList(ctx: ChildContext, list: PlannedSecurityList): oci.core.SecurityList {
    return new oci.core.SecurityList(
        `${ctx.name}-seclist-${ownerSlug(list.owner)}`,
        {
            compartmentId: ctx.compartmentId,
            vcnId: ctx.vcnId,
            displayName: list.displayName,
            ingressSecurityRules: list.ingress.map(toSecurityListIngress),
            egressSecurityRules: list.egress.map(toSecurityListEgress),
            ...ctx.tags,
        },
        { parent: ctx.parent },
    );
}

/** Creates one role NSG and its rules; rule resources are named by the rule's stable key. */
export function createNsg(ctx: ChildContext, planned: PlannedNsg): oci.core.NetworkSecurityGroup {
    const nsg = new oci.core.NetworkSecurityGroup(
        `${ctx.name}-nsg-${ownerSlug(planned.role)}`,
        { compartmentId: ctx.compartmentId, vcnId: ctx.vcnId, displayName: planned.displayName, ...ctx.tags },
        { parent: ctx.parent },
    );
    for (const rule of planned.rules) {
        new oci.core.NetworkSecurityGroupSecurityRule(
            `${ctx.name}-nsg-${ownerSlug(planned.role)}-${rule.key}`,
            { networkSecurityGroupId: nsg.id, ...toNsgRuleFields(rule) },
            { parent: nsg },
        );
    }
    return nsg;
}

/** Creates one subnet with its route table and security lists. Regional (no AD), like Oracle's examples. */
export function createSubnet(
    ctx: ChildContext,
    subnet: PlannedSubnet,
    routeTableId: pulumi.Input<string>,
    listIds: Readonly<Partial<Record<RuleOwner, pulumi.Input<string>>>>,
): oci.core.Subnet {
    return new oci.core.Subnet(
        `${ctx.name}-subnet-${ownerSlug(subnet.role)}`,
        {
            compartmentId: ctx.compartmentId,
            vcnId: ctx.vcnId,
            cidrBlock: subnet.cidr,
            displayName: subnet.displayName,
            dnsLabel: subnet.dnsLabel,
            prohibitPublicIpOnVnic: !subnet.public,
            routeTableId,
            securityListIds: subnet.securityLists.map((owner) => {
                const id = listIds[owner];
                if (id === undefined) throw new Error(`oke-c3-network: no security list ${owner}`);
                return id;
            }),
            ...ctx.tags,
        },
        { parent: ctx.parent },
    );
}

/** Ids keyed by subnet role; `pod` only with VCN-native. */
export interface RoleIds {
    /** The `worker` subnet's (Oracle `worker_cidr`). */
    worker: string;
    /** The `service-lb` subnet's (Oracle `workerlb_cidr`). */
    serviceLb: string;
    /** The `control-plane` subnet's (Oracle `kmi_cidr`). */
    controlPlane: string;
    /** The `control-plane-endpoint` subnet's (Oracle `kmilb_cidr`). */
    controlPlaneEndpoint: string;
    /** The `pod` subnet's (Oracle `pod_cidr`), VCN-native only. */
    pod?: string;
}

/** Collects per-role ids into one Output keyed by role. */
export function roleIds(ids: Partial<Record<SubnetRole, pulumi.Input<string>>>): pulumi.Output<RoleIds> {
    return pulumi.all(ids).apply((resolved) => {
        const out: RoleIds = {
            worker: resolved.worker ?? "",
            serviceLb: resolved.serviceLb ?? "",
            controlPlane: resolved.controlPlane ?? "",
            controlPlaneEndpoint: resolved.controlPlaneEndpoint ?? "",
        };
        if (resolved.pod !== undefined) out.pod = resolved.pod;
        return out;
    });
}
