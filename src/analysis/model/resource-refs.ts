import type { ResourceRecord } from "./resources";
import { knownString } from "./resource-values";

/*
 * Resolving OCI references between records. After an update every reference is a known OCID that equals
 * some record's `id`. In a preview the OCIDs of new resources are unknown, but the engine still records
 * which resources each input depends on (`propertyDependencies`), and those URNs name the target. Together
 * they make a policy preview as precise as an update.
 */

/** How a kind of target is found: by a known string (OCID) and by a dependency URN. */
export interface RefLookup {
    /** Known OCID (or managed-default OCID) → model key. */
    byString: Map<string, string>;
    /** Dependency URN → model key (e.g. a VCN's URN → the key of its default security list). */
    byUrn: Map<string, string>;
}

/** The outcome of resolving one reference. */
export type Resolved =
    /** Found in the records. */
    | { status: "resolved"; key: string }
    /** A known OCID of something outside the records (an existing resource). */
    | { status: "external"; key: string }
    /** The input was not given (OCI's default applies). */
    | { status: "absent" }
    /** Unknown and not recoverable from the dependencies. */
    | { status: "unresolved" };

/** The outcome of resolving a list of references such as `securityListIds`. */
export interface ResolvedMany {
    /** Keys found (records) or known external OCIDs. */
    keys: string[];
    /** True when the input was not given. */
    absent: boolean;
    /** True when some element could not be resolved. */
    unresolved: boolean;
}

/** An empty lookup. */
export function newLookup(): RefLookup {
    return { byString: new Map(), byUrn: new Map() };
}

/** Registers a record as a target: its id and URN map to `key`. */
export function addTarget(lookup: RefLookup, record: ResourceRecord, key = record.urn): void {
    if (record.id !== undefined) lookup.byString.set(record.id, key);
    lookup.byUrn.set(record.urn, key);
}

/** Distinct model keys of the dependency URNs. */
export function depKeys(lookup: RefLookup, deps: readonly string[]): string[] {
    const keys = deps.map((urn) => lookup.byUrn.get(urn)).filter((k): k is string => k !== undefined);
    return [...new Set(keys)];
}

/** Resolves a single reference: by known id first, then by a single dependency of the right kind. */
export function resolveOne(lookup: RefLookup, value: unknown, deps: readonly string[]): Resolved {
    const text = knownString(value);
    const byId = text === undefined ? undefined : lookup.byString.get(text);
    if (byId !== undefined) return { status: "resolved", key: byId };
    const candidates = depKeys(lookup, deps);
    if (candidates.length === 1) return { status: "resolved", key: candidates[0] };
    if (value === undefined && deps.length === 0) return { status: "absent" };
    if (text !== undefined) return { status: "external", key: text };
    return { status: "unresolved" };
}

/**
 * Resolves a list of references. Elements that are known ids resolve directly; the others are matched
 * against the dependency URNs not already used. Pulumi records dependencies per property, not per element,
 * so when fewer dependency targets remain than unresolved elements, the list is marked unresolved.
 */
export function resolveMany(lookup: RefLookup, value: unknown, deps: readonly string[]): ResolvedMany {
    if (value === undefined && deps.length === 0) return { keys: [], absent: true, unresolved: false };
    const candidates = depKeys(lookup, deps);
    if (!Array.isArray(value)) {
        // The whole list is unknown: the dependencies are all we have.
        return { keys: candidates, absent: false, unresolved: candidates.length === 0 };
    }
    const keys: string[] = [];
    const pending: unknown[] = [];
    for (const element of value) {
        const text = knownString(element);
        const key = text === undefined ? undefined : lookup.byString.get(text);
        if (key === undefined) pending.push(element);
        else keys.push(key);
    }
    const remaining = candidates.filter((k) => !keys.includes(k));
    keys.push(...remaining);
    let shortfall = pending.length - remaining.length;
    for (const element of pending) {
        const text = knownString(element);
        if (shortfall > 0 && text !== undefined) {
            keys.push(text);
            shortfall--;
        }
    }
    return { keys: [...new Set(keys)], absent: false, unresolved: shortfall > 0 };
}
