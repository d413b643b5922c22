import * as assert from "node:assert/strict";
import { dump, violations, type Shape } from "./harness";
import { assertClean, COMPLIANT, runOn } from "./fixtures";

/* oke-c3-nodeport-exposure: NodePorts only from kube clients, service-lb and the cluster's own nodes. */

const NAME = "oke-c3-nodeport-exposure";
const fixture = COMPLIANT[NAME];
const SHAPES: readonly Shape[] = ["preview", "update"];

describe("oke-c3-nodeport-exposure", () => {
    for (const shape of SHAPES) {
        describe(`as a ${shape}`, () => {
            it("passes the compliant fixture (clients, service-lb, control plane 22-65535)", async () =>
                assertClean(await runOn(NAME, fixture(), shape)));

            it("flags NodePorts from a network that is not a kube client, naming the addresses", async () => {
                const net = fixture();
                net.lists.worker.ingress[1].peer = "192.168.0.0/16";
                const run = await runOn(NAME, net, shape);
                assert.equal(violations(run).length, 1, dump(run));
                assert.match(
                    violations(run)[0].message,
                    /NodePorts 30000-32767 on worker \(172\.31\.253\.0\/24\) are reachable from 192\.168\.0\.0\/16 through ingress rule 2 of security list worker-seclist/,
                );
                // Declared as a client network, it is allowed.
                assertClean(
                    await runOn(NAME, net, shape, { kubeClientCidrs: ["10.0.0.0/8", "192.168.0.0/16"] }),
                );
            });

            it("counts the worker NSG's rules, and UDP NodePorts too", async () => {
                const net = fixture();
                net.nsgs.push({
                    displayName: "worker-nsg",
                    rules: [
                        { direction: "INGRESS", protocol: "17", peer: "0.0.0.0/0", ports: [31000, 31000] },
                    ],
                });
                const run = await runOn(NAME, net, shape);
                assert.equal(violations(run).length, 1, dump(run));
                assert.match(
                    violations(run)[0].message,
                    /ingress rule 1 of NSG worker-nsg \(UDP 31000 from 0\.0\.0\.0\/0\)/,
                );
            });

            it("with allowedSourceRoles tightened to service-lb, Oracle's kmi → 22-65535 rule is flagged", async () => {
                const run = await runOn(NAME, fixture(), shape, { allowedSourceRoles: ["serviceLb"] });
                assert.equal(violations(run).length, 1, dump(run));
                assert.match(
                    violations(run)[0].message,
                    /reachable from 172\.31\.252\.224\/28 through ingress rule 5/,
                );
            });

            it("ignores rules whose ports miss the NodePort range", async () => {
                const net = fixture();
                net.lists.worker.ingress.push({ protocol: "6", peer: "0.0.0.0/0", ports: [32768, 60999] });
                assertClean(await runOn(NAME, net, shape));
            });
        });
    }
});
