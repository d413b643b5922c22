import * as fs from "node:fs";
import Module from "node:module";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { parse } from "yaml";
import type { RequiredFlow, ResolvedFlow } from "../../src/catalogue/types";
import { NetworkConfigError } from "../../src/config/types";
import { recordProgram, valueOf } from "../../src/testing/mock-run";
import type { ResourceRecord } from "../../src/analysis/model/resources";
import { SUBNET_ROLES } from "../../src/c3/roles";

/*
 * Runs the example projects the way `pulumi up` would, but in-process under Pulumi's mock engine: the
 * stack's `Pulumi.dev.yaml` becomes the program's config, the program file is required, and every resource
 * it registers is recorded. Examples depend on the package by `file:../..` and have no node_modules in a
 * fresh clone, so while an example loads, `oke-c3-network` resolves to this repository's `src/` and
 * `@pulumi/*` to the root node_modules (one copy of the Pulumi SDK, the one the mocks are set on).
 */

/** The repository root. */
export const REPO_ROOT = path.resolve(__dirname, "../..");
/** Where the examples live. */
export const EXAMPLES_DIR = path.join(REPO_ROOT, "examples");
/** The package entry the examples import, as source. */
const SRC_INDEX = path.join(REPO_ROOT, "src", "index.ts");

/** An example's `Pulumi.yaml`, the fields the tests read. */
export interface ProjectFile {
    name: string;
    runtime: string | { name: string; options?: Record<string, unknown> };
    description?: string;
    main?: string;
    config?: Record<string, { type?: string; default?: unknown }>;
    packages?: Record<string, string>;
    resources?: Record<string, { type: string; properties?: Record<string, unknown> }>;
    outputs?: Record<string, unknown>;
}

/** Reads and parses a YAML file of an example. */
export function readExampleYaml<T>(example: string, file: string): T {
    return parse(fs.readFileSync(path.join(EXAMPLES_DIR, example, file), "utf8")) as T;
}

/** The example's project file. */
export function projectOf(example: string): ProjectFile {
    return readExampleYaml<ProjectFile>(example, "Pulumi.yaml");
}

/** The raw values of a stack's config file, keyed `<project>:<key>`. */
export function stackValues(example: string, stack = "dev"): Record<string, unknown> {
    return (
        readExampleYaml<{ config?: Record<string, unknown> }>(example, `Pulumi.${stack}.yaml`).config ?? {}
    );
}

/**
 * A stack's config as the Pulumi CLI hands it to a Node.js program: keys `<project>:<key>`, strings as they
 * are, every other value (numbers, booleans, lists, objects) as JSON, which `Config.getNumber`,
 * `getBoolean` and `getObject` parse back.
 */
export function stackConfig(example: string, stack = "dev"): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [key, value] of Object.entries(stackValues(example, stack)))
        out[key] = typeof value === "string" ? value : JSON.stringify(value);
    return out;
}

type Resolve = (
    request: string,
    parent: { filename?: string | null } | undefined,
    ...rest: unknown[]
) => string;
const moduleInternals = Module as unknown as { _resolveFilename: Resolve };

/** Runs `load` with the examples' imports resolved against this repository (see the file comment). */
export function withRepoResolution<T>(load: () => T): T {
    const original = moduleInternals._resolveFilename;
    moduleInternals._resolveFilename = function (this: unknown, request, parent, ...rest) {
        if (parent?.filename?.startsWith(EXAMPLES_DIR + path.sep)) {
            if (request === "oke-c3-network") return SRC_INDEX;
            if (request.startsWith("@pulumi/")) return require.resolve(request, { paths: [REPO_ROOT] });
        }
        return original.call(this, request, parent, ...rest);
    };
    try {
        return load();
    } finally {
        moduleInternals._resolveFilename = original;
    }
}

/** What one run of an example left: the registered resources and the program's resolved exports. */
export interface ExampleRun {
    /** Every resource registered, in order. */
    records: ResourceRecord[];
    /** The program's exports (its stack outputs), with Outputs resolved. */
    outputs: Record<string, unknown>;
}

async function resolveExports(exports: Record<string, unknown>): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(exports))
        out[key] = pulumi.Output.isInstance(value) ? await valueOf(value) : value;
    return out;
}

/**
 * Runs a TypeScript example under the mock engine with its `Pulumi.dev.yaml` config; `overrides` replace
 * single keys (without the project prefix) to exercise other branches of the same program.
 */
export async function runExample(
    example: string,
    overrides: Record<string, unknown> = {},
): Promise<ExampleRun> {
    const project = projectOf(example).name;
    const config = stackConfig(example);
    for (const [key, value] of Object.entries(overrides))
        config[`${project}:${key}`] = typeof value === "string" ? value : JSON.stringify(value);
    const file = path.join(EXAMPLES_DIR, example, "index.ts");
    try {
        const run = await recordProgram(
            () => {
                pulumi.runtime.setAllConfig(config);
                // Loaded the way Pulumi's Node.js host loads a program: required, after the config is set.
                delete require.cache[file];
                // eslint-disable-next-line @typescript-eslint/no-require-imports
                return withRepoResolution(() => require(file) as Record<string, unknown>);
            },
            { project, stack: "dev" },
        );
        return { records: run.records, outputs: await resolveExports(run.result) };
    } finally {
        pulumi.runtime.setAllConfig({});
    }
}

/**
 * Why an example cannot run yet, when the component refuses its config as "not supported yet" (a topology
 * still being written); undefined for any other outcome, so a real refusal still fails the test.
 */
export function unsupportedReason(error: unknown): string | undefined {
    if (!(error instanceof NetworkConfigError)) return undefined;
    const unsupported = error.problems.filter((p) => /not supported yet/i.test(p.message));
    if (unsupported.length === 0) return undefined;
    return unsupported.map((p) => `${p.path}: ${p.message}`).join("; ");
}

const PROTOCOLS = new Set(["tcp", "udp", "icmp", "all"]);
const ROLES = new Set<string>([...SUBNET_ROLES, "all"]);

/**
 * The `requiredFlows` stack output as the analyzer's typed flows. The output widens enumerations to
 * strings for other languages; this narrows them back and fails loudly on anything unexpected.
 */
export function asResolvedFlows(flows: readonly RequiredFlow[]): ResolvedFlow[] {
    return flows.map((flow) => {
        if (!PROTOCOLS.has(flow.protocol)) throw new Error(`${flow.id}: unknown protocol ${flow.protocol}`);
        for (const end of [flow.source, flow.destination])
            if (end.role !== undefined && !ROLES.has(end.role))
                throw new Error(`${flow.id}: unknown role ${end.role}`);
        return flow as unknown as ResolvedFlow;
    });
}
