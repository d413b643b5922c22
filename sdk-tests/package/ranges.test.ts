import * as assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";

/* The policy pack installs its own dependencies: its @pulumi ranges must be the package's peer ranges. */

const ROOT = join(__dirname, "..", "..");
const read = (file: string) =>
    JSON.parse(readFileSync(join(ROOT, file), "utf8")) as {
        peerDependencies?: Record<string, string>;
        dependencies?: Record<string, string>;
    };

describe("package ranges", () => {
    it("policy/package.json asks for the same @pulumi/pulumi and @pulumi/policy ranges as the root", () => {
        const root = read("package.json").peerDependencies ?? {};
        const pack = read("policy/package.json").dependencies ?? {};
        for (const name of ["@pulumi/pulumi", "@pulumi/policy"]) assert.equal(pack[name], root[name], name);
    });
});
