import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import {
    LocalWorkspace,
    PulumiCommand,
    type EngineEvent,
    type OpType,
    type ProjectSettings,
    type PulumiFn,
    type Stack,
} from "@pulumi/pulumi/automation";
import { parse, stringify } from "yaml";
import { describeResult, runProcess } from "../../sdk-tests/fixtures/processes";
import { install, packed } from "../../sdk-tests/package/consumer";

/*
 * The real Pulumi CLI (built from Go modules by engine/build.sh) driving programs on a local file backend, with
 * the stand-in `oci` provider installed into a throwaway PULUMI_HOME. No Node.js language host can be built
 * (github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3 is not served by the Go module proxy), so
 * programs run as Automation API inline programs: the CLI is `pulumi preview`/`pulumi up` itself, the engine,
 * the provider protocol and the policy analyzer are real, and the program's language runtime is the Automation
 * API's in-process one instead of `pulumi-language-nodejs`.
 */

/** The repository root. */
export const REPO_ROOT = path.resolve(__dirname, "../..");
/** Where engine/build.sh puts the binaries. */
export const BIN = path.join(REPO_ROOT, "engine", "bin");
/** The stand-in provider binary (off PATH on purpose, installed with `pulumi plugin install --file`). */
export const STAND_IN = path.join(BIN, "stand-in", "pulumi-resource-oci");
/** The @pulumi/oci version the package is tested with; the SDK asks the engine for this plugin version. */
export const OCI_VERSION = (
    JSON.parse(
        fs.readFileSync(path.join(REPO_ROOT, "node_modules", "@pulumi", "oci", "package.json"), "utf8"),
    ) as { version: string }
).version;
/** A compartment OCID of the shape the config validation accepts. */
export const COMPARTMENT = "ocid1.compartment.oc1..engine";

/** True when the Go toolchain is on PATH (the only reason the suite may skip). */
export function goAvailable(): boolean {
    const go = spawnSync("go", ["version"], { encoding: "utf8" });
    return go.status === 0;
}

/** What the suite's root hook prepared: the CLI, a PULUMI_HOME with the stand-in, an installed package. */
export interface Engine {
    /** The temporary directory everything lives in. */
    dir: string;
    /** The CLI the Automation API drives. */
    command: PulumiCommand;
    /** `pulumi version`. */
    version: string;
    /** The environment of every run. */
    env: Record<string, string>;
    /** A consumer project with the packed package installed, as a user's project has it. */
    consumer: string;
    /** The pack as a user runs it: node_modules/oke-c3-network/policy of the consumer. */
    policyPack: string;
}

let ready: Engine | undefined;

/** The prepared engine, or undefined before (or without) the root hook. */
export function prepared(): Engine | undefined {
    return ready;
}

/** The engine prepared by the root hook. */
export function engine(): Engine {
    if (ready === undefined) throw new Error("engine suite: the root hook did not run");
    return ready;
}

/** Runs a command, failing with its output when it exits non-zero. */
export async function mustRun(
    command: string,
    args: string[],
    cwd: string,
    timeoutMs = 120_000,
): Promise<string> {
    const result = await runProcess(command, args, { cwd, timeoutMs });
    if (result.code !== 0) throw new Error(`${command} ${args.join(" ")} failed\n${describeResult(result)}`);
    return result.stdout;
}

/** Builds the binaries (seconds with a warm cache), makes the environment, installs the stand-in and the package. */
export async function prepare(log: (line: string) => void): Promise<Engine> {
    const started = Date.now();
    const build = await runProcess("bash", [path.join(REPO_ROOT, "engine", "build.sh")], {
        cwd: REPO_ROOT,
        timeoutMs: 45 * 60_000,
    });
    if (build.code !== 0) throw new Error(`engine/build.sh failed\n${describeResult(build)}`);
    log(`engine/build.sh: ${Math.round((Date.now() - started) / 1000)} s (${build.stdout.trim()})`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "oke-c3-engine-"));
    const env: Record<string, string> = {
        PULUMI_HOME: path.join(dir, "pulumi-home"),
        PULUMI_BACKEND_URL: `file://${path.join(dir, "state")}`,
        PULUMI_CONFIG_PASSPHRASE: "engine-tests",
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        PATH: `${BIN}${path.delimiter}${process.env.PATH ?? ""}`,
    };
    fs.mkdirSync(path.join(dir, "state"), { recursive: true });
    // In this process too: inline programs run here, and the CLI and the analyzer shim inherit it.
    Object.assign(process.env, env);
    const pulumi = path.join(BIN, "pulumi");
    await mustRun(pulumi, ["plugin", "install", "resource", "oci", OCI_VERSION, "--file", STAND_IN], dir);
    log(`plugins: ${(await mustRun(pulumi, ["plugin", "ls"], dir)).trim().replace(/\s+/g, " ")}`);
    const command = await PulumiCommand.get({ root: path.join(REPO_ROOT, "engine") });
    const version = (await mustRun(pulumi, ["version"], dir)).trim();
    const pack = await packed();
    const consumer = path.join(dir, "consumer");
    fs.mkdirSync(consumer, { recursive: true });
    await install(consumer, pack.tarball);
    ready = {
        dir,
        command,
        version,
        env,
        consumer,
        policyPack: path.join(consumer, "node_modules", "oke-c3-network", "policy"),
    };
    return ready;
}

/** A project file: Pulumi.yaml's `config` is a map of declared keys (the Automation API types it as a path). */
export type Project = Omit<ProjectSettings, "config"> & { config?: Record<string, unknown> };

/** A project's Pulumi.yaml as project settings for an inline program (its `main` is the inline function). */
export function projectSettings(file: string): Project {
    const project = parse(fs.readFileSync(file, "utf8")) as Project;
    return {
        name: project.name,
        runtime: "nodejs",
        ...(project.config === undefined ? {} : { config: project.config }),
    };
}

/** A fresh stack of an inline program in its own work directory, on the suite's backend. */
export async function newStack(project: Project, stackName: string, program: PulumiFn): Promise<Stack> {
    const e = engine();
    const workDir = fs.mkdtempSync(path.join(e.dir, `${project.name}-${stackName}-`));
    return LocalWorkspace.createStack(
        { projectName: project.name, stackName, program },
        { workDir, pulumiCommand: e.command, envVars: e.env, projectSettings: project as ProjectSettings },
    );
}

/**
 * Writes the stack's config into its `Pulumi.<stack>.yaml` as a user writes it: YAML values (lists and objects
 * as such, so the CLI checks them against the project's declared types), keys namespaced by the project unless
 * they already are. Whatever else the file holds (the passphrase's salt) is kept.
 */
export function setConfig(stack: Stack, values: Record<string, unknown>): void {
    const file = path.join(stack.workspace.workDir, `Pulumi.${stack.name}.yaml`);
    const settings = (fs.existsSync(file) ? parse(fs.readFileSync(file, "utf8")) : {}) as Record<
        string,
        unknown
    >;
    const { name: project } = parse(
        fs.readFileSync(path.join(stack.workspace.workDir, "Pulumi.yaml"), "utf8"),
    ) as Project;
    const config: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(values))
        config[key.includes(":") ? key : `${project}:${key}`] = value;
    fs.writeFileSync(file, stringify({ ...settings, config }));
}

/** One resource step the engine announced (`resourcePreEvent`). */
export interface Step {
    op: OpType;
    type: string;
    name: string;
}

/** A policy violation as the engine reported it (`policyEvent`). */
export interface EngineViolation {
    policy: string;
    level: string;
    /** The blamed resource's `type::name`, when there is one. */
    resource?: string;
    message: string;
}

/** The engine's summary of one AnalyzeStack call. */
export interface StackSummary {
    policyPackName: string;
    passed?: string[];
    failed?: string[];
}

/** What a run's engine events say. */
export interface Events {
    steps: Step[];
    violations: EngineViolation[];
    /** What the engine's `policyAnalyzeStackSummaryEvent`s say each pack's stack policies did. */
    stackSummaries: StackSummary[];
    /** The raw event stream, for assertion messages. */
    raw: EngineEvent[];
}

/** `type::name` of a URN (urn:pulumi:stack::project::parent$type::name). */
export function typeAndName(urn: string): string {
    const parts = urn.split("::");
    const types = parts[2].split("$");
    return `${types[types.length - 1]}::${parts.slice(3).join("::")}`;
}

/** Collects the steps and policy reports of a run from its engine events. */
export function collector(): { events: Events; onEvent: (event: EngineEvent) => void } {
    const events: Events = { steps: [], violations: [], stackSummaries: [], raw: [] };
    const onEvent = (event: EngineEvent): void => {
        events.raw.push(event);
        const pre = event.resourcePreEvent?.metadata;
        if (pre !== undefined) {
            const [type, name] = typeAndName(pre.urn).split("::");
            events.steps.push({ op: pre.op, type, name });
        }
        // The engine sends it (sdk/go/common/apitype/events.go); the Node.js SDK's event types omit it.
        const summary = (event as { policyAnalyzeStackSummaryEvent?: StackSummary })
            .policyAnalyzeStackSummaryEvent;
        if (summary !== undefined) events.stackSummaries.push(summary);
        const policy = event.policyEvent;
        if (policy !== undefined)
            events.violations.push({
                policy: policy.policyName,
                level: policy.enforcementLevel,
                ...(policy.resourceUrn === undefined || policy.resourceUrn === ""
                    ? {}
                    : { resource: typeAndName(policy.resourceUrn) }),
                // The engine's event adds one newline to the analyzer's message (pkg/engine/events.go).
                message: policy.message.replace(/\n$/, ""),
            });
    };
    return { events, onEvent };
}
