import * as assert from "node:assert/strict";
import * as path from "node:path";
import type { Stack } from "@pulumi/pulumi/automation";
import { EXAMPLE_STACK_CONFIG } from "../../src/config/stack-config";
import { engineSide, expectedSteps, keys, mockRun, type Side } from "./compare";
import { collector, COMPARTMENT, newStack, projectSettings, REPO_ROOT, setConfig } from "./engine";

/*
 * The repository's root program (Pulumi.yaml, program/index.ts) with default config, through the real CLI:
 * preview, up, a second preview, then one unrelated extra rule. What the engine registers is compared with what
 * the mock engine records for the same program and config (`recordProgram`), never with hard-coded counts.
 */

const PROGRAM = path.join(REPO_ROOT, "program", "index.ts");
const PROJECT = projectSettings(path.join(REPO_ROOT, "Pulumi.yaml"));

/** The program as Pulumi's Node.js host loads it: required afresh, its exports the stack outputs. */
function program(): Record<string, unknown> {
    delete require.cache[PROGRAM];
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(PROGRAM) as Record<string, unknown>;
}

/** The config the CLI hands the program: Pulumi.yaml's defaults plus the stack's own keys, namespaced. */
function cliConfig(stackValues: Record<string, unknown>): Record<string, string> {
    const out: Record<string, string> = {};
    const defaults = {
        vcnCidr: EXAMPLE_STACK_CONFIG.vcnCidr,
        kubeClientCidrs: EXAMPLE_STACK_CONFIG.kubeClientCidrs,
    };
    for (const [key, value] of Object.entries({ ...defaults, ...stackValues }))
        out[`${PROJECT.name}:${key}`] = typeof value === "string" ? value : JSON.stringify(value);
    return out;
}

/** An extra rule no Oracle flow needs: a change that must update one list and replace nothing. */
const EXTRA_RULE = {
    name: "engine-test-ssh",
    role: "worker",
    direction: "ingress",
    protocol: "tcp",
    cidr: "10.20.0.0/16",
    portMin: 2222,
    description: "engine suite: one unrelated extra rule",
};

const NOT_SAME = (op: string): boolean => op !== "same";

describe("root program: pulumi preview and up with the real CLI", function () {
    let stack: Stack;
    let mock: Side;

    before(async () => {
        mock = await mockRun(program, cliConfig({ compartmentId: COMPARTMENT }), PROJECT.name, "engine");
        stack = await newStack(PROJECT, "engine", async () => Promise.resolve(program()));
        setConfig(stack, { compartmentId: COMPARTMENT });
    });

    it("pulumi preview creates exactly what the mock run registers", async () => {
        const { events, onEvent } = collector();
        const preview = await stack.preview({ onEvent });
        const created = events.steps.filter((s) => s.op === "create").map((s) => `${s.type}::${s.name}`);
        console.log(`    preview: ${JSON.stringify(preview.changeSummary)}`);
        assert.deepEqual(created.filter((k) => !k.startsWith("pulumi:")).sort(), keys(mock));
        assert.deepEqual(
            events.steps.filter((s) => NOT_SAME(s.op) && s.op !== "create"),
            [],
            "a first preview only creates",
        );
    });

    it("pulumi up registers the mock run's resources, parents, inputs and stack outputs", async () => {
        const up = await stack.up();
        console.log(`    up: ${up.summary.result}, ${JSON.stringify(up.summary.resourceChanges)}`);
        assert.equal(up.summary.result, "succeeded");
        const real = engineSide(await stack.exportStack(), up.outputs);
        console.log(`    resources: engine ${real.resources.length}, mock run ${mock.resources.length}`);
        assert.deepEqual(keys(real), keys(mock), "(type, name) of every registered resource");
        const byKey = (side: Side) => new Map(side.resources.map((r) => [r.key, r] as const));
        const mine = byKey(real);
        for (const r of mock.resources) {
            assert.equal(mine.get(r.key)?.parent, r.parent, `parent of ${r.key}`);
            assert.deepEqual(mine.get(r.key)?.inputs, r.inputs, `inputs of ${r.key}`);
        }
        assert.deepEqual(real.outputs, mock.outputs, "stack outputs");
    });

    it("a second pulumi preview shows no changes", async () => {
        const { events, onEvent } = collector();
        const preview = await stack.preview({ onEvent, expectNoChanges: true });
        console.log(`    second preview: ${JSON.stringify(preview.changeSummary)}`);
        assert.deepEqual(
            events.steps.filter((s) => NOT_SAME(s.op)),
            [],
        );
        assert.deepEqual(Object.keys(preview.changeSummary), ["same"]);
    });

    it("one unrelated extraRules entry: exactly the expected updates, no replace", async () => {
        const changed = await mockRun(
            program,
            cliConfig({ compartmentId: COMPARTMENT, extraRules: [EXTRA_RULE] }),
            PROJECT.name,
            "engine",
        );
        const expected = expectedSteps(mock, changed);
        assert.ok(expected.length > 0, "the extra rule changes something");
        setConfig(stack, { compartmentId: COMPARTMENT, extraRules: [EXTRA_RULE] });
        const { events, onEvent } = collector();
        const preview = await stack.preview({ onEvent });
        console.log(
            `    preview with one extra rule: ${JSON.stringify(preview.changeSummary)}; expected ${expected.join(", ")}`,
        );
        const steps = events.steps.filter((s) => NOT_SAME(s.op)).map((s) => `${s.op} ${s.type}::${s.name}`);
        assert.deepEqual(steps.sort(), expected);
        assert.ok(!steps.some((s) => /replace/.test(s)), steps.join("\n"));
    });
});
