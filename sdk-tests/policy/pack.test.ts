import * as assert from "node:assert/strict";
import { dump, runPack, undecided, violations, type Shape, apartFromAssumptions } from "./harness";
import type { WorkloadClusterNetworkArgs } from "../../src/config/types";
import { componentStack, ORACLE_EXAMPLE_ARGS } from "./component-stack";
import { handWrittenStack, oracleNetwork, KUBE_CLIENTS } from "./hand-written";

/*
 * The whole pack against Oracle's example, built by the component and written by hand, each as a preview
 * (ids unknown, references only through propertyDependencies) and as an update (ids known), and against
 * the hand-written network with one documented fault at a time.
 */

const SHAPES: readonly Shape[] = ["preview", "update"];

describe("policy pack: Oracle's example passes", () => {
    for (const shape of SHAPES) {
        it(`built by the component, as a ${shape}`, async () => {
            const stack = await componentStack(ORACLE_EXAMPLE_ARGS, shape);
            const run = apartFromAssumptions(await runPack(stack.resources));
            assert.deepEqual(run.diagnostics, [], dump(run));
            assert.deepEqual(run.notApplicable, {}, JSON.stringify(run.notApplicable));
        });

        it(`written by hand with @pulumi/oci, as a ${shape}`, async () => {
            const run = apartFromAssumptions(await runPack(await handWrittenStack(oracleNetwork(), shape)));
            assert.deepEqual(run.diagnostics, [], dump(run));
        });
    }
});

describe("policy pack: one fault in a hand-written network, one violation", () => {
    for (const shape of SHAPES) {
        it(`without the bastion → control-plane SSH rule: exactly port table row 2 (${shape})`, async () => {
            const net = oracleNetwork();
            net.lists.kmi.ingress = net.lists.kmi.ingress.filter(
                (r) => r.description !== "Allow SSH from the bastion host.",
            );
            const run = apartFromAssumptions(await runPack(await handWrittenStack(net, shape)));
            assert.equal(run.diagnostics.length, 1, dump(run));
            const [only] = run.diagnostics;
            assert.equal(only.policyName, "oke-c3-required-flows");
            assert.equal(only.enforcementLevel, "mandatory");
            assert.match(only.message, /control-plane-ssh-from-bastion \(C3 ports 1a#2/);
            assert.match(
                only.message,
                // The bastion's vcn_cidr is checked from each subnet it holds; each failing part is named.
                /From 172\.31\.252\.224\/28 \(the part of 172\.31\.252\.0\/23 in subnet control-plane\) \(172\.31\.252\.0\/23 to 172\.31\.252\.224\/28\): missing side: ingress at control-plane \(TCP port 22 from 172\.31\.252\.224\/28\)/,
            );
        });

        it(`NodePorts opened to 0.0.0.0/0: the world-ingress and NodePort violations (${shape})`, async () => {
            const net = oracleNetwork();
            net.lists.worker.ingress[1].peer = "0.0.0.0/0";
            const run = apartFromAssumptions(await runPack(await handWrittenStack(net, shape)));
            const names = violations(run)
                .map((d) => d.policyName)
                .sort();
            assert.deepEqual(names, ["oke-c3-no-world-ingress", "oke-c3-nodeport-exposure"], dump(run));
            assert.deepEqual(undecided(run), [], dump(run));
        });

        it(`31 ingress rules on one list: the limit violation (${shape})`, async () => {
            const net = oracleNetwork();
            for (let port = 9000; net.lists.worker.ingress.length < 31; port++)
                net.lists.worker.ingress.push({ protocol: "6", peer: KUBE_CLIENTS, ports: [port, port] });
            const run = apartFromAssumptions(await runPack(await handWrittenStack(net, shape)));
            assert.equal(run.diagnostics.length, 1, dump(run));
            assert.equal(run.diagnostics[0].policyName, "oke-c3-rule-limits");
            assert.match(
                run.diagnostics[0].message,
                /security list worker-seclist has 31 ingress rules; C3 allows at most 30/,
            );
        });

        it(`a VCN in 253.255.0.0/16: the reserved-range violation (${shape})`, async () => {
            const run = apartFromAssumptions(
                await runPack(await handWrittenStack(oracleNetwork("253.255"), shape)),
            );
            const policies = new Set(run.diagnostics.map((d) => d.policyName));
            assert.deepEqual([...policies], ["oke-c3-reserved-cidrs"], dump(run));
            assert.ok(
                run.diagnostics.some((d) =>
                    /VCN oketest-vcn \(253\.255\.252\.0\/23\) overlaps 253\.255\.0\.0\/16/.test(d.message),
                ),
                dump(run),
            );
        });
    }
});

describe("policy pack: every topology the component builds passes", () => {
    const topologies: Record<string, Partial<WorkloadClusterNetworkArgs>> = {
        "VCN-native pods": { cidrs: { vcn: "172.31.0.0/19" }, cni: "vcn-native" },
        "private cluster": { clusterAccess: "private" },
        "private, air-gapped": { clusterAccess: "private", natGateway: false },
        "role rules in NSGs": { securityRules: "nsgs" },
        "role rules in lists and NSGs": { securityRules: "both" },
        "egress all": { egress: "all" },
        "existing VCN": { existingVcn: { id: "ocid1.vcn.oc1..existing" }, securityRules: "both" },
        "VCN-native, private, NSGs": {
            cidrs: { vcn: "172.31.0.0/19" },
            cni: "vcn-native",
            clusterAccess: "private",
            securityRules: "nsgs",
        },
    };
    for (const [label, extra] of Object.entries(topologies)) {
        for (const shape of SHAPES) {
            it(`${label} (${shape})`, async () => {
                const stack = await componentStack({ ...ORACLE_EXAMPLE_ARGS, ...extra }, shape);
                const run = apartFromAssumptions(await runPack(stack.resources));
                assert.deepEqual(run.diagnostics, [], dump(run));
            });
        }
    }
});
