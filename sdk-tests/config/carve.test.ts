import assert from "node:assert/strict";
import fc from "fast-check";
import { carveLayout, type CarveResult } from "../../src/config/carve";
import { cidr, cidrAt, cidrContains, cidrOverlaps, type Cidr } from "../../src/net/cidr";
import { nonUnicastOverlaps } from "../../src/net/world";
import { reservedOverlaps } from "../../src/net/reserved";
import { resolveConfig, validateConfig } from "../../src/config/validate";
import type { ResolvedLayout } from "../../src/config/types";
import { formatAddress, parseBlock, type Block } from "../oracle/ipv4";

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

/**
 * Oracle's subnet sizes, as prefixes from the VCN's `/p` (Flannel: docs/oracle-c3-network.md §2a's /23,
 * VCN-native: §2b's /19). Typed by the layout, so a new role does not compile until its size is written here.
 */
const ORACLE_PREFIX = {
    flannel: {
        vcn: (p: number) => p,
        worker: (p: number) => p + 1, // /24 of the /23
        serviceLb: (p: number) => p + 2, // /25
        controlPlane: () => 28,
        controlPlaneEndpoint: () => 28,
        pod: undefined,
    },
    "vcn-native": {
        vcn: (p: number) => p,
        pod: (p: number) => p + 1, // /20 of the /19
        worker: (p: number) => p + 2, // /21
        controlPlane: (p: number) => p + 3, // /22
        controlPlaneEndpoint: (p: number) => p + 4, // /23
        serviceLb: (p: number) => p + 4, // /23
    },
} satisfies Record<
    "flannel" | "vcn-native",
    Record<keyof ResolvedLayout, ((p: number) => number) | undefined>
>;

/** Each role's size as Oracle's examples give it (`except` a role the user gave). */
function assertOracleSizes(
    vcn: string,
    cni: "flannel" | "vcn-native",
    layout: ResolvedLayout,
    except?: keyof ResolvedLayout,
): void {
    const p = parseBlock(vcn).prefix;
    const sizes: Record<string, ((p: number) => number) | undefined> = ORACLE_PREFIX[cni];
    assert.deepEqual(
        Object.keys(layout).sort(),
        Object.keys(sizes)
            .filter((r) => sizes[r] !== undefined)
            .sort(),
    );
    for (const [role, text] of Object.entries(layout)) {
        if (role === except) continue;
        assert.equal(
            parseBlock(text as string).prefix,
            sizes[role]?.(p),
            `${role} ${String(text)} in ${vcn}`,
        );
    }
}

/**
 * Oracle's slots, computed here with the oracle's own IPv4 arithmetic (not src/cidr): Flannel, the upper half
 * for the workers, the first quarter for the service LBs, the last two /28 of the lower half for kmi and kmilb
 * (172.31.252.0/23 → 172.31.253.0/24, 172.31.252.0/25, .224/28, .240/28); VCN-native, halving from the top:
 * pod, worker, kmi, kmilb, workerlb lowest (172.31.0.0/19 → /20 at .16, /21 at .8, /22 at .4, /23 at .2 and .0).
 */
function template(vcn: string, cni: "flannel" | "vcn-native"): ResolvedLayout {
    const v = parseBlock(vcn);
    const size = 2 ** (32 - v.prefix);
    const at = (offset: number, prefix: number) => `${formatAddress(v.first + offset)}/${prefix}`;
    if (cni === "flannel") {
        return {
            vcn,
            worker: at(size / 2, v.prefix + 1),
            serviceLb: at(0, v.prefix + 2),
            controlPlane: at(size / 2 - 32, 28),
            controlPlaneEndpoint: at(size / 2 - 16, 28),
        };
    }
    return {
        vcn,
        pod: at(size / 2, v.prefix + 1),
        worker: at(size / 4, v.prefix + 2),
        controlPlane: at(size / 8, v.prefix + 3),
        controlPlaneEndpoint: at(size / 16, v.prefix + 4),
        serviceLb: at(0, v.prefix + 4),
    };
}

function overlap(a: string, b: string): boolean {
    const x = parseBlock(a);
    const y = parseBlock(b);
    return x.first <= y.last && y.first <= x.last;
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

    describe("more of Oracle's layout, written out by hand", () => {
        const cases: [string, "flannel" | "vcn-native", ResolvedLayout][] = [
            [
                "Flannel /16",
                "flannel",
                {
                    vcn: "10.0.0.0/16",
                    worker: "10.0.128.0/17",
                    serviceLb: "10.0.0.0/18",
                    controlPlane: "10.0.127.224/28",
                    controlPlaneEndpoint: "10.0.127.240/28",
                },
            ],
            [
                "Flannel /24",
                "flannel",
                {
                    vcn: "192.168.64.0/24",
                    worker: "192.168.64.128/25",
                    serviceLb: "192.168.64.0/26",
                    controlPlane: "192.168.64.96/28",
                    controlPlaneEndpoint: "192.168.64.112/28",
                },
            ],
            [
                "VCN-native /16",
                "vcn-native",
                {
                    vcn: "10.0.0.0/16",
                    pod: "10.0.128.0/17",
                    worker: "10.0.64.0/18",
                    controlPlane: "10.0.32.0/19",
                    controlPlaneEndpoint: "10.0.16.0/20",
                    serviceLb: "10.0.0.0/20",
                },
            ],
            [
                "VCN-native /20",
                "vcn-native",
                {
                    vcn: "10.100.0.0/20",
                    serviceLb: "10.100.0.0/24",
                    controlPlaneEndpoint: "10.100.1.0/24",
                    controlPlane: "10.100.2.0/23",
                    worker: "10.100.4.0/22",
                    pod: "10.100.8.0/21",
                },
            ],
        ];
        for (const [name, cni, expected] of cases)
            it(name, () => assert.deepEqual(layoutOf(carveLayout(expected.vcn, cni, {})), expected));
    });

    describe("properties", () => {
        const base = { compartmentId: "ocid1.compartment.oc1..test", kubeClientCidrs: ["10.0.0.0/8"] };

        it("Flannel /16../25 always carves Oracle's layout: sizes and places as in the /23 example", () => {
            fc.assert(
                fc.property(vcnArb(16, 25), (vcn) => {
                    const layout = layoutOf(carveLayout(vcn, "flannel", {}));
                    assertWellFormed(vcn, layout);
                    assertOracleSizes(vcn, "flannel", layout);
                    assert.deepEqual(layout, template(vcn, "flannel"));
                    assert.deepEqual(resolveConfig({ ...base, cidrs: { vcn } }).layout, layout);
                }),
                { numRuns: 300 },
            );
        });

        it("VCN-native /16../23 always carves Oracle's layout: sizes and places as in the /19 example, valid", () => {
            fc.assert(
                fc.property(vcnArb(16, 23), (vcn) => {
                    const layout = layoutOf(carveLayout(vcn, "vcn-native", {}));
                    assertWellFormed(vcn, layout);
                    assertOracleSizes(vcn, "vcn-native", layout);
                    assert.deepEqual(layout, template(vcn, "vcn-native"));
                    const problems = validateConfig({ ...base, cni: "vcn-native", cidrs: { vcn } });
                    assert.deepEqual(problems, []);
                }),
                { numRuns: 300 },
            );
        });

        const ROLES = ["worker", "serviceLb", "controlPlane", "controlPlaneEndpoint"] as const;

        /** A block of prefix `slot.prefix + extra` (at most /30) inside `outer`, picked by `index`. */
        function blockIn(outer: Block, extra: number, index: number): string {
            const prefix = Math.min(30, outer.prefix + extra);
            const count = 2 ** (prefix - outer.prefix);
            return `${formatAddress(outer.first + (index % count) * 2 ** (32 - prefix))}/${prefix}`;
        }

        it("a role given inside its own slot is kept, and every other role keeps Oracle's slot", () => {
            const arb = fc.record({
                vcn: vcnArb(16, 25),
                role: fc.constantFrom(...ROLES),
                extra: fc.integer({ min: 0, max: 6 }),
                index: fc.nat(),
            });
            fc.assert(
                fc.property(arb, ({ vcn, role, extra, index }) => {
                    const slots = template(vcn, "flannel");
                    const block = blockIn(parseBlock(slots[role]), extra, index);
                    const layout = layoutOf(carveLayout(vcn, "flannel", { [role]: block }));
                    assert.deepEqual(layout, { ...slots, [role]: block });
                }),
                { numRuns: 300 },
            );
        });

        it("a role given anywhere: carved when it takes no other slot; else kept, or the problems name only roles whose slot it takes", () => {
            const arb = fc.record({
                vcn: vcnArb(16, 25),
                role: fc.constantFrom(...ROLES),
                extra: fc.integer({ min: 1, max: 6 }),
                index: fc.nat(),
            });
            let free = 0;
            fc.assert(
                fc.property(arb, ({ vcn, role, extra, index }) => {
                    const block = blockIn(parseBlock(vcn), extra, index);
                    const result = carveLayout(vcn, "flannel", { [role]: block });
                    const slots = template(vcn, "flannel");
                    const taken = ROLES.filter((r) => r !== role && overlap(slots[r], block));
                    // A given block that takes no other role's slot leaves every slot free: carving must succeed.
                    if (taken.length === 0) {
                        free++;
                        if (!result.ok)
                            assert.fail(`${role} ${block} in ${vcn}: ${JSON.stringify(result.problems)}`);
                    }
                    if (result.ok) {
                        assert.equal(result.layout[role], block);
                        assertWellFormed(vcn, result.layout);
                        assertOracleSizes(vcn, "flannel", result.layout, role);
                        // Roles whose slot is free keep it; only the ones the given block takes move.
                        for (const r of ROLES.filter((x) => x !== role && !taken.includes(x)))
                            assert.equal(result.layout[r], slots[r], r);
                    } else {
                        assert.ok(result.problems.length > 0);
                        const paths = result.problems.map((p) => p.path);
                        assert.ok(
                            paths.every((p) => taken.some((r) => p === `cidrs.${r}`)),
                            `${paths.join(", ")} not among the roles whose slot ${block} takes (${taken.join(", ")})`,
                        );
                        assert.ok(result.problems.every((p) => p.fix.length > 0));
                    }
                }),
                { numRuns: 300 },
            );
            // A carver that always refused fails the cases above: make sure there were enough of them.
            assert.ok(free > 50, `only ${free} of 300 given subnets left the other slots free`);
        });
    });
});
