import * as assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { recordProgram } from "../../src/testing/mock-run";
import { runCli } from "../../src/cli/run";
import { parseVerify } from "../../src/cli/verify";
import {
    WORKLOAD_CLUSTER_NETWORK_TYPE,
    WorkloadClusterNetwork,
} from "../../src/component/workload-cluster-network";
import type { WorkloadClusterNetworkArgs } from "../../src/config/types";
import {
    DEFECTS,
    defectiveState,
    load,
    OCI_EXPORT,
    STACK_EXPORT,
    tempDir,
    tempJson,
    TF_STATE,
    tfResources,
    tfValues,
} from "../analysis/model/ingest/fixtures";
import type { CliIo } from "../../src/cli/verdict";

/*
 * `oke-c3-network verify` in-process: exit codes, formats, --diff, argument refusals, and --import-file,
 * whose names are checked against what the component REGISTERS under mocks with the printed config.
 */

class Sink {
    text = "";
    write(chunk: string): boolean {
        this.text += chunk;
        return true;
    }
}

async function verify(...argv: string[]) {
    const stdout = new Sink();
    const stderr = new Sink();
    const io: CliIo = { cwd: process.cwd(), env: { NO_COLOR: "1" }, stdout, stderr };
    const code = await runCli(["verify", ...argv], io);
    return { code, stdout: stdout.text, stderr: stderr.text };
}

/** Oracle's network with port table row 2 opened on kmi-seclist (Oracle's gap closed): every flow holds. */
function closedGapState(): string {
    const doc = load(TF_STATE);
    const rules = tfValues(doc, "module.oke.oci_core_security_list.kmi_seclist")
        .ingress_security_rules as unknown[];
    rules.push({
        protocol: "6",
        source: "172.31.252.0/23",
        source_type: "CIDR_BLOCK",
        stateless: false,
        tcp_options: [{ min: 22, max: 22, source_port_range: [] }],
        udp_options: [],
        icmp_options: [],
    });
    return tempJson(doc, "closed-gap.json");
}

describe("cli verify: verdicts and exit codes", () => {
    it("Oracle's own network exits 1: port table row 2 (bastion → control plane SSH) is not open", async () => {
        const r = await verify("--terraform", TF_STATE);
        assert.equal(r.code, 1, r.stderr);
        assert.match(r.stdout, /✘ control-plane-ssh-from-bastion {2}\[C3 ports 1a#2\]/);
        assert.match(
            r.stdout,
            /oketest-kmi \(module\.oke\.oci_core_security_list\.kmi_seclist\)\) allows TCP 22/,
        );
        // 31: the 3 unverified control-plane → yum/registry flows are an opt-in (INCLUDE_UNVERIFIED_BY_DEFAULT).
        assert.match(r.stdout, /✘ 1 of 31 required flows do not hold \(control-plane-ssh-from-bastion\)/);
    });

    it("exits 0 when every flow holds, 1 with --fail-on low for Oracle's all-protocols egress", async () => {
        const input = closedGapState();
        assert.equal((await verify("--terraform", input)).code, 0);
        const strict = await verify("--terraform", input, "--fail-on", "low");
        assert.equal(strict.code, 1);
        assert.match(strict.stdout, /\[low\] all-protocols/);
    });

    it("json: one document, networks one by one with the context, flows and exit code", async () => {
        const r = await verify("--oci-export", OCI_EXPORT, "--format", "json");
        const doc = JSON.parse(r.stdout) as {
            command: string;
            input: { source: string };
            networks: {
                context: { vcn: string; kubeClientCidrs: string[] };
                flows: { id: string; status: string }[];
                exitCode: number;
            }[];
            exitCode: number;
        };
        assert.equal(doc.command, "verify");
        assert.equal(doc.input.source, "oci-export");
        assert.equal(doc.networks.length, 1);
        assert.equal(doc.networks[0].context.vcn, "172.31.252.0/23");
        assert.deepEqual(doc.networks[0].context.kubeClientCidrs, ["10.0.0.0/8"]);
        assert.equal(
            doc.networks[0].flows.find((f) => f.id === "control-plane-ssh-from-bastion")?.status,
            "denied",
        );
        assert.equal(doc.exitCode, 1);
    });

    it("markdown, --kube-client and --bastion as in plan", async () => {
        const r = await verify(
            "--stack-export",
            STACK_EXPORT,
            "-f",
            "markdown",
            "--kube-client",
            "192.168.0.0/16",
            "--bastion",
            "172.31.253.10/32",
        );
        assert.match(r.stdout, /^# oke-c3-network verify \(Pulumi stack export/);
        assert.match(r.stdout, /```mermaid/);
        // Clients Oracle's lists do not admit fail: the flows follow the given clients, not the rules.
        assert.match(r.stdout, /✘ .*endpoint-api-from-kube-clients|endpoint-api-from-kube-clients.*✘/);
        assert.match(r.stdout, /172\.31\.253\.10\/32/);
    });

    it("--diff names what the defect closed", async () => {
        const r = await verify("--terraform", defectiveState(DEFECTS[0]), "--diff", TF_STATE, "-f", "json");
        const doc = JSON.parse(r.stdout) as {
            networks: {
                diff: {
                    closed: { traffic: string }[];
                    flows: { id: string; before: string; after: string }[];
                };
            }[];
        };
        const diff = doc.networks[0].diff;
        assert.ok(
            diff.closed.some((c) => c.traffic === "TCP 10256"),
            JSON.stringify(diff.closed),
        );
        assert.deepEqual(diff.flows, [
            { id: "worker-kube-proxy-from-service-lb", before: "allowed", after: "denied" },
        ]);
    });

    it("--subnet-name maps a network that does not use Oracle's names", async () => {
        const doc = load(TF_STATE);
        tfValues(doc, "module.oke.oci_core_subnet.worker_subnet").display_name = "nodes";
        const input = tempJson(doc);
        const without = await verify("--terraform", input);
        assert.match(without.stdout, /the network has no subnet with role worker/);
        const mapped = await verify("--terraform", input, "--subnet-name", "worker=nodes");
        assert.match(mapped.stdout, /✘ 1 of 31 required flows/);
    });
});

describe("cli verify: refusals exit 2", () => {
    const cases: [string[], RegExp][] = [
        [[], /verify needs one input/],
        [["--terraform", "a", "--oci-export", "b"], /--terraform and --oci-export exclude each other/],
        [["--terraform", "a", "--cni", "calico"], /--cni calico: expected one of flannel, vcn-native/],
        [
            ["--terraform", "a", "--kube-client", "10.0.0.1/8"],
            /--kube-client 10\.0\.0\.1\/8 has host bits set/,
        ],
        [["--terraform", "a", "--subnet-name", "workers=x"], /--subnet-name workers=x: expected ROLE=NAME/],
        [["--oci-export", "a", "--import-file", "i.json"], /--import-file needs --terraform/],
        [["--terraform", "a", "--bogus"], /Unknown option '--bogus'/],
        [["--terraform", "does-not-exist.json"], /cannot read does-not-exist\.json: ENOENT/],
    ];
    for (const [argv, message] of cases)
        it(argv.join(" ") || "(no input)", async () => {
            const r = await verify(...argv);
            assert.equal(r.code, 2);
            assert.match(r.stderr, message);
        });

    it("parses --help", () => assert.equal(parseVerify(["--help"]).kind, "help"));
});

describe("cli verify --import-file: adopting a Terraform-built network under the component", () => {
    it("names every resource of the state as the component does, and a mock run registers those names", async function () {
        this.timeout(60000);
        const dir = tempDir();
        const file = join(dir, "import.json");
        const r = await verify("--terraform", TF_STATE, "--import-file", file, "--name", "oke");
        assert.equal(r.code, 1, r.stderr);
        const doc = JSON.parse(readFileSync(file, "utf8")) as {
            resources: { type: string; name: string; id?: string; parent?: string; component?: boolean }[];
        };
        const [component, ...imported] = doc.resources;
        assert.deepEqual(component, {
            type: "oke-c3-network:index:WorkloadClusterNetwork",
            name: "oke",
            component: true,
        });
        assert.equal(component.type, WORKLOAD_CLUSTER_NETWORK_TYPE);
        // Written literally: Terraform address → the component's logical name (src/component/children.ts).
        const expected: Record<string, string> = {
            "oci_core_vcn.oke_vcn": "oke-vcn",
            "oci_core_nat_gateway.oke_nat_gateway": "oke-nat",
            "oci_core_internet_gateway.oke_internet_gateway": "oke-igw",
            "module.oke.oci_core_route_table.oke_public_route_table": "oke-rt-public",
            "module.oke.oci_core_security_list.worker_seclist": "oke-seclist-worker",
            "module.oke.oci_core_security_list.workerlb_seclist": "oke-seclist-service-lb",
            "module.oke.oci_core_security_list.kmi_seclist": "oke-seclist-control-plane",
            "module.oke.oci_core_security_list.kmilb_seclist": "oke-seclist-control-plane-endpoint",
            "module.oke.oci_core_subnet.worker_subnet": "oke-subnet-worker",
            "module.oke.oci_core_subnet.workerlb_subnet": "oke-subnet-service-lb",
            "module.oke.oci_core_subnet.kmi_subnet": "oke-subnet-control-plane",
            "module.oke.oci_core_subnet.kmilb_subnet": "oke-subnet-control-plane-endpoint",
        };
        const adopted: Record<string, string> = {
            "module.oke.oci_core_default_security_list.oke_default_seclist": "oke-default-seclist",
            "module.oke.oci_core_default_route_table.oke_private_route_table": "oke-default-routes",
        };
        const state = load(TF_STATE);
        const addresses = tfResources(state).map((x) => x.address as string);
        assert.deepEqual([...Object.keys(expected), ...Object.keys(adopted)].sort(), [...addresses].sort());
        const idOf = (address: string): string => tfValues(state, address).id as string;
        assert.deepEqual(
            imported.map((e) => [e.name, e.id, e.parent]).sort(),
            Object.entries(expected)
                .map(([a, n]) => [n, idOf(a), "oke"])
                .sort(),
        );
        for (const [address, name] of Object.entries(adopted))
            assert.match(r.stderr, new RegExp(`${address.replace(/\./g, "\\.")} → ${name}: taken over`));

        const printed = /the component args that give these names: (.*)$/m.exec(r.stderr)?.[1];
        assert.ok(printed !== undefined, r.stderr);
        const args = {
            ...(JSON.parse(printed) as WorkloadClusterNetworkArgs),
            compartmentId: "ocid1.compartment.oc1..example-oke",
        };
        const run = await recordProgram(() => new WorkloadClusterNetwork("oke", args));
        const registered = new Map(run.records.map((x) => [x.name, x.type]));
        for (const entry of imported) assert.equal(registered.get(entry.name), entry.type, entry.name);
        for (const name of Object.values(adopted)) assert.ok(registered.has(name), name);
        // What the component adds to Oracle's layout: its own common list and the NAT route table.
        const extra = [...registered.keys()].filter(
            (n) => n !== "oke" && !imported.some((e) => e.name === n) && !Object.values(adopted).includes(n),
        );
        assert.deepEqual(extra.sort(), ["oke-rt-nat-private", "oke-seclist-common"]);
        assert.equal(args.dnsLabel, "oketest");
    });
});
