import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { analyzeNetwork } from "../../src/analysis/analyze";
import { mermaidFlowchart, mermaidText } from "../../src/cli/mermaid";
import { compliantFlows, compliantModel } from "../analysis/report-models";
import { ROOT, sharedRun } from "./built";

/*
 * The Markdown plan of Oracle's example is a committed snapshot, and every Mermaid diagram the command can
 * draw is checked with Mermaid's own parser (mermaid + jsdom, in a child process: mermaid-parse.mjs). A
 * broken diagram is sent along to prove the parser rejects what it should. Set UPDATE_SNAPSHOTS=1 to
 * rewrite the snapshot after an intended change.
 */

const SNAPSHOT = join(__dirname, "__snapshots__", "plan-oracle-example.md");

function mermaidBlocks(markdown: string): string[] {
    return [...markdown.matchAll(/```mermaid\n([\s\S]*?)\n```/g)].map((m) => m[1]);
}

interface ParseResult {
    ok: boolean;
    type?: string;
    error?: string;
}

function parseWithMermaid(diagrams: readonly string[]): Promise<ParseResult[]> {
    return new Promise((resolve, reject) => {
        const child = execFile(
            process.execPath,
            [join(__dirname, "mermaid-parse.mjs")],
            { cwd: ROOT },
            (error, stdout, stderr) => {
                if (error !== null) reject(new Error(`mermaid-parse.mjs failed: ${stderr || error.message}`));
                else resolve(JSON.parse(stdout) as ParseResult[]);
            },
        );
        child.stdin?.end(JSON.stringify(diagrams));
    });
}

/** What no parser is needed for: every edge's ends are declared nodes or the VCN subgraph. */
function undeclaredIds(diagram: string): string[] {
    const declared = new Set(["vcn", ...[...diagram.matchAll(/^\s+(\w+)(?:\[|\(\[)/gm)].map((m) => m[1])]);
    const used = [...diagram.matchAll(/^\s+(\w+) -\.?->\|"[^"]*"\| (\w+)$/gm)].flatMap((m) => [m[1], m[2]]);
    return used.filter((id) => !declared.has(id));
}

/** A report that fails: no egress for the HTTPS flow, and a flow to a subnet the network lacks. */
function failingDiagram(): string {
    const model = compliantModel();
    model.name = 'lab "blue" VCN';
    model.securityLists["worker-seclist"].egress = [];
    const flows = [
        ...compliantFlows(),
        { ...compliantFlows()[0], id: "to-pods", destination: { role: "pod" as const, cidrs: [] } },
    ];
    return mermaidFlowchart(analyzeNetwork(model, flows));
}

describe("Markdown plan and Mermaid diagrams", function () {
    this.timeout(60_000);
    let markdown: string;
    before(async () => {
        const run = await sharedRun(["plan", "--format", "markdown"]);
        assert.equal(run.code, 0, run.stderr);
        markdown = run.stdout;
    });

    it("matches the committed snapshot for Oracle's example", () => {
        if (process.env.UPDATE_SNAPSHOTS === "1" || !existsSync(SNAPSHOT)) {
            mkdirSync(join(__dirname, "__snapshots__"), { recursive: true });
            writeFileSync(SNAPSHOT, markdown);
        }
        assert.equal(markdown, readFileSync(SNAPSHOT, "utf8"));
    });

    it("draws failing flows dotted and red, and a missing subnet outside the VCN", () => {
        const diagram = failingDiagram();
        assert.match(diagram, /worker -\.->\|"✘ TCP 443"\| ext\d+/);
        assert.match(diagram, /pod\["pod<br\/>\(missing\)"\]/);
        assert.match(diagram, /linkStyle \d+(,\d+)* stroke:#d33/);
        assert.match(diagram, /subgraph vcn\["VCN lab #quot;blue#quot; VCN /);
        assert.equal(mermaidText('a"b'), "a#quot;b");
    });

    it("declares every node an edge uses", () => {
        for (const diagram of [...mermaidBlocks(markdown), failingDiagram()])
            assert.deepEqual(undeclaredIds(diagram), []);
    });

    it("Mermaid's own parser accepts every diagram and rejects a broken one", async () => {
        const diagrams = [...mermaidBlocks(markdown), failingDiagram()];
        assert.equal(diagrams.length, 2);
        const results = await parseWithMermaid([...diagrams, 'flowchart LR\n    a -->|"x"|']);
        for (const [i, result] of results.slice(0, -1).entries())
            assert.ok(result.ok, `diagram ${i}: ${result.error}\n${diagrams[i]}`);
        assert.deepEqual(
            results.slice(0, -1).map((r) => r.type),
            ["flowchart-v2", "flowchart-v2"],
        );
        assert.equal(results[results.length - 1].ok, false);
    });
});
