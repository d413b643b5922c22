import * as assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { recordProgram } from "../../src/testing/mock-run";
import { runCli } from "../../src/cli/run";
import { WorkloadClusterNetwork } from "../../src/component/workload-cluster-network";
import { NetworkConfigError, type WorkloadClusterNetworkArgs } from "../../src/config/types";
import type { CliIo } from "../../src/cli/verdict";

/*
 * Random input, as a hostile or careless user would write it: arbitrary JSON values and mutations of a
 * valid config (renamed keys, wrong types, extra keys, odd strings). The component either builds or throws
 * NetworkConfigError having registered nothing; the CLI exits 0, 1 or 2 within a time bound and never prints
 * a stack trace.
 */

const VALID: Record<string, unknown> = {
    compartmentId: "ocid1.compartment.oc1..fuzz",
    cidrs: { vcn: "172.31.252.0/23" },
    kubeClientCidrs: ["10.0.0.0/8"],
    extraRules: [
        {
            name: "metrics",
            role: "worker",
            direction: "ingress",
            protocol: "tcp",
            cidr: "10.1.0.0/16",
            portMin: 9100,
        },
    ],
    serviceLbIngress: [{ name: "https", port: 443 }],
    freeformTags: { team: "platform" },
};

const oddStrings = fc.constantFrom(
    "",
    " 10.0.0.0/8",
    "0.0.0.0/0",
    "0/0",
    "10.0.0.0/33",
    "\u001b[2J",
    "a\u202eb",
    "__proto__",
    "toString",
    "x".repeat(300),
    "6443",
    "ocid1.vcn.oc1..x",
);

const oddValue: fc.Arbitrary<unknown> = fc.oneof(
    fc.jsonValue(),
    oddStrings,
    fc.constantFrom(null, undefined, NaN, -1, 0, 65536, 1.5, true, [], {}),
    fc.bigInt(),
);

type Path = (string | number)[];

function paths(value: unknown, prefix: Path = []): Path[] {
    if (typeof value !== "object" || value === null) return [prefix];
    const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
    return [prefix, ...entries.flatMap(([k, v]) => paths(v, [...prefix, k]))];
}

/** A mutation of VALID: set a value, add an unknown key, or rename a key, at a random path. */
const mutated: fc.Arbitrary<unknown> = fc
    .tuple(fc.constantFrom(...paths(VALID)), fc.constantFrom("set", "add", "rename"), oddValue, fc.string())
    .map(([path, kind, value, key]) => {
        const copy = structuredClone(VALID);
        let target: Record<string | number, unknown> = copy;
        for (const step of path.slice(0, -1)) target = target[step] as Record<string | number, unknown>;
        const last = path[path.length - 1];
        if (last === undefined) return kind === "set" ? value : { ...copy, [key]: value };
        if (kind === "set") target[last] = value;
        else if (kind === "add" && typeof target[last] === "object" && target[last] !== null)
            (target[last] as Record<string, unknown>)[`${key}x`] = value;
        else if (typeof last === "string") {
            target[`${last}${key}`] = target[last];
            delete target[last];
        }
        return copy;
    });

const anyArgs = fc.oneof(mutated, mutated, fc.anything(), fc.jsonValue());

async function build(args: unknown) {
    const run = await recordProgram(() => {
        try {
            new WorkloadClusterNetwork("fuzz", args as WorkloadClusterNetworkArgs);
            return undefined;
        } catch (error) {
            return error;
        }
    });
    return { records: run.records, error: run.result };
}

class Sink {
    text = "";
    write(chunk: string): boolean {
        this.text += chunk;
        return true;
    }
}

describe("fuzzing the input (fast-check)", function () {
    this.timeout(120_000);
    const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
    before(() => console.log(`      fuzz seed ${seed} (rerun with FUZZ_SEED=${seed})`));

    it("the component builds or throws NetworkConfigError, and a refusal registers nothing", async () => {
        await fc.assert(
            fc.asyncProperty(anyArgs, async (args) => {
                const { records, error } = await build(args);
                if (error === undefined) return;
                assert.ok(
                    error instanceof NetworkConfigError,
                    `not a NetworkConfigError: ${error instanceof Error ? error.stack : JSON.stringify(error)}`,
                );
                assert.ok(error.problems.length > 0);
                assert.deepEqual(records, []);
            }),
            { seed, numRuns: 60 },
        );
    });

    it("the CLI exits 0, 1 or 2 within 15 s, with no stack trace", async () => {
        const dir = mkdtempSync(join(tmpdir(), "okec3-fuzz-"));
        let n = 0;
        await fc.assert(
            fc.asyncProperty(anyArgs, fc.constantFrom("json", "yaml"), async (args, format) => {
                const file = join(dir, `c${n++}.${format}`);
                let text: string;
                try {
                    text =
                        JSON.stringify(args, (_k, v: unknown) => (typeof v === "bigint" ? `${v}n` : v)) ??
                        "null";
                } catch {
                    text = "{ broken";
                }
                writeFileSync(file, text);
                const stdout = new Sink();
                const stderr = new Sink();
                const io: CliIo = { cwd: dir, env: {}, stdout, stderr };
                const started = Date.now();
                const code = await runCli(["plan", "--config", file, "--format", "json"], io);
                assert.ok([0, 1, 2].includes(code), `exit ${code}: ${stderr.text}`);
                assert.ok(Date.now() - started < 15_000, "took longer than 15 s");
                assert.doesNotMatch(stderr.text, /\n\s+at /, "a stack trace");
                if (code === 2) assert.match(stderr.text, /^oke-c3-network: /);
            }),
            { seed, numRuns: 30 },
        );
    });
});
