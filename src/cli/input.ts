import { readFileSync, existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parse as parseYaml } from "yaml";
import { argsFromConfig, type ConfigReader } from "../config/stack-config";
import type { WorkloadClusterNetworkArgs } from "../config/types";
import type { FlagOverrides } from "./args";

/*
 * Where the plan's config comes from: the root program's defaults (Oracle's example layout, as Pulumi.yaml
 * declares them), a YAML/JSON file of component args, or a Pulumi stack config file merged with its
 * project's Pulumi.yaml, exactly as `pulumi up` would read them; flags then override single values. Only the
 * files the user names (and that Pulumi.yaml) are read.
 */

/** The package's own project name: the root program's config namespace and default component name. */
export const PROJECT = "oke-c3-network";

/** A placeholder compartment: the plan creates nothing, and validation does not need a real OCID. */
export const PLAN_COMPARTMENT = "ocid1.compartment.oc1..plan";

/** Bad input the user must fix (exit code 2). */
export class InputError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "InputError";
    }
}

/** Loaded input: the component args, its name and where they came from. */
export interface LoadedInput {
    /** The component args. */
    args: WorkloadClusterNetworkArgs;
    /** The component's logical name. */
    name: string;
    /** `defaults`, `flags`, `config` or `stack-config`. */
    source: "defaults" | "flags" | "config" | "stack-config";
    /** The file read, as given. */
    file?: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

function readDocument(file: string, cwd: string): unknown {
    const path = resolve(cwd, file);
    let text: string;
    try {
        text = readFileSync(path, "utf8");
    } catch (error) {
        throw new InputError(
            `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
        );
    }
    try {
        // YAML 1.2 is a superset of JSON, so one parser reads both.
        return parseYaml(text) as unknown;
    } catch (error) {
        throw new InputError(`${file} is not valid YAML or JSON: ${(error as Error).message.split("\n")[0]}`);
    }
}

/** True when a document looks like a Pulumi stack config (`config:` with namespaced keys). */
function isStackConfig(doc: unknown): doc is { config: Record<string, unknown> } {
    return isRecord(doc) && isRecord(doc.config) && Object.keys(doc.config).some((k) => k.includes(":"));
}

/** The project's name and config defaults from the Pulumi.yaml next to a stack file, when there is one. */
function projectDefaults(stackFile: string, cwd: string): { name: string; values: Record<string, unknown> } {
    const path = join(dirname(resolve(cwd, stackFile)), "Pulumi.yaml");
    if (!existsSync(path)) return { name: PROJECT, values: {} };
    const doc = readDocument(path, cwd);
    const name = isRecord(doc) && typeof doc.name === "string" ? doc.name : PROJECT;
    const values: Record<string, unknown> = {};
    const config = isRecord(doc) && isRecord(doc.config) ? doc.config : {};
    for (const [key, entry] of Object.entries(config)) {
        const bare = stripNamespace(key, name) ?? (key.includes(":") ? undefined : key);
        if (bare === undefined) continue;
        // Pulumi.yaml declares `key: { type, default }`, `key: { value }` or the short form `key: value`.
        const value = isRecord(entry) ? (entry.value ?? entry.default) : entry;
        if (value !== undefined) values[bare] = value;
    }
    return { name, values };
}

function stripNamespace(key: string, project: string): string | undefined {
    for (const namespace of [PROJECT, project])
        if (key.startsWith(`${namespace}:`)) return key.slice(namespace.length + 1);
    return undefined;
}

/** Reads a stack config: `oke-c3-network:<key>` or `<project>:<key>` over the project's defaults. */
function loadStackConfig(file: string, doc: { config: Record<string, unknown> }, cwd: string): LoadedInput {
    const project = projectDefaults(file, cwd);
    const values = { ...project.values };
    for (const [key, value] of Object.entries(doc.config)) {
        const bare = stripNamespace(key, project.name);
        // Secrets (`{ secure: ... }`) cannot be decrypted offline; the plan needs none of them.
        if (bare !== undefined && !(isRecord(value) && "secure" in value)) values[bare] = value;
    }
    const read: ConfigReader = (key) => values[key];
    return { args: argsFromConfig(read, PLAN_COMPARTMENT), name: project.name, source: "stack-config", file };
}

/** Reads a file of component args, or a stack config when the file is one. */
export function loadConfigFile(file: string, cwd: string, stack = false): LoadedInput {
    const doc = readDocument(file, cwd);
    if (stack || isStackConfig(doc)) {
        if (!isStackConfig(doc) && !(isRecord(doc) && isRecord(doc.config)))
            throw new InputError(
                `${file} is not a Pulumi stack config: expected a top-level "config:" mapping`,
            );
        return loadStackConfig(file, doc as { config: Record<string, unknown> }, cwd);
    }
    if (!isRecord(doc))
        throw new InputError(`${file} must hold a mapping of component args (cidrs, kubeClientCidrs, ...)`);
    const args = { compartmentId: PLAN_COMPARTMENT, ...doc } as unknown as WorkloadClusterNetworkArgs;
    return { args, name: PROJECT, source: "config", file };
}

/** The root program's default config: Oracle's example layout (Pulumi.yaml's defaults). */
export function defaultInput(): LoadedInput {
    return { args: argsFromConfig(() => undefined, PLAN_COMPARTMENT), name: PROJECT, source: "defaults" };
}

/** Applies flag values over loaded args; CIDR flags set single fields of `cidrs`. */
export function applyOverrides(input: LoadedInput, overrides: FlagOverrides): LoadedInput {
    const { vcn, worker, serviceLb, controlPlane, controlPlaneEndpoint, pod, ...rest } = overrides;
    const cidrFlags = { vcn, worker, serviceLb, controlPlane, controlPlaneEndpoint, pod };
    const given = Object.fromEntries(Object.entries(cidrFlags).filter(([, v]) => v !== undefined));
    const base: Record<string, unknown> = { ...(input.args as unknown as Record<string, unknown>) };
    if (Object.keys(given).length > 0) base.cidrs = { ...(isRecord(base.cidrs) ? base.cidrs : {}), ...given };
    const args = { ...base, ...rest } as unknown as WorkloadClusterNetworkArgs;
    const changed = Object.keys(overrides).length > 0;
    return { ...input, args, source: changed && input.source === "defaults" ? "flags" : input.source };
}
