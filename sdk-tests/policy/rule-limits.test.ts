import * as assert from "node:assert/strict";
import { dump, violations, type Shape } from "./harness";
import { assertClean, COMPLIANT, filler, runOn } from "./fixtures";

/* oke-c3-rule-limits: 30 + 30 rules per security list, 50 per NSG, 5 lists per subnet (C3, docs/oracle-c3-network.md §6). */

const NAME = "oke-c3-rule-limits";
const fixture = COMPLIANT[NAME];
const SHAPES: readonly Shape[] = ["preview", "update"];

describe("oke-c3-rule-limits", () => {
    for (const shape of SHAPES) {
        describe(`as a ${shape}`, () => {
            it("passes a network exactly at the limits (30 in, 30 out, 50 NSG rules)", async () =>
                assertClean(await runOn(NAME, fixture(), shape)));

            it("flags the 31st ingress rule", async () => {
                const net = fixture();
                net.lists.worker.ingress.push(filler(20000));
                const run = await runOn(NAME, net, shape);
                assert.equal(run.diagnostics.length, 1, dump(run));
                assert.match(
                    run.diagnostics[0].message,
                    /security list worker-seclist has 31 ingress rules; C3 allows at most 30/,
                );
            });

            it("flags the 31st egress rule", async () => {
                const net = fixture();
                net.lists.worker.egress.push({ ...filler(20000), peer: "192.168.0.0/16" });
                const run = await runOn(NAME, net, shape);
                assert.match(
                    violations(run)[0]?.message ?? "",
                    /has 31 egress rules; C3 allows at most 30/,
                    dump(run),
                );
            });

            it("flags the 51st NSG rule, linked to its NSG by id or by propertyDependencies", async () => {
                const net = fixture();
                net.nsgs[0].rules.push({ ...filler(20000), direction: "EGRESS" });
                const run = await runOn(NAME, net, shape);
                assert.equal(run.diagnostics.length, 1, dump(run));
                assert.match(
                    run.diagnostics[0].message,
                    /NSG worker-nsg has 51 rules; C3 allows at most 50 per NSG/,
                );
            });

            it("takes other limits from the config", async () => {
                const run = await runOn(NAME, fixture(), shape, { maxRulesPerNsg: 40 });
                assert.equal(violations(run).length, 1, dump(run));
            });
        });
    }
});
