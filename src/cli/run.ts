import { readFileSync } from "node:fs";
import { join } from "node:path";
import { NetworkConfigError } from "../config/types";
import { parseCli, USAGE, type CliOptions } from "./args";
import { diffPlans, type PlanDiff } from "./diff";
import { applyOverrides, defaultInput, InputError, loadConfigFile, type LoadedInput } from "./input";
import { colourWanted, painter } from "./layout";
import type { OfflinePlan } from "./plan";
import { resolveNetwork } from "../config/resolve";
import { planNetwork } from "../plan/plan";
import { renderJson } from "./render-json";
import { renderMarkdown } from "./render-markdown";
import { renderTable } from "./render-table";
import { forMarkdown, forTerminal, jsonSafe } from "./sanitize";
import { type CliIo, verdictOf, EXIT } from "./verdict";

/*
 * `oke-c3-network plan`: arguments → input → offline plan (and baseline for --diff) → one rendering on
 * stdout, problems on stderr, and an exit code a CI job can gate on: 0 every required flow holds, 1 a flow
 * fails or a finding reaches --fail-on, 2 bad input (arguments, files, or a config the component refuses).
 */

function packageVersion(): string {
    // dist/cli/main.js and src/cli/run.ts both sit two levels below the package root.
    const text = readFileSync(join(__dirname, "..", "..", "package.json"), "utf8");
    return (JSON.parse(text) as { version: string }).version;
}

function loadInput(options: CliOptions, cwd: string): LoadedInput {
    const base =
        options.config !== undefined
            ? loadConfigFile(options.config, cwd)
            : options.stackConfig !== undefined
              ? loadConfigFile(options.stackConfig, cwd, true)
              : defaultInput();
    const input = applyOverrides(base, options.overrides);
    return options.name === undefined ? input : { ...input, name: options.name };
}

/**
 * The planner module, loaded only when a plan is made: it pulls in @pulumi/pulumi and @pulumi/oci, which
 * take most of a second to load, and `--help` or a bad argument should answer at once.
 */
function planner(): typeof import("./plan") {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require("./plan") as typeof import("./plan");
}

async function planOrReport(
    input: LoadedInput,
    options: CliOptions,
    io: CliIo,
    what: string,
): Promise<OfflinePlan | undefined> {
    try {
        // Validate and plan first, as the component does, so a refused config never loads Pulumi.
        const args = input.args;
        planNetwork(resolveNetwork(input.name, args));
        return await planner().planOffline(input, options.allowAnywhere);
    } catch (error) {
        if (!(error instanceof NetworkConfigError)) throw error;
        io.stderr.write(`${what === "" ? "" : `${what}: `}${error.message}\n`);
        return undefined;
    }
}

function render(options: CliOptions, plan: OfflinePlan, diff: PlanDiff | undefined, io: CliIo): number {
    const verdict = verdictOf(plan.report, options.failOn);
    let text: string;
    if (options.format === "json") text = jsonSafe(renderJson(plan, diff, verdict.code));
    else if (options.format === "markdown")
        text = renderMarkdown(forMarkdown(plan), forMarkdown(diff), forMarkdown(verdict.text));
    else {
        const paint = painter(colourWanted(io.stdout.isTTY, io.env));
        text = renderTable(forTerminal(plan), forTerminal(diff), forTerminal(verdict.text), paint);
    }
    io.stdout.write(text);
    return verdict.code;
}

async function plan(options: CliOptions, io: CliIo): Promise<number> {
    let input: LoadedInput;
    let baseline: LoadedInput | undefined;
    try {
        input = loadInput(options, io.cwd);
        // The baseline gets the planned network's name, so names and identities differ only where configs do.
        if (options.diff !== undefined)
            baseline = { ...loadConfigFile(options.diff, io.cwd), name: input.name };
    } catch (error) {
        if (error instanceof NetworkConfigError) io.stderr.write(`${error.message}\n`);
        else if (error instanceof InputError) io.stderr.write(`oke-c3-network: ${error.message}\n`);
        else throw error;
        return EXIT.badInput;
    }
    const planned = await planOrReport(input, options, io, "");
    if (planned === undefined) return EXIT.badInput;
    let diff: PlanDiff | undefined;
    if (baseline !== undefined && options.diff !== undefined) {
        const before = await planOrReport(baseline, options, io, `--diff ${options.diff}`);
        if (before === undefined) return EXIT.badInput;
        diff = diffPlans(before, planned, options.diff);
    }
    return render(options, planned, diff, io);
}

/** The verify command, loaded only when it runs (like the planner). */
function verifier(): typeof import("./verify") {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require("./verify") as typeof import("./verify");
}

/** Runs the command line; resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
    // `verify` has its own arguments (src/cli/verify.ts); it must be the first word.
    if (argv[0] === "verify") return verifier().runVerify(argv.slice(1), io);
    const parsed = parseCli(argv);
    switch (parsed.kind) {
        case "help":
            io.stdout.write(`${USAGE}\n`);
            return EXIT.ok;
        case "version":
            io.stdout.write(`${packageVersion()}\n`);
            return EXIT.ok;
        case "error":
            io.stderr.write(`oke-c3-network: ${parsed.message}\n\n${USAGE}\n`);
            return EXIT.badInput;
        case "options":
            return plan(parsed.options, io);
    }
}
