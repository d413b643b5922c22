// `npm test`'s compile step: ONE tsc program over src/ and the tests (tsconfig.json) type-checks everything and
// emits JavaScript, declarations and source maps into .test-build/ (mocha runs the tests from there, see
// sdk-tests/precompiled.ts); dist/ is then .test-build/src/ without the maps. tsc emits the same JavaScript and
// declarations for src/ in either program, so this dist/ is byte-for-byte what `npm run build`
// (tsconfig.build.json) writes, for a third less CPU than two programs. `npm run build` stays the one
// `prepack`, `npm start` and the engine suite use.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";

const root = join(dirname(new URL(import.meta.url).pathname), "..");
const out = join(root, ".test-build");
const dist = join(root, "dist");
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");

rmSync(dist, { recursive: true, force: true });
const run = spawnSync(process.execPath, [tsc, "-p", "tsconfig.json", "--outDir", out, "--sourceMap"], {
    cwd: root,
    stdio: "inherit",
});
if (run.status !== 0) process.exit(run.status ?? 1);

function copyTree(from) {
    for (const entry of readdirSync(from, { withFileTypes: true })) {
        const source = join(from, entry.name);
        const target = join(dist, relative(join(out, "src"), source));
        if (entry.isDirectory()) copyTree(source);
        else if (entry.name.endsWith(".d.ts")) {
            mkdirSync(dirname(target), { recursive: true });
            copyFileSync(source, target);
        } else if (entry.name.endsWith(".js")) {
            mkdirSync(dirname(target), { recursive: true });
            const text = readFileSync(source, "utf8").replace(/\n\/\/# sourceMappingURL=\S+\s*$/, "\n");
            writeFileSync(target, text);
        }
    }
}
copyTree(join(out, "src"));
