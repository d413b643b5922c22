import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import type { Stack } from "@pulumi/pulumi/automation";
import { WorkloadClusterNetwork } from "../../src/component/workload-cluster-network";
import { POLICY_PACK_NAME, policies } from "../../src/policy";
import { componentStack, ORACLE_EXAMPLE_ARGS } from "../../sdk-tests/policy/component-stack";
import { runStackPolicy, type PolicyRun, type Shape } from "../../sdk-tests/policy/harness";
import { handWrittenStack } from "../../sdk-tests/policy/hand-written";
import { collector, engine, newStack, typeAndName, type EngineViolation, type Events } from "./engine";
import { bastionSshMissing, declare, nodePortsToStranger, STRANGER } from "./networks";

/*
 * The policy pack as users run it (`--policy-pack node_modules/oke-c3-network/policy --policy-pack-config ...`,
 * from an installed copy of the packed package), through the real CLI and @pulumi/policy's real analyzer
 * process (started by the CLI through the `pulumi-analyzer-policy-nodejs` shim). Every verdict is compared
 * with the in-process harness (sdk-tests/policy/harness.ts) on the mock run of the same program.
 */

type PackConfig = Record<string, string | Record<string, unknown>>;

function packConfigFile(): string {
    return path.join(engine().policyPack, "policy-config.example.json");
}

function packConfig(): PackConfig {
    return JSON.parse(fs.readFileSync(packConfigFile(), "utf8")) as PackConfig;
}

/** One verdict, comparable between the engine and the harness. */
interface Verdict {
    policy: string;
    level: string;
    resource?: string;
    message: string;
}

const order = (a: Verdict, b: Verdict): number => JSON.stringify(a).localeCompare(JSON.stringify(b));

/**
 * The harness's verdict with the pack config applied as the analyzer applies it: an entry that is a string is
 * the policy's level, an object's `enforcementLevel` is its level and the rest its settings; "disabled" skips it.
 */
async function harnessVerdicts(resources: PolicyResource[], config: PackConfig): Promise<Verdict[]> {
    const run: PolicyRun = { diagnostics: [], notApplicable: {} };
    for (const policy of policies) {
        const entry = config[policy.name];
        const settings = typeof entry === "object" ? { ...entry } : {};
        const configured = typeof entry === "string" ? entry : settings.enforcementLevel;
        delete settings.enforcementLevel;
        const level = (configured ??
            policy.enforcementLevel ??
            "advisory") as StackValidationPolicy["enforcementLevel"];
        if (level === "disabled") continue;
        await runStackPolicy({ ...policy, enforcementLevel: level }, resources, settings, run);
    }
    return run.diagnostics
        .map((d) => ({
            policy: d.policyName,
            level: d.enforcementLevel,
            ...(d.urn === undefined ? {} : { resource: typeAndName(d.urn) }),
            message: d.message,
        }))
        .sort(order);
}

function engineVerdicts(events: Events): Verdict[] {
    return events.violations.map((v: EngineViolation) => ({ ...v })).sort(order);
}

function show(verdicts: Verdict[]): string {
    if (verdicts.length === 0) return "no violations";
    return verdicts
        .map((v) => `[${v.level}] ${v.policy} ${v.resource ?? ""}: ${v.message.split("\n").pop()}`)
        .join("\n      ");
}

/** A preview (or up) with the pack; resolves whether the CLI accepted it and what the analyzer reported. */
async function withPack(
    stack: Stack,
    op: "preview" | "up",
): Promise<{ ok: boolean; events: Events; error?: string }> {
    const { events, onEvent } = collector();
    const options = { onEvent, policyPacks: [engine().policyPack], policyPackConfigs: [packConfigFile()] };
    try {
        if (op === "preview") await stack.preview(options);
        else await stack.up(options);
        return { ok: true, events };
    } catch (error) {
        return { ok: false, events, error: error instanceof Error ? error.message : String(error) };
    }
}

async function compare(
    label: string,
    engineRun: Events,
    resources: PolicyResource[],
    shape: Shape,
): Promise<Verdict[]> {
    const real = engineVerdicts(engineRun);
    // The engine's own account: the pack ran once on the stack, and the policies it says failed are those reported.
    assert.equal(engineRun.stackSummaries.length, 1, JSON.stringify(engineRun.stackSummaries));
    const [summary] = engineRun.stackSummaries;
    assert.equal(summary.policyPackName, POLICY_PACK_NAME);
    assert.deepEqual(
        [...(summary.passed ?? []), ...(summary.failed ?? [])].sort(),
        policies
            .map((p) => p.name)
            .filter((name) => packConfig()[name] !== "disabled")
            .sort(),
    );
    assert.deepEqual((summary.failed ?? []).sort(), [...new Set(real.map((v) => v.policy))].sort());
    const harness = await harnessVerdicts(resources, packConfig());
    console.log(`    ${label} (${shape}): engine: ${show(real)}`);
    assert.deepEqual(real, harness, "the engine's verdict equals the in-process harness's");
    return real;
}

describe("policy pack through the real CLI and analyzer", function () {
    it("(a) the component stack passes `pulumi preview --policy-pack`, then `pulumi up` with the pack", async () => {
        const stack = await newStack({ name: "oke-c3-engine-component", runtime: "nodejs" }, "pack", () => {
            new WorkloadClusterNetwork("oke", ORACLE_EXAMPLE_ARGS);
            return Promise.resolve({});
        });
        const preview = await withPack(stack, "preview");
        assert.ok(preview.ok, preview.error);
        const forPreview = await componentStack(ORACLE_EXAMPLE_ARGS, "preview");
        const verdict = await compare("component stack", preview.events, forPreview.resources, "preview");
        assert.ok(!verdict.some((v) => v.level === "mandatory"), show(verdict));

        const up = await withPack(stack, "up");
        assert.ok(up.ok, up.error);
        const forUpdate = await componentStack(ORACLE_EXAMPLE_ARGS, "update");
        const afterUp = await compare("component stack", up.events, forUpdate.resources, "update");
        assert.ok(!afterUp.some((v) => v.level === "mandatory"), show(afterUp));
    });

    it("(b) a hand-written Oracle network without bastion → control-plane TCP 22 fails on oke-c3-required-flows", async () => {
        const net = bastionSshMissing();
        const stack = await newStack(
            { name: "oke-c3-engine-hand-written", runtime: "nodejs" },
            "no-ssh",
            declare(net),
        );
        const preview = await withPack(stack, "preview");
        assert.equal(preview.ok, false, "the mandatory violation fails the preview");
        const verdict = await compare(
            "bastion SSH missing",
            preview.events,
            await handWrittenStack(net, "preview"),
            "preview",
        );
        const flows = verdict.filter((v) => v.policy === "oke-c3-required-flows" && v.level === "mandatory");
        assert.equal(flows.length, 1, show(verdict));
        assert.match(flows[0].message, /required flow control-plane-ssh-from-bastion \(C3 ports 1a#2/);
        assert.match(flows[0].message, /TCP 22 is not open/);
    });

    it("(c) the same network with NodePorts open to a stranger fails on oke-c3-nodeport-exposure", async () => {
        const net = nodePortsToStranger();
        const stack = await newStack(
            { name: "oke-c3-engine-hand-written", runtime: "nodejs" },
            "nodeports",
            declare(net),
        );
        const preview = await withPack(stack, "preview");
        assert.equal(preview.ok, false, "the mandatory violation fails the preview");
        const verdict = await compare(
            "NodePorts to a stranger",
            preview.events,
            await handWrittenStack(net, "preview"),
            "preview",
        );
        const exposure = verdict.filter(
            (v) => v.policy === "oke-c3-nodeport-exposure" && v.level === "mandatory",
        );
        assert.ok(exposure.length >= 1, show(verdict));
        assert.ok(
            exposure.some((v) => v.message.includes(STRANGER)),
            show(exposure),
        );
        assert.ok(!verdict.some((v) => v.policy === "oke-c3-required-flows"), show(verdict));
    });
});
