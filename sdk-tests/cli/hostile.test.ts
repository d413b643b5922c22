import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MAX_INPUT_BYTES } from "../../src/cli/files";
import { runCli } from "../../src/cli/run";
import { unknownStackConfigKeys } from "../../src/config/stack-config";
import { firstUnsafeCharacter } from "../../src/config/text";
import type { CliIo } from "../../src/cli/verdict";

/*
 * Hostile files and hostile strings (issue #9): each is refused at once with exit 2 and a clear message,
 * within a time bound, and nothing a user wrote reaches the terminal raw.
 */

class Sink {
    text = "";
    write(chunk: string): boolean {
        this.text += chunk;
        return true;
    }
}

async function run(argv: string[], cwd: string) {
    const stdout = new Sink();
    const stderr = new Sink();
    const io: CliIo = { cwd, env: {}, stdout, stderr };
    const started = Date.now();
    const code = await runCli(argv, io);
    return { code, stdout: stdout.text, stderr: stderr.text, ms: Date.now() - started };
}

/** No control or bidi character other than the newline. */
function clean(text: string): boolean {
    return firstUnsafeCharacter(text.replace(/\n/g, " ")) === undefined;
}

const BASE = "cidrs: { vcn: 172.31.252.0/23 }\nkubeClientCidrs: [10.0.0.0/8]\n";

describe("cli: hostile files", function () {
    this.timeout(60_000);
    let dir: string;
    before(() => {
        dir = mkdtempSync(join(tmpdir(), "okec3-hostile-"));
    });

    const refused = async (file: string, pattern: RegExp, bound = 2000) => {
        const r = await run(["plan", "--config", file], dir);
        assert.equal(r.code, 2, r.stderr);
        assert.match(r.stderr, pattern);
        assert.equal(r.stdout, "");
        assert.ok(r.ms < bound, `took ${r.ms} ms`);
        return r;
    };

    it("/dev/zero, a directory and a FIFO are refused at once (stat first, never opened to read)", async () => {
        await refused("/dev/zero", /\/dev\/zero is a device; give a YAML or JSON file/);
        await refused(dir, /is a directory/);
        const fifo = join(dir, "pipe.yaml");
        execFileSync("mkfifo", [fifo]);
        await refused(fifo, /is a FIFO \(named pipe\)/);
    });

    it("a file over 1 MiB is refused without parsing it", async () => {
        const big = join(dir, "big.yaml");
        writeFileSync(big, `${BASE}# ${"x".repeat(MAX_INPUT_BYTES)}\n`);
        await refused(big, /is larger than 1048576 bytes \(1 MiB\)/);
    });

    it("a YAML file with 13,000 keys is read in linear time and its unknown keys refused", async () => {
        const lines = Array.from({ length: 13_000 }, (_, i) => `k${i}: ${i}`);
        const many = join(dir, "many.yaml");
        writeFileSync(many, `${BASE}${lines.join("\n")}\n`);
        const r = await refused(many, /k0: is not a known key/, 5000);
        assert.match(r.stderr, /13000 problems/);
    });

    it("duplicate keys are refused, also among many", async () => {
        const dup = join(dir, "dup.yaml");
        writeFileSync(dup, `${BASE}cni: flannel\ncni: vcn-native\n`);
        await refused(dup, /repeats the key "cni" in one mapping/);
    });

    it("a circular alias is refused by path, not planned and not a crash", async () => {
        const cyc = join(dir, "cyc.yaml");
        writeFileSync(cyc, `${BASE}extraRules: &r\n  - *r\n`);
        await refused(cyc, /extraRules\[0\] refers back to itself/);
    });

    it("an alias bomb is refused", async () => {
        const bomb = ["a: &a [x, x, x, x, x, x, x, x, x]"];
        for (let i = 0; i < 8; i++)
            bomb.push(
                `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9)
                    .fill(`*${String.fromCharCode(97 + i)}`)
                    .join(", ")}]`,
            );
        const file = join(dir, "bomb.yaml");
        writeFileSync(file, `${bomb.join("\n")}\n`);
        await refused(file, /cannot be read|alias/i);
    });

    it("a __proto__ key in a stack file stays a key (refused), never the prototype", async () => {
        const stack = join(dir, "Pulumi.proto.yaml");
        writeFileSync(stack, "config:\n  oke-c3-network:__proto__: { egress: all }\n");
        const r = await run(["plan", "--stack-config", stack], dir);
        assert.equal(r.code, 2);
        assert.match(r.stderr, /oke-c3-network:__proto__: is not a config key of this program/);
    });

    it("control characters in a description are refused, and the refusal prints none raw", async () => {
        const file = join(dir, "esc.yaml");
        writeFileSync(
            file,
            `${BASE}extraRules:\n  - { name: x, role: worker, direction: ingress, protocol: tcp, cidr: 10.1.0.0/16, portMin: 9100, description: "a\\e[2J\\e]0;owned\\ab" }\n`,
        );
        const r = await refused(file, /extraRules\[0\]\.description: contains the character U\+001B/);
        assert.ok(clean(r.stderr), JSON.stringify(r.stderr));
    });

    it("a file name with control characters is escaped in every message", async () => {
        const r = await run(["plan", "--config", "no\u001b[2Jsuch\u202e.yaml"], dir);
        assert.equal(r.code, 2);
        assert.ok(clean(r.stderr), JSON.stringify(r.stderr));
        assert.match(r.stderr, /no\\u\{1b\}\[2Jsuch\\u\{202e\}\.yaml/);
    });

    it("markdown output escapes HTML and code spans in user text; tables escape |", async () => {
        const file = join(dir, "md.yaml");
        writeFileSync(
            file,
            `${BASE}extraRules:\n  - { name: x, role: worker, direction: ingress, protocol: tcp, cidr: 10.1.0.0/16, portMin: 9100, description: "<img src=x onerror=alert(1)> | \`code\`" }\n`,
        );
        const r = await run(["plan", "--config", file, "--format", "markdown"], dir);
        assert.equal(r.code, 0, r.stderr);
        assert.doesNotMatch(r.stdout, /<img/);
        assert.match(r.stdout, /&lt;img src=x onerror=alert\(1\)&gt; \\\| &#96;code&#96;/);
    });
});

describe("cli: flags and exit codes", function () {
    this.timeout(60_000);

    it("an unknown flag gets the nearest known one", async () => {
        const r = await run(["plan", "--kube-clients", "10.0.0.0/8"], process.cwd());
        assert.equal(r.code, 2);
        assert.match(r.stderr, /unknown option --kube-clients; did you mean --kube-client\?/);
        const v = await run(["plan", "--cni", "flanel"], process.cwd());
        assert.match(
            v.stderr,
            /cni: must be one of "flannel", "vcn-native" \(got "flanel"\)\. Fix: did you mean "flannel"\?/,
        );
    });

    it('--name "", --api-port 6443n and --api-port 8443 are bad input (exit 2), not a crash', async () => {
        for (const argv of [
            ["--name", ""],
            ["--api-port", "6443n"],
            ["--api-port", "8443"],
        ]) {
            const r = await run(["plan", ...argv], process.cwd());
            assert.equal(r.code, 2, `${argv.join(" ")}: ${r.stderr}`);
            assert.match(r.stderr, /the config was refused/);
        }
    });

    it("bastionCidrs [] shows port-table rows 1-2 as not required, not undecided", async () => {
        const dir = mkdtempSync(join(tmpdir(), "okec3-nobastion-"));
        writeFileSync(join(dir, "c.yaml"), `${BASE}bastionCidrs: []\n`);
        const r = await run(["plan", "--config", "c.yaml", "--format", "json"], dir);
        assert.equal(r.code, 0, r.stderr);
        const seed = (JSON.parse(r.stdout) as { seedTable: { row: number; status: string }[] }).seedTable;
        assert.deepEqual(
            seed.map((s) => [s.row, s.status]),
            [
                [1, "not-required"],
                [2, "not-required"],
                [3, "allowed"],
                [4, "allowed"],
                [5, "allowed"],
                [6, "allowed"],
                [7, "allowed"],
                [8, "allowed"],
                [9, "allowed"],
                [10, "allowed"],
            ],
        );
    });
});

describe("cli: stack files", function () {
    this.timeout(60_000);
    const root = join(__dirname, "..", "..");

    it("a misspelt key of the program's namespace is refused with a hint; other namespaces are left alone", async () => {
        const dir = mkdtempSync(join(tmpdir(), "okec3-stack-"));
        writeFileSync(
            join(dir, "Pulumi.dev.yaml"),
            "config:\n  oke-c3-network:vcnCIDR: 10.0.0.0/16\n  oci:region: eu-frankfurt-1\n  aws:region: x\n",
        );
        const r = await run(["plan", "--stack-config", "Pulumi.dev.yaml"], dir);
        assert.equal(r.code, 2);
        assert.match(
            r.stderr,
            /oke-c3-network:vcnCIDR: is not a config key of this program.*did you mean "vcnCidr"\?/,
        );
        assert.doesNotMatch(r.stderr, /region/);
    });

    it("an example's stack file is refused with the keys it does not understand and its own program", async () => {
        const r = await run(["plan", "--stack-config", "examples/existing-vcn/Pulumi.dev.yaml"], root);
        assert.equal(r.code, 2);
        assert.match(r.stderr, /is the stack config of another program, "oke-c3-existing-vcn"/);
        assert.match(
            r.stderr,
            /does not understand oke-c3-existing-vcn:existingVcnId, oke-c3-existing-vcn:subnetCidrs/,
        );
        assert.match(r.stderr, /pulumi preview/);
    });

    it("the root program's check: only keys of its own namespace are judged", () => {
        const problems = unknownStackConfigKeys(
            ["oke-c3-network:vcnCidr", "oke-c3-network:extraRule", "oci:region", "other:thing"],
            ["oke-c3-network"],
        );
        assert.deepEqual(
            problems.map((p) => [p.path, p.fix]),
            [["oke-c3-network:extraRule", 'did you mean "extraRules"? Rename it, or remove it']],
        );
    });
});
