import type { ConfigProblem } from "./types";

/*
 * The args may come from JavaScript, YAML or stack config, so nothing guarantees they are data. A BigInt, a
 * function, a Date, a cycle or a NaN would otherwise surface as a TypeError deep in validation or in
 * Pulumi's serializer, after resources were registered. This walk reports each such value by its path
 * before any field is read.
 */

/** A plain object, not an array. */
export function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Paths where a Pulumi `Input` (an Output or a Promise) is allowed instead of plain data. */
export type InputPaths = ReadonlySet<string>;

/** Deeper than any real config; a hostile file must not exhaust the stack. */
const MAX_DEPTH = 32;

/** True for a Pulumi Output (duck-typed, so the config layer needs no Pulumi import) or a promise. */
export function isDeferred(value: unknown): boolean {
    if (typeof value !== "object" || value === null) return false;
    const marked = (value as { __pulumiOutput?: unknown }).__pulumiOutput === true;
    return marked || typeof (value as { then?: unknown }).then === "function";
}

function isPlainObject(value: object): boolean {
    const proto: unknown = Object.getPrototypeOf(value);
    return proto === Object.prototype || proto === null;
}

function problem(path: string, value: unknown, message: string, fix: string): ConfigProblem {
    return { path, value, message, fix };
}

/** Every value under `root` that is not JSON-like data, by path (`""` is the args themselves). */
export function nonDataProblems(root: unknown, inputPaths: InputPaths): ConfigProblem[] {
    const out: ConfigProblem[] = [];
    walk(root, "", [], inputPaths, out);
    return out;
}

function join(path: string, key: string | number): string {
    if (typeof key === "number") return `${path}[${key}]`;
    return path === "" ? key : `${path}.${key}`;
}

function walk(
    value: unknown,
    path: string,
    ancestors: object[],
    inputs: InputPaths,
    out: ConfigProblem[],
): void {
    const where = path === "" ? "(args)" : path;
    const scalar = scalarProblem(value, where);
    if (scalar !== undefined) {
        out.push(scalar);
        return;
    }
    if (typeof value !== "object" || value === null) return;
    if (inputs.has(path) && isDeferred(value)) return;
    if (ancestors.includes(value)) {
        out.push(
            problem(
                where,
                "[circular]",
                "refers back to itself (a cycle)",
                "write the value out as plain data",
            ),
        );
        return;
    }
    if (ancestors.length >= MAX_DEPTH) {
        out.push(
            problem(where, "[nested]", `is nested deeper than ${MAX_DEPTH} levels`, "flatten the value"),
        );
        return;
    }
    if (!Array.isArray(value) && !isPlainObject(value)) {
        const kind = isDeferred(value)
            ? "a Pulumi Output or Promise"
            : `a ${value.constructor?.name ?? "non-plain"} object`;
        const fix = isDeferred(value)
            ? "pass a plain value: only compartmentId and existingVcn's ids may be Outputs (the layout must be known before anything is registered)"
            : "pass plain data (strings, numbers, booleans, arrays and objects)";
        out.push(problem(where, `[${kind}]`, `is ${kind}, not plain data`, fix));
        return;
    }
    const next = [...ancestors, value];
    if (Array.isArray(value))
        value.forEach((item, index) => walk(item, join(path, index), next, inputs, out));
    else for (const [key, item] of Object.entries(value)) walk(item, join(path, key), next, inputs, out);
}

function scalarProblem(value: unknown, where: string): ConfigProblem | undefined {
    switch (typeof value) {
        case "bigint":
            return problem(where, value, "is a BigInt, not a number", `write ${String(value)} without the n`);
        case "function":
        case "symbol":
            return problem(
                where,
                `[${typeof value}]`,
                `is a ${typeof value}, not data`,
                "pass a plain value",
            );
        case "number":
            return Number.isFinite(value)
                ? undefined
                : problem(where, String(value), "is not a finite number", "write a whole number");
        default:
            return undefined;
    }
}
