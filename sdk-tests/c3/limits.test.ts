import * as assert from "node:assert/strict";
import { C3_LIMITS, withLimits } from "../../src/c3/limits";

/*
 * C3's limits (docs/oracle-c3-network.md §6, Oracle's "Resource Limits": 30 ingress + 30 egress rules per
 * security list, 50 rules per NSG, 5 security lists per subnet), written here literally, and the one
 * comparison the renderer, the analyzer and the policy pack share.
 */

describe("c3/limits: C3's limits and the one comparison", () => {
    it("holds Oracle's numbers", () => {
        assert.deepEqual(C3_LIMITS, {
            "ingress rules": 30,
            "egress rules": 30,
            rules: 50,
            "security lists": 5,
        });
    });

    it("a count at the limit is within it; one more is over", () => {
        const counted = withLimits([
            { subject: "a", measure: "ingress rules", count: 30 },
            { subject: "b", measure: "egress rules", count: 31 },
            { subject: "c", measure: "rules", count: 50 },
            { subject: "d", measure: "security lists", count: 6 },
        ]);
        assert.deepEqual(
            counted.map((c) => [c.subject, c.limit, c.over]),
            [
                ["a", 30, false],
                ["b", 30, true],
                ["c", 50, false],
                ["d", 5, true],
            ],
        );
    });

    it("takes another table (the policy pack's configured limits)", () => {
        const [c] = withLimits([{ subject: 1, measure: "rules", count: 11 }], { ...C3_LIMITS, rules: 10 });
        assert.equal(c.over, true);
    });
});
