import * as assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { policyResources, runPack, type Diagnostic, apartFromAssumptions } from "./harness";
import { handWrittenStack, oracleNetwork, recordNetwork } from "./hand-written";

/*
 * The README's policy-pack sample output is real: this test produces it (Oracle's network written by hand,
 * previewed once without the bastion → control-plane SSH rule and once with a NodePort rule whose source is
 * unknown) and checks the README shows exactly that text.
 */

/** One report as the sample shows it: level, policy, the resource blamed, then the message. */
function format(d: Diagnostic): string {
    const resource = d.urn === undefined ? "stack" : d.urn.slice(d.urn.lastIndexOf("::") + 2);
    const type = d.urn === undefined ? "" : ` (${d.urn.split("::")[2]})`;
    return `[${d.enforcementLevel}] ${d.policyName}  ${resource}${type}\n${d.message}`;
}

/** The sample the README shows. */
export async function readmeSample(): Promise<string> {
    const net = oracleNetwork();
    net.lists.kmi.ingress.pop();
    // The whole pack, as a user sees it: the fault, and what the passing flows assume.
    const decided = await runPack(await handWrittenStack(net, "preview"));
    const records = await recordNetwork(oracleNetwork(), "preview");
    const list = records.find((r) => r.name === "worker-seclist");
    (list?.inputs.ingressSecurityRules as Record<string, unknown>[])[1].source = { __pulumiUnknown: true };
    const unknown = apartFromAssumptions(await runPack(policyResources(records, "preview")));
    const advisory = unknown.diagnostics.find((d) => d.policyName === "oke-c3-no-world-ingress");
    assert.ok(advisory);
    return [...decided.diagnostics, advisory].map(format).join("\n\n");
}

describe("README: the policy pack's sample output", () => {
    it("is what the pack reports", async () => {
        const readme = readFileSync(path.resolve(__dirname, "../../README.md"), "utf8");
        const section = readme.slice(readme.indexOf("## Policy pack"));
        const block = /```text\n([\s\S]*?)\n```/.exec(section)?.[1];
        assert.equal(block, await readmeSample());
    });
});
