import * as assert from "node:assert/strict";
import { STACK_CONFIG_KEYS } from "../../src/config/stack-config";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import type { AnalysisReport } from "../../src/analysis/report/report";
import { parseCli, type CliOptions } from "../../src/cli/args";
import { applyOverrides, defaultInput, loadConfigFile } from "../../src/cli/input";
import { colourWanted, painter } from "../../src/cli/layout";
import { runCli } from "../../src/cli/run";
import { resolveConfig } from "../../src/config/validate";
import { ROOT } from "./built";
import { verdictOf, type CliIo } from "../../src/cli/verdict";

/*
 * The command's parts in-process: argument parsing, input loading, the exit-code verdict, colour, and the
 * table and Markdown diff output (the built binary's tests in cli.test.ts cover the process boundary).
 */

function options(argv: string[]): CliOptions {
    const parsed = parseCli(argv);
    assert.equal(parsed.kind, "options", JSON.stringify(parsed));
    return (parsed as { options: CliOptions }).options;
}

function errorOf(argv: string[]): string {
    const parsed = parseCli(argv);
    assert.equal(parsed.kind, "error");
    return (parsed as { message: string }).message;
}

class Sink {
    text = "";
    constructor(readonly isTTY?: boolean) {}
    write(chunk: string): boolean {
        this.text += chunk;
        return true;
    }
}

async function run(argv: string[], env: Record<string, string | undefined> = {}, tty = false) {
    const stdout = new Sink(tty);
    const stderr = new Sink();
    const io: CliIo = { cwd: ROOT, env, stdout, stderr };
    const code = await runCli(argv, io);
    return { code, stdout: stdout.text, stderr: stderr.text };
}

describe("cli: arguments", () => {
    it("defaults to the table format with no config flags", () => {
        const o = options(["plan"]);
        assert.equal(o.format, "table");
        assert.equal(o.hasOverrides, false);
        assert.equal(o.failOn, "high", "a high finding fails the plan by default");
    });

    it("maps every config flag to the component's args", () => {
        const o = options([
            "plan",
            "--vcn=10.0.0.0/16",
            "--worker=10.0.128.0/17",
            "--kube-client",
            "10.1.0.0/16",
            "--kube-client",
            "10.2.0.0/16",
            "--bastion=10.0.0.0/28",
            "--api-port=7443",
            "--cni=vcn-native",
            "--cluster-access=private",
            "--security-rules=both",
            "--egress=all",
            "--service-lb=10.0.0.0/24",
            "--control-plane=10.0.1.0/28",
            "--control-plane-endpoint=10.0.1.16/28",
            "--pod=10.0.64.0/18",
        ]);
        assert.deepEqual(o.overrides, {
            vcn: "10.0.0.0/16",
            worker: "10.0.128.0/17",
            serviceLb: "10.0.0.0/24",
            controlPlane: "10.0.1.0/28",
            controlPlaneEndpoint: "10.0.1.16/28",
            pod: "10.0.64.0/18",
            kubeClientCidrs: ["10.1.0.0/16", "10.2.0.0/16"],
            bastionCidrs: ["10.0.0.0/28"],
            cni: "vcn-native",
            clusterAccess: "private",
            securityRules: "both",
            egress: "all",
            kubernetesApiPort: 7443,
        });
    });

    it("passes a non-numeric API port through, so validation names it", () => {
        assert.equal(options(["plan", "--api-port", "https"]).overrides.kubernetesApiPort, "https");
    });

    it("parses --allow-anywhere and --fail-on", () => {
        const o = options([
            "plan",
            "--allow-anywhere",
            "tcp:443",
            "--allow-anywhere",
            "udp:500-501",
            "--allow-anywhere",
            "icmp:4",
            "--fail-on",
            "medium",
        ]);
        assert.deepEqual(o.allowAnywhere, [
            { protocol: "tcp", ports: { min: 443, max: 443 } },
            { protocol: "udp", ports: { min: 500, max: 501 } },
            { protocol: "icmp", icmpType: 4 },
        ]);
        assert.equal(o.failOn, "medium");
        assert.equal(options(["plan", "--fail-on", "none"]).failOn, undefined);
    });

    it("refuses what it cannot use, saying why", () => {
        assert.match(errorOf(["plan", "--allow-anywhere", "tcp:99999"]), /ports must be 1-65535/);
        assert.match(errorOf(["plan", "--allow-anywhere", "ssh"]), /expected PROTO/);
        assert.match(
            errorOf(["plan", "--fail-on", "critical"]),
            /expected one of info, low, medium, high, none/,
        );
        assert.match(errorOf(["plan", "--config", "a", "--stack-config", "b"]), /exclude each other/);
        assert.match(errorOf([]), /missing command: plan/);
        assert.match(errorOf(["apply"]), /unknown command: apply/);
        assert.match(errorOf(["plan", "extra"]), /unexpected argument: extra/);
    });
});

describe("cli: input", () => {
    it("the built-in defaults are the root program's Pulumi.yaml defaults", () => {
        const project = parseYaml(readFileSync(join(ROOT, "Pulumi.yaml"), "utf8")) as {
            config: Record<string, { default?: unknown }>;
        };
        const args = defaultInput().args;
        assert.deepEqual(args.cidrs, { vcn: project.config.vcnCidr.default });
        assert.deepEqual(args.kubeClientCidrs, project.config.kubeClientCidrs.default);
    });

    it("the repository's Pulumi.example.yaml resolves to the same network as the defaults", () => {
        const example = loadConfigFile("Pulumi.example.yaml", ROOT, true);
        assert.equal(example.source, "stack-config");
        assert.equal(example.name, "oke-c3-network");
        const resolved = (a: typeof example.args) => resolveConfig({ ...a, dnsLabel: "x" });
        assert.deepEqual(resolved(example.args), resolved(defaultInput().args));
    });

    it("the repository's Pulumi.example.yaml shows every key the root program reads", () => {
        const text = readFileSync(join(ROOT, "Pulumi.example.yaml"), "utf8");
        const shown = [...text.matchAll(/oke-c3-network:(\w+):/g)].map((m) => m[1]);
        assert.deepEqual(
            STACK_CONFIG_KEYS.filter((key) => !shown.includes(key)),
            [],
            "keys the root program reads but the example does not show",
        );
    });

    it("recognises a stack config given to --config", () => {
        const dir = mkdtempSync(join(tmpdir(), "okec3-input-"));
        writeFileSync(join(dir, "Pulumi.prod.yaml"), "config:\n  oke-c3-network:vcnCidr: 10.0.0.0/16\n");
        const input = loadConfigFile("Pulumi.prod.yaml", dir);
        assert.equal(input.source, "stack-config");
        assert.deepEqual(input.args.cidrs, { vcn: "10.0.0.0/16" });
        assert.throws(
            () => loadConfigFile(join(ROOT, "package.json"), ROOT, true),
            /not a Pulumi stack config/,
        );
    });

    it("flags override single CIDRs and lists, keeping the rest of the file", () => {
        const base = {
            ...defaultInput(),
            args: { ...defaultInput().args, cidrs: { vcn: "10.0.0.0/16", worker: "10.0.128.0/17" } },
        };
        const out = applyOverrides(base, {
            vcn: "10.0.0.0/16",
            serviceLb: "10.0.0.0/24",
            kubeClientCidrs: ["192.168.0.0/16"],
        });
        assert.deepEqual(out.args.cidrs, {
            vcn: "10.0.0.0/16",
            worker: "10.0.128.0/17",
            serviceLb: "10.0.0.0/24",
        });
        assert.deepEqual(out.args.kubeClientCidrs, ["192.168.0.0/16"]);
        assert.equal(out.source, "flags");
    });
});

describe("cli: verdict and exit code", () => {
    const report = (
        statuses: ("allowed" | "denied" | "unknown")[],
        severities: ("low" | "high")[] = [],
    ): AnalysisReport =>
        ({
            flows: statuses.map((status, i) => ({ id: `f${i}`, status })),
            findings: severities.map((severity) => ({ severity })),
            summary: {
                flows: statuses.length,
                holding: statuses.filter((s) => s === "allowed").length,
                failing: statuses.filter((s) => s === "denied").length,
                unknown: statuses.filter((s) => s === "unknown").length,
                findings: {
                    info: 0,
                    low: severities.filter((s) => s === "low").length,
                    medium: 0,
                    high: severities.filter((s) => s === "high").length,
                },
            },
        }) as unknown as AnalysisReport;

    it("0 when every flow holds, whatever the findings, unless --fail-on is reached", () => {
        assert.equal(verdictOf(report(["allowed"], ["high"]), undefined).code, 0);
        assert.equal(verdictOf(report(["allowed"], ["low"]), "high").code, 0);
        assert.equal(verdictOf(report(["allowed"], ["high"]), "high").code, 1);
    });

    it("1 when a required flow fails or cannot be decided, naming it", () => {
        const failing = verdictOf(report(["allowed", "denied"]), undefined);
        assert.equal(failing.code, 1);
        assert.match(failing.text, /^✘ 1 of 2 required flows do not hold \(f1\)/);
        assert.equal(verdictOf(report(["unknown"]), undefined).code, 1);
    });
});

describe("cli: colour", () => {
    it("only for a terminal, and never with NO_COLOR", () => {
        assert.equal(colourWanted(true, {}), true);
        assert.equal(colourWanted(false, {}), false);
        assert.equal(colourWanted(undefined, {}), false);
        assert.equal(colourWanted(true, { NO_COLOR: "1" }), false);
        assert.equal(painter(true)("red", "x"), "\u001b[31mx\u001b[39m");
        assert.equal(painter(false)("red", "x"), "x");
    });

    it("the table is coloured on a TTY (NO_COLOR is the same decision, tested above)", async () => {
        const coloured = await run(["plan"], {}, true);
        assert.equal(coloured.code, 0);
        assert.ok(coloured.stdout.includes("\u001b[32m✔\u001b[39m"));
    });
});

describe("cli: --diff in the table and Markdown formats", () => {
    let dir: string;
    before(() => {
        dir = mkdtempSync(join(tmpdir(), "okec3-diff-"));
        writeFileSync(
            join(dir, "base.yaml"),
            "cidrs: { vcn: 172.31.252.0/23 }\nkubeClientCidrs: [10.0.0.0/8]\n",
        );
    });
    const argv = (format: string) => [
        "plan",
        "--kube-client",
        "10.0.0.0/8",
        "--kube-client",
        "192.168.0.0/16",
        "--diff",
        join(dir, "base.yaml"),
        "--format",
        format,
    ];

    it("table: each opened probe with the rule responsible", async () => {
        const { code, stdout } = await run(argv("table"));
        assert.equal(code, 0);
        assert.match(stdout, /DIFF against .*base\.yaml: 5 opened, 0 closed/);
        assert.match(
            stdout,
            /\+ 192\.168\.0\.0\/16 → control-plane {2}TCP 6443\n {6}by kmi-seclist ingress rule 2/,
        );
    });

    it("markdown: a diff table", async () => {
        const { stdout } = await run(argv("markdown"));
        assert.match(stdout, /## Diff against `.*base\.yaml`: 5 opened, 0 closed/);
        assert.match(
            stdout,
            /\| opened \| 192\.168\.0\.0\/16 \| control-plane \| TCP 6443 \| kmi-seclist ingress rule 2 \|/,
        );
    });

    it("a refused baseline is bad input, named as the --diff file", async () => {
        writeFileSync(
            join(dir, "bad.yaml"),
            "cidrs: { vcn: 172.31.252.1/23 }\nkubeClientCidrs: [10.0.0.0/8]\n",
        );
        const { code, stderr } = await run(["plan", "--diff", join(dir, "bad.yaml")]);
        assert.equal(code, 2);
        assert.match(stderr, /^--diff .*bad\.yaml: oke-c3-network: the config was refused/);
    });
});
