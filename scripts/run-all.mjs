// Runs npm scripts at the same time and fails if any of them fails: `npm test` builds dist/ and
// type-checks (emitting .test-build/) at once, one tsc on each core. Each script's output is printed
// whole when it ends, so the two never interleave.
import { spawn } from "node:child_process";

const npm = process.platform === "win32" ? "npm.cmd" : "npm";

function run(script) {
    return new Promise((resolve) => {
        const child = spawn(npm, ["run", "--silent", script], {
            stdio: ["ignore", "pipe", "pipe"],
            shell: process.platform === "win32",
        });
        let output = "";
        child.stdout.on("data", (chunk) => (output += chunk));
        child.stderr.on("data", (chunk) => (output += chunk));
        child.on("close", (code) => {
            process.stdout.write(output);
            if (code !== 0) console.error(`npm run ${script} failed (exit ${code})`);
            resolve(code ?? 1);
        });
    });
}

const codes = await Promise.all(process.argv.slice(2).map(run));
process.exitCode = codes.every((code) => code === 0) ? 0 : 1;
