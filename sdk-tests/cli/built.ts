import { execFile, execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

/*
 * Runs the BUILT command (`node dist/cli/main.js`) as a child process, the way `npx oke-c3-network` runs it.
 * `npm test` builds first; a bare `npx mocha` may find dist/ older than src/, so it is rebuilt then.
 */

/** The package root. */
export const ROOT = resolve(__dirname, "..", "..");

/** The built executable. */
export const MAIN = join(ROOT, "dist", "cli", "main.js");

/** What one run printed and returned. */
export interface CliRun {
    code: number;
    stdout: string;
    stderr: string;
}

function newestMtime(dir: string): number {
    let newest = 0;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
    }
    return newest;
}

/** Builds dist/ when it is missing or older than src/. */
export function ensureBuilt(): void {
    if (existsSync(MAIN) && statSync(MAIN).mtimeMs >= newestMtime(join(ROOT, "src"))) return;
    try {
        execFileSync(
            process.execPath,
            [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.build.json"],
            {
                cwd: ROOT,
                stdio: "pipe",
            },
        );
    } catch {
        // tsc still emits when another module has a type error; the tests then say what is wrong.
    }
}

/** Runs `node dist/cli/main.js <args>`; never rejects. */
export function runBuilt(
    args: readonly string[],
    options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<CliRun> {
    return new Promise((resolvePromise) => {
        execFile(
            process.execPath,
            [MAIN, ...args],
            {
                cwd: options.cwd ?? ROOT,
                env: options.env ?? { ...process.env, NO_COLOR: undefined },
                maxBuffer: 32 * 1024 * 1024,
            },
            (error, stdout, stderr) => {
                const code = error === null ? 0 : typeof error.code === "number" ? error.code : -1;
                resolvePromise({ code, stdout, stderr });
            },
        );
    });
}

const shared = new Map<string, Promise<CliRun>>();

/**
 * One run per distinct command line for the whole mocha process: test files that need the same output
 * (the Markdown plan for the flow matrix, the snapshot and the Mermaid check) share a single child process.
 */
export function sharedRun(args: readonly string[], cwd?: string): Promise<CliRun> {
    const key = JSON.stringify([args, cwd ?? ""]);
    let run = shared.get(key);
    if (run === undefined) {
        ensureBuilt();
        run = runBuilt(args, cwd === undefined ? {} : { cwd });
        shared.set(key, run);
    }
    return run;
}
