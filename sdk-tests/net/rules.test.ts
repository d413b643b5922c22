import * as assert from "node:assert/strict";
import { cidr } from "../../src/net/cidr";
import { protocolName, ruleCoversRule, ruleMatch, type SecurityRule } from "../../src/net/rules";

/*
 * The one rule algebra the renderer (compaction), the findings (shadowed and duplicate rules) and the
 * evaluator (flow coverage) share, in OCI's semantics: protocol "all" or an IANA number, a CIDR peer, an
 * absent port range meaning every port, an ICMP type without a code meaning every code.
 */

const rule = (over: Partial<SecurityRule>): SecurityRule => ({
    direction: "ingress",
    stateless: false,
    protocol: "6",
    peer: "10.0.0.0/16",
    peerType: "CIDR_BLOCK",
    dstPorts: { min: 22, max: 22 },
    ...over,
});

describe("net/rules: ruleCoversRule", () => {
    const cases: [string, Partial<SecurityRule>, Partial<SecurityRule>, boolean][] = [
        ["identical rules cover each other", {}, {}, true],
        ["a wider source covers a narrower one", { peer: "10.0.0.0/8" }, {}, true],
        ["a narrower source does not cover a wider one", { peer: "10.0.1.0/24" }, {}, false],
        ["all ports cover port 22", { dstPorts: undefined }, {}, true],
        ["port 22 does not cover all ports", {}, { dstPorts: undefined }, false],
        ["protocol all covers TCP", { protocol: "all", dstPorts: undefined }, {}, true],
        ["TCP does not cover UDP", {}, { protocol: "17" }, false],
        ["an egress rule never covers an ingress rule", { direction: "egress" }, {}, false],
        ["stateless does not cover stateful", { stateless: true }, {}, false],
        [
            "a non-CIDR peer type covers nothing (C3 implements CIDR_BLOCK only)",
            { peerType: "SERVICE_CIDR_BLOCK" },
            {},
            false,
        ],
        [
            "ICMP type 3 covers type 3 code 4",
            { protocol: "1", dstPorts: undefined, icmp: { type: 3 } },
            { protocol: "1", dstPorts: undefined, icmp: { type: 3, code: 4 } },
            true,
        ],
        [
            "ICMP type 3 code 4 does not cover type 3",
            { protocol: "1", dstPorts: undefined, icmp: { type: 3, code: 4 } },
            { protocol: "1", dstPorts: undefined, icmp: { type: 3 } },
            false,
        ],
        ["an invalid peer covers nothing", { peer: "0.0.0.0/00" }, {}, false],
    ];
    for (const [name, outer, inner, expected] of cases) {
        it(name, () => assert.equal(ruleCoversRule(rule(outer), rule(inner)), expected));
    }
});

describe("net/rules: ruleMatch and protocolName", () => {
    const query = {
        direction: "ingress" as const,
        peer: cidr("10.0.5.0/24"),
        protocol: "tcp" as const,
        dstPorts: { min: 22, max: 22 },
        srcPorts: { min: 1, max: 65535 },
    };
    it("matches a rule that admits the query, names the rule in its reasons with the caller's namer", () => {
        assert.equal(ruleMatch(rule({}), query).kind, "match");
        const odd = ruleMatch(rule({ peerType: "NETWORK_SECURITY_GROUP" }), query, () => "rule X");
        assert.deepEqual(odd, {
            kind: "no-match",
            why: "rule X has peer type NETWORK_SECURITY_GROUP; C3 only implements CIDR_BLOCK",
        });
    });
    it("an unknown (preview) rule is undecided, never a match", () => {
        assert.equal(ruleMatch(rule({ unknown: true }), query).kind, "unknown");
    });
    it("decodes OCI's protocol numbers and names; other numbers are not named", () => {
        assert.deepEqual(
            ["6", "17", "1", "all", "ALL", "tcp", "58"].map((protocol) => protocolName({ protocol })),
            ["tcp", "udp", "icmp", "all", "all", "tcp", undefined],
        );
    });
});
