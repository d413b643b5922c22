import type { NetworkModel } from "../analysis/model/model";
import type { ResourceRecord } from "../analysis/model/resources";
import { modelsFromResources, OCI_TYPES } from "../analysis/model/from-resources";
import { knownString } from "../analysis/model/resource-values";
import { componentView, type ComponentView } from "./component";
import type { SubnetNames } from "./config";
import { NO_OKE_NETWORK, type CheckOutcome } from "./define";
import { emptyResult, mergeInto, type CheckResult } from "./report";
import {
    ancestorOfType,
    COMPONENT_TYPE,
    labelOf,
    ofType,
    POLICY_OCI_TYPES,
    referenced,
    type StackView,
} from "./stack";
import type { SubnetRole } from "../c3/roles";
import { detectCni as detectCniOf, type CniDecision } from "../analysis/requirements/cni";

export type { CniDecision } from "../analysis/requirements/cni";

/*
 * Which VCNs of a stack are OKE workload-cluster networks. C3 recognises the control plane's subnet by its
 * name (`control-plane`, docs/oracle-c3-network.md §5/§7.9), and Oracle's docs name the others, so a VCN is an OKE network when
 * any subnet carries one of Oracle's names (or a configured one), when the component built it, or when an
 * OKE cluster resource of the stack sits in it. Networks built any other way are left alone.
 */

/** One OKE network of the stack, with what the policies need to know about it. */
export interface OkeNetwork {
    /** The analyzer's model of the VCN. */
    model: NetworkModel;
    /** How messages name it, e.g. `VCN oketest-vcn`. */
    label: string;
    /** The VCN's record, when the VCN is in the stack (not an existing VCN). */
    vcn?: ResourceRecord;
    /** The component that built it, when one did. */
    component?: ComponentView;
    /** OKE cluster resources in this VCN. */
    clusters: ResourceRecord[];
    /** Subnet records by model key (URN). */
    subnets: Map<string, ResourceRecord>;
    /**
     * True when some subnets of the stack could not be placed in any VCN (a preview without dependencies):
     * they may belong to this network, so what it seems to lack cannot be decided.
     */
    incomplete: boolean;
}

/** Options for {@link okeNetworks}. */
export interface NetworkOptions {
    /** Display names of renamed subnets (config `subnetNames`). */
    subnetNames?: SubnetNames;
}

/** The OKE networks of a stack, one per VCN. */
export function okeNetworks(view: StackView, options: NetworkOptions = {}): OkeNetwork[] {
    const models = modelsFromResources(view.records, { roles: configuredRoles(view, options.subnetNames) });
    const clusters = ofType(view, POLICY_OCI_TYPES.cluster);
    const incomplete = models.some((m) => m.key === UNRESOLVED_VCN);
    return models
        .map((model) => networkOf(view, model, clusters, incomplete))
        .filter(
            (n) =>
                n.component !== undefined ||
                n.clusters.length > 0 ||
                n.model.subnets.some((s) => s.role !== undefined),
        );
}

/** Subnet URN → role for subnets whose display name is a configured name. */
function configuredRoles(view: StackView, names: SubnetNames | undefined): Record<string, SubnetRole> {
    const roles: Record<string, SubnetRole> = {};
    if (names === undefined) return roles;
    for (const subnet of ofType(view, OCI_TYPES.subnet)) {
        const name = knownString(subnet.inputs.displayName);
        const role = (Object.keys(names) as (keyof SubnetNames)[]).find((r) => names[r] === name);
        if (role !== undefined) roles[subnet.urn] = role;
    }
    return roles;
}

/** The model key `modelsFromResources` gives subnets whose VCN it cannot resolve. */
const UNRESOLVED_VCN = "unresolved-vcn";

function networkOf(
    view: StackView,
    model: NetworkModel,
    clusters: ResourceRecord[],
    incomplete: boolean,
): OkeNetwork {
    const vcn = view.byUrn.get(model.key);
    const subnets = new Map<string, ResourceRecord>();
    for (const s of model.subnets) {
        const record = view.byUrn.get(s.key);
        if (record !== undefined) subnets.set(s.key, record);
    }
    const owned = [vcn, ...subnets.values()];
    const componentRecord = owned
        .map((r) => ancestorOfType(view, r, COMPONENT_TYPE))
        .find((r) => r !== undefined);
    const network: OkeNetwork = {
        model,
        label: vcn === undefined ? vcnLabel(model) : `VCN ${labelOf(vcn)}`,
        clusters: clusters.filter((c) => clusterInVcn(view, c, model, vcn)),
        subnets,
        incomplete,
    };
    if (vcn !== undefined) network.vcn = vcn;
    if (componentRecord !== undefined) network.component = componentView(componentRecord);
    const layoutVcn = network.component?.layout?.vcn;
    if (model.vcnCidrs.length === 0 && layoutVcn !== undefined && vcn === undefined) {
        // An existing VCN is not in the stack; the component validated its CIDR (`cidrs.vcn`) and outputs it.
        model.vcnCidrs = [layoutVcn];
        model.notes?.push(
            `the VCN's CIDR ${layoutVcn} is taken from component ${network.component?.name ?? ""}'s layout`,
        );
    }
    return network;
}

function vcnLabel(model: NetworkModel): string {
    return model.key === UNRESOLVED_VCN ? "subnets whose VCN could not be resolved" : `VCN ${model.key}`;
}

function clusterInVcn(
    view: StackView,
    cluster: ResourceRecord,
    model: NetworkModel,
    vcn: ResourceRecord | undefined,
): boolean {
    if (vcn !== undefined) return referenced(view, cluster, "vcnId").includes(vcn);
    return knownString(cluster.inputs.vcnId) === model.key;
}

/**
 * The network's CNI, read by the analyzer's one reader (the analyzer's `detectCni`): the policy config's, else what
 * the component, the subnets and the OKE clusters in the VCN show.
 */
export function detectCni(network: OkeNetwork, configured?: "flannel" | "vcn-native"): CniDecision {
    const component = network.component;
    const decision = detectCniOf({
        ...(configured === undefined ? {} : { configured }),
        ...(component === undefined
            ? {}
            : { component: { name: component.name, hasPodSubnet: component.layout?.pod !== undefined } }),
        model: network.model,
        clusters: network.clusters,
    });
    return configured === undefined
        ? decision
        : { ...decision, why: `the policy config sets cni: ${configured}` };
}

/**
 * Subnets whose display name is unknown (preview), so whose role cannot be told: a role the network seems
 * to lack may be one of them. Their model names, in model order.
 */
export function unnamedSubnets(network: OkeNetwork): string[] {
    return network.model.subnets
        .filter((s) => s.role === undefined)
        .filter((s) => {
            const record = network.subnets.get(s.key);
            return record !== undefined && knownString(record.inputs.displayName) === undefined;
        })
        .map((s) => s.name);
}

/** The subnets of a network with a role, in model order. */
export function subnetsWithRole(network: OkeNetwork, role: SubnetRole): NetworkModel["subnets"] {
    return network.model.subnets.filter((s) => s.role === role);
}

/**
 * Runs a per-network check over every OKE network of the stack and merges the results; "not applicable"
 * when the stack has none. The policies that judge one network at a time share this loop.
 */
export function checkEachNetwork(
    view: StackView,
    options: NetworkOptions,
    check: (network: OkeNetwork) => CheckResult,
): CheckOutcome {
    const networks = okeNetworks(view, options);
    if (networks.length === 0) return { notApplicable: NO_OKE_NETWORK };
    const result = emptyResult();
    for (const network of networks) mergeInto(result, check(network));
    return result;
}
