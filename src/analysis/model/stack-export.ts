import type { ResourceRecord } from "./resources";
import { isRecord } from "./resource-values";

/*
 * `pulumi stack export` as analyzer input. A deployment lists every resource with its type, URN, id, inputs,
 * outputs, parent and per-property dependencies: the same facts a mock run or a policy pack sees. Inputs are
 * what the program said; outputs add what OCI computed (e.g. a VCN's default security list id), so the
 * analyzer reads the inputs and fills only the gaps from the outputs.
 */

/** Resource types of the engine itself, not of a network. */
const ENGINE_TYPES = new Set(["pulumi:pulumi:Stack"]);

/** The logical name: the last `::` segment of a URN. */
export function nameFromUrn(urn: string): string {
    const i = urn.lastIndexOf("::");
    return i < 0 ? urn : urn.slice(i + 2);
}

/** The resources array of an export (`{ deployment: { resources } }`, a bare deployment, or its JSON text). */
function resourcesOf(json: unknown): unknown[] {
    const value: unknown = typeof json === "string" ? JSON.parse(json) : json;
    if (!isRecord(value)) throw new Error("oke-c3-network: a stack export must be a JSON object");
    const deployment = isRecord(value.deployment) ? value.deployment : value;
    const resources = deployment.resources;
    if (resources === undefined || resources === null) return [];
    if (!Array.isArray(resources))
        throw new Error("oke-c3-network: the stack export's deployment.resources is not a list");
    return resources;
}

/** Drops nulls (the state's way of saying "not set"), so they read as absent like in a mock run. */
function withoutNulls(values: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null));
}

function stringMap(value: unknown): Record<string, string[]> | undefined {
    if (!isRecord(value)) return undefined;
    const out: Record<string, string[]> = {};
    for (const [key, urns] of Object.entries(value)) {
        if (Array.isArray(urns)) out[key] = urns.filter((u): u is string => typeof u === "string");
    }
    return out;
}

function recordOf(raw: Record<string, unknown>): ResourceRecord | undefined {
    const type = raw.type;
    const urn = raw.urn;
    if (typeof type !== "string" || typeof urn !== "string" || ENGINE_TYPES.has(type)) return undefined;
    if (type.startsWith("pulumi:providers:") || raw.delete === true) return undefined;
    const inputs = isRecord(raw.inputs) ? withoutNulls(raw.inputs) : {};
    const outputs = isRecord(raw.outputs) ? withoutNulls(raw.outputs) : {};
    const record: ResourceRecord = { type, name: nameFromUrn(urn), urn, inputs: { ...outputs, ...inputs } };
    if (typeof raw.id === "string" && raw.id !== "") record.id = raw.id;
    if (typeof raw.parent === "string" && raw.parent !== "") record.parent = raw.parent;
    const deps = stringMap(raw.propertyDependencies);
    if (deps !== undefined) record.propertyDependencies = deps;
    return record;
}

/**
 * Maps a `pulumi stack export` deployment to resource records for {@link modelsFromResources}: type, URN
 * (and the logical name from it), id, inputs (gaps filled from outputs, nulls dropped), parent and
 * property dependencies. Providers, the stack itself and resources pending deletion are left out.
 *
 * @throws Error when the JSON is not a stack export.
 */
export function recordsFromStackExport(json: unknown): ResourceRecord[] {
    return resourcesOf(json)
        .filter(isRecord)
        .map(recordOf)
        .filter((r): r is ResourceRecord => r !== undefined);
}

/** The outputs of the component resources in an export, by URN (e.g. a WorkloadClusterNetwork's `requiredFlows`). */
export function componentOutputsFromStackExport(
    json: unknown,
    type: string,
): Record<string, Record<string, unknown>> {
    const out: Record<string, Record<string, unknown>> = {};
    for (const raw of resourcesOf(json).filter(isRecord)) {
        if (raw.type === type && typeof raw.urn === "string" && isRecord(raw.outputs))
            out[raw.urn] = raw.outputs;
    }
    return out;
}
