import type { PolicyResource } from "@pulumi/policy";
import type { ResourceRecord } from "../analysis/model/resources";
import { UNKNOWN_SENTINEL } from "../analysis/model/resource-values";

/*
 * Turns the stack a policy pack receives into the analyzer's ResourceRecords, so the same model builder
 * that proves the component's output also reads policy previews and updates.
 *
 * @pulumi/policy hands each resource's outputs wrapped in a proxy that THROWS (UnknownValueError) on any
 * value that is unknown during a preview; a policy that reads one naively is aborted and the engine only
 * says "can't run policy during preview". So every property is read defensively here, and an unknown value
 * becomes the analyzer's unknown marker: it can make a check undecided, never abort it.
 */

/**
 * The engine's wire sentinels for unknown values, one per type (`@pulumi/policy` proxy.js and the engine's
 * `plugin.Unknown*Value`). A value that reaches us unproxied (a test, another runtime) is recognised too.
 */
export const UNKNOWN_VALUE_SENTINELS: readonly string[] = [
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", // boolean
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421", // number
    UNKNOWN_SENTINEL, // string
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", // array
    "030794c1-ac77-496b-92df-f27374a8bd58", // asset
    "e48ece36-62e2-4504-bad9-02848725956a", // archive
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff", // object
];

const SENTINELS: ReadonlySet<string> = new Set(UNKNOWN_VALUE_SENTINELS);

/** Deeper than any OCI input; guards against cyclic runtime objects (assets, secrets) without a stack overflow. */
const MAX_DEPTH = 64;

/** The analyzer's unknown marker (the mock engine's form; `isUnknownMarker` recognises it). */
function unknownMarker(): Record<string, unknown> {
    return { __pulumiUnknown: true };
}

/**
 * A plain JSON copy of a property value: unknowns become the unknown marker, and `null` becomes absent
 * (OCI reads a null field as not given; the analyzer would otherwise take `null` for an unreadable value).
 */
export function plainValue(value: unknown, depth = 0): unknown {
    if (value === null || value === undefined) return undefined;
    if (typeof value === "string") return SENTINELS.has(value) ? unknownMarker() : value;
    if (typeof value !== "object") return value;
    if (depth >= MAX_DEPTH) return unknownMarker();
    if (Array.isArray(value)) {
        const out: unknown[] = [];
        for (let i = 0; i < value.length; i++) out.push(readProperty(value, i, depth));
        return out;
    }
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
        const field = readProperty(value, key, depth);
        if (field !== undefined) out[key] = field;
    }
    return out;
}

/** Reads one property through @pulumi/policy's proxy; its only throw is "unknown during preview". */
function readProperty(container: object, key: string | number, depth: number): unknown {
    try {
        return plainValue((container as Record<string | number, unknown>)[key], depth + 1);
    } catch {
        return unknownMarker();
    }
}

/**
 * One PolicyResource as a ResourceRecord. The physical id is the `id` output (bridged providers such as
 * `@pulumi/oci` carry it in their outputs); it is unknown or empty for a resource a preview would create,
 * and then references to it resolve through `propertyDependencies` instead.
 */
export function recordFromPolicyResource(resource: PolicyResource): ResourceRecord {
    const props = plainValue(resource.props);
    const inputs: Record<string, unknown> = typeof props === "object" && props !== null ? { ...props } : {};
    const id = typeof inputs.id === "string" && inputs.id !== "" ? inputs.id : undefined;
    delete inputs.id;
    const record: ResourceRecord = { type: resource.type, name: resource.name, urn: resource.urn, inputs };
    if (id !== undefined) record.id = id;
    const parent = resource.parent?.urn ?? resource.opts?.parent;
    if (parent !== undefined && parent !== "") record.parent = parent;
    record.propertyDependencies = propertyDependencyUrns(resource);
    return record;
}

/** `propertyDependencies` as URNs, sorted, without empty entries. */
function propertyDependencyUrns(resource: PolicyResource): Record<string, string[]> {
    const deps: Record<string, string[]> = {};
    for (const [property, resources] of Object.entries(resource.propertyDependencies ?? {})) {
        const urns = resources.map((r) => r.urn).filter((urn) => urn !== "");
        if (urns.length > 0) deps[property] = [...new Set(urns)].sort();
    }
    return deps;
}

/** Every resource of a stack as ResourceRecords, in the stack's order. */
export function recordsFromPolicyResources(resources: readonly PolicyResource[]): ResourceRecord[] {
    return resources.map(recordFromPolicyResource);
}
