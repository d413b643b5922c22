import type { ResourceRecord } from "./resources";
import { isRecord } from "../../config/plain";

/*
 * Reading engine-level input values. What a mock run, a policy pack or a stack export holds is plain JSON,
 * except that values not yet known in a preview show up as `undefined`, as Pulumi's unknown sentinel string,
 * or as `{ __pulumiUnknown: true }` (the mock engine's form). The model builder must tell "absent" (OCI's
 * default applies) from "unknown" (the answer may depend on it).
 */

/** Pulumi's wire sentinel for an unknown value. */
export const UNKNOWN_SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** A plain object, not an array (the config layer's reader). */
export { isRecord };

/** True for every form an unknown preview value takes (except a bare `undefined`, which may mean absent). */
export function isUnknownMarker(value: unknown): boolean {
    return value === UNKNOWN_SENTINEL || (isRecord(value) && value.__pulumiUnknown === true);
}

/** The value when it is a known string. */
export function knownString(value: unknown): string | undefined {
    return typeof value === "string" && value !== UNKNOWN_SENTINEL ? value : undefined;
}

/** The value when it is a known number. */
export function knownNumber(value: unknown): number | undefined {
    return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/** The URNs an input property depends on. */
export function depsOf(record: ResourceRecord, property: string): string[] {
    return record.propertyDependencies?.[property] ?? [];
}

/**
 * True when the input was not given at all, so OCI's default applies: `undefined` with no dependencies.
 * (An Output that is still unknown in a preview has dependencies, or shows an unknown marker.)
 */
export function isAbsent(record: ResourceRecord, property: string): boolean {
    return record.inputs[property] === undefined && depsOf(record, property).length === 0;
}

/** A display name, or the logical name when the display name is absent or unknown. */
export function displayName(record: ResourceRecord): string {
    return knownString(record.inputs.displayName) ?? record.name;
}
