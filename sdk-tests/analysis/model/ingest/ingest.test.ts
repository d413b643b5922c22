import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { evaluateFlow } from "../../../../src/analysis/evaluate/evaluate";
import { IngestError, MAX_INPUT_BYTES } from "../../../../src/analysis/model/ingest/common";
import type { NetworkModel } from "../../../../src/analysis/model/model";
import { verifyInput, type VerifyOptions, type VerifySource } from "../../../../src/cli/verify";
import { queriesFor } from "../../../fixtures/harness";
import {
    DENIED_FLOWS,
    ORACLE_EXAMPLE,
    ORACLE_SECURITY_LIST_RULES,
    SEED_TABLE,
} from "../../../fixtures/oracle-tables";
import {
    DEFECTS,
    defectiveExport,
    defectiveState,
    load,
    OCI_EXPORT,
    STACK_EXPORT,
    tempDir,
    tempJson,
    TF_PLAN,
    TF_STATE,
    tfValues,
} from "./fixtures";

/*
 * Existing networks read from Terraform (state and saved plan), an OCI CLI export and a stack export: the
 * expected verdicts are Oracle's tables (sdk-tests/fixtures/oracle-tables.ts), not the catalogue. Oracle's
 * own network passes every port-table row and list rule except row 2 (bastion → control plane SSH), which
 * Oracle's kmi-seclist does not open (docs/oracle-c3-network.md §1a, a documented gap); each defect is found by flow and address.
 */

function options(source: VerifySource, input: string): VerifyOptions {
    return { source, input, format: "json", allowAnywhere: [], subnetNames: {}, name: "oke" };
}

function run(source: VerifySource, input: string) {
    return verifyInput(options(source, input), process.cwd()).networks;
}

function onlyModel(source: VerifySource, input: string): NetworkModel {
    const networks = run(source, input);
    assert.equal(networks.length, 1);
    return networks[0].ingested.model;
}

const SOURCES: readonly [string, VerifySource, string][] = [
    ["Terraform state", "terraform", TF_STATE],
    ["Terraform saved plan (ids unknown, resolved through configuration references)", "terraform", TF_PLAN],
    ["OCI CLI export", "oci-export", OCI_EXPORT],
    ["stack export", "stack-export", STACK_EXPORT],
];

describe("verify input: Oracle's C3 Flannel network", () => {
    for (const [label, source, input] of SOURCES) {
        describe(label, () => {
            const model = onlyModel(source, input);
            for (const flow of [...SEED_TABLE, ...ORACLE_SECURITY_LIST_RULES]) {
                // Port table row 2 is Oracle's documented gap: no kmi-seclist rule opens TCP 22 from vcn_cidr.
                const expected = flow.label.startsWith("2 ") ? "denied" : "allowed";
                it(`${flow.label}: ${expected}`, () => {
                    for (const q of queriesFor(ORACLE_EXAMPLE, flow))
                        assert.equal(
                            evaluateFlow(model, q).status,
                            expected,
                            evaluateFlow(model, q).reasons.join("; "),
                        );
                });
            }
            it("denies every flow least privilege forbids, except egress Oracle opens on purpose", () => {
                for (const flow of DENIED_FLOWS) {
                    // docs/oracle-c3-network.md §3.1: Oracle's default list allows all egress, and private subnets route it to NAT.
                    const expected = flow.label === "worker → internet ssh" ? "allowed" : "denied";
                    for (const q of queriesFor(ORACLE_EXAMPLE, flow))
                        assert.equal(evaluateFlow(model, q).status, expected, flow.label);
                }
            });
        });
    }

    it("gives the same verdict for every required flow and the same findings from all four inputs", () => {
        const verdicts = SOURCES.map(([, source, input]) => {
            const [n] = run(source, input);
            return {
                flows: n.report.flows.map((f) => `${f.id}:${f.status}`),
                findings: n.report.findings.map((f) => `${f.kind}:${f.severity}`),
            };
        });
        for (const v of verdicts.slice(1)) assert.deepEqual(v, verdicts[0]);
        assert.ok(verdicts[0].flows.includes("control-plane-ssh-from-bastion:denied"));
        assert.equal(verdicts[0].flows.filter((f) => !f.endsWith(":allowed")).length, 1);
    });

    it("names every part by its Terraform address", () => {
        const [n] = run("terraform", TF_STATE);
        const lists = n.report.network.containers.map((c) => c.name);
        assert.ok(
            lists.includes("oketest-worker (module.oke.oci_core_security_list.worker_seclist)"),
            lists.join(),
        );
        assert.ok(n.report.network.name.includes("oci_core_vcn.oke_vcn"));
    });
});

describe("verify input: documented defects", () => {
    for (const defect of DEFECTS) {
        for (const [source, input, address] of [
            ["terraform", () => defectiveState(defect), defect.terraformAddress],
            ["oci-export", () => defectiveExport(defect), defect.ociId],
        ] as const) {
            it(`${defect.name} (${source})`, () => {
                const [n] = run(source, input());
                const failing = n.report.flows.filter((f) => f.status !== "allowed").map((f) => f.id);
                assert.deepEqual(
                    failing.sort(),
                    [...defect.failingFlows, "control-plane-ssh-from-bastion"].sort(),
                );
                const texts = [
                    ...n.report.flows
                        .filter((f) => defect.failingFlows.includes(f.id))
                        .flatMap((f) => f.checks.flatMap((c) => c.failures.map((x) => x.message))),
                    ...n.report.findings.map((f) => `${f.subject.text}: ${f.message}`),
                ];
                assert.ok(
                    texts.some((t) => t.includes(address)),
                    `${address} not named in:\n${texts.join("\n")}`,
                );
                if (defect.failingFlows.length === 0) {
                    const world = n.report.findings.find((f) => f.kind === "ingress-from-anywhere");
                    assert.ok(world?.subject.text.includes(address), JSON.stringify(n.report.findings));
                    const ssh = queriesFor(ORACLE_EXAMPLE, DENIED_FLOWS[1])[0];
                    assert.equal(evaluateFlow(n.ingested.model, ssh).status, "allowed");
                }
            });
        }
    }

    it("a saved plan's reference that cannot be resolved leaves the flows through it undecided, and says so", () => {
        const plan = load(TF_PLAN);
        const config = (plan.configuration as Record<string, Record<string, unknown>>).root_module;
        const module = (
            (config.module_calls as Record<string, Record<string, unknown>>).oke.module as Record<
                string,
                unknown[]
            >
        ).resources;
        const worker = module.find((r) => (r as { name: string }).name === "worker_subnet") as {
            expressions: Record<string, unknown>;
        };
        worker.expressions.security_list_ids = { references: ["local.worker_lists"] };
        const [n] = run("terraform", tempJson(plan));
        const kubeProxy = n.report.flows.find((f) => f.id === "worker-kube-proxy-from-service-lb");
        assert.equal(kubeProxy?.status, "unknown");
        assert.ok(
            n.report.notes.some(
                (t) =>
                    t.includes("module.oke.oci_core_subnet.worker_subnet") && t.includes("security_list_ids"),
            ),
        );
        assert.ok(
            !n.report.flows.some((f) => f.status === "allowed" && f.id.startsWith("worker-kube-proxy")),
        );
    });

    it("a saved plan's id resolves through a module output (`module.net.vcn_id`)", () => {
        const vcn = {
            address: "module.net.oci_core_vcn.this",
            mode: "managed",
            type: "oci_core_vcn",
            name: "this",
        };
        const subnet = {
            address: "oci_core_subnet.worker",
            mode: "managed",
            type: "oci_core_subnet",
            name: "worker",
        };
        const plan = {
            format_version: "1.2",
            planned_values: {
                root_module: {
                    resources: [{ ...subnet, values: { cidr_block: "10.0.1.0/24", display_name: "worker" } }],
                    child_modules: [
                        {
                            address: "module.net",
                            resources: [{ ...vcn, values: { cidr_blocks: ["10.0.0.0/16"] } }],
                        },
                    ],
                },
            },
            resource_changes: [
                {
                    address: vcn.address,
                    change: { after_unknown: { id: true, default_security_list_id: true } },
                },
                { address: subnet.address, change: { after_unknown: { id: true, vcn_id: true } } },
            ],
            configuration: {
                root_module: {
                    resources: [
                        {
                            address: "oci_core_subnet.worker",
                            expressions: { vcn_id: { references: ["module.net.vcn_id", "module.net"] } },
                        },
                    ],
                    module_calls: {
                        net: {
                            module: {
                                resources: [{ address: "oci_core_vcn.this", expressions: {} }],
                                outputs: {
                                    vcn_id: {
                                        expression: {
                                            references: ["oci_core_vcn.this.id", "oci_core_vcn.this"],
                                        },
                                    },
                                },
                            },
                        },
                    },
                },
            },
        };
        const networks = run("terraform", tempJson(plan));
        assert.deepEqual(
            networks.map((n) => n.vcnName),
            ["module.net.oci_core_vcn.this"],
        );
        assert.equal(networks[0].ingested.model.subnets.length, 1);
        assert.deepEqual(networks[0].ingested.model.vcnCidrs, ["10.0.0.0/16"]);
    });

    it("an NSG whose rules file is missing has unknown rules: what it could allow is undecided, and said", () => {
        const nsgDefect = DEFECTS[3];
        const dir = defectiveExport(nsgDefect);
        rmSync(join(dir, "nsg-rules"), { recursive: true });
        const [n] = run("oci-export", dir);
        const ssh = queriesFor(ORACLE_EXAMPLE, DENIED_FLOWS[1])[0];
        assert.equal(evaluateFlow(n.ingested.model, ssh).status, "unknown");
        assert.ok(n.report.notes.some((t) => t.includes(`nsg-rules/${nsgDefect.ociId}.json is missing`)));
    });

    it("reports several VCNs one by one", () => {
        const dir = defectiveExport({ ...DEFECTS[0], patchOci: () => undefined });
        const vcns = load(join(dir, "vcns.json"));
        (vcns.data as unknown[]).push({
            id: "ocid1.vcn.oc1.c3.example-other",
            "display-name": "other",
            "cidr-block": "10.9.0.0/16",
            "default-security-list-id": "ocid1.securitylist.oc1.c3.x",
            "default-route-table-id": "ocid1.routetable.oc1.c3.x",
        });
        writeFileSync(join(dir, "vcns.json"), JSON.stringify(vcns));
        const networks = run("oci-export", dir);
        assert.deepEqual(
            networks.map((n) => n.vcnName),
            ["oketest-vcn", "other"],
        );
        assert.ok(networks[1].report.flows.some((f) => f.status === "denied"));
    });
});

describe("verify input: bad input is refused with the address, the path, the value and a fix", () => {
    const refused = (source: VerifySource, input: string, ...parts: (string | RegExp)[]): void => {
        assert.throws(
            () => run(source, input),
            (error: unknown) => {
                assert.ok(error instanceof IngestError, String(error));
                for (const p of parts)
                    assert.match(
                        error.message,
                        typeof p === "string" ? new RegExp(p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) : p,
                    );
                return true;
            },
        );
    };

    it("a rule whose port is a string", () => {
        const doc = load(TF_STATE);
        const rule = (
            tfValues(doc, "module.oke.oci_core_security_list.kmi_seclist").ingress_security_rules as Record<
                string,
                unknown
            >[]
        )[0];
        rule.tcp_options = [{ min: "6443", max: 6443, source_port_range: [] }];
        refused(
            "terraform",
            tempJson(doc),
            "module.oke.oci_core_security_list.kmi_seclist",
            "ingress_security_rules[0].tcp_options[0].min",
            '"6443"',
            "integer 1-65535",
        );
    });

    it("a protocol name instead of OCI's number", () => {
        const doc = load(TF_STATE);
        (
            tfValues(doc, "module.oke.oci_core_security_list.kmi_seclist").ingress_security_rules as Record<
                string,
                unknown
            >[]
        )[0].protocol = "tcp";
        refused("terraform", tempJson(doc), "protocol", '"tcp"', '"6" TCP');
    });

    it("a raw terraform.tfstate, a stack export given as Terraform, and Terraform given as a stack export", () => {
        refused(
            "terraform",
            tempJson({ version: 4, lineage: "x", resources: [] }),
            "raw terraform.tfstate",
            "terraform show -json",
        );
        refused("terraform", STACK_EXPORT, "not the JSON that `terraform show -json` prints");
        refused("stack-export", TF_STATE, 'no "deployment"');
    });

    it("an OCI export with a misnamed file, a missing file, or a wrong-typed field", () => {
        const misnamed = defectiveExport({
            ...DEFECTS[0],
            patchOci: (d) => writeFileSync(join(d, "subnet.json"), "{}"),
        });
        refused("oci-export", misnamed, "subnet.json", 'did you mean "subnets.json"');
        const missing = tempDir();
        refused("oci-export", missing, "vcns.json is missing", "oci network vcn list");
        const wrong = defectiveExport({
            ...DEFECTS[0],
            patchOci: (d) => {
                const doc = load(join(d, "security-lists.json"));
                (
                    (doc.data as Record<string, unknown[]>[])[1]["ingress-security-rules"][0] as Record<
                        string,
                        unknown
                    >
                )["is-stateless"] = "false";
                writeFileSync(join(d, "security-lists.json"), JSON.stringify(doc));
            },
        });
        refused(
            "oci-export",
            wrong,
            "ocid1.securitylist.oc1.c3.example-worker",
            "ingress-security-rules[0].is-stateless",
            '"false"',
            "true or false",
        );
    });

    it("a file over 1 MiB, a FIFO, a directory as a file, a file as a directory, a file that is not JSON", () => {
        const big = join(tempDir(), "big.json");
        writeFileSync(big, " ".repeat(MAX_INPUT_BYTES + 1));
        refused("terraform", big, "is larger than 1048576 bytes (1 MiB)");
        refused("terraform", OCI_EXPORT, "is a directory");
        refused("oci-export", TF_STATE, "not a directory");
        const text = join(tempDir(), "x.json");
        writeFileSync(text, "not json");
        refused("terraform", text, "is not JSON");
        const fifo = join(tempDir(), "fifo.json");
        execFileSync("mkfifo", [fifo]);
        refused("terraform", fifo, "is a FIFO (named pipe)");
        const sub = join(tempDir(), "d");
        mkdirSync(sub);
        refused("stack-export", sub, "is a directory");
    });

    it("a --subnet-name that gives a role to a second subnet besides the one with Oracle's name", () => {
        const doc = load(TF_STATE);
        tfValues(doc, "module.oke.oci_core_subnet.workerlb_subnet").display_name = "lb";
        assert.throws(
            () =>
                verifyInput(
                    { ...options("terraform", tempJson(doc)), subnetNames: { worker: "lb" } },
                    process.cwd(),
                ),
            /--subnet-name worker=lb: another subnet is named "worker"/,
        );
    });

    it("a --subnet-name that names no subnet", () => {
        assert.throws(
            () =>
                verifyInput(
                    { ...options("terraform", TF_STATE), subnetNames: { worker: "workers" } },
                    process.cwd(),
                ),
            /--subnet-name worker=workers: no subnet is named "workers".*did you mean "worker"/,
        );
    });
});
