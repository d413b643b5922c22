import assert from "node:assert/strict";
import { cidr } from "../../src/net/cidr";
import { reservedOverlaps } from "../../src/net/reserved";
import { C3_RESERVED_RANGES, KUBE_INTERNAL_CIDR } from "../../src/c3/reserved";

describe("C3 reserved ranges (docs/oracle-c3-network.md §2c, §2d)", () => {
    it("lists exactly Oracle's reserved ranges", () => {
        assert.deepEqual(
            C3_RESERVED_RANGES.map((r) => r.cidr),
            ["100.96.0.0/23", "100.96.2.0/23", "253.255.0.0/16", "169.254.239.0/24", "169.254.169.254/32"],
        );
    });

    it("gives every range a source and a reason", () => {
        for (const range of C3_RESERVED_RANGES) {
            assert.match(range.source, /oracle-c3-network\.md §2/);
            assert.ok(range.reason.length > 10, range.cidr);
            assert.equal(cidr(range.cidr).text, range.cidr, "must be a network address");
        }
    });

    it("names kube_internal_cidr 253.255.0.0/16", () => {
        assert.equal(KUBE_INTERNAL_CIDR, "253.255.0.0/16");
        const internal = C3_RESERVED_RANGES.find((r) => r.cidr === KUBE_INTERNAL_CIDR);
        assert.ok(internal);
        assert.match(internal.reason, /kube_internal_cidr/);
    });

    it("finds the overlapping ranges", () => {
        assert.deepEqual(
            reservedOverlaps(cidr("100.96.0.0/16")).map((r) => r.cidr),
            ["100.96.0.0/23", "100.96.2.0/23"],
        );
        assert.deepEqual(
            reservedOverlaps(cidr("169.254.0.0/16")).map((r) => r.cidr),
            ["169.254.239.0/24", "169.254.169.254/32"],
        );
        assert.deepEqual(
            reservedOverlaps(cidr("253.255.7.0/24")).map((r) => r.cidr),
            ["253.255.0.0/16"],
        );
        assert.deepEqual(reservedOverlaps(cidr("172.31.252.0/23")), []);
        assert.deepEqual(reservedOverlaps(cidr("100.96.4.0/22")), []);
    });
});
