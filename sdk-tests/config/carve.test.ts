import assert from "node:assert/strict";
import fc from "fast-check";
import { carveLayout, type CarveResult } from "../../src/config/carve";
import { cidr, cidrAt, cidrContains, cidrOverlaps, type Cidr } from "../../src/net/cidr";
import { nonUnicastOverlaps } from "../../src/net/world";
import { reservedOverlaps } from "../../src/net/reserved";
import { resolveConfig, validateConfig } from "../../src/config/validate";
import type { ResolvedLayout } from "../../src/config/types";

function layoutOf(result: CarveResult): ResolvedLayout {
    assert.ok(result.ok, `expected a layout, got ${JSON.stringify(result)}`);
    return result.layout;
}

function subnets(layout: ResolvedLayout): Cidr[] {
    return Object.entries(layout)
        .filter(([role]) => role !== "vcn")
        .map(([, text]) => cidr(text as string));
}

/** An aligned VCN of prefix `p` at any base that does not touch a C3 reserved range. */
function vcnArb(minPrefix: number, maxPrefix: number): fc.Arbitrary<string> {
    return fc
        .record({
            prefix: fc.integer({ min: minPrefix, max: maxPrefix }),
            base: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        })
        .map(({ prefix, base }) => {
            const mask = (1n << BigInt(32 - prefix)) - 1n;
            return cidrAt(BigInt(base) & ~mask, prefix).text;
        })
        .filter(
            (vcn) => reservedOverlaps(cidr(vcn)).length === 0 && nonUnicastOverlaps(cidr(vcn)).length === 0,
        );
}

function assertWellFormed(vcn: string, layout: ResolvedLayout): void {
    const vcnBlock = cidr(vcn);
    const blocks = subnets(layout);
    assert.equal(layout.vcn, vcn);
    for (const block of blocks) {
        assert.ok(cidrContains(vcnBlock, block), `${block.text} outside ${vcn}`);
        assert.equal(cidr(block.text).text, block.text, "network address");
    }
    blocks.forEach((a, i) =>
        blocks.slice(i + 1).forEach((b) => assert.ok(!cidrOverlaps(a, b), `${a.text} overlaps ${b.text}`)),
    );
}

describe("carveLayout", () => {
    describe("Oracle's examples, exactly", () => {
        it("Flannel 172.31.252.0/23 (docs/oracle-c3-network.md §2a)", () => {
            assert.deepEqual(layoutOf(carveLayout("172.31.252.0/23", "flannel", {})), {
                vcn: "172.31.252.0/23",
                serviceLb: "172.31.252.0/25",
                controlPlane: "172.31.252.224/28",
                controlPlaneEndpoint: "172.31.252.240/28",
                worker: "172.31.253.0/24",
            });
        });

        it("VCN-native 172.31.0.0/19 (docs/oracle-c3-network.md §2b)", () => {
            assert.deepEqual(layoutOf(carveLayout("172.31.0.0/19", "vcn-native", {})), {
                vcn: "172.31.0.0/19",
                serviceLb: "172.31.0.0/23",
                controlPlaneEndpoint: "172.31.2.0/23",
                controlPlane: "172.31.4.0/22",
                worker: "172.31.8.0/21",
                pod: "172.31.16.0/20",
            });
        });
    });

    describe("smallest VCNs", () => {
        it("carves a Flannel /25 and refuses a /26", () => {
            assert.deepEqual(layoutOf(carveLayout("10.0.0.0/25", "flannel", {})), {
                vcn: "10.0.0.0/25",
                serviceLb: "10.0.0.0/27",
                controlPlane: "10.0.0.32/28",
                controlPlaneEndpoint: "10.0.0.48/28",
                worker: "10.0.0.64/26",
            });
            const result = carveLayout("10.0.0.64/26", "flannel", {});
            assert.ok(!result.ok);
            assert.equal(result.problems.length, 1);
            assert.equal(result.problems[0].path, "cidrs.vcn");
            assert.match(result.problems[0].message, /smallest is a \/25/);
            assert.match(result.problems[0].fix, /10\.0\.0\.0\/25/);
            assert.match(result.problems[0].fix, /cidrs\.worker/);
        });

        it("carves a VCN-native /23 (pod /24) and refuses a /24", () => {
            assert.equal(layoutOf(carveLayout("10.0.0.0/23", "vcn-native", {})).pod, "10.0.1.0/24");
            const result = carveLayout("10.0.0.0/24", "vcn-native", {});
            assert.ok(!result.ok);
            assert.equal(result.problems[0].path, "cidrs.vcn");
            assert.match(result.problems[0].fix, /\/23 or larger/);
        });

        it("needs no minimum when every subnet is given", () => {
            const given = {
                worker: "10.0.0.0/28",
                serviceLb: "10.0.0.16/28",
                controlPlane: "10.0.0.32/28",
                controlPlaneEndpoint: "10.0.0.48/28",
            };
            assert.deepEqual(layoutOf(carveLayout("10.0.0.0/26", "flannel", given)), {
                vcn: "10.0.0.0/26",
                ...given,
            });
        });
    });

    describe("explicit subnets", () => {
        it("keeps a given subnet and carves the rest in their slots", () => {
            const layout = layoutOf(
                carveLayout("172.31.252.0/23", "flannel", { worker: "172.31.253.128/25" }),
            );
            assert.equal(layout.worker, "172.31.253.128/25");
            assert.equal(layout.serviceLb, "172.31.252.0/25");
            assert.equal(layout.controlPlane, "172.31.252.224/28");
        });

        it("moves a carved subnet whose slot a given subnet occupies to the lowest free block", () => {
            const layout = layoutOf(carveLayout("172.31.252.0/23", "flannel", { worker: "172.31.252.0/25" }));
            assertWellFormed("172.31.252.0/23", layout);
            assert.equal(layout.worker, "172.31.252.0/25");
            assert.equal(layout.serviceLb, "172.31.253.0/25");
        });

        it("reports a role it cannot place", () => {
            const result = carveLayout("172.31.252.0/23", "flannel", {
                worker: "172.31.252.0/24",
                serviceLb: "172.31.253.0/24",
            });
            assert.ok(!result.ok);
            assert.deepEqual(
                result.problems.map((p) => p.path),
                ["cidrs.controlPlane", "cidrs.controlPlaneEndpoint"],
            );
            assert.match(result.problems[0].fix, /give cidrs\.controlPlane explicitly/);
        });

        it("reports invalid input as problems, never throws", () => {
            const result = carveLayout("172.31.252.1/23", "flannel", { worker: "nope" });
            assert.ok(!result.ok);
            assert.deepEqual(
                result.problems.map((p) => [p.path, p.fix]),
                [
                    ["cidrs.vcn", "use 172.31.252.0/23"],
                    ["cidrs.worker", "write an IPv4 CIDR such as 10.0.0.0/16"],
                ],
            );
        });

        it("gives Flannel no pod subnet", () => {
            assert.equal(layoutOf(carveLayout("172.31.252.0/23", "flannel", {})).pod, undefined);
        });
    });

    describe("properties", () => {
        const base = { compartmentId: "ocid1.compartment.oc1..test", kubeClientCidrs: ["10.0.0.0/8"] };

        it("Flannel /16../25: inside, disjoint, network addresses, deterministic, accepted by resolveConfig", () => {
            fc.assert(
                fc.property(vcnArb(16, 25), (vcn) => {
                    const layout = layoutOf(carveLayout(vcn, "flannel", {}));
                    assertWellFormed(vcn, layout);
                    assert.deepEqual(layoutOf(carveLayout(vcn, "flannel", {})), layout);
                    assert.deepEqual(resolveConfig({ ...base, cidrs: { vcn } }).layout, layout);
                }),
                { numRuns: 300 },
            );
        });

        it("VCN-native /16../23: inside, disjoint, network addresses, deterministic, and valid", () => {
            fc.assert(
                fc.property(vcnArb(16, 23), (vcn) => {
                    const layout = layoutOf(carveLayout(vcn, "vcn-native", {}));
                    assertWellFormed(vcn, layout);
                    assert.ok(layout.pod !== undefined);
                    assert.deepEqual(layoutOf(carveLayout(vcn, "vcn-native", {})), layout);
                    const problems = validateConfig({ ...base, cni: "vcn-native", cidrs: { vcn } });
                    assert.deepEqual(problems, []);
                }),
                { numRuns: 300 },
            );
        });

        it("never overlaps a given subnet, or reports why", () => {
            const roles = ["worker", "serviceLb", "controlPlane", "controlPlaneEndpoint"] as const;
            const arb = fc.record({
                vcn: vcnArb(16, 25),
                role: fc.constantFrom(...roles),
                extra: fc.integer({ min: 1, max: 6 }),
                index: fc.nat(),
            });
            fc.assert(
                fc.property(arb, ({ vcn, role, extra, index }) => {
                    const v = cidr(vcn);
                    const prefix = Math.min(30, v.prefix + extra);
                    const count = 1 << (prefix - v.prefix);
                    const block = cidrAt(
                        v.start + (BigInt(index % count) << BigInt(32 - prefix)),
                        prefix,
                    ).text;
                    const result = carveLayout(vcn, "flannel", { [role]: block });
                    if (result.ok) {
                        assert.equal(result.layout[role], block);
                        assertWellFormed(vcn, result.layout);
                    } else {
                        assert.ok(result.problems.length > 0);
                        assert.ok(
                            result.problems.every((p) => p.path.startsWith("cidrs.") && p.fix.length > 0),
                        );
                    }
                }),
                { numRuns: 300 },
            );
        });
    });
});
