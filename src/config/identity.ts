import { isDeferred } from "./plain";
import { firstUnsafeCharacter } from "./text";
import type { ConfigProblem } from "./types";

/*
 * What identifies the network and where it goes: the component's name (the prefix of every child's logical
 * and display name), the compartment and the ids of an existing VCN and its gateways. They are checked with
 * the rest of the config, before the component resource itself is registered, so a bad one creates nothing.
 */

/** Longest component name: children add up to ~80 characters of their own to it. */
export const MAX_NAME_LENGTH = 63;

/** OCID kinds, as OCI spells them in `ocid1.<kind>.<realm>...`. */
export const OCID_KINDS = {
    compartment: ["compartment", "tenancy"],
    vcn: ["vcn"],
    natGateway: ["natgateway"],
    internetGateway: ["internetgateway"],
} as const;

const OCID = /^ocid1\.([a-z0-9]+)\.[A-Za-z0-9._-]+$/;

function problem(path: string, value: unknown, message: string, fix: string): ConfigProblem {
    return { path, value, message, fix };
}

/** Problems with the component's logical name. */
export function nameProblems(name: unknown): ConfigProblem[] {
    const fix = `use a short name such as "oke", at most ${MAX_NAME_LENGTH} characters`;
    if (typeof name !== "string" || name.length === 0)
        return [problem("(name)", name, "must be a non-empty string", fix)];
    if (name.length > MAX_NAME_LENGTH)
        return [
            problem("(name)", name, `is ${name.length} characters long; at most ${MAX_NAME_LENGTH}`, fix),
        ];
    const unsafe = firstUnsafeCharacter(name);
    if (unsafe !== undefined)
        return [problem("(name)", name, `contains the control or bidi character ${unsafe}`, fix)];
    if (name.includes("::"))
        return [
            problem("(name)", name, 'contains "::", which Pulumi uses to separate the parts of a URN', fix),
        ];
    return [];
}

/**
 * Problems with an OCID field. An Output or Promise is accepted (it is checked by OCI when it resolves);
 * a string must be shaped like an OCID of one of `kinds`, so a swapped NAT and internet gateway id is caught.
 */
export function ocidProblems(
    path: string,
    value: unknown,
    kinds: readonly string[],
    required: boolean,
): ConfigProblem[] {
    if (value === undefined && !required) return [];
    if (isDeferred(value)) return [];
    const example = `ocid1.${kinds[0]}.oc1..aaaa...`;
    if (typeof value !== "string" || value === "")
        return [
            problem(
                path,
                value,
                `is required: the OCID of the ${kinds.join(" or ")}`,
                `set ${path} to "${example}"`,
            ),
        ];
    const kind = OCID.exec(value)?.[1];
    if (kind === undefined)
        return [
            problem(
                path,
                value,
                "is not shaped like an OCID (ocid1.<kind>.<realm>...)",
                `set ${path} to "${example}"`,
            ),
        ];
    if (!kinds.includes(kind)) {
        const message = `is the OCID of a ${kind}, not of a ${kinds.join(" or ")}`;
        return [problem(path, value, message, `set ${path} to the ${kinds[0]}'s OCID ("${example}")`)];
    }
    return [];
}
