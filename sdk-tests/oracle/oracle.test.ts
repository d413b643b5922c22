import * as assert from "node:assert/strict";
import type { ResourceRecord } from "../../src/analysis/model/resources";
import { judgeFlow, sampleAddresses, type FlowJudgement, type OracleFlowSpec } from "./flow";
import { formatAddress, parseAddress, parseBlock } from "./ipv4";
import { networkFromRecords, type NetworkOptions } from "./network";
import { packetText } from "./packet";
import {
    IGW_ID,
    NAT_ID,
    all,
    icmp,
    internetGateway,
    natGateway,
    nsg,
    routeTable,
    securityList,
    subnet,
    tcp,
    vcn,
    type RuleFields,
} from "./records";

/*
 * The oracle's own tests: tiny hand-written record sets whose verdicts follow from OCI's documented rules, so
 * the oracle can fail. Layout: VCN 10.0.0.0/16, `app` 10.0.1.0/24 (private, NAT route), `web` 10.0.2.0/24
 * (public, internet-gateway route); the rest of the VCN is empty.
 */

interface Lists {
    appIn?: RuleFields[];
    appOut?: RuleFields[];
    webIn?: RuleFields[];
    webOut?: RuleFields[];
    appRoutes?: [string, string][];
    webRoutes?: [string, string][];
    extra?: ResourceRecord[];
}

function network(lists: Lists, options: NetworkOptions = {}) {
    const records: ResourceRecord[] = [
        vcn("10.0.0.0/16"),
        natGateway(),
        internetGateway(),
        routeTable("private", lists.appRoutes ?? [["0.0.0.0/0", NAT_ID]]),
        routeTable("public", lists.webRoutes ?? [["0.0.0.0/0", IGW_ID]]),
        securityList("app-seclist", lists.appIn ?? [], lists.appOut ?? []),
        securityList("web-seclist", lists.webIn ?? [], lists.webOut ?? []),
        subnet("app", "10.0.1.0/24", ["app-seclist"], "private", true),
        subnet("web", "10.0.2.0/24", ["web-seclist"], "public", false),
        ...(lists.extra ?? []),
    ];
    return networkFromRecords(records, options);
}

const APP = "10.0.1.0/24";
const WEB = "10.0.2.0/24";
const TCP_443: Omit<OracleFlowSpec, "sources" | "destinations"> = {
    protocol: "tcp",
    ports: { min: 443, max: 443 },
};

function flow(sources: string, destinations: string, rest = TCP_443): OracleFlowSpec {
    return { sources: [sources], destinations: [destinations], ...rest };
}

function failure(j: FlowJudgement): string {
    const first = j.failures[0];
    return first === undefined ? "(no failure)" : `${packetText(first.packet)}: ${first.verdict.reason}`;
}

function assertOutcome(j: FlowJudgement, outcome: FlowJudgement["outcome"], reason?: RegExp): void {
    assert.equal(j.outcome, outcome, failure(j));
    if (reason !== undefined) assert.match(failure(j), reason);
}

describe("oracle: IPv4 parsing (its own, not src/net)", () => {
    it("parses and formats addresses and blocks", () => {
        assert.equal(parseAddress("10.0.1.255"), 167772671);
        assert.equal(formatAddress(4294967295), "255.255.255.255");
        const b = parseBlock("10.0.1.0/24");
        assert.deepEqual(
            [formatAddress(b.first), formatAddress(b.last), b.prefix],
            ["10.0.1.0", "10.0.1.255", 24],
        );
        assert.equal(parseBlock("0.0.0.0/0").last, 4294967295);
    });

    it("refuses malformed text and host bits", () => {
        for (const bad of ["10.0.1.0", "10.0.1.0/33", "10.0.1.1/24", "256.0.0.0/8", "a.b.c.d/8"]) {
            assert.throws(() => parseBlock(bad), /oracle/, bad);
        }
    });
});

describe("oracle: address sampling", () => {
    const net = network({});

    it("samples a range's edges, the hosts of every subnet it overlaps and the parts outside the VCN", () => {
        const points = sampleAddresses(net, parseBlock("0.0.0.0/0")).map(formatAddress);
        for (const expected of ["0.0.0.0", "255.255.255.255", "10.0.0.0"]) {
            assert.ok(points.includes(expected), `${expected} sampled`);
        }
        // The first usable host and the last usable host of each subnet (OCI reserves .0, .1 and the last).
        for (const host of ["10.0.1.2", "10.0.1.254", "10.0.2.2", "10.0.2.254"]) {
            assert.ok(points.includes(host), `${host} sampled`);
        }
    });

    it("samples the edges and middle of a small range", () => {
        const points = sampleAddresses(net, parseBlock("192.0.2.0/28")).map(formatAddress);
        assert.deepEqual(points, ["192.0.2.0", "192.0.2.1", "192.0.2.7", "192.0.2.14", "192.0.2.15"]);
    });
});

describe("oracle: packet-level verdicts", () => {
    it("allows a flow with egress at the source and ingress at the destination", () => {
        const net = network({ appOut: [tcp(WEB, 443)], webIn: [tcp(APP, 443)] });
        assertOutcome(judgeFlow(net, flow(APP, WEB)), "allowed");
    });

    it("denies a flow without ingress at the destination", () => {
        const net = network({ appOut: [tcp(WEB, 443)], webIn: [tcp(APP, 80)] });
        assertOutcome(judgeFlow(net, flow(APP, WEB)), "denied", /no ingress rule of web/);
    });

    it("denies a flow without egress at the source", () => {
        const net = network({ appOut: [tcp(WEB, 80)], webIn: [tcp(APP, 443)] });
        assertOutcome(judgeFlow(net, flow(APP, WEB)), "denied", /no egress rule of app/);
    });

    it("denies a stateless rule without a reply rule, allows it with one", () => {
        const stateless = { stateless: true };
        const forward = { appOut: [tcp(WEB, 443, 443, stateless)], webIn: [tcp(APP, 443, 443, stateless)] };
        assertOutcome(judgeFlow(network(forward), flow(APP, WEB)), "denied", /stateless ingress at web/);
        const replies = {
            webOut: [{ ...all(APP), protocol: "6", stateless: true }],
            appIn: [{ ...all(WEB), protocol: "6", stateless: true }],
        };
        assertOutcome(judgeFlow(network({ ...forward, ...replies }), flow(APP, WEB)), "allowed");
        // Only the destination's reply is declared: the source's own stateless egress still needs one.
        const half = { ...forward, webOut: replies.webOut };
        assertOutcome(judgeFlow(network(half), flow(APP, WEB)), "denied", /stateless egress at app/);
    });

    it("applies the stateless rule when a stateful and a stateless rule both match (C3's precedence)", () => {
        const net = network({
            appOut: [tcp(WEB, 443)],
            webIn: [tcp(APP, 443), tcp(APP, 1, 65535, { stateless: true })],
        });
        assertOutcome(judgeFlow(net, flow(APP, WEB)), "denied", /reply/);
    });

    it("denies traffic leaving the VCN without a route, or through a gateway the subnet cannot use", () => {
        const out = flow(APP, "203.0.113.5/32");
        assertOutcome(
            judgeFlow(network({ appOut: [tcp("0.0.0.0/0", 443)], appRoutes: [] }), out),
            "denied",
            /no route/,
        );
        assertOutcome(judgeFlow(network({ appOut: [tcp("0.0.0.0/0", 443)] }), out), "allowed");
        const viaIgw = {
            appOut: [tcp("0.0.0.0/0", 443)],
            appRoutes: [["0.0.0.0/0", IGW_ID]] as [string, string][],
        };
        assertOutcome(judgeFlow(network(viaIgw), out), "denied", /prohibits them/);
        const ghost = {
            appOut: [tcp("0.0.0.0/0", 443)],
            appRoutes: [["0.0.0.0/0", "ocid1.privateip.oc1..x"]] as [string, string][],
        };
        assertOutcome(judgeFlow(network(ghost), out), "assumed", /does not declare as a gateway/);
        const blocked = network({
            appOut: [tcp("0.0.0.0/0", 443)],
            extra: [{ ...natGateway(), id: "ocid1.natgateway.test.blocked", inputs: { blockTraffic: true } }],
            appRoutes: [["0.0.0.0/0", "ocid1.natgateway.test.blocked"]],
        });
        assertOutcome(judgeFlow(blocked, out), "denied", /disabled or blocks traffic/);
        assertOutcome(
            judgeFlow(network({ webOut: [tcp("0.0.0.0/0", 443)] }), flow(WEB, "203.0.113.5/32")),
            "allowed",
        );
    });

    it("uses the longest matching route prefix", () => {
        const routes: [string, string][] = [
            ["0.0.0.0/0", NAT_ID],
            ["203.0.113.0/24", "ocid1.privateip.oc1..missing"],
        ];
        const net = network({ appOut: [tcp("0.0.0.0/0", 443)], appRoutes: routes });
        assertOutcome(judgeFlow(net, flow(APP, "198.51.100.0/24")), "allowed");
        assertOutcome(judgeFlow(net, flow(APP, "203.0.113.0/24")), "assumed", /203\.0\.113\.0\/24 → opaque/);
    });

    it("catches a port range one port short at either edge", () => {
        const nodePorts = { protocol: "tcp" as const, ports: { min: 30000, max: 32767 } };
        const short = network({ appOut: [tcp(WEB, 30000, 32767)], webIn: [tcp(APP, 30000, 32766)] });
        assertOutcome(judgeFlow(short, flow(APP, WEB, nodePorts)), "denied", /:32767 /);
        const late = network({ appOut: [tcp(WEB, 30000, 32767)], webIn: [tcp(APP, 30001, 32767)] });
        assertOutcome(judgeFlow(late, flow(APP, WEB, nodePorts)), "denied", /:30000 /);
        const exact = network({ appOut: [tcp(WEB, 30000, 32767)], webIn: [tcp(APP, 30000, 32767)] });
        assertOutcome(judgeFlow(exact, flow(APP, WEB, nodePorts)), "allowed");
    });

    it("catches a source-port restriction and a peer one address short", () => {
        const srcPorts = network({
            appOut: [
                tcp(WEB, 443, 443, {
                    tcpOptions: { min: 443, max: 443, sourcePortRange: { min: 1024, max: 49151 } },
                }),
            ],
            webIn: [tcp(APP, 443)],
        });
        assertOutcome(judgeFlow(srcPorts, flow(APP, WEB)), "denied", /:(49152|60999) →/);
        const halfPeer = network({ appOut: [tcp(WEB, 443)], webIn: [tcp("10.0.1.0/25", 443)] });
        assertOutcome(judgeFlow(halfPeer, flow(APP, WEB)), "denied", /10\.0\.1\.128/);
    });

    it("judges a source range that overlaps managed subnets from inside each of them", () => {
        // The whole VCN may reach web 443, but only app has the egress rule: a host in web itself cannot.
        const net = network({ appOut: [tcp(WEB, 443)], webIn: [tcp("10.0.0.0/16", 443)] });
        const j = judgeFlow(net, flow("10.0.0.0/16", WEB));
        assertOutcome(j, "denied", /no egress rule of web/);
        assert.ok(j.allowedPackets > 0, "the hosts in app do get through");
    });

    it("treats a private subnet reached from outside as assumed, a public one with an IGW route as allowed", () => {
        const net = network({ appIn: [tcp("192.168.0.0/16", 443)], webIn: [tcp("192.168.0.0/16", 443)] });
        assertOutcome(judgeFlow(net, flow("192.168.0.0/16", APP)), "assumed", /a path outside this network/);
        assertOutcome(judgeFlow(net, flow("192.168.0.0/16", WEB)), "allowed");
        const noRoute = network({ webIn: [tcp("192.168.0.0/16", 443)], webRoutes: [] });
        assertOutcome(judgeFlow(noRoute, flow("192.168.0.0/16", WEB)), "assumed", /no route back/);
    });

    it("allows a private subnet reached from outside when a DRG route declares the path", () => {
        const drg = "ocid1.drg.oc1..onprem";
        const net = network({
            appIn: [tcp("192.168.0.0/16", 443)],
            appRoutes: [
                ["0.0.0.0/0", NAT_ID],
                ["192.168.0.0/16", drg],
            ],
        });
        assertOutcome(judgeFlow(net, flow("192.168.0.0/16", APP)), "allowed");
        assertOutcome(judgeFlow(net, flow("172.16.0.0/12", APP)), "denied", /no ingress/);
    });

    it("lets ICMP errors back through the NAT gateway, but no new connection", () => {
        const net = network({ appIn: [icmp("0.0.0.0/0", 3), tcp("0.0.0.0/0", 22)] });
        const unreachable = { protocol: "icmp" as const, icmp: { type: 3, code: 4 } };
        assertOutcome(judgeFlow(net, flow("198.51.100.0/24", APP, unreachable)), "allowed");
        const ssh = { protocol: "tcp" as const, ports: { min: 22, max: 22 } };
        assertOutcome(judgeFlow(net, flow("198.51.100.0/24", APP, ssh)), "assumed");
    });

    it("matches ICMP type and code", () => {
        const net = network({ appOut: [icmp(WEB, 3, 4)], webIn: [icmp(APP, 3)] });
        assertOutcome(
            judgeFlow(net, flow(APP, WEB, { protocol: "icmp", icmp: { type: 3, code: 4 } })),
            "allowed",
        );
        assertOutcome(
            judgeFlow(net, flow(APP, WEB, { protocol: "icmp", icmp: { type: 3 } })),
            "denied",
            /code 0/,
        );
        assertOutcome(judgeFlow(net, flow(APP, WEB, { protocol: "icmp", icmp: { type: 11 } })), "denied");
    });

    it("needs the echo reply of a stateless ping", () => {
        const ping = { protocol: "icmp" as const, icmp: { type: 8 } };
        const forward = { appOut: [icmp(WEB, 8)], webIn: [{ ...icmp(APP, 8), stateless: true }] };
        assertOutcome(judgeFlow(network(forward), flow(APP, WEB, ping)), "denied", /ICMP type 0/);
        assertOutcome(
            judgeFlow(network({ ...forward, webOut: [icmp(APP, 0)] }), flow(APP, WEB, ping)),
            "allowed",
        );
    });

    it("needs every protocol for an all-protocols flow", () => {
        const net = network({
            appOut: [all(WEB)],
            webIn: [tcp(APP, 1, 65535), { ...all(APP), protocol: "17" }],
        });
        assertOutcome(judgeFlow(net, flow(APP, WEB, { protocol: "all" })), "denied", /ICMP|protocol 47/);
        const open = network({ appOut: [all(WEB)], webIn: [all(APP)] });
        assertOutcome(judgeFlow(open, flow(APP, WEB, { protocol: "all" })), "allowed");
    });

    it("applies the NSG named after the subnet to its VNICs, unless the VNIC carries none", () => {
        const records = nsg("web-nsg", [
            {
                direction: "INGRESS",
                protocol: "6",
                source: APP,
                tcpOptions: { destinationPortRange: { min: 443, max: 443 } },
            },
        ]);
        const lists = { appOut: [tcp(WEB, 443)], extra: records };
        assertOutcome(judgeFlow(network(lists), flow(APP, WEB)), "allowed");
        assertOutcome(
            judgeFlow(network(lists, { withoutNsg: ["web"] }), flow(APP, WEB)),
            "denied",
            /no ingress rule of web/,
        );
    });

    it("has nothing to judge where no host can be (the VCN outside its subnets)", () => {
        const net = network({ appOut: [all("0.0.0.0/0")] });
        assertOutcome(judgeFlow(net, flow(APP, "10.0.200.0/24")), "vacuous");
    });

    it("refuses records it cannot read rather than guess", () => {
        assert.throws(() => networkFromRecords([vcn("10.0.0.0/16"), vcn("10.1.0.0/16")]), /exactly one VCN/);
        const bad = securityList(
            "x",
            [{ protocol: "6", source: "10.0.0.0/8", sourceType: "SERVICE_CIDR_BLOCK" }],
            [],
        );
        assert.throws(
            () => networkFromRecords([vcn("10.0.0.0/16"), bad, subnet("s", "10.0.0.0/24", ["x"], undefined)]),
            /CIDR_BLOCK only/,
        );
    });
});
