import type { PolicyResource } from "@pulumi/policy";
import type { ResourceRecord } from "../analysis/model/resources";
import { knownString } from "../analysis/model/resource-values";
import { recordsFromPolicyResources } from "./records";

/*
 * The stack as the checks see it: its resources as ResourceRecords, indexed by URN and by physical id, with
 * helpers to follow the references that link them (by OCID after an update, by propertyDependencies URNs
 * in a preview).
 */

/** The component's Pulumi type token (kept in sync with `WORKLOAD_CLUSTER_NETWORK_TYPE` by a test). */
export const COMPONENT_TYPE = "oke-c3-network:index:WorkloadClusterNetwork";

/** `@pulumi/oci` type tokens the policies read beyond the network model. */
export const POLICY_OCI_TYPES = {
    cluster: "oci:ContainerEngine/cluster:Cluster",
} as const;

/** A stack's resources, indexed. */
export interface StackView {
    /** Every resource, in the stack's order. */
    records: ResourceRecord[];
    /** By URN. */
    byUrn: Map<string, ResourceRecord>;
    /** By known physical id (OCID). */
    byId: Map<string, ResourceRecord>;
}

/** Indexes records. */
export function stackView(records: ResourceRecord[]): StackView {
    const byUrn = new Map(records.map((r) => [r.urn, r] as const));
    const byId = new Map<string, ResourceRecord>();
    for (const r of records) if (r.id !== undefined) byId.set(r.id, r);
    return { records, byUrn, byId };
}

/** The stack view of the resources a policy receives. */
export function stackViewOf(resources: readonly PolicyResource[]): StackView {
    return stackView(recordsFromPolicyResources(resources));
}

/** Records of one type. */
export function ofType(view: StackView, type: string): ResourceRecord[] {
    return view.records.filter((r) => r.type === type);
}

/**
 * The records a reference input names: the record whose id is the known value, else the records of the
 * property's dependency URNs (a preview). Several candidates when the dependencies are ambiguous.
 */
export function referenced(view: StackView, record: ResourceRecord, property: string): ResourceRecord[] {
    const text = knownString(record.inputs[property]);
    const byId = text === undefined ? undefined : view.byId.get(text);
    if (byId !== undefined) return [byId];
    const deps = record.propertyDependencies?.[property] ?? [];
    return deps.map((urn) => view.byUrn.get(urn)).filter((r): r is ResourceRecord => r !== undefined);
}

/** The nearest ancestor (or the record itself) of `type`, following `parent` URNs. */
export function ancestorOfType(
    view: StackView,
    record: ResourceRecord | undefined,
    type: string,
): ResourceRecord | undefined {
    const seen = new Set<string>();
    let current = record;
    while (current !== undefined && !seen.has(current.urn)) {
        if (current.type === type) return current;
        seen.add(current.urn);
        current = current.parent === undefined ? undefined : view.byUrn.get(current.parent);
    }
    return undefined;
}

/** A resource's label in messages: its display name (`name` for OKE clusters) when known, else its logical name. */
export function labelOf(record: ResourceRecord): string {
    return knownString(record.inputs.displayName) ?? knownString(record.inputs.name) ?? record.name;
}
