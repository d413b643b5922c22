import * as assert from "node:assert/strict";
import { dump, violations, type Shape } from "./harness";
import { assertClean, COMPLIANT, runOn, STATELESS_REPLY } from "./fixtures";

/* oke-c3-stateless-reply: a stateless rule needs its reply rule at the same VNICs. */

const NAME = "oke-c3-stateless-reply";
const fixture = COMPLIANT[NAME];
const SHAPES: readonly Shape[] = ["preview", "update"];

describe("oke-c3-stateless-reply", () => {
    for (const shape of SHAPES) {
        describe(`as a ${shape}`, () => {
            it("passes a stateless egress rule with its stateless reply rule", async () =>
                assertClean(await runOn(NAME, fixture(), shape)));

            it("flags the stateless egress rule once its reply rule is gone, saying which rule is needed", async () => {
                const net = fixture();
                net.lists.worker.ingress = net.lists.worker.ingress.filter(
                    (r) => r.description !== STATELESS_REPLY.description,
                );
                const run = await runOn(NAME, net, shape);
                assert.equal(run.diagnostics.length, 1, dump(run));
                assert.equal(run.diagnostics[0].enforcementLevel, "advisory");
                assert.match(
                    run.diagnostics[0].message,
                    /stateless egress rule 1 of security list worker-seclist \(TCP 443 to 192\.168\.10\.0\/24\) on subnet worker has no reply rule: .* an ingress rule allowing TCP 32768-60999 from source ports 443 from 192\.168\.10\.0\/24/,
                );
            });

            it("a reply covered by a stateful rule is enough", async () => {
                const net = fixture();
                net.lists.worker.ingress = net.lists.worker.ingress.filter(
                    (r) => r.description !== STATELESS_REPLY.description,
                );
                net.lists.worker.ingress.push({
                    protocol: "6",
                    peer: "192.168.10.0/24",
                    ports: [32768, 60999],
                });
                assertClean(await runOn(NAME, net, shape));
            });

            it("a stateless ICMP echo needs an echo reply; other ICMP types need none", async () => {
                const net = fixture();
                net.lists.kmi.ingress.push({
                    protocol: "1",
                    peer: "192.168.10.0/24",
                    icmpType: 11,
                    stateless: true,
                });
                assertClean(await runOn(NAME, net, shape));
                // The default list's egress-all covers an echo reply, so restrict it to see the denial.
                net.defaultList.egress = [];
                net.lists.kmi.ingress.push({
                    protocol: "1",
                    peer: "192.168.10.0/24",
                    icmpType: 8,
                    stateless: true,
                });
                const run = await runOn(NAME, net, shape);
                const echo = violations(run).filter((d) => /ICMP type 8/.test(d.message));
                assert.equal(echo.length, 1, dump(run));
                assert.match(echo[0].message, /an egress rule allowing ICMP type 0 to 192\.168\.10\.0\/24/);
            });
        });
    }
});
