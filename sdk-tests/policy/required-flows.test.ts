import * as assert from "node:assert/strict";
import { dump, undecided, violations, type Shape } from "./harness";
import { assertClean, COMPLIANT, runOn, runOnResources } from "./fixtures";
import { KUBE_CLIENTS } from "./hand-written";
import { componentStack, ORACLE_EXAMPLE_ARGS } from "./component-stack";

/* oke-c3-required-flows: the compliant fixture passes; each change breaks the flows it should, and says how. */

const NAME = "oke-c3-required-flows";
const fixture = COMPLIANT[NAME];
const SHAPES: readonly Shape[] = ["preview", "update"];

function flowIds(messages: string[]): string[] {
    return messages.map((m) => /required flow ([a-z0-9-]+)/.exec(m)?.[1] ?? "?").sort();
}

describe("oke-c3-required-flows", () => {
    for (const shape of SHAPES) {
        describe(`as a ${shape}`, () => {
            it("passes the compliant fixture", async () => assertClean(await runOn(NAME, fixture(), shape)));

            it("without kmilb's 253.255.0.0/16 rule: C3's internal network cannot reach the API endpoint", async () => {
                const net = fixture();
                net.lists.kmilb.ingress.shift();
                const run = await runOn(NAME, net, shape);
                assert.deepEqual(
                    flowIds(violations(run).map((d) => d.message)),
                    ["endpoint-api-from-c3-internal"],
                    dump(run),
                );
            });

            it("without a NAT gateway: port table rows 3-5 and ICMP errors out have no route, unless natGateway is false", async () => {
                const net = { ...fixture(), natGateway: false };
                const run = await runOn(NAME, net, shape);
                assert.deepEqual(
                    flowIds(violations(run).map((d) => d.message)),
                    [
                        // ICMP 3 and 11 to anywhere (Path Discovery) need the same route out as rows 3-5.
                        "icmp-time-exceeded-to-anywhere",
                        "icmp-unreachable-to-anywhere",
                        "worker-to-registry",
                        "worker-to-yum-http",
                        "worker-to-yum-https",
                    ],
                    dump(run),
                );
                assert.ok(
                    violations(run).every((d) =>
                        /missing side: a route \(route table Default - private\)/.test(d.message),
                    ),
                    dump(run),
                );
                assertClean(await runOn(NAME, net, shape, { natGateway: false }));
            });

            it("without the default list's egress: the workers' outbound flows miss their egress side", async () => {
                const net = fixture();
                net.defaultList.egress = [];
                const run = await runOn(NAME, net, shape);
                const yum = violations(run).find((d) => d.message.includes("worker-to-yum-http "));
                assert.ok(yum, dump(run));
                assert.match(yum.message, /missing side: egress at worker \(TCP port 80 to 0\.0\.0\.0\/0\)/);
            });

            it("a service-lb subnet named otherwise: its flows need config subnetNames", async () => {
                const net = fixture();
                net.subnets[1].displayName = "lb";
                const run = await runOn(NAME, net, shape);
                assert.deepEqual(
                    flowIds(violations(run).map((d) => d.message)),
                    ["worker-kube-proxy-from-service-lb", "worker-nodeports-from-service-lb"],
                    dump(run),
                );
                assert.match(
                    violations(run)[0].message,
                    /no subnet with role serviceLb \(Oracle's display name `service-lb`\)/,
                );
                assertClean(await runOn(NAME, net, shape, { subnetNames: { serviceLb: "lb" } }));
            });

            it("kube clients neither configured nor on the endpoint's rules: their flows are undecided, advisory", async () => {
                const net = fixture();
                net.lists.kmilb.ingress.splice(1, 1);
                const run = await runOn(NAME, net, shape);
                assert.deepEqual(violations(run), [], dump(run));
                assert.ok(undecided(run).length >= 3, dump(run));
                assert.ok(
                    undecided(run).every((d) => d.enforcementLevel === "advisory"),
                    dump(run),
                );
                assert.match(undecided(run)[0].message, /set kubeClientCidrs in the policy config/);
                // Configured, the same network is decided: row 8 (clients → control-plane LB) is not open.
                const decided = await runOn(NAME, net, shape, { kubeClientCidrs: [KUBE_CLIENTS] });
                assert.deepEqual(
                    flowIds(violations(decided).map((d) => d.message)),
                    ["endpoint-api-from-kube-clients"],
                    dump(decided),
                );
            });

            it("skipFlows waives a flow", async () => {
                const net = fixture();
                net.lists.kmi.ingress.pop();
                assertClean(await runOn(NAME, net, shape, { skipFlows: ["control-plane-ssh-from-bastion"] }));
            });

            it("a bastion configured outside the VCN is what the bastion flows start from", async () => {
                const run = await runOn(NAME, fixture(), shape, { bastionCidrs: ["192.168.200.0/24"] });
                assert.deepEqual(
                    flowIds(violations(run).map((d) => d.message)),
                    [
                        "control-plane-ssh-from-bastion",
                        "endpoint-api-from-bastion",
                        "worker-ssh-from-bastion",
                    ],
                    dump(run),
                );
            });

            it("a component network is held to the component's own requiredFlows", async () => {
                // A bastion in the VCN's free range (172.31.252.128-223): flows from it, not from vcn_cidr.
                const stack = await componentStack(
                    { ...ORACLE_EXAMPLE_ARGS, bastionCidrs: ["172.31.252.130/32"] },
                    shape,
                );
                assertClean(await runOnResources(NAME, stack.resources));
            });
        });
    }

    it("is not applicable to a stack without an OKE network", async () => {
        const run = await runOnResources(NAME, []);
        assert.match(run.notApplicable[NAME], /no OKE network/);
    });
});
