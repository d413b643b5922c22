import type { NetworkModel } from "../analysis/model/model";
import type { ResourceRecord } from "../analysis/model/resources";
import { knownString } from "../analysis/model/resource-values";
import { TOKENS } from "../analysis/model/ingest/records";
import type { ModelFlowContext } from "../analysis/requirements/flows-for-model";
import type { WorkloadClusterNetworkArgs } from "../config/types";
import { SUBNET_DISPLAY_NAMES, type SubnetRole } from "../c3/roles";

/*
 * Moving a Terraform-built network under the component without replacing anything: every resource of the
 * state gets the logical name the component gives its counterpart (src/component/children.ts:
 * `${name}-vcn`, `${name}-seclist-worker`, `${name}-rt-public`, ...), written as a `pulumi import --file`
 * document whose first entry creates the (empty) component as the children's parent. The VCN's default
 * security list and route table cannot be imported; the component's DefaultSecurityList and
 * DefaultRouteTable take them over through `manageDefaultResourceId` on the first `pulumi up`, so they are
 * listed as adopted, not imported. What has no counterpart in the component is listed so the user decides.
 */

/** The component's type token (as in src/component/workload-cluster-network.ts, kept free of Pulumi here). */
export const COMPONENT_TYPE = "oke-c3-network:index:WorkloadClusterNetwork";

/** One entry of a `pulumi import --file` document. */
export interface ImportEntry {
    /** Pulumi type token. */
    type: string;
    /** Logical name (and the name other entries use as `parent`). */
    name: string;
    /** The OCID to import; absent for the component. */
    id?: string;
    /** The parent's name in this file. */
    parent?: string;
    /** True for the component entry: created empty, as the parent. */
    component?: boolean;
}

/** The import plan for one network. */
export interface ImportPlan {
    /** The `pulumi import --file` document. */
    document: { resources: ImportEntry[] };
    /** Terraform address → logical name, for the VCN's defaults that the component takes over instead. */
    adopted: { address: string; name: string; type: string }[];
    /** Terraform address → why it has no counterpart in the component. */
    unmatched: { address: string; why: string }[];
    /** The component args that give these names (pass them to the program that adopts the network). */
    args: WorkloadClusterNetworkArgs;
}

function roleSlug(role: SubnetRole): string {
    return SUBNET_DISPLAY_NAMES[role];
}

/** The role slugs of the subnets that attach a security list. */
function listOwner(model: NetworkModel, key: string): string | undefined {
    const roles = [
        ...new Set(model.subnets.filter((s) => s.securityListKeys.includes(key)).map((s) => s.role)),
    ];
    if (roles.length === 1 && roles[0] !== undefined) return roleSlug(roles[0]);
    const all = model.subnets.every((s) => s.securityListKeys.includes(key));
    return roles.length > 1 && all ? "common" : undefined;
}

/** The component's route-table key for a table, by what its rules send 0.0.0.0/0 to. */
function tableKey(model: NetworkModel, key: string): string | undefined {
    const table = model.routeTables[key];
    if (table === undefined) return undefined;
    if (table.rules.length === 0) return "vcn-private";
    const kinds = table.rules.map((r) =>
        r.targetKey === undefined ? undefined : model.gateways[r.targetKey]?.kind,
    );
    if (table.rules.length !== 1 || table.rules[0].destination !== "0.0.0.0/0") return undefined;
    return kinds[0] === "internet" ? "public" : kinds[0] === "nat" ? "nat-private" : undefined;
}

function logicalName(model: NetworkModel, record: ResourceRecord, name: string): string | { why: string } {
    switch (record.type) {
        case TOKENS.vcn:
            return `${name}-vcn`;
        case TOKENS.natGateway:
            return `${name}-nat`;
        case TOKENS.internetGateway:
            return `${name}-igw`;
        case TOKENS.defaultSecurityList:
            return `${name}-default-seclist`;
        case TOKENS.defaultRouteTable:
            return `${name}-default-routes`;
        case TOKENS.subnet: {
            const role = model.subnets.find((s) => s.key === record.urn)?.role;
            return role === undefined
                ? { why: "a subnet with no OKE role" }
                : `${name}-subnet-${roleSlug(role)}`;
        }
        case TOKENS.securityList: {
            const owner = listOwner(model, record.urn);
            return owner === undefined
                ? { why: "a security list not tied to one role" }
                : `${name}-seclist-${owner}`;
        }
        case TOKENS.routeTable: {
            const key = tableKey(model, record.urn);
            return key === undefined
                ? { why: "a route table the component does not build" }
                : `${name}-rt-${key}`;
        }
        case TOKENS.nsg: {
            const role = model.nsgs[record.urn]?.role;
            return role === undefined ? { why: "an NSG with no role" } : `${name}-nsg-${roleSlug(role)}`;
        }
        default:
            return { why: "the component names NSG rules by flow and has no such resource for this one" };
    }
}

/** The CIDRs, clients and choices that make the component build this network's counterparts. */
export function matchingArgs(
    vcn: ResourceRecord | undefined,
    context: ModelFlowContext,
    compartmentId: string,
): WorkloadClusterNetworkArgs {
    const cidrs: Record<string, string> = { vcn: context.vcn };
    for (const [role, cidr] of Object.entries(context.roles)) if (cidr !== undefined) cidrs[role] = cidr;
    const args: WorkloadClusterNetworkArgs = {
        compartmentId,
        cidrs: cidrs as unknown as WorkloadClusterNetworkArgs["cidrs"],
        kubeClientCidrs: [...context.kubeClientCidrs],
        cni: context.cni,
        clusterAccess: context.clusterAccess,
    };
    const dnsLabel = vcn === undefined ? undefined : knownString(vcn.inputs.dnsLabel);
    if (dnsLabel !== undefined) args.dnsLabel = dnsLabel;
    return args;
}

/** The import plan of one network read from Terraform: every record named, adopted or listed as unmatched. */
export function importPlan(
    model: NetworkModel,
    records: ResourceRecord[],
    context: ModelFlowContext,
    name: string,
): ImportPlan {
    const resources: ImportEntry[] = [{ type: COMPONENT_TYPE, name, component: true }];
    const adopted: ImportPlan["adopted"] = [];
    const unmatched: ImportPlan["unmatched"] = [];
    const taken = new Set<string>();
    const inModel = records.filter((r) => belongs(model, r, records));
    for (const record of inModel) {
        const logical = logicalName(model, record, name);
        if (typeof logical !== "string") {
            unmatched.push({ address: record.name, why: logical.why });
            continue;
        }
        if (taken.has(logical)) {
            unmatched.push({
                address: record.name,
                why: `another resource already takes the name ${logical}`,
            });
            continue;
        }
        taken.add(logical);
        if (record.type === TOKENS.defaultSecurityList || record.type === TOKENS.defaultRouteTable)
            adopted.push({ address: record.name, name: logical, type: record.type });
        else if (record.id === undefined)
            unmatched.push({
                address: record.name,
                why: "its OCID is not known (a planned resource): apply first",
            });
        else resources.push({ type: record.type, name: logical, id: record.id, parent: name });
    }
    const vcn = inModel.find((r) => r.type === TOKENS.vcn);
    return {
        document: { resources },
        adopted,
        unmatched,
        args: matchingArgs(vcn, context, "<compartment OCID>"),
    };
}

/** True when the record is one of this VCN's parts (an NSG rule: when its NSG is). */
function belongs(model: NetworkModel, record: ResourceRecord, records: ResourceRecord[]): boolean {
    const key = record.urn;
    if (key === model.key || model.subnets.some((s) => s.key === key)) return true;
    if (model.securityLists[key] !== undefined || model.routeTables[key] !== undefined) return true;
    if (model.gateways[key] !== undefined || model.nsgs[key] !== undefined) return true;
    if (record.type !== TOKENS.nsgRule) return false;
    const id = knownString(record.inputs.networkSecurityGroupId);
    const deps = record.propertyDependencies?.networkSecurityGroupId ?? [];
    return records.some(
        (r) => model.nsgs[r.urn] !== undefined && ((id !== undefined && r.id === id) || deps.includes(r.urn)),
    );
}
