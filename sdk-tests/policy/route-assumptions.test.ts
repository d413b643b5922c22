import * as assert from "node:assert/strict";
import { analyzeResources } from "../../src/analysis/analyze";
import { assumedFlows, dump, ROUTE_ASSUMPTIONS, runPack, type Shape } from "./harness";
import { componentStack, ORACLE_EXAMPLE_ARGS } from "./component-stack";

/*
 * oke-c3-route-assumptions: the pack states what a passing required flow takes for granted about paths
 * outside the network, as the CLI's ASSUMPTIONS list does. Oracle's example is public, but its worker and
 * control-plane subnets are private (docs/oracle-c3-network.md §5): kube clients in 10.0.0.0/8 reach them
 * (port table rows 10 and 9's API flow) only over a route the network does not declare. Declaring it with
 * routeRules proves the flows and silences the policy.
 */

const SHAPES: readonly Shape[] = ["preview", "update"];
const DRG_ROUTE = [
    { name: "on-prem", destination: "10.0.0.0/8", networkEntityId: "ocid1.drg.oc1.c3.onprem" },
];

describe(ROUTE_ASSUMPTIONS, () => {
    for (const shape of SHAPES) {
        describe(`as a ${shape}`, () => {
            it("Oracle's example: only advisories, for the two flows from the kube clients into private subnets", async () => {
                const stack = await componentStack(ORACLE_EXAMPLE_ARGS, shape);
                const run = await runPack(stack.resources);
                assert.deepEqual(
                    run.diagnostics.map((d) => d.policyName),
                    [ROUTE_ASSUMPTIONS, ROUTE_ASSUMPTIONS],
                    dump(run),
                );
                assert.deepEqual(assumedFlows(run), [
                    "advisory control-plane-api-from-kube-clients",
                    "advisory worker-nodeports-from-kube-clients",
                ]);
                assert.match(
                    run.diagnostics.map((d) => d.message).join("\n"),
                    /worker-nodeports-from-kube-clients holds only if clients in 10\.0\.0\.0\/8 reach the private subnet worker over a path outside this network/,
                );
            });

            it("a declared DRG route for the kube clients proves those flows: nothing to state", async () => {
                const stack = await componentStack({ ...ORACLE_EXAMPLE_ARGS, routeRules: DRG_ROUTE }, shape);
                const run = await runPack(stack.resources);
                assert.deepEqual(run.diagnostics, [], dump(run));
            });

            it("a private cluster: every flow from outside into its subnets rests on a path it does not declare", async () => {
                const stack = await componentStack(
                    { ...ORACLE_EXAMPLE_ARGS, clusterAccess: "private" },
                    shape,
                );
                assert.deepEqual(assumedFlows(await runPack(stack.resources)), [
                    "advisory control-plane-api-from-kube-clients",
                    "advisory endpoint-api-from-c3-internal",
                    "advisory endpoint-api-from-kube-clients",
                    "advisory service-lb-ingress-http",
                    "advisory service-lb-ingress-https",
                    "advisory worker-nodeports-from-kube-clients",
                ]);
            });
        });
    }

    it("states the same assumptions as the analyzer the CLI uses (one evaluator, two adapters)", async () => {
        const stack = await componentStack({ ...ORACLE_EXAMPLE_ARGS, clusterAccess: "private" }, "update");
        const [report] = analyzeResources(stack.records);
        const messages = (await runPack(stack.resources)).diagnostics.map((d) => d.message);
        const stated = messages.map((m) => /holds? only if (.*)$/s.exec(m)?.[1]).sort();
        assert.deepEqual(stated, [...report.assumptions].sort());
    });

    it("a stack without an OKE network: not applicable", async () => {
        const run = await runPack([]);
        assert.match(run.notApplicable[ROUTE_ASSUMPTIONS] ?? "", /no OKE network/);
    });
});
