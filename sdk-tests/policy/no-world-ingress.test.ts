import * as assert from "node:assert/strict";
import { dump, policyResources, undecided, violations, type Shape } from "./harness";
import { assertClean, COMPLIANT, runOn, runOnResources } from "./fixtures";
import { recordNetwork } from "./hand-written";

/* oke-c3-no-world-ingress: only ICMP 3/11 and configured ports may come from 0.0.0.0/0. */

const NAME = "oke-c3-no-world-ingress";
const fixture = COMPLIANT[NAME];
const SHAPES: readonly Shape[] = ["preview", "update"];

describe("oke-c3-no-world-ingress", () => {
    for (const shape of SHAPES) {
        describe(`as a ${shape}`, () => {
            it("passes the compliant fixture (Oracle's ICMP 3 and 11 from anywhere)", async () =>
                assertClean(await runOn(NAME, fixture(), shape)));

            it("flags SSH from 0.0.0.0/0, naming the list and the rule", async () => {
                const net = fixture();
                net.lists.worker.ingress[0].peer = "0.0.0.0/0";
                const run = await runOn(NAME, net, shape);
                assert.equal(run.diagnostics.length, 1, dump(run));
                assert.match(
                    run.diagnostics[0].message,
                    /ingress rule 1 of security list worker-seclist \(TCP 22 from 0\.0\.0\.0\/0\) admits traffic from 0\.0\.0\.0\/0/,
                );
                assert.match(run.diagnostics[0].urn ?? "", /SecurityList::worker-seclist$/);
            });

            it("flags ping (ICMP 8) from anywhere unless type 8 is allowed", async () => {
                const net = fixture();
                net.defaultList.ingress[0].peer = "0.0.0.0/0";
                assert.equal(violations(await runOn(NAME, net, shape)).length, 1);
                assertClean(await runOn(NAME, net, shape, { allowedIcmpTypes: [3, 8, 11] }));
            });

            it("allows a configured front-end port only on the subnets it names", async () => {
                const net = fixture();
                net.lists.workerlb.ingress[1].peer = "0.0.0.0/0";
                assert.equal(violations(await runOn(NAME, net, shape)).length, 1);
                assertClean(
                    await runOn(NAME, net, shape, { allowedPorts: [{ port: 443, subnets: ["service-lb"] }] }),
                );
                const elsewhere = await runOn(NAME, net, shape, {
                    allowedPorts: [{ port: 443, subnets: ["worker"] }],
                });
                assert.equal(violations(elsewhere).length, 1, dump(elsewhere));
            });

            it("flags 0.0.0.0/1 + 128.0.0.0/1 exactly like 0.0.0.0/0 (the union per port)", async () => {
                const net = fixture();
                net.lists.worker.ingress[0].peer = "0.0.0.0/1";
                net.lists.worker.ingress.push({ ...net.lists.worker.ingress[0], peer: "128.0.0.0/1" });
                const run = await runOn(NAME, net, shape);
                assert.equal(violations(run).length, 2, dump(run));
                assert.match(
                    violations(run)[0].message,
                    /TCP 22 from 0\.0\.0\.0\/1\) admits traffic from the world for TCP 22 \(together with 128\.0\.0\.0\/1/,
                );
            });

            for (const bad of ["0.0.0.0/00", "0/0", " 0.0.0.0/0"]) {
                it(`reports an unparseable source ${JSON.stringify(bad)} instead of passing it`, async () => {
                    const net = fixture();
                    net.lists.worker.ingress[0].peer = bad;
                    const run = await runOn(NAME, net, shape);
                    assert.equal(violations(run).length, 1, dump(run));
                    assert.match(violations(run)[0].message, /is not an IPv4 CIDR block/);
                });
            }

            it("flags a world-open rule in an NSG", async () => {
                const net = fixture();
                net.nsgs.push({
                    displayName: "worker-nsg",
                    rules: [{ direction: "INGRESS", protocol: "all", peer: "0.0.0.0/0" }],
                });
                const run = await runOn(NAME, net, shape);
                assert.equal(violations(run).length, 1, dump(run));
                assert.match(
                    violations(run)[0].message,
                    /ingress rule 1 of NSG worker-nsg \(all protocols from 0\.0\.0\.0\/0\)/,
                );
            });
        });
    }

    it("a rule whose source is unknown in a preview is undecided (advisory), not passed and not failed", async () => {
        const records = await recordNetwork(fixture(), "preview");
        const list = records.find((r) => r.name === "worker-seclist");
        assert.ok(list);
        const rules = list.inputs.ingressSecurityRules as Record<string, unknown>[];
        rules[0].source = { __pulumiUnknown: true };
        const run = await runOnResources(NAME, policyResources(records, "preview"));
        assert.deepEqual(violations(run), [], dump(run));
        assert.equal(undecided(run).length, 1, dump(run));
        assert.equal(undecided(run)[0].enforcementLevel, "advisory");
        assert.match(
            undecided(run)[0].message,
            /^could not be decided: VCN oketest-vcn: ingress rule 1 of security list worker-seclist/,
        );
    });
});
