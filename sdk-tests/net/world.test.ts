import * as assert from "node:assert/strict";
import { cidr } from "../../src/net/cidr";
import { globallyRoutableSize, isWorldWide, nonUnicastOverlaps } from "../../src/net/world";

/* The one definition of "world-wide": more than a /8's worth of globally routable IPv4 space. */

const blocks = (...texts: string[]) => texts.map(cidr);

describe("isWorldWide", () => {
    const cases: [string[], boolean][] = [
        [["0.0.0.0/0"], true],
        [["0.0.0.0/1"], true],
        [["128.0.0.0/1"], true],
        [["0.0.0.0/1", "128.0.0.0/1"], true],
        [["8.0.0.0/7"], true], // two public /8s
        [["8.0.0.0/8"], false], // exactly a /8 is not more than a /8
        [["8.0.0.0/8", "9.0.0.0/16"], true],
        [["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"], false],
        [["127.0.0.0/8", "169.254.0.0/16", "224.0.0.0/4", "240.0.0.0/4"], false],
        [["253.255.0.0/16"], false],
        [["11.0.0.0/8", "11.0.0.0/8"], false], // a repeated range counts once
    ];
    for (const [texts, expected] of cases)
        it(`${texts.join(" + ")} → ${expected ? "world-wide" : "not world-wide"}`, () =>
            assert.equal(isWorldWide(blocks(...texts)), expected));

    it("counts routable addresses only: 0.0.0.0/0 less the special-purpose blocks", () => {
        // 2^32 minus 0/8, 10/8, 100.64/10, 127/8, 169.254/16, 172.16/12, 192.168/16, 224/4 and 240/4.
        const excluded = 3 * 2 ** 24 + 2 ** 22 + 2 ** 16 + 2 ** 20 + 2 ** 16 + 2 * 2 ** 28;
        assert.equal(globallyRoutableSize(blocks("0.0.0.0/0")), BigInt(2 ** 32 - excluded));
    });
});

describe("nonUnicastOverlaps", () => {
    it("names multicast, loopback, this-network, link-local and class E; not private-use space", () => {
        assert.deepEqual(
            ["224.0.0.0/16", "127.0.0.0/16", "0.0.0.0/16", "169.254.0.0/16", "255.255.0.0/16"].map((t) =>
                nonUnicastOverlaps(cidr(t)).map((r) => r.cidr),
            ),
            [["224.0.0.0/4"], ["127.0.0.0/8"], ["0.0.0.0/8"], ["169.254.0.0/16"], ["240.0.0.0/4"]],
        );
        assert.deepEqual(nonUnicastOverlaps(cidr("10.0.0.0/8")), []);
        assert.deepEqual(nonUnicastOverlaps(cidr("172.31.252.0/23")), []);
    });
});
