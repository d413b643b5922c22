#!/usr/bin/env node
/*
 * The `oke-c3-network` executable (package `bin`). Kept to the process boundary: arguments in, exit code
 * out; everything else lives in run.ts so it can be tested in-process.
 */
import { runCli } from "./run";

// `plan | head` closes the pipe early: that is the reader's choice, not an error worth a stack trace.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
});

runCli(process.argv.slice(2), {
    cwd: process.cwd(),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
}).then(
    (code) => {
        // exitCode rather than exit(): piped stdout is flushed before the process ends.
        process.exitCode = code;
    },
    (error: unknown) => {
        process.stderr.write(
            `oke-c3-network: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
        );
        process.exitCode = 3;
    },
);
