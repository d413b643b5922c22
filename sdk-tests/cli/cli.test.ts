import * as assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NetworkConfigError, type WorkloadClusterNetworkArgs } from "../../src/config/types";
import { validateConfig } from "../../src/config/validate";
import { ensureBuilt, ROOT, sharedRun, type CliRun } from "./built";

/*
 * The built `oke-c3-network plan`, run as a child process like `npx` runs it: every format, every exit
 * code, --diff and --stack-config. All runs start together in `before` (each is a separate Node process),
 * so the suite pays for the slowest one rather than for their sum.
 */

const EXTRA_RULE = `cidrs:
  vcn: 172.31.252.0/23
kubeClientCidrs: [10.0.0.0/8]
extraRules:
  - name: ssh-anywhere
    role: worker
    direction: ingress
    protocol: tcp
    cidr: 0.0.0.0/0
    portMin: 22
worldWideSources:
  - field: extraRules.ssh-anywhere
    reason: break-glass SSH for the test
`;

const BASE = `{ "cidrs": { "vcn": "172.31.252.0/23" }, "kubeClientCidrs": ["10.0.0.0/8"] }`;

const PROJECT = `name: myproj
runtime: nodejs
config:
  vcnCidr:
    type: string
    default: 172.31.252.0/23
  kubeClientCidrs:
    type: array
    default: [10.0.0.0/8]
`;

const STACK = `config:
  myproj:kubeClientCidrs:
    - 192.168.0.0/16
  oke-c3-network:egress: all
  myproj:compartmentId:
    secure: AAABAJ0xyz
  oci:region: eu-frankfurt-1
`;

type Json = Record<string, unknown>;

describe("oke-c3-network plan (built binary)", function () {
    this.timeout(120_000);
    const runs: Record<string, CliRun> = {};
    let dir: string;

    before(async () => {
        ensureBuilt();
        dir = mkdtempSync(join(tmpdir(), "okec3-cli-"));
        writeFileSync(join(dir, "extra.yaml"), EXTRA_RULE);
        writeFileSync(join(dir, "base.json"), BASE);
        writeFileSync(join(dir, "Pulumi.yaml"), PROJECT);
        writeFileSync(join(dir, "Pulumi.dev.yaml"), STACK);
        writeFileSync(join(dir, "broken.yaml"), "cidrs: [unclosed");
        // Each heavy case (one that plans) costs a Node process that loads Pulumi; keep them few.
        const cases: Record<string, [string[], string?]> = {
            table: [["plan"]],
            json: [["plan", "--format", "json"]],
            markdown: [["plan", "--format", "markdown"]],
            failOnInfo: [["plan", "--config", join(dir, "extra.yaml"), "--fail-on", "info"]],
            allowed: [
                ["plan", "-c", join(dir, "extra.yaml"), "--fail-on", "info", "--allow-anywhere", "tcp:22"],
            ],
            refused: [["plan", "--vcn", "172.31.252.1/23", "--kube-client", "nope"]],
            badFlag: [["plan", "--bogus"]],
            badFormat: [["plan", "--format", "xml"]],
            missingFile: [["plan", "--config", "no-such-file.yaml"]],
            brokenYaml: [["plan", "--config", join(dir, "broken.yaml")]],
            diffJson: [
                [
                    "plan",
                    "--kube-client",
                    "10.0.0.0/8",
                    "--kube-client",
                    "192.168.0.0/16",
                    "--diff",
                    join(dir, "base.json"),
                    "--format",
                    "json",
                ],
            ],
            stack: [["plan", "--stack-config", "Pulumi.dev.yaml", "--format", "json"], dir],
            help: [["--help"]],
            version: [["--version"]],
        };
        const entries = await Promise.all(
            Object.entries(cases).map(
                async ([name, [args, cwd]]) => [name, await sharedRun(args, cwd)] as const,
            ),
        );
        for (const [name, run] of entries) runs[name] = run;
    });

    const json = (name: string): Json => JSON.parse(runs[name].stdout) as Json;

    describe("formats", () => {
        it("table (default): every section, plain text when stdout is not a terminal", () => {
            const { code, stdout, stderr } = runs.table;
            assert.equal(code, 0, stderr);
            for (const section of [
                "SUBNETS",
                "ROUTE TABLES",
                "SECURITY LISTS AND NSGS",
                "REQUIRED FLOWS: 34 (34 ✔, 0 ✘)",
                "C3 PORT TABLE",
                "FINDINGS: 0",
                "C3 LIMITS",
            ])
                assert.ok(stdout.includes(section), section);
            assert.ok(!stdout.includes("\u001b["), "no ANSI colour in a pipe");
            assert.match(
                stdout,
                /✔ control-plane-ssh-from-bastion {2}\[C3 ports 1a#2\]\n.*\n {6}in: kmi-seclist ingress rule 7;/,
            );
            assert.match(stdout.trimEnd().split("\n").pop() ?? "", /^✔ every required flow holds \(34\/34\)/);
        });

        it("json: version 1, the documented keys in order, every seed row ✔", () => {
            assert.equal(runs.json.code, 0, runs.json.stderr);
            const doc = json("json");
            assert.deepEqual(Object.keys(doc), [
                "version",
                "input",
                "network",
                "flows",
                "seedTable",
                "findings",
                "limits",
                "summary",
                "notes",
                "assumptions",
                "diff",
                "exitCode",
            ]);
            assert.equal(doc.version, 1);
            assert.equal(doc.exitCode, 0);
            assert.equal(doc.diff, null);
            const flows = doc.flows as Json[];
            assert.equal(flows.length, 34);
            assert.deepEqual(Object.keys(flows[0]), [
                "id",
                "description",
                "refs",
                "seedRows",
                "provenance",
                "source",
                "destination",
                "protocol",
                "ports",
                "icmp",
                "status",
                "checks",
            ]);
            const seed = doc.seedTable as { row: number; status: string }[];
            assert.deepEqual(
                seed.map((r) => `${r.row}:${r.status}`),
                [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => `${n}:allowed`),
            );
            assert.equal((doc.input as Json).source, "defaults");
        });

        it("markdown: a Mermaid flowchart and the flow matrix", () => {
            assert.equal(runs.markdown.code, 0, runs.markdown.stderr);
            assert.match(runs.markdown.stdout, /```mermaid\nflowchart LR\n/);
            assert.match(runs.markdown.stdout, /\| ✔ \| `control-plane-ssh-from-bastion` \| 1a#2 \|/);
        });
    });

    describe("exit codes", () => {
        it("1 when a finding reaches --fail-on", () => {
            assert.equal(runs.failOnInfo.code, 1);
            assert.match(
                runs.failOnInfo.stdout,
                /\[info\] ingress-from-anywhere: worker-seclist ingress rule \d+\s[\s\S]*acknowledged in the config: extraRules\.ssh-anywhere: break-glass SSH for the test/,
            );
            assert.match(
                runs.failOnInfo.stdout,
                /✘ every required flow holds \(35\), but 1 finding\(s\) reach --fail-on info/,
            );
        });

        it("0 again once the finding is accepted with --allow-anywhere", () => {
            assert.equal(runs.allowed.code, 0, runs.allowed.stdout.slice(-400));
        });

        it("2 for a refused config, printing the component's own NetworkConfigError", () => {
            assert.equal(runs.refused.code, 2);
            const args = {
                compartmentId: "ocid1.compartment.oc1..plan",
                cidrs: { vcn: "172.31.252.1/23" },
                kubeClientCidrs: ["nope"],
            } as WorkloadClusterNetworkArgs;
            assert.equal(runs.refused.stderr, `${new NetworkConfigError(validateConfig(args)).message}\n`);
            assert.equal(runs.refused.stdout, "");
        });

        it("2 for bad arguments and unreadable files, with the reason", () => {
            assert.equal(runs.badFlag.code, 2);
            assert.match(
                runs.badFlag.stderr,
                /unknown option --bogus; the options are --format, [\s\S]*Usage: oke-c3-network plan/,
            );
            assert.equal(runs.badFormat.code, 2);
            assert.match(runs.badFormat.stderr, /--format xml: expected one of table, markdown, json/);
            assert.equal(runs.missingFile.code, 2);
            assert.match(runs.missingFile.stderr, /cannot read no-such-file\.yaml: ENOENT/);
            assert.equal(runs.brokenYaml.code, 2);
            assert.match(runs.brokenYaml.stderr, /is not valid YAML or JSON/);
        });
    });

    describe("--diff", () => {
        it("json: a second kube client opens exactly its five probes", () => {
            assert.equal(runs.diffJson.code, 0, runs.diffJson.stderr);
            const diff = json("diffJson").diff as {
                opened: { destination: { role: string }; traffic: string }[];
                closed: unknown[];
            };
            assert.deepEqual(diff.opened.map((o) => `${o.destination.role} ${o.traffic}`).sort(), [
                "controlPlane TCP 6443",
                "controlPlaneEndpoint TCP 6443",
                "serviceLb TCP 443",
                "serviceLb TCP 80",
                "worker TCP 30000-32767",
            ]);
            assert.deepEqual(diff.closed, []);
        });
    });

    describe("--stack-config", () => {
        it("reads <project>: and oke-c3-network: keys over the Pulumi.yaml next to it, skipping secrets and other namespaces", () => {
            assert.equal(runs.stack.code, 0, runs.stack.stderr);
            const input = json("stack").input as { source: string; name: string; config: Json };
            assert.equal(input.source, "stack-config");
            assert.equal(input.name, "myproj");
            assert.deepEqual(input.config.kubeClientCidrs, ["192.168.0.0/16"]);
            assert.equal(input.config.egress, "all");
            assert.equal((input.config.layout as Json).vcn, "172.31.252.0/23");
        });
    });

    describe("the executable", () => {
        it("prints usage and the package version", () => {
            assert.equal(runs.help.code, 0);
            assert.match(runs.help.stdout, /^Usage: oke-c3-network plan/);
            const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
            assert.equal(runs.version.stdout.trim(), pkg.version);
        });

        it("runs from any directory, without the repository's files (the stack run's cwd is a temp dir)", () => {
            assert.ok(!dir.startsWith(ROOT));
            assert.equal(runs.stack.code, 0, runs.stack.stderr);
        });

        it("starts with a node shebang", () => {
            assert.match(
                readFileSync(join(ROOT, "dist", "cli", "main.js"), "utf8"),
                /^#!\/usr\/bin\/env node\n/,
            );
        });
    });
});
