import type { ResolvedFlow } from "../catalogue/types";
import type { ResourceRecord } from "../analysis/model/resources";
import { isRecord, knownString } from "../analysis/model/resource-values";
import { resolvedFlowsFromOutput } from "../analysis/requirements/flows-for-model";
import type { SubnetRole } from "../c3/roles";

/*
 * What a WorkloadClusterNetwork component tells a policy through its registered outputs: the flows its
 * config requires (`requiredFlows`, plain data known even in a preview) and its CIDR layout (`cidrs`). A
 * network built by the component is checked against the component's own flows, so a narrowed bastion or
 * extra front-end ports are honoured; a hand-written network is checked against Oracle's catalogue.
 */

/** The component resource and what its outputs say. */
export interface ComponentView {
    /** The component's URN. */
    urn: string;
    /** Its logical name. */
    name: string;
    /** Its `requiredFlows` output, when present and well formed. */
    requiredFlows?: ResolvedFlow[];
    /** Its `cidrs` output (the resolved layout), when known. */
    layout?: Partial<Record<SubnetRole | "vcn", string>>;
}

/** The layout keys of the component's `cidrs` output. */
const LAYOUT_KEYS: readonly (SubnetRole | "vcn")[] = [
    "vcn",
    "worker",
    "serviceLb",
    "controlPlane",
    "controlPlaneEndpoint",
    "pod",
];

/** Reads the component record's outputs. */
export function componentView(record: ResourceRecord): ComponentView {
    const view: ComponentView = { urn: record.urn, name: record.name };
    // An empty list says nothing (an output not yet registered); the catalogue then applies.
    const flows = resolvedFlowsFromOutput(record.inputs.requiredFlows);
    if (flows !== undefined && flows.length > 0) view.requiredFlows = flows;
    const layout = readLayout(record.inputs.cidrs);
    if (layout !== undefined) view.layout = layout;
    return view;
}

function readLayout(raw: unknown): ComponentView["layout"] {
    if (!isRecord(raw)) return undefined;
    const layout: ComponentView["layout"] = {};
    for (const key of LAYOUT_KEYS) {
        const value = knownString(raw[key]);
        if (value !== undefined) layout[key] = value;
    }
    return layout;
}
