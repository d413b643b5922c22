import * as assert from "node:assert/strict";
import { dump, policyResources, undecided, violations, type Shape } from "./harness";
import { assertClean, COMPLIANT, runOn, runOnResources } from "./fixtures";
import { recordNetwork } from "./hand-written";
import { componentStack, ORACLE_EXAMPLE_ARGS } from "./component-stack";

/* oke-c3-required-names: `control-plane` always, `pod` with VCN-native (docs/oracle-c3-network.md §5, §7.9). */

const NAME = "oke-c3-required-names";
const fixture = COMPLIANT[NAME];
const SHAPES: readonly Shape[] = ["preview", "update"];

describe("oke-c3-required-names", () => {
    for (const shape of SHAPES) {
        describe(`as a ${shape}`, () => {
            it("passes the compliant fixture (Flannel cluster, control-plane present)", async () =>
                assertClean(await runOn(NAME, fixture(), shape)));

            it("flags a control-plane subnet named otherwise, and suggests the rename", async () => {
                const net = fixture();
                net.subnets[2].displayName = "Control_Plane";
                const run = await runOn(NAME, net, shape);
                assert.equal(run.diagnostics.length, 1, dump(run));
                assert.match(
                    run.diagnostics[0].message,
                    /VCN oketest-vcn has no subnet named `control-plane`/,
                );
                assert.match(run.diagnostics[0].message, /Subnet `Control_Plane` looks meant to be it/);
            });

            it("a VCN-native cluster (cniType OCI_VCN_IP_NATIVE) needs a subnet named `pod`", async () => {
                const net = fixture();
                net.cluster = { cniType: "OCI_VCN_IP_NATIVE" };
                const run = await runOn(NAME, net, shape);
                assert.equal(violations(run).length, 1, dump(run));
                assert.match(
                    violations(run)[0].message,
                    /has no subnet named `pod` \(VCN-native pod networking is in use \(cluster oke sets cniType OCI_VCN_IP_NATIVE\)/,
                );
            });

            it("config cni: vcn-native also requires `pod`", async () => {
                const run = await runOn(NAME, fixture(), shape, { cni: "vcn-native" });
                assert.equal(violations(run).length, 1, dump(run));
            });

            it("the component's VCN-native network has its pod subnet", async () => {
                const stack = await componentStack(
                    { ...ORACLE_EXAMPLE_ARGS, cidrs: { vcn: "172.31.0.0/19" }, cni: "vcn-native" },
                    shape,
                );
                assertClean(await runOnResources(NAME, stack.resources));
            });
        });
    }

    it("a subnet whose display name is unknown in a preview makes a missing control-plane undecided", async () => {
        const records = await recordNetwork(fixture(), "preview");
        const subnet = records.find((r) => r.name === "control-plane");
        assert.ok(subnet);
        subnet.inputs.displayName = { __pulumiUnknown: true };
        const run = await runOnResources(NAME, policyResources(records, "preview"));
        assert.deepEqual(violations(run), [], dump(run));
        assert.equal(undecided(run).length, 1, dump(run));
        assert.match(undecided(run)[0].message, /the display names of control-plane are unknown/);
    });
});
