import * as assert from "node:assert/strict";
import { WORKLOAD_CLUSTER_NETWORK_TYPE } from "../../src/component/workload-cluster-network";
import { COMPONENT_TYPE, plainValue, recordFromPolicyResource, UNDECIDED_PREFIX } from "../../src/policy";
import { dump, policyResources, runPack, UNKNOWN_STRING, violations, apartFromAssumptions } from "./harness";
import { componentStack, ORACLE_EXAMPLE_ARGS } from "./component-stack";
import { handWrittenStack, oracleNetwork, recordNetwork } from "./hand-written";

/*
 * Preview semantics: what a policy sees during `pulumi preview` (unknown ids and values behind a proxy that
 * throws), how the pack turns it into records, and what it reports when links cannot be resolved.
 */

describe("policy previews: what the pack is given", () => {
    it("a preview's new resources have no id, and reading an unknown through the proxy throws", async () => {
        const resources = await handWrittenStack(oracleNetwork(), "preview");
        const subnet = resources.find((r) => r.type === "oci:Core/subnet:Subnet");
        assert.ok(subnet);
        assert.throws(() => subnet.props.vcnId as unknown, /can't be known during preview/);
        assert.equal(subnet.propertyDependencies.vcnId[0].type, "oci:Core/vcn:Vcn");
        const record = recordFromPolicyResource(subnet);
        assert.equal(record.id, undefined);
        assert.deepEqual(record.inputs.vcnId, { __pulumiUnknown: true });
        assert.equal(record.inputs.cidrBlock, "172.31.253.0/24");
        assert.deepEqual(record.propertyDependencies?.vcnId, [subnet.propertyDependencies.vcnId[0].urn]);
    });

    it("an update's resources carry their ids, and references are known OCIDs", async () => {
        const resources = await handWrittenStack(oracleNetwork(), "update");
        const record = recordFromPolicyResource(resources.find((r) => r.name === "worker") ?? resources[0]);
        assert.equal(record.id, "ocid1.subnet.mock.worker");
        assert.equal(record.inputs.vcnId, "ocid1.vcn.mock.oketest-vcn");
    });

    it("reads plain values: unknown sentinels of every type become unknown, null becomes absent, empty ids none", () => {
        assert.deepEqual(
            plainValue({
                a: null,
                b: [1, null],
                c: UNKNOWN_STRING,
                d: "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
            }),
            {
                b: [1, undefined],
                c: { __pulumiUnknown: true },
                d: { __pulumiUnknown: true },
            },
        );
    });

    it("follows the parent chain to the component, whose type token the policies know", async () => {
        assert.equal(COMPONENT_TYPE, WORKLOAD_CLUSTER_NETWORK_TYPE);
        const stack = await componentStack(ORACLE_EXAMPLE_ARGS, "preview");
        const vcn = stack.resources.find((r) => r.type === "oci:Core/vcn:Vcn");
        assert.equal(vcn?.parent?.type, COMPONENT_TYPE);
        assert.equal(recordFromPolicyResource(vcn ?? stack.resources[0]).parent, vcn?.parent?.urn);
    });
});

describe("policy previews: what the pack reports when links are unknown", () => {
    it("without propertyDependencies a preview cannot link anything: every report is advisory 'could not be decided'", async () => {
        const stack = await componentStack(ORACLE_EXAMPLE_ARGS, "preview", { dropDependencies: true });
        const run = apartFromAssumptions(await runPack(stack.resources));
        assert.deepEqual(violations(run), [], dump(run));
        assert.ok(run.diagnostics.length > 0, "an undecidable preview must not pass silently");
        for (const d of run.diagnostics) {
            assert.equal(d.enforcementLevel, "advisory", dump(run));
            assert.ok(d.message.startsWith(`${UNDECIDED_PREFIX}: `), d.message);
        }
        assert.ok(
            run.diagnostics.some((d) => d.policyName === "oke-c3-required-flows"),
            dump(run),
        );
        assert.ok(!run.diagnostics.some((d) => /can't run policy/.test(d.message)), dump(run));
    });

    it("a world-open rule in a list no model can place is reported, not ignored", async () => {
        const net = oracleNetwork();
        net.lists.worker.ingress[0].peer = "0.0.0.0/0";
        const run = apartFromAssumptions(
            await runPack(
                policyResources(await recordNetwork(net, "preview"), "preview", undefined, {
                    dropDependencies: true,
                }),
            ),
        );
        const world = run.diagnostics.filter((d) => d.policyName === "oke-c3-no-world-ingress");
        assert.ok(
            world.some(
                (d) =>
                    d.enforcementLevel === "advisory" &&
                    /worker-seclist \(TCP 22 from 0\.0\.0\.0\/0\) admits traffic from 0\.0\.0\.0\/0/.test(
                        d.message,
                    ),
            ),
            dump(run),
        );
    });

    it("the same preview with propertyDependencies decides everything: Oracle's example is clean", async () => {
        const run = apartFromAssumptions(
            await runPack((await componentStack(ORACLE_EXAMPLE_ARGS, "preview")).resources),
        );
        assert.deepEqual(run.diagnostics, [], dump(run));
    });
});
