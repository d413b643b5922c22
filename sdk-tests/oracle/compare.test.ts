import * as assert from "node:assert/strict";
import type { ResolvedEndpoint, ResolvedFlow } from "../../src/catalogue/types";
import { disagreements, leakyProbes, oracleSpec, type Comparison } from "./compare";
import { judgeFlow } from "./flow";
import { networkFromRecords } from "./network";
import { NAT_ID, natGateway, routeTable, securityList, subnet, tcp, vcn } from "./records";

/*
 * The differential's own judge: a disagreement outside issue #11's known classes, or a probe that leaks, must
 * be reported as such, or the property test could never fail. Hand-written records: VCN 10.0.0.0/16 with a
 * private `worker` 10.0.1.0/24 (SSH from the VCN, node ports from 192.168.0.0/16) and a `service-lb` 10.0.2.0/24
 * that may send TCP 22 and 80 to the workers.
 */

const WORKER = "10.0.1.0/24";
const LB = "10.0.2.0/24";

const net = networkFromRecords([
    vcn("10.0.0.0/16"),
    natGateway(),
    routeTable("private", [["0.0.0.0/0", NAT_ID]]),
    securityList("worker-seclist", [tcp("10.0.0.0/16", 22), tcp("192.168.0.0/16", 30000, 32767)], []),
    securityList("lb-seclist", [], [tcp(WORKER, 80), tcp(WORKER, 22)]),
    subnet("worker", WORKER, ["worker-seclist"], "private"),
    subnet("service-lb", LB, ["lb-seclist"], "private"),
]);

function flow(
    source: ResolvedEndpoint,
    destination: ResolvedEndpoint,
    port: number,
    max = port,
): ResolvedFlow {
    return {
        id: "f",
        description: "f",
        source,
        destination,
        protocol: "tcp",
        ports: { min: port, max },
        refs: [],
        provenance: "derived",
    };
}

function compared(f: ResolvedFlow, analyzer: string, mustBeDenied = false): Comparison {
    return {
        label: "f",
        kind: "required",
        flow: f,
        analyzer,
        oracle: judgeFlow(net, oracleSpec(f)),
        mustBeDenied,
    };
}

const worker: ResolvedEndpoint = { role: "worker", cidrs: [WORKER] };
const lb: ResolvedEndpoint = { role: "serviceLb", cidrs: [LB] };

describe("differential: classifying disagreements", () => {
    it("reports an analyzer ✔ for a flow between the named subnets that the oracle refutes as unclassified", () => {
        const [d] = disagreements(net, [compared(flow(lb, worker, 80), "allowed")]);
        assert.ok(d.unsound);
        assert.deepEqual(d.classes, ["unclassified"]);
    });

    it("recognises a source range overlapping another managed subnet (issue #11 item 1)", () => {
        const bastion = { ref: "bastion" as const, cidrs: ["10.0.0.0/16"] };
        const [d] = disagreements(net, [compared(flow(bastion, worker, 22), "allowed")]);
        assert.deepEqual(d.classes, ["source-overlap"]);
    });

    it("recognises an inbound path the network does not declare (issue #11 item 2)", () => {
        const clients = { ref: "kubeClients" as const, cidrs: ["192.168.0.0/16"] };
        const [d] = disagreements(net, [compared(flow(clients, worker, 30000, 32767), "allowed")]);
        assert.deepEqual(d.classes, ["route-assumed"]);
        assert.equal(d.oracle.outcome, "assumed");
    });

    it("reports an analyzer that refuses what the oracle allows, and nothing when they agree", () => {
        const [d] = disagreements(net, [compared(flow(lb, worker, 22), "denied")]);
        assert.equal(d.unsound, false);
        assert.deepEqual(d.classes, ["unclassified"]);
        assert.deepEqual(disagreements(net, [compared(flow(lb, worker, 22), "allowed")]), []);
        assert.deepEqual(disagreements(net, [compared(flow(lb, worker, 80), "denied")]), []);
        // An analyzer that states an assumption agrees with the oracle's "assumed".
        const clients = { cidrs: ["192.168.0.0/16"] };
        assert.deepEqual(disagreements(net, [compared(flow(clients, worker, 30000), "assumed")]), []);
    });

    it("flags a must-be-denied probe that some rule lets through, even without a route", () => {
        const world = { cidrs: ["192.168.7.7/32"] };
        assert.equal(leakyProbes([compared(flow(world, worker, 30000), "denied", true)]).length, 1);
        assert.equal(leakyProbes([compared(flow(world, worker, 22), "denied", true)]).length, 0);
    });
});
