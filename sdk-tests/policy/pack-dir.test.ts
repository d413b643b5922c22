import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { policies } from "../../src/policy";

/*
 * The shipped pack directory `policy/`: it type-checks on its own (its tsconfig maps `oke-c3-network/policy`
 * to the sources, so no install is needed), it is not part of the root build, and its metadata is what
 * `pulumi policy publish` needs.
 */

const ROOT = path.resolve(__dirname, "../..");
const read = (file: string): string => readFileSync(path.join(ROOT, file), "utf8");
const json = (file: string): Record<string, unknown> => JSON.parse(read(file)) as Record<string, unknown>;

describe("policy/ (the pack directory)", () => {
    it("type-checks with its own tsconfig", function () {
        this.timeout(120000);
        const tsc = require.resolve("typescript/bin/tsc");
        // Throws, with the compiler's messages, when the pack does not type-check.
        execFileSync(process.execPath, [tsc, "-p", path.join(ROOT, "policy/tsconfig.json"), "--noEmit"], {
            cwd: ROOT,
            encoding: "utf8",
        });
    });

    it("is a Node.js policy pack with a real version and the dependencies it imports", () => {
        const yaml = parse(read("policy/PulumiPolicy.yaml")) as { runtime?: unknown; description?: unknown };
        assert.equal(yaml.runtime, "nodejs");
        assert.equal(typeof yaml.description, "string");
        const pkg = json("policy/package.json");
        assert.match(String(pkg.version), /^\d+\.\d+\.\d+$/);
        const deps = pkg.dependencies as Record<string, string>;
        assert.equal(deps["oke-c3-network"], "file:..");
        assert.ok(deps["@pulumi/policy"] !== undefined && deps["@pulumi/pulumi"] !== undefined);
        assert.match(read("policy/index.ts"), /new PolicyPack\("oke-c3-network", \{/);
        assert.match(read("policy/index.ts"), /from "oke-c3-network\/policy"/);
    });

    it("is shipped as source and kept out of the root build", () => {
        const root = json("tsconfig.json");
        assert.ok(!(root.include as string[]).some((p) => p.startsWith("policy")));
        const pkg = json("package.json");
        assert.ok((pkg.files as string[]).includes("policy/"));
        const exports = pkg.exports as Record<string, { default: string }>;
        assert.equal(exports["./policy"].default, "./dist/policy/index.js");
    });

    it("its example config names only the pack's policies", () => {
        const config = json("policy/policy-config.example.json");
        const names = new Set(policies.map((p) => p.name));
        for (const key of Object.keys(config))
            assert.ok(names.has(key), `${key} is not a policy of the pack`);
    });

    it("every policy is kebab-case, described, leveled and configurable", () => {
        for (const p of policies) {
            assert.match(p.name, /^oke-c3-[a-z0-9]+(-[a-z0-9]+)*$/);
            assert.ok(p.description.length > 20, p.name);
            assert.ok(p.enforcementLevel === "mandatory" || p.enforcementLevel === "advisory", p.name);
            assert.ok(Object.keys(p.configSchema?.properties ?? {}).length > 0, p.name);
            assert.ok(!("enforcementLevel" in (p.configSchema?.properties ?? {})), p.name);
        }
    });
});
