import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { argsFromConfig, unknownStackConfigKeys, type ConfigReader } from "../config/stack-config";
import { isRecord } from "../config/plain";
import { escapeUnsafe } from "../config/text";
import { NetworkConfigError, type ConfigProblem, type WorkloadClusterNetworkArgs } from "../config/types";
import type { FlagOverrides } from "./args";
import { InputError, parseInputDocument, readInputFile } from "./files";

export { InputError } from "./files";

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

function readDocument(file: string, cwd: string): unknown {
    return parseInputDocument(readInputFile(file, cwd), file);
}

/** True when a document looks like a Pulumi stack config (`config:` with namespaced keys). */
function isStackConfig(doc: unknown): doc is { config: Record<string, unknown> } {
    return isRecord(doc) && isRecord(doc.config) && Object.keys(doc.config).some((k) => k.includes(":"));
}

/** The Pulumi.yaml beside a stack file: the project's name, its declared keys and their defaults. */
interface ProjectFile {
    /** The project name (this package's own when there is no Pulumi.yaml). */
    name: string;
    /** The Pulumi.yaml's path, when there is one. */
    path?: string;
    /** Declared config keys, bare, with their default (undefined when none). */
    declared: Map<string, unknown>;
}

function projectFile(stackFile: string, cwd: string): ProjectFile {
    const path = join(dirname(resolve(cwd, stackFile)), "Pulumi.yaml");
    const declared = new Map<string, unknown>();
    if (!existsSync(path)) return { name: PROJECT, declared };
    const doc = readDocument(path, cwd);
    const name = isRecord(doc) && typeof doc.name === "string" ? doc.name : PROJECT;
    const config = isRecord(doc) && isRecord(doc.config) ? doc.config : {};
    for (const [key, entry] of Object.entries(config)) {
        const bare = stripNamespace(key, name) ?? (key.includes(":") ? undefined : key);
        if (bare === undefined) continue;
        // Pulumi.yaml declares `key: { type, default }`, `key: { value }` or the short form `key: value`.
        declared.set(bare, isRecord(entry) ? (entry.value ?? entry.default) : entry);
    }
    return { name, path, declared };
}

function stripNamespace(key: string, project: string): string | undefined {
    for (const namespace of [PROJECT, project])
        if (key.startsWith(`${namespace}:`)) return key.slice(namespace.length + 1);
    return undefined;
}

/**
 * A stack file of another program (an example's `Pulumi.dev.yaml`) speaks that program's keys
 * (`existingVcnId`, `subnetCidrs`): planning it with the root program's defaults would plan another network.
 */
function otherProgram(file: string, project: ProjectFile, unknown: readonly ConfigProblem[]): InputError {
    const keys = unknown.map((p) => escapeUnsafe(p.path)).join(", ");
    const where = project.path === undefined ? "" : ` (${escapeUnsafe(project.path)})`;
    return new InputError(
        `${escapeUnsafe(file)} is the stack config of another program, "${escapeUnsafe(project.name)}"${where}: ` +
            `the plan reads the root program's keys and does not understand ${keys}. ` +
            `Preview it with that program (cd into its folder and run pulumi preview), or write its ` +
            `WorkloadClusterNetwork args into a file for --config`,
    );
}

/** Reads a stack config: `oke-c3-network:<key>` or `<project>:<key>` over the project's defaults. */
function loadStackConfig(file: string, doc: { config: Record<string, unknown> }, cwd: string): LoadedInput {
    const project = projectFile(file, cwd);
    const namespaces = [...new Set([PROJECT, project.name])];
    const declared = [...project.declared.keys()].map((key) => `${project.name}:${key}`);
    const unknown = unknownStackConfigKeys(
        [...declared, ...Object.keys(doc.config)],
        namespaces,
        (key) => doc.config[key],
    );
    if (unknown.length > 0) {
        if (project.name !== PROJECT) throw otherProgram(file, project, unknown);
        throw new NetworkConfigError(unknown);
    }
    // A Map, never a plain object: a `__proto__` key must stay a key.
    const values = new Map<string, unknown>();
    for (const [key, value] of project.declared) if (value !== undefined) values.set(key, value);
    for (const [key, value] of Object.entries(doc.config)) {
        const bare = stripNamespace(key, project.name);
        // Secrets (`{ secure: ... }`) cannot be decrypted offline; the plan needs none of them.
        if (bare !== undefined && !(isRecord(value) && "secure" in value)) values.set(bare, value);
    }
    const read: ConfigReader = (key) => values.get(key);
    return { args: argsFromConfig(read, PLAN_COMPARTMENT), name: project.name, source: "stack-config", file };
}

/** Reads a file of component args, or a stack config when the file is one. */
export function loadConfigFile(file: string, cwd: string, stack = false): LoadedInput {
    const doc = readDocument(file, cwd);
    if (stack || isStackConfig(doc)) {
        if (!(isRecord(doc) && isRecord(doc.config)))
            throw new InputError(
                `${escapeUnsafe(file)} is not a Pulumi stack config: expected a top-level "config:" mapping`,
            );
        return loadStackConfig(file, doc as { config: Record<string, unknown> }, cwd);
    }
    if (!isRecord(doc))
        throw new InputError(
            `${escapeUnsafe(file)} must hold a mapping of component args (cidrs, kubeClientCidrs, ...)`,
        );
    // Only the placeholder compartment is added; every key of the file is validated as the component would.
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
