import * as assert from "node:assert/strict";
import { dump, violations, type Shape } from "./harness";
import { assertClean, COMPLIANT, runOn } from "./fixtures";
import { oracleNetwork } from "./hand-written";

/* oke-c3-reserved-cidrs: no VCN or subnet in C3's reserved ranges (docs/oracle-c3-network.md §2c, §2d). */

const NAME = "oke-c3-reserved-cidrs";
const fixture = COMPLIANT[NAME];
const SHAPES: readonly Shape[] = ["preview", "update"];

describe("oke-c3-reserved-cidrs", () => {
    for (const shape of SHAPES) {
        describe(`as a ${shape}`, () => {
            it("passes the compliant fixture", async () => assertClean(await runOn(NAME, fixture(), shape)));

            it("flags a VCN and its subnets in 253.255.0.0/16, C3's internal network", async () => {
                const run = await runOn(NAME, oracleNetwork("253.255"), shape);
                assert.equal(violations(run).length, 5, dump(run));
                assert.match(
                    violations(run)[0].message,
                    /^VCN oketest-vcn \(253\.255\.252\.0\/23\) overlaps 253\.255\.0\.0\/16: C3's internal infrastructure network/m,
                );
                assert.match(
                    violations(run)[1].message,
                    /^subnet worker \(253\.255\.253\.0\/24\) overlaps 253\.255\.0\.0\/16/m,
                );
            });

            it("flags a subnet on the link-local 169.254.239.0/24", async () => {
                const net = fixture();
                net.vcn.cidr = "169.254.0.0/16";
                net.subnets[0].cidr = "169.254.239.0/24";
                const run = await runOn(NAME, net, shape);
                const texts = violations(run).map((d) => d.message);
                assert.ok(
                    texts.some((t) =>
                        /^subnet worker \(169\.254\.239\.0\/24\) overlaps 169\.254\.239\.0\/24/m.test(t),
                    ),
                    dump(run),
                );
                assert.ok(
                    texts.some((t) =>
                        /^VCN oketest-vcn \(169\.254\.0\.0\/16\) overlaps 169\.254\.169\.254\/32/m.test(t),
                    ),
                    dump(run),
                );
            });

            it("adds the configured extra ranges", async () => {
                const run = await runOn(NAME, fixture(), shape, { extraReservedCidrs: ["172.31.253.0/24"] });
                assert.equal(violations(run).length, 2, dump(run));
            });
        });
    }
});
