import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { recordProgram } from "../../src/testing/mock-run";
import { WorkloadClusterNetwork } from "../../src/component/workload-cluster-network";
import { didYouMean } from "../../src/config/keys";
import { firstUnsafeCharacter } from "../../src/config/text";
import { networkProblems, resolveNetwork } from "../../src/config/resolve";
import {
    NetworkConfigError,
    type ConfigProblem,
    type WorkloadClusterNetworkArgs,
} from "../../src/config/types";

/*
 * Issue #9's cases, each as the new user met it: the config is refused with the field path, the bad value,
 * a fix (with a "did you mean" where one applies), and NOTHING is registered, the component resource
 * itself included. Expected paths and hints are written out literally.
 */

const VALID = {
    compartmentId: "ocid1.compartment.oc1..test",
    cidrs: { vcn: "172.31.252.0/23" },
    kubeClientCidrs: ["10.0.0.0/8"],
};

function args(extra: Record<string, unknown>): WorkloadClusterNetworkArgs {
    const merged: Record<string, unknown> = { ...VALID, ...extra };
    return merged as unknown as WorkloadClusterNetworkArgs;
}

/** Runs the component under the mock engine; returns what was registered and what was thrown. */
async function attempt(name: unknown, given: unknown) {
    const run = await recordProgram(() => {
        try {
            new WorkloadClusterNetwork(name as string, given as WorkloadClusterNetworkArgs);
            return undefined;
        } catch (error) {
            return error;
        }
    });
    return { records: run.records, error: run.result };
}

/** Asserts the component refuses, registers nothing, and reports a problem at `path` whose fix has `fix`. */
async function refusedAt(
    given: unknown,
    path: string,
    fix: RegExp,
    name: unknown = "oke",
): Promise<ConfigProblem> {
    const { records, error } = await attempt(name, given);
    assert.ok(error instanceof NetworkConfigError, `expected NetworkConfigError, got ${String(error)}`);
    assert.deepEqual(records, [], "a refused config registers nothing, not even the component");
    const problem = error.problems.find((p) => p.path === path);
    assert.ok(problem, `no problem at ${path}: ${error.message}`);
    assert.match(problem.fix, fix);
    assert.ok(error.message.includes(`${path}: `));
    return problem;
}

describe("strict input (issue #9)", function () {
    this.timeout(30_000);

    describe("unknown keys are errors, with a did-you-mean", () => {
        const cases: [string, Record<string, unknown>, string, RegExp][] = [
            [
                "extraRules[].port (meant portMin) would have opened all ports",
                {
                    extraRules: [
                        {
                            name: "node-exporter",
                            role: "worker",
                            direction: "ingress",
                            protocol: "tcp",
                            cidr: "192.168.50.0/24",
                            port: 9100,
                        },
                    ],
                },
                "extraRules[0].port",
                /did you mean "portMin"/,
            ],
            ["clusterAcess", { clusterAcess: "private" }, "clusterAcess", /did you mean "clusterAccess"/],
            ["securityRule", { securityRule: "nsgs" }, "securityRule", /did you mean "securityRules"/],
            ["bastionCidr", { bastionCidr: ["10.1.0.0/16"] }, "bastionCidr", /did you mean "bastionCidrs"/],
            ["extraRule", { extraRule: [] }, "extraRule", /did you mean "extraRules"/],
            [
                "existingVcn.natGatewayID",
                { existingVcn: { id: "ocid1.vcn.oc1..v", natGatewayID: "ocid1.natgateway.oc1..n" } },
                "existingVcn.natGatewayID",
                /did you mean "natGatewayId"/,
            ],
            [
                "serviceLbIngress[].sourceCidrs",
                { serviceLbIngress: [{ name: "https", port: 443, sourceCidrs: ["10.0.0.0/8"] }] },
                "serviceLbIngress[0].sourceCidrs",
                /did you mean "sources"/,
            ],
            [
                "cidrs.kmi_cidr (Oracle's name)",
                { cidrs: { vcn: "172.31.252.0/23", kmi_cidr: "172.31.252.224/28" } },
                "cidrs.kmi_cidr",
                /did you mean "controlPlane"/,
            ],
            [
                "a __proto__ key",
                JSON.parse('{"__proto__": {"egress": "all"}}') as Record<string, unknown>,
                "__proto__",
                /remove it/,
            ],
        ];
        for (const [what, extra, path, fix] of cases) {
            it(what, async () => {
                await refusedAt(args(extra), path, fix);
            });
        }

        it("didYouMean: case, separators, prefixes and edit distance; nothing for a stranger", () => {
            const known = ["vcnCidr", "natGatewayId", "portMin", "portMax", "clusterAccess"];
            assert.equal(didYouMean("vcnCIDR", known), "vcnCidr");
            assert.equal(didYouMean("nat_gateway_id", known), "natGatewayId");
            assert.equal(didYouMean("port", known), "portMin");
            assert.equal(didYouMean("clustrAccess", known), "clusterAccess");
            assert.equal(didYouMean("zebra", known), undefined);
        });
    });

    describe("every value is checked before anything registers", () => {
        it("args null, undefined or an array", async () => {
            for (const given of [null, undefined, [], "oke"])
                await refusedAt(given, "(args)", /compartmentId/);
        });

        it("compartmentId missing, empty, a number, or the OCID of something else", async () => {
            await refusedAt({ ...VALID, compartmentId: undefined }, "compartmentId", /ocid1\.compartment\./);
            await refusedAt(args({ compartmentId: "" }), "compartmentId", /ocid1\.compartment\./);
            await refusedAt(args({ compartmentId: 42 }), "compartmentId", /ocid1\.compartment\./);
            const p = await refusedAt(
                args({ compartmentId: "ocid1.vcn.oc1..x" }),
                "compartmentId",
                /compartment/,
            );
            assert.match(p.message, /OCID of a vcn/);
        });

        it("compartmentId may be a tenancy OCID, an Output or a Promise", () => {
            assert.deepEqual(networkProblems("oke", args({ compartmentId: "ocid1.tenancy.oc1..t" })), []);
            assert.deepEqual(
                networkProblems("oke", args({ compartmentId: pulumi.output("ocid1.compartment.oc1..o") })),
                [],
            );
            assert.deepEqual(
                networkProblems("oke", args({ compartmentId: Promise.resolve("ocid1.compartment.oc1..p") })),
                [],
            );
        });

        it("the component name: empty, too long, control characters, '::'", async () => {
            for (const name of ["", "x".repeat(5000), "oke\nrm -rf", "a::b", 42])
                await refusedAt(args({}), "(name)", /short name such as "oke"/, name);
        });

        it("existingVcn ids shaped like their kind: a swapped NAT and internet gateway id is caught", async () => {
            const swapped = {
                existingVcn: {
                    id: "ocid1.vcn.oc1..v",
                    natGatewayId: "ocid1.internetgateway.oc1..i",
                    internetGatewayId: "ocid1.natgateway.oc1..n",
                },
            };
            await refusedAt(args(swapped), "existingVcn.natGatewayId", /natgateway/);
            await refusedAt(args(swapped), "existingVcn.internetGatewayId", /internetgateway/);
            await refusedAt(args({ existingVcn: { id: "vcn-1" } }), "existingVcn.id", /ocid1\.vcn\./);
            assert.deepEqual(
                networkProblems("oke", args({ existingVcn: { id: pulumi.output("ocid1.vcn.oc1..v") } })),
                [],
            );
        });

        it("BigInt, functions, NaN, Dates and cycles are refused by path, never a TypeError", async () => {
            await refusedAt(args({ kubernetesApiPort: 6443n }), "kubernetesApiPort", /without the n/);
            await refusedAt(args({ freeformTags: { team: () => "x" } }), "freeformTags.team", /plain value/);
            await refusedAt(args({ kubernetesApiPort: NaN }), "kubernetesApiPort", /whole number/);
            await refusedAt(args({ dnsLabel: new Date(0) }), "dnsLabel", /plain data/);
            const cidrs: Record<string, unknown> = { vcn: "172.31.252.0/23" };
            cidrs.self = cidrs;
            await refusedAt(args({ cidrs }), "cidrs.self", /plain data/);
        });

        it("a tag named toString or valueOf is refused clearly (the Pulumi SDK cannot carry it)", async () => {
            const p = await refusedAt(
                args({ freeformTags: { toString: "x" } }),
                "freeformTags.toString",
                /rename the tag/,
            );
            assert.match(p.message, /JavaScript built-in/);
            await refusedAt(args({ definedTags: { valueOf: "y" } }), "definedTags.valueOf", /rename the tag/);
        });

        it("control characters and bidi overrides in descriptions and tags", async () => {
            const rule = {
                name: "r",
                role: "worker",
                direction: "ingress",
                protocol: "tcp",
                cidr: "10.1.0.0/16",
                portMin: 9100,
            };
            await refusedAt(
                args({ extraRules: [{ ...rule, description: "ok\u001b[2Jgone" }] }),
                "extraRules[0].description",
                /control/,
            );
            await refusedAt(
                args({ extraRules: [{ ...rule, description: "admin\u202etxt.exe" }] }),
                "extraRules[0].description",
                /bidirectional/,
            );
            await refusedAt(args({ freeformTags: { team: "a\u0007b" } }), "freeformTags.team", /control/);
            // The path itself is escaped in the message, so it is checked there.
            const { error } = await attempt("oke", args({ definedTags: { "ns\u009b.k": "v" } }));
            assert.ok(error instanceof NetworkConfigError);
            assert.match(error.message, /definedTags\.ns\\u\{9b\}\.k: contains the character U\+009B/);
        });

        it("the error message escapes what it echoes", () => {
            const message = new NetworkConfigError(networkProblems("oke\u001b]0;pwned\u0007", args({})))
                .message;
            assert.equal(firstUnsafeCharacter(message.replace(/\n/g, " ")), undefined);
            assert.match(message, /contains the control or bidi character U\+001B/);
        });
    });

    describe("world-wide sources need an acknowledgement per field", () => {
        const sixteen = [
            ...[
                "0",
                "16",
                "32",
                "48",
                "64",
                "80",
                "96",
                "112",
                "128",
                "144",
                "160",
                "176",
                "192",
                "208",
                "224",
            ].map((a) => `${a}.0.0.0/4`),
            "240.0.0.0/5",
            "248.0.0.0/6",
            "252.0.0.0/8",
            "253.0.0.0/9",
            "253.128.0.0/10",
            "253.192.0.0/11",
            "253.224.0.0/12",
            "253.240.0.0/13",
            "253.248.0.0/14",
            "253.252.0.0/15",
            "253.254.0.0/16",
            "254.0.0.0/7",
        ];

        it("0.0.0.0/1 as kube clients, 0.0.0.0/0 as the bastion: refused as open to the internet", async () => {
            const p = await refusedAt(
                args({ kubeClientCidrs: ["0.0.0.0/1"] }),
                "kubeClientCidrs",
                /worldWideSources: \[\{ field: "kubeClientCidrs"/,
            );
            assert.match(p.message, /open to the internet/);
            await refusedAt(args({ bastionCidrs: ["0.0.0.0/0"] }), "bastionCidrs", /field: "bastionCidrs"/);
        });

        it("ranges that cover everything but 253.255.0.0/16 count as the world", async () => {
            await refusedAt(
                args({ kubeClientCidrs: sixteen.slice(0, 15) }),
                "kubeClientCidrs",
                /worldWideSources/,
            );
        });

        it("the same sources pass with an acknowledgement, and the plan keeps them", () => {
            const config = resolveNetwork(
                "oke",
                args({
                    serviceLbIngress: [{ name: "https", port: 443, sources: ["0.0.0.0/0"] }],
                    worldWideSources: [{ field: "serviceLbIngress.https", reason: "public web front-end" }],
                }),
            );
            assert.deepEqual(config.worldWideSources, [
                { field: "serviceLbIngress.https", reason: "public web front-end" },
            ]);
        });

        it("an acknowledgement cannot be vague, stale or misspelt", async () => {
            const open = { serviceLbIngress: [{ name: "https", port: 443, sources: ["0.0.0.0/0"] }] };
            await refusedAt(
                args({ ...open, worldWideSources: [{ field: "serviceLbIngress.https", reason: "ok" }] }),
                "worldWideSources[0].reason",
                /reason/,
            );
            await refusedAt(
                args({ worldWideSources: [{ field: "kubeClientCidrs", reason: "left over from a test" }] }),
                "worldWideSources[0].field",
                /remove the acknowledgement/,
            );
            await refusedAt(
                args({
                    ...open,
                    worldWideSources: [{ field: "serviceLbIngress.http", reason: "public web front-end" }],
                }),
                "serviceLbIngress[0].sources",
                /worldWideSources/,
            );
            await refusedAt(
                args({ worldWideSources: [{ field: "kubeClientCidr", reason: "public API on purpose" }] }),
                "worldWideSources[0].field",
                /did you mean "kubeClientCidrs"/,
            );
        });

        it("private and C3-internal space is never the world; a world-wide extra egress rule is fine", () => {
            assert.deepEqual(
                networkProblems(
                    "oke",
                    args({
                        kubeClientCidrs: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"],
                    }),
                ),
                [],
            );
            const egress = {
                name: "out",
                role: "worker",
                direction: "egress",
                protocol: "tcp",
                cidr: "0.0.0.0/0",
                portMin: 53,
            };
            assert.deepEqual(networkProblems("oke", args({ extraRules: [egress] })), []);
        });
    });

    describe("layout sanity", () => {
        it("multicast, loopback, 0.0.0.0/16 and class E VCNs are refused", async () => {
            for (const vcn of ["224.0.0.0/16", "127.0.0.0/16", "0.0.0.0/16", "250.0.0.0/16"])
                await refusedAt(
                    args({ cidrs: { vcn } }),
                    "cidrs.vcn",
                    /private-use space such as 172\.31\.252\.0\/23/,
                );
        });

        it("a subnet too small for its role names the role's minimum", async () => {
            const tiny = {
                vcn: "172.31.252.0/23",
                controlPlane: "172.31.252.224/30",
                worker: "172.31.253.0/30",
            };
            const cp = await refusedAt(args({ cidrs: tiny }), "cidrs.controlPlane", /\/29 or larger/);
            assert.match(cp.message, /needs at least 5: a control plane has 1, 3 or 5 nodes/);
            const worker = await refusedAt(args({ cidrs: tiny }), "cidrs.worker", /\/29 or larger/);
            assert.match(worker.message, /needs at least 3/);
        });

        it("kubernetesApiPort other than 6443 is refused with Oracle's words", async () => {
            const p = await refusedAt(args({ kubernetesApiPort: 8443 }), "kubernetesApiPort", /use 6443/);
            assert.match(p.message, /"must be specified as shown"/);
            assert.deepEqual(networkProblems("oke", args({ kubernetesApiPort: 6443 })), []);
        });
    });

    it("bastionCidrs [] means no bastion: port-table rows 1-2 are not required", () => {
        const config = resolveNetwork("oke", args({ bastionCidrs: [] }));
        assert.deepEqual(config.bastionCidrs, []);
    });
});
