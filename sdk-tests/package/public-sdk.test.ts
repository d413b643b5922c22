import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { ensureBuilt, ROOT } from "../cli/built";

/*
 * Nothing the package ships may reach into the Pulumi SDK's private modules: `@pulumi/pulumi` has no
 * `exports` map, so `require("@pulumi/pulumi/runtime/settings")` resolves, but it ties the package to one SDK
 * build (that is why package.json used to pin `overrides`). Only the documented entry points are allowed.
 */

/** The documented entry points of `@pulumi/pulumi`. */
const PUBLIC_ENTRY_POINTS = new Set(["@pulumi/pulumi", "@pulumi/pulumi/automation"]);

/** Every `@pulumi/pulumi...` module a compiled file requires or imports, with its line number. */
export function pulumiModules(text: string): { module: string; line: number }[] {
    const found: { module: string; line: number }[] = [];
    const pattern = /(?:require\s*\(\s*|import\s*\(\s*|from\s+)["'`](@pulumi\/pulumi(?:\/[^"'`]*)?)["'`]/g;
    for (const match of text.matchAll(pattern)) {
        found.push({ module: match[1], line: text.slice(0, match.index).split("\n").length });
    }
    return found;
}

function jsFiles(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) return jsFiles(file);
        return /\.[cm]?js$/.test(entry.name) ? [file] : [];
    });
}

describe("shipped code uses the Pulumi SDK's public entry points only", () => {
    before(function () {
        this.timeout(120_000);
        ensureBuilt();
    });

    it("finds a private subpath when there is one (the scan can fail)", () => {
        const text =
            'const a = require("@pulumi/pulumi");\nconst s = require("@pulumi/pulumi/runtime/settings");';
        assert.deepEqual(pulumiModules(text), [
            { module: "@pulumi/pulumi", line: 1 },
            { module: "@pulumi/pulumi/runtime/settings", line: 2 },
        ]);
    });

    it("no file under dist/ requires a private @pulumi/pulumi path", () => {
        const files = jsFiles(path.join(ROOT, "dist"));
        assert.ok(files.length > 10, `${files.length} compiled files`);
        const offending = files.flatMap((file) =>
            pulumiModules(fs.readFileSync(file, "utf8"))
                .filter((m) => !PUBLIC_ENTRY_POINTS.has(m.module))
                .map((m) => `${path.relative(ROOT, file)}:${m.line}: ${m.module}`),
        );
        assert.deepEqual(offending, []);
    });

    it("package.json pins no @pulumi/pulumi override", () => {
        const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
            overrides?: Record<string, unknown>;
        };
        assert.equal(manifest.overrides?.["@pulumi/pulumi"], undefined);
    });
});
