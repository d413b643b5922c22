import * as assert from "node:assert/strict";
import fc from "fast-check";
import { type Box, boxContains, coverage, interval } from "../../src/net/coverage";

/** Brute force: every integer point of the target lies in some box. */
function bruteCovered(boxes: Box[], target: Box): boolean {
    const points = (box: Box): bigint[][] => {
        let acc: bigint[][] = [[]];
        for (const side of box) {
            const next: bigint[][] = [];
            for (const prefix of acc) for (let v = side.lo; v <= side.hi; v++) next.push([...prefix, v]);
            acc = next;
        }
        return acc;
    };
    const inside = (p: bigint[], box: Box): boolean => box.every((s, i) => s.lo <= p[i] && p[i] <= s.hi);
    return points(target).every((p) => boxes.some((b) => inside(p, b)));
}

const side = fc
    .tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 9 }))
    .map(([a, b]) => interval(Math.min(a, b), Math.max(a, b)));
const box2 = fc.tuple(side, side).map((sides): Box => sides);
const box3 = fc
    .tuple(side, side, fc.constantFrom(interval(0, 1), interval(1, 1), interval(0, 0)))
    .map((sides): Box => sides);

describe("coverage (box union covers a box)", () => {
    it("agrees with brute force in 2 dimensions", () => {
        fc.assert(
            fc.property(fc.array(box2, { maxLength: 6 }), box2, (boxes, target) => {
                assert.equal(coverage(boxes, target).covered, bruteCovered(boxes, target));
            }),
            { numRuns: 500 },
        );
    });

    it("agrees with brute force in 3 dimensions", () => {
        fc.assert(
            fc.property(fc.array(box3, { maxLength: 6 }), box3, (boxes, target) => {
                assert.equal(coverage(boxes, target).covered, bruteCovered(boxes, target));
            }),
            { numRuns: 300 },
        );
    });

    it("returns a gap inside the target that no box touches", () => {
        fc.assert(
            fc.property(fc.array(box2, { maxLength: 6 }), box2, (boxes, target) => {
                const result = coverage(boxes, target);
                if (result.covered) return;
                assert.ok(result.gap !== undefined);
                assert.ok(boxContains(target, result.gap), "gap inside target");
                assert.equal(bruteCovered(boxes, result.gap), false);
                for (const b of boxes) {
                    const touches = b.every((s, i) => s.lo <= result.gap![i].hi && result.gap![i].lo <= s.hi);
                    assert.equal(touches, false, "an elementary gap cell is disjoint from every box");
                }
            }),
            { numRuns: 300 },
        );
    });

    it("covers by a union of two adjacent ranges, not with a one-port hole", () => {
        const addr = interval(0, 255);
        const target: Box = [addr, interval(1, 65535)];
        assert.equal(
            coverage(
                [
                    [addr, interval(22, 65535)],
                    [addr, interval(1, 21)],
                ],
                target,
            ).covered,
            true,
        );
        const holed = coverage(
            [
                [addr, interval(23, 65535)],
                [addr, interval(1, 21)],
            ],
            target,
        );
        assert.equal(holed.covered, false);
        assert.deepEqual(holed.gap, [addr, interval(22, 22)]);
    });

    it("treats an empty target as covered and ignores boxes of another dimension", () => {
        assert.equal(coverage([], [interval(5, 4)]).covered, true);
        assert.equal(coverage([[interval(0, 9)]], [interval(0, 9), interval(0, 0)]).covered, false);
    });
});
