import * as fs from "node:fs";
import * as path from "node:path";
import { createRequire } from "node:module";
import { describeResult, runProcess, type ProcessResult } from "../fixtures/processes";
import { runDir, sharedAcrossWorkers } from "../fixtures/shared-run";

/*
 * Packs the package as `npm publish` would and installs the tarball into a fresh project outside the
 * repository, offline. npm itself is not used to install: it would want the registry for the tarball's
 * dependencies, and linking a repository path would make it reify inside this repository's node_modules.
 * Instead the tarball is extracted into node_modules/oke-c3-network (what npm does with a tarball), its
 * dependencies and peer dependencies are symlinked from this repository's node_modules (Node resolves
 * them to their real paths, so their own dependencies resolve there too, and there is one copy of the
 * Pulumi SDK), and its `bin` entries are linked into node_modules/.bin as npm would link them.
 */

const REPO_ROOT = path.resolve(__dirname, "../..");
const NPM = process.platform === "win32" ? "npm.cmd" : "npm";
const NPX = process.platform === "win32" ? "npx.cmd" : "npx";

/** One file of the tarball, from `npm pack --json`. */
export interface PackedFile {
    path: string;
    size: number;
    mode: number;
}

/** What `npm pack --json` reports. */
export interface PackResult {
    filename: string;
    size: number;
    unpackedSize: number;
    files: PackedFile[];
}

/** The package.json fields the tests read. */
export interface Manifest {
    name: string;
    version: string;
    main?: string;
    types?: string;
    bin?: Record<string, string>;
    exports?: Record<string, string | Record<string, string>>;
    files?: string[];
    dependencies?: Record<string, string>;
    peerDependencies?: Record<string, string>;
    peerDependenciesMeta?: Record<string, { optional?: boolean }>;
    scripts?: Record<string, string>;
}

/** A packed tarball in a temporary directory. */
export interface Packed {
    /** Temporary directory holding the tarball and the consumer project. */
    dir: string;
    /** The tarball's path. */
    tarball: string;
    /** npm's report. */
    pack: PackResult;
}

/** The consumer project with the tarball installed and its TypeScript compiled. */
export interface Consumer extends Packed {
    /** The project directory. */
    project: string;
    /** The installed package's manifest. */
    manifest: Manifest;
    /** The TypeScript files compiled, relative to the project: the consumers and the examples. */
    files: string[];
    /** The `tsc --listFiles` run over them (type-check and emit). */
    tsc: ProcessResult;
}

async function ensureBuilt(): Promise<void> {
    if (fs.existsSync(path.join(REPO_ROOT, "dist", "index.js"))) return;
    const build = await runProcess(NPM, ["run", "build"], { cwd: REPO_ROOT });
    if (build.code !== 0) throw new Error(`npm run build failed\n${describeResult(build)}`);
}

/**
 * `npm pack` of the built package. `npm test` has just built dist/, so lifecycle scripts are skipped (a
 * real `npm pack`/`npm publish` runs `prepack`, a clean build). Packed once per run, for every worker.
 */
export const packed: () => Promise<Packed> = sharedAcrossWorkers("packed", async (shared) => {
    await ensureBuilt();
    const dir = fs.mkdtempSync(path.join(shared, "oke-c3-pack-"));
    const result = await runProcess(NPM, ["pack", "--json", "--ignore-scripts", "--pack-destination", dir], {
        cwd: REPO_ROOT,
    });
    if (result.code !== 0) throw new Error(`npm pack failed\n${describeResult(result)}`);
    const [pack] = JSON.parse(result.stdout) as PackResult[];
    return { dir, tarball: path.join(dir, pack.filename), pack };
});

function linkFromRepo(nodeModules: string, name: string): void {
    const target = path.join(nodeModules, name);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.symlinkSync(fs.realpathSync(path.join(REPO_ROOT, "node_modules", name)), target, "dir");
}

/** Links each `bin` entry into node_modules/.bin and makes it executable, as npm's install does. */
function linkBins(nodeModules: string, manifest: Manifest): void {
    const bins = path.join(nodeModules, ".bin");
    fs.mkdirSync(bins, { recursive: true });
    for (const [name, file] of Object.entries(manifest.bin ?? {})) {
        const target = path.join(nodeModules, manifest.name, file);
        if (!fs.existsSync(target)) continue;
        fs.chmodSync(target, 0o755);
        fs.symlinkSync(path.relative(bins, target), path.join(bins, name));
    }
}

/** The dependency names a consumer needs: the package's dependencies and peer dependencies. */
export function neededDependencies(manifest: Manifest): string[] {
    return [
        ...Object.keys(manifest.dependencies ?? {}),
        ...Object.keys(manifest.peerDependencies ?? {}),
    ].filter((name) => fs.existsSync(path.join(REPO_ROOT, "node_modules", name)));
}

/** Installs the tarball into `project` as npm would, offline (see the file comment). */
export async function install(project: string, tarball: string): Promise<Manifest> {
    const nodeModules = path.join(project, "node_modules");
    const installed = path.join(nodeModules, "oke-c3-network");
    fs.mkdirSync(installed, { recursive: true });
    const tar = await runProcess("tar", ["-xzf", tarball, "-C", installed, "--strip-components=1"], {
        cwd: project,
    });
    if (tar.code !== 0) throw new Error(`tar failed\n${describeResult(tar)}`);
    const manifest = JSON.parse(fs.readFileSync(path.join(installed, "package.json"), "utf8")) as Manifest;
    for (const name of neededDependencies(manifest)) linkFromRepo(nodeModules, name);
    linkBins(nodeModules, manifest);
    return manifest;
}

/** The consumer's code: mocks, the component from the installed package, one line of JSON out. */
function consumerSource(format: "cjs" | "esm"): string {
    const run = [
        `    await pulumi.runtime.setMocks(`,
        `        {`,
        `            newResource: (r: pulumi.runtime.MockResourceArgs) => {`,
        `                registered++;`,
        `                return { id: \`ocid1.\${r.name}\`, state: r.inputs as Record<string, unknown> };`,
        `            },`,
        `            call: (c: pulumi.runtime.MockCallArgs) => c.inputs as Record<string, unknown>,`,
        `        },`,
        `        "consumer",`,
        `        "dev",`,
        `    );`,
        `    const network = new WorkloadClusterNetwork("oke", args);`,
        `    pulumi.all([network.subnetIds, network.cidrs]).apply(([ids, cidrs]: [RoleIds, ResolvedLayout]) => {`,
        `        console.log(JSON.stringify({ format: "${format}", worker: ids.worker, cidrs, registered }));`,
        `    });`,
    ];
    return [
        `import * as pulumi from "@pulumi/pulumi";`,
        `import { Cni, WorkloadClusterNetwork } from "oke-c3-network";`,
        `import type { ResolvedLayout, RoleIds, WorkloadClusterNetworkArgs } from "oke-c3-network";`,
        ``,
        `const args: WorkloadClusterNetworkArgs = {`,
        `    compartmentId: "ocid1.compartment.oc1..consumer",`,
        `    cidrs: { vcn: "172.31.252.0/23" },`,
        `    kubeClientCidrs: ["10.0.0.0/8"],`,
        `    cni: Cni.Flannel,`,
        `};`,
        `let registered = 0;`,
        ``,
        ...(format === "esm"
            ? run.map((line) => line.replace(/^ {4}/, ""))
            : [`async function main(): Promise<void> {`, ...run, `}`, `void main();`]),
        ``,
    ].join("\n");
}

function writeJson(file: string, value: unknown): void {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify(value, null, 4)}\n`);
}

/** The TypeScript examples, which a consumer project type-checks against the installed tarball. */
export const TS_EXAMPLES = ["public-flannel", "private-vcn-native", "existing-vcn", "with-cluster"];

/** The examples' compiler options (the example tests check every example's tsconfig.json has them). */
function exampleCompilerOptions(): Record<string, unknown> {
    const file = path.join(REPO_ROOT, "examples", TS_EXAMPLES[0], "tsconfig.json");
    const { compilerOptions } = JSON.parse(fs.readFileSync(file, "utf8")) as {
        compilerOptions: Record<string, unknown>;
    };
    const options: Record<string, unknown> = {
        ...compilerOptions,
        typeRoots: [path.join(REPO_ROOT, "node_modules", "@types")],
    };
    // Emit next to each source, so that esm/index.js sits beside esm/package.json ("type": "module").
    delete options.outDir;
    return options;
}

/**
 * Writes a CommonJS project with an ESM subfolder (`"type": "module"`), both in TypeScript, plus a copy
 * of each TypeScript example: what a user who copies an example gets, `oke-c3-network` resolved through
 * the package's `types` (the example's `file:../..` resolves the same way). One TypeScript program checks
 * them all, with the examples' compiler options.
 */
function writeConsumer(project: string): string[] {
    writeJson(path.join(project, "package.json"), { name: "consumer", private: true, version: "0.0.0" });
    writeJson(path.join(project, "esm", "package.json"), { type: "module" });
    fs.writeFileSync(path.join(project, "index.ts"), consumerSource("cjs"));
    fs.writeFileSync(path.join(project, "esm", "index.ts"), consumerSource("esm"));
    const examples = TS_EXAMPLES.map((name) => `examples/${name}/index.ts`);
    for (const file of examples) {
        fs.mkdirSync(path.dirname(path.join(project, file)), { recursive: true });
        fs.copyFileSync(path.join(REPO_ROOT, file), path.join(project, file));
    }
    const files = ["index.ts", "esm/index.ts", ...examples];
    writeJson(path.join(project, "tsconfig.json"), { compilerOptions: exampleCompilerOptions(), files });
    return files;
}

/**
 * The packed tarball installed into a fresh project, its consumers type-checked and compiled; once per run,
 * for every worker (the pack tests and the examples' type-check read it).
 */
export const consumer: () => Promise<Consumer> = sharedAcrossWorkers("consumer", async () => {
    const pack = await packed();
    const project = path.join(pack.dir, "consumer");
    const manifest = await install(project, pack.tarball);
    const files = writeConsumer(project);
    const tsc = await runProcess(
        process.execPath,
        [require.resolve("typescript/bin/tsc"), "-p", ".", "--pretty", "false", "--listFiles"],
        { cwd: project },
    );
    return { ...pack, project, manifest, files, tsc };
});

/**
 * What the consumer project's `tsc` said about one of its files: whether the file was compiled at all,
 * and its errors (plus any error not tied to a file, which concerns every file).
 */
export function typecheckOf(c: Consumer, file: string): { compiled: boolean; errors: string[] } {
    const lines = c.tsc.stdout.split("\n").map((l) => l.trim());
    const compiled = lines.includes(path.join(fs.realpathSync(c.project), file));
    const errors = lines.filter((l) => l.startsWith(`${file}(`) || l.startsWith("error TS"));
    return { compiled, errors };
}

/** Runs a compiled consumer with Node. */
export function runConsumer(c: Consumer, file: string): Promise<ProcessResult> {
    return runProcess(process.execPath, [file], { cwd: c.project, timeoutMs: 30_000 });
}

/** Runs `npx oke-c3-network <args>` in the consumer project, never installing from the registry. */
export function runNpx(c: Consumer, args: readonly string[]): Promise<ProcessResult> {
    return runProcess(NPX, ["--no-install", "oke-c3-network", ...args], {
        cwd: c.project,
        timeoutMs: 30_000,
    });
}

/**
 * Removes the temporary directory, if one was made outside the run directory (mocha's global teardown
 * removes that one, once no worker needs it any more).
 */
export async function cleanUp(): Promise<void> {
    if (runDir() !== undefined) return;
    const dir = await packed().then(
        (p) => p.dir,
        () => undefined,
    );
    if (dir !== undefined) fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * `@pulumi/pulumi` versions in the peer range, other than the dev dependency, that a consumer may have. The
 * peer range is `^3.248.0`; 3.248.0 (its lowest version, and the newest whose `engines` admits Node 20) is
 * the dev dependency the main consumer above runs with. 3.249.0 declares `node >= 22` but installs on Node
 * 20 (npm only warns) and runs there.
 */
export const OTHER_PULUMI_VERSIONS = ["3.249.0"];

/** Where each other SDK version is installed once from the npm registry (`npm ci` clears it). */
const SDK_CACHE = path.join(REPO_ROOT, "node_modules", ".cache", "oke-c3-network-sdks");

function installedVersion(dir: string): string | undefined {
    const file = path.join(dir, "node_modules", "@pulumi", "pulumi", "package.json");
    if (!fs.existsSync(file)) return undefined;
    return (JSON.parse(fs.readFileSync(file, "utf8")) as { version: string }).version;
}

/**
 * A folder holding `@pulumi/pulumi@version` from the registry, and a copy (hard links) of this repository's
 * `@pulumi/oci` beside it, so that the OCI SDK resolves that same Pulumi SDK (a symlink would resolve to
 * this repository's copy).
 */
async function sdkInstall(version: string): Promise<string> {
    const dir = path.join(SDK_CACHE, version);
    const oci = path.join(dir, "node_modules", "@pulumi", "oci");
    if (installedVersion(dir) !== version || !fs.existsSync(path.join(oci, "package.json"))) {
        fs.rmSync(dir, { recursive: true, force: true });
        writeJson(path.join(dir, "package.json"), { name: "sdk-cache", private: true, version: "0.0.0" });
        if (!(await sdkAlone(dir, version))) await sdkWithDependencies(dir, version);
        if (installedVersion(dir) !== version) throw new Error(`@pulumi/pulumi@${version} was not installed`);
        copyTree(fs.realpathSync(path.join(REPO_ROOT, "node_modules", "@pulumi", "oci")), oci);
    }
    return dir;
}

/** npm's semver, as the Pulumi SDK (which depends on it) resolves it. */
const semver = createRequire(require.resolve("@pulumi/pulumi/package.json"))("semver") as {
    satisfies(version: string, range: string): boolean;
};

/** The dependencies a package declares that this repository's top-level copies do not satisfy. */
function unsatisfiedDependencies(manifest: Manifest): string[] {
    return Object.entries(manifest.dependencies ?? {})
        .filter(([name, range]) => {
            const file = path.join(REPO_ROOT, "node_modules", name, "package.json");
            if (!fs.existsSync(file)) return true;
            const { version } = JSON.parse(fs.readFileSync(file, "utf8")) as Manifest;
            return !semver.satisfies(version, range);
        })
        .map(([name, range]) => `${name}@${range}`);
}

/**
 * Only the SDK's own package, from the registry (npm's cache when it holds it), when this repository's
 * copies satisfy every dependency it declares: the SDK folder sits inside this repository's node_modules,
 * so Node finds them there, as npm would have deduplicated them in a consumer's project. Installing the
 * whole tree instead costs about 20 s of CPU. False when a dependency is not satisfied (nothing kept).
 */
async function sdkAlone(dir: string, version: string): Promise<boolean> {
    const pack = await runProcess(
        NPM,
        ["pack", "--json", "--prefer-offline", "--pack-destination", dir, `@pulumi/pulumi@${version}`],
        { cwd: dir, timeoutMs: 120_000 },
    );
    if (pack.code !== 0)
        throw new Error(`npm pack @pulumi/pulumi@${version} failed\n${describeResult(pack)}`);
    const [{ filename }] = JSON.parse(pack.stdout) as PackResult[];
    const target = path.join(dir, "node_modules", "@pulumi", "pulumi");
    fs.mkdirSync(target, { recursive: true });
    const tar = await runProcess(
        "tar",
        ["-xzf", path.join(dir, filename), "-C", target, "--strip-components=1"],
        {
            cwd: dir,
        },
    );
    if (tar.code !== 0) throw new Error(`tar failed\n${describeResult(tar)}`);
    const manifest = JSON.parse(fs.readFileSync(path.join(target, "package.json"), "utf8")) as Manifest;
    if (unsatisfiedDependencies(manifest).length === 0) return true;
    fs.rmSync(path.join(dir, "node_modules"), { recursive: true, force: true });
    return false;
}

/** The SDK and its whole dependency tree, installed by npm. */
async function sdkWithDependencies(dir: string, version: string): Promise<void> {
    const npm = await runProcess(
        NPM,
        [
            "install",
            "--prefer-offline",
            "--no-audit",
            "--no-fund",
            "--no-save",
            "--ignore-scripts",
            "--engine-strict=false",
            `@pulumi/pulumi@${version}`,
        ],
        { cwd: dir, timeoutMs: 300_000 },
    );
    if (npm.code !== 0)
        throw new Error(`npm install @pulumi/pulumi@${version} failed\n${describeResult(npm)}`);
}

/**
 * Copies a directory as hard links (same file system: `node_modules/.cache` sits in `node_modules`), which
 * takes a tenth of the time of copying the OCI SDK's 14,000 files; copies where linking is refused.
 */
function copyTree(from: string, to: string): void {
    fs.mkdirSync(to, { recursive: true });
    for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
        const source = path.join(from, entry.name);
        const target = path.join(to, entry.name);
        if (entry.isDirectory()) copyTree(source, target);
        else if (entry.isSymbolicLink()) fs.symlinkSync(fs.readlinkSync(source), target);
        else {
            try {
                fs.linkSync(source, target);
            } catch {
                fs.copyFileSync(source, target);
            }
        }
    }
}

/** A consumer project whose `@pulumi/pulumi` (the one the package and the OCI SDK load) is another version. */
export interface VersionedConsumer {
    /** The project directory. */
    project: string;
    /** The `@pulumi/pulumi` version installed. */
    version: string;
}

/** The tarball installed next to `@pulumi/pulumi@version` in a fresh project. */
export async function consumerWithPulumi(version: string): Promise<VersionedConsumer> {
    const [pack, sdk] = await Promise.all([packed(), sdkInstall(version)]);
    const project = path.join(pack.dir, `consumer-pulumi-${version}`);
    const nodeModules = path.join(project, "node_modules");
    const installed = path.join(nodeModules, "oke-c3-network");
    fs.mkdirSync(installed, { recursive: true });
    writeJson(path.join(project, "package.json"), { name: "consumer", private: true, version: "0.0.0" });
    const tar = await runProcess("tar", ["-xzf", pack.tarball, "-C", installed, "--strip-components=1"], {
        cwd: project,
    });
    if (tar.code !== 0) throw new Error(`tar failed\n${describeResult(tar)}`);
    const manifest = JSON.parse(fs.readFileSync(path.join(installed, "package.json"), "utf8")) as Manifest;
    for (const name of Object.keys(manifest.dependencies ?? {})) linkFromRepo(nodeModules, name);
    for (const name of ["@pulumi/pulumi", "@pulumi/oci"]) {
        fs.mkdirSync(path.dirname(path.join(nodeModules, name)), { recursive: true });
        fs.symlinkSync(path.join(sdk, "node_modules", name), path.join(nodeModules, name), "dir");
    }
    linkBins(nodeModules, manifest);
    return { project, version };
}

/** The `@pulumi/pulumi` version a module resolves from inside a project (the package, or the OCI SDK). */
export async function pulumiVersionSeenBy(project: string, from: string): Promise<string> {
    const script =
        `const p = require.resolve("@pulumi/pulumi/package.json", { paths: [require.resolve(${JSON.stringify(from)})] });` +
        `console.log(require(p).version);`;
    const run = await runProcess(process.execPath, ["-e", script], { cwd: project });
    if (run.code !== 0) throw new Error(describeResult(run));
    return run.stdout.trim();
}
