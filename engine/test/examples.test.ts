import * as assert from "node:assert/strict";
import * as path from "node:path";
import type { Context } from "mocha";
import { TS_EXAMPLES } from "../../sdk-tests/package/consumer";
import {
    EXAMPLES_DIR,
    projectOf,
    runExample,
    stackValues,
    unsupportedReason,
    withRepoResolution,
    type ExampleRun,
} from "../../sdk-tests/examples/harness";
import { collector, newStack, projectSettings, setConfig } from "./engine";

/*
 * Every TypeScript example previewed by the real CLI with its own Pulumi.dev.yaml: the preview succeeds, creates
 * exactly the resources the mock run of the same example registers (sdk-tests/examples/harness.ts), and nothing
 * else. The YAML example needs the YAML and Node.js language hosts, which cannot be built here.
 */

/** The example's program as the Node.js host loads it, `oke-c3-network` resolved to this repository. */
function exampleProgram(example: string): () => Promise<Record<string, unknown>> {
    const file = path.join(EXAMPLES_DIR, example, "index.ts");
    return () => {
        delete require.cache[file];
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        return Promise.resolve(withRepoResolution(() => require(file) as Record<string, unknown>));
    };
}

describe("examples: pulumi preview with the real CLI", function () {
    for (const example of TS_EXAMPLES) {
        it(`${example} previews with its Pulumi.dev.yaml and creates what the mock run registers`, async function (this: Context) {
            let mock: ExampleRun;
            try {
                mock = await runExample(example);
            } catch (error) {
                const reason = unsupportedReason(error);
                if (reason === undefined) throw error;
                console.log(`    ${example}: skipped, the component refuses it: ${reason}`);
                this.skip();
            }
            const project = projectSettings(path.join(EXAMPLES_DIR, example, "Pulumi.yaml"));
            assert.equal(project.name, projectOf(example).name);
            const stack = await newStack(project, "dev", exampleProgram(example));
            setConfig(stack, stackValues(example));
            const { events, onEvent } = collector();
            const preview = await stack.preview({ onEvent });
            console.log(`    ${example}: ${JSON.stringify(preview.changeSummary)}`);
            const created = events.steps
                .filter((s) => s.op === "create" && !s.type.startsWith("pulumi:"))
                .map((s) => `${s.type}::${s.name}`)
                .sort();
            assert.deepEqual(created, mock.records.map((r) => `${r.type}::${r.name}`).sort());
            assert.deepEqual(
                events.steps.filter((s) => s.op !== "create"),
                [],
                "a new stack's preview only creates",
            );
        });
    }

    // Pending, not passing: both need `pulumi-language-nodejs` (the root is a Node.js component package, whose
    // schema the Node.js host infers and whose provider it runs); a YAML host alone would not help.
    it(
        "yaml example through PulumiPlugin.yaml and `pulumi package get-schema .`: NOT RUN, the Node.js language " +
            "host github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3 is not served by the Go module proxy",
    );
});
