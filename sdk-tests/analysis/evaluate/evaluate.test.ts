import * as assert from "node:assert/strict";
import {
    evaluateFlow,
    evaluateFlows,
    type FlowQuery,
    type FlowVerdict,
} from "../../../src/analysis/evaluate/evaluate";
import { modelsFromResources } from "../../../src/analysis/model/from-resources";
import { recordProgram } from "../../../src/testing/mock-run";
import { WorkloadClusterNetwork } from "../../../src/component/workload-cluster-network";
import { CLIENTS, KMI, KMILB, SERVICE_LB, VCN, WORKER, nsgRules, oracleModel, setList } from "../models";

const tcp = (min: number, max = min) => ({ protocol: "tcp" as const, ports: { min, max } });

/** A query; a destination of 0.0.0.0/0 stands for Oracle's "anywhere" (outside the VCN), as in the catalogue. */
function query(source: string, destination: string, traffic: Partial<FlowQuery>, id = "q"): FlowQuery {
    const to = destination === "0.0.0.0/0" ? { cidr: destination, outsideOnly: true } : { cidr: destination };
    return { id, source: { cidr: source }, destination: to, protocol: "tcp", ...traffic };
}

function ruleNames(v: FlowVerdict["ingress"]): string[] {
    return v.rules.map((r) => `${r.name}#${r.index}`);
}

describe("evaluateFlow: ingress coverage", () => {
    it("allows a flow covered by the union of two rules (22-65535 + 1-21) and names both", () => {
        const model = setList(oracleModel(), "kmi-seclist", [
            { protocol: "6", peer: WORKER, dstPorts: { min: 22, max: 65535 } },
            { protocol: "6", peer: WORKER, dstPorts: { min: 1, max: 21 } },
        ]);
        const v = evaluateFlow(model, query(WORKER, KMI, tcp(1, 65535)));
        assert.equal(v.status, "allowed");
        assert.equal(v.ingress.status, "allowed");
        assert.equal(v.ingress.subnet, "control-plane");
        assert.deepEqual(ruleNames(v.ingress), ["kmi-seclist#0", "kmi-seclist#1"]);
        assert.deepEqual(ruleNames(v.egress), ["default#0"]);
        assert.equal(v.route.status, "not-applicable");
    });

    it("denies when one port is missing between the rules, naming the side and the port", () => {
        const model = setList(oracleModel(), "kmi-seclist", [
            { protocol: "6", peer: WORKER, dstPorts: { min: 23, max: 65535 } },
            { protocol: "6", peer: WORKER, dstPorts: { min: 1, max: 21 } },
        ]);
        const v = evaluateFlow(model, query(WORKER, KMI, tcp(1, 65535)));
        assert.equal(v.status, "denied");
        assert.equal(v.ingress.status, "denied");
        assert.equal(v.egress.status, "allowed");
        assert.equal(v.ingress.missing, `TCP port 22 from ${WORKER}`);
        assert.match(
            v.reasons[0],
            /ingress rules on control-plane \(default, kmi-seclist\) allow only part of TCP 1-65535/,
        );
    });

    it("names the list when nothing matches, like Oracle's port-table gap (bastion → kmi 22)", () => {
        const v = evaluateFlow(oracleModel(), query(VCN, KMI, tcp(22)));
        assert.equal(v.status, "denied");
        // vcn_cidr is checked from each subnet it holds; every part is refused, each named.
        assert.equal(
            v.reasons[0],
            "[from 172.31.253.0/24 (the part of 172.31.252.0/23 in subnet worker)] no ingress rule on control-plane (default, kmi-seclist) allows TCP 22 from 172.31.253.0/24",
        );
        assert.deepEqual(
            v.parts?.map((p) => [p.source, p.status]),
            [
                ["172.31.253.0/24", "denied"],
                ["172.31.252.0/25", "denied"],
                ["172.31.252.224/28", "denied"],
                ["172.31.252.240/28", "denied"],
            ],
        );
    });

    it("denies a source CIDR only partly covered, and allows it once both halves are", () => {
        const half = setList(oracleModel(), "worker-seclist", [
            { protocol: "6", peer: "172.31.253.0/25", dstPorts: { min: 22, max: 22 } },
        ]);
        const denied = evaluateFlow(half, query(WORKER, WORKER, tcp(22)));
        assert.equal(denied.status, "denied");
        assert.equal(denied.ingress.missing, "TCP port 22 from 172.31.253.128/25");
        const both = setList(oracleModel(), "worker-seclist", [
            { protocol: "6", peer: "172.31.253.0/25", dstPorts: { min: 22, max: 22 } },
            { protocol: "6", peer: "172.31.253.128/25", dstPorts: { min: 22, max: 22 } },
        ]);
        assert.equal(evaluateFlow(both, query(WORKER, WORKER, tcp(22))).status, "allowed");
    });

    it("filters intra-subnet traffic like any other", () => {
        const v = evaluateFlow(
            oracleModel(),
            query(WORKER, WORKER, { protocol: "udp", ports: { min: 8285, max: 8472 } }),
        );
        assert.equal(v.ingress.status, "denied");
        assert.equal(v.ingress.subnet, "worker");
    });

    it("does not count a rule restricted to some source ports (client ports are ephemeral)", () => {
        const model = setList(oracleModel(), "worker-seclist", [
            { protocol: "6", peer: VCN, dstPorts: { min: 22, max: 22 }, srcPorts: { min: 1024, max: 65535 } },
        ]);
        const v = evaluateFlow(model, query(WORKER, WORKER, tcp(22)));
        assert.equal(v.ingress.status, "denied");
        assert.equal(v.ingress.missing, `TCP port 22 (source ports 1-1023) from ${WORKER}`);
    });

    it("ignores rules whose peer type is not CIDR_BLOCK, and says C3 does not implement it", () => {
        const model = setList(oracleModel(), "worker-seclist", [
            { protocol: "6", peer: VCN, peerType: "NETWORK_SECURITY_GROUP" },
        ]);
        const v = evaluateFlow(model, query(VCN, WORKER, tcp(22)));
        assert.equal(v.status, "denied");
        assert.ok(
            v.reasons.some((r) =>
                /rule 1 of security list worker-seclist has peer type NETWORK_SECURITY_GROUP; C3 only implements CIDR_BLOCK/.test(
                    r,
                ),
            ),
            v.reasons.join("\n"),
        );
    });
});

describe("evaluateFlow: protocols", () => {
    it("a protocol-all rule allows TCP; a TCP rule does not allow a protocol-all flow", () => {
        const all = setList(oracleModel(), "worker-seclist", [{ protocol: "all", peer: VCN }]);
        assert.equal(evaluateFlow(all, query(VCN, WORKER, tcp(22))).status, "allowed");
        assert.equal(evaluateFlow(all, query(VCN, WORKER, { protocol: "all" })).status, "allowed");
        const tcpOnly = setList(oracleModel(), "worker-seclist", [{ protocol: "6", peer: VCN }]);
        assert.equal(evaluateFlow(tcpOnly, query(VCN, WORKER, tcp(1, 65535))).status, "allowed");
        const v = evaluateFlow(tcpOnly, query(WORKER, WORKER, { protocol: "all" }));
        assert.equal(v.status, "denied");
        assert.equal(v.ingress.missing, `all protocols from ${WORKER}`);
        assert.equal(
            evaluateFlow(tcpOnly, query(VCN, WORKER, { protocol: "udp", ports: { min: 53, max: 53 } }))
                .status,
            "denied",
        );
    });

    it("ICMP: a type-only rule covers every code; a code rule covers only that code", () => {
        const typeOnly = setList(oracleModel(), "worker-seclist", [
            { protocol: "1", peer: "0.0.0.0/0", icmp: { type: 3 } },
        ]);
        assert.equal(
            evaluateFlow(typeOnly, query(CLIENTS, WORKER, { protocol: "icmp", icmp: { type: 3, code: 4 } }))
                .status,
            "allowed",
        );
        assert.equal(
            evaluateFlow(typeOnly, query(CLIENTS, WORKER, { protocol: "icmp", icmp: { type: 3 } })).status,
            "allowed",
        );
        assert.equal(
            evaluateFlow(typeOnly, query(CLIENTS, WORKER, { protocol: "icmp", icmp: { type: 8 } })).status,
            "denied",
        );
        const withCode = setList(oracleModel(), "worker-seclist", [
            { protocol: "1", peer: "0.0.0.0/0", icmp: { type: 3, code: 4 } },
        ]);
        assert.equal(
            evaluateFlow(withCode, query(CLIENTS, WORKER, { protocol: "icmp", icmp: { type: 3, code: 4 } }))
                .status,
            "allowed",
        );
        const v = evaluateFlow(withCode, query(CLIENTS, WORKER, { protocol: "icmp", icmp: { type: 3 } }));
        assert.equal(v.status, "denied");
        assert.equal(v.ingress.missing, `ICMP type 3 code 0-3 from ${CLIENTS}`);
        const anyIcmp = setList(oracleModel(), "worker-seclist", [{ protocol: "1", peer: "0.0.0.0/0" }]);
        assert.equal(evaluateFlow(anyIcmp, query(CLIENTS, WORKER, { protocol: "icmp" })).status, "allowed");
    });
});

describe("evaluateFlow: stateless rules and replies", () => {
    const statelessIngress = {
        protocol: "6",
        peer: WORKER,
        dstPorts: { min: 6443, max: 6443 },
        stateless: true,
    };

    it("denies the reply of a stateless rule that has no reply rule", () => {
        const model = setList(oracleModel(), "kmi-seclist", [statelessIngress]);
        // Without the default list's egress-all (which would let the reply out as ordinary egress).
        setList(model, "default", []);
        setList(
            model,
            "worker-seclist",
            [],
            [{ protocol: "6", peer: KMI, dstPorts: { min: 6443, max: 6443 } }],
        );
        const v = evaluateFlow(model, query(WORKER, KMI, tcp(6443)));
        assert.equal(v.ingress.status, "allowed");
        assert.equal(v.reply.status, "denied");
        assert.equal(v.status, "denied");
        assert.ok(
            v.reasons.some((r) =>
                r.startsWith(
                    "stateless rule with no reply rule: ingress rule 1 of security list kmi-seclist on control-plane",
                ),
            ),
            v.reasons.join("\n"),
        );
    });

    it("allows it with an egress rule from the flow port to the ephemeral range", () => {
        const reply = {
            protocol: "6",
            peer: WORKER,
            srcPorts: { min: 6443, max: 6443 },
            dstPorts: { min: 32768, max: 60999 },
            stateless: true,
        };
        const model = setList(oracleModel(), "kmi-seclist", [statelessIngress], [reply]);
        // The default list's stateful egress-all also matches; replace it so only the stateless reply rule can.
        setList(model, "default", []);
        setList(
            model,
            "worker-seclist",
            [],
            [{ protocol: "6", peer: KMI, dstPorts: { min: 6443, max: 6443 } }],
        );
        const v = evaluateFlow(model, query(WORKER, KMI, tcp(6443)));
        assert.equal(v.reply.status, "allowed");
        assert.deepEqual(ruleNames(v.reply), ["kmi-seclist#0"]);
        assert.equal(v.status, "allowed");
        const narrow = setList(
            structuredClone(model),
            "kmi-seclist",
            [statelessIngress],
            [{ ...reply, dstPorts: { min: 40000, max: 60999 } }],
        );
        const denied = evaluateFlow(narrow, query(WORKER, KMI, tcp(6443)));
        assert.equal(denied.reply.status, "denied");
        assert.equal(denied.reply.missing, `TCP port 32768-39999 (source ports 6443) to ${WORKER}`);
    });

    it("stateful rules need no reply rule", () => {
        const model = setList(oracleModel(), "kmi-seclist", [{ ...statelessIngress, stateless: false }]);
        const v = evaluateFlow(model, query(WORKER, KMI, tcp(6443)));
        assert.equal(v.reply.status, "allowed");
        assert.deepEqual(v.reply.rules, []);
    });
});

describe("evaluateFlow: NSGs", () => {
    it("NSG rules count for the VNICs that carry the NSG and not for others", () => {
        const model = oracleModel();
        model.nsgs["worker-nsg"] = {
            key: "worker-nsg",
            name: "worker-nsg",
            role: "worker",
            rules: nsgRules("worker-nsg", [
                { direction: "ingress", protocol: "6", peer: VCN, dstPorts: { min: 10250, max: 10250 } },
            ]),
        };
        model.subnets.find((s) => s.role === "worker")!.nsgKeys.push("worker-nsg");
        const toWorker = evaluateFlow(model, query(KMI, WORKER, tcp(10250)));
        assert.equal(toWorker.status, "allowed");
        assert.deepEqual(
            toWorker.ingress.rules.map((r) => [r.container, r.name, r.index]),
            [["nsg", "worker-nsg", 0]],
        );
        const toKmi = evaluateFlow(model, query(WORKER, KMI, tcp(10250)));
        assert.equal(toKmi.status, "denied");
        assert.equal(
            toKmi.reasons[0],
            `no ingress rule on control-plane (default, kmi-seclist) allows TCP 10250 from ${WORKER}`,
        );
    });
});

describe("evaluateFlow: routes", () => {
    it("routes worker egress to 0.0.0.0/0 through the NAT gateway", () => {
        const v = evaluateFlow(oracleModel(), query(WORKER, "0.0.0.0/0", tcp(443)));
        assert.equal(v.status, "allowed");
        assert.equal(v.ingress.status, "not-applicable");
        assert.deepEqual(v.route, {
            status: "routed",
            routeTable: "Default - private",
            rule: "0.0.0.0/0",
            gateway: { name: "VCN nat g6s", kind: "nat" },
        });
    });

    it("a private subnet with only an internet-gateway route has no route", () => {
        const model = oracleModel();
        model.subnets.find((s) => s.role === "worker")!.routeTableKey = "public";
        const v = evaluateFlow(model, query(WORKER, "0.0.0.0/0", tcp(443)));
        assert.equal(v.status, "denied");
        assert.equal(v.route.status, "no-route");
        assert.equal(v.route.gateway?.kind, "internet");
        assert.ok(
            v.reasons.some((r) => r.includes("worker is a private subnet (prohibitPublicIpOnVnic)")),
            v.reasons.join("\n"),
        );
    });

    it("a table with no matching rule gives no-route", () => {
        const model = oracleModel();
        model.routeTables.private.rules = [{ destination: "10.0.0.0/8", targetKey: "nat" }];
        const v = evaluateFlow(model, query(WORKER, "0.0.0.0/0", tcp(80)));
        assert.equal(v.route.status, "no-route");
        assert.equal(v.reasons.at(-1), "route table Default - private of worker has no rule for 0.0.0.0/0");
    });

    it("longest prefix wins", () => {
        const model = oracleModel();
        model.gateways.drg = { key: "drg", name: "dc-drg", kind: "drg" };
        model.routeTables.private.rules.push({ destination: "10.0.0.0/8", targetKey: "drg" });
        const v = evaluateFlow(model, query(WORKER, "10.1.0.0/16", tcp(80)));
        assert.equal(v.route.gateway?.name, "dc-drg");
    });

    it("outside clients reach a public subnet through the IGW reply route; a private one only via the DC path", () => {
        const model = setList(oracleModel(), "kmilb-seclist", [
            { protocol: "6", peer: CLIENTS, dstPorts: { min: 6443, max: 6443 } },
        ]);
        setList(model, "worker-seclist", [
            { protocol: "6", peer: CLIENTS, dstPorts: { min: 30000, max: 32767 } },
        ]);
        const api = evaluateFlow(model, query(CLIENTS, KMILB, tcp(6443)));
        assert.equal(api.status, "allowed");
        assert.equal(api.egress.status, "not-applicable");
        assert.equal(api.route.status, "routed");
        assert.equal(api.route.gateway?.kind, "internet");
        assert.equal(api.route.reply?.gateway.kind, "internet");
        const nodePorts = evaluateFlow(model, query(CLIENTS, WORKER, tcp(30000, 32767)));
        assert.equal(nodePorts.status, "allowed");
        // A private subnet from outside: the path is not this network's, so it is an explicit assumption.
        assert.equal(nodePorts.route.status, "assumed");
        assert.deepEqual(nodePorts.route.assumptions, [
            "clients in 10.0.0.0/8 reach the private subnet worker over a path outside this network (a DRG or on-premises route), and its replies return that way; declare the DRG or LPG route with routeRules to prove it",
        ]);
        // Declared, the DRG route is named on the way back and the assumption goes away.
        model.gateways.drg = { key: "drg", name: "ocid1.drg.oc1..x", kind: "drg" };
        model.routeTables.private.rules.push({ destination: CLIENTS, targetKey: "drg" });
        const declared = evaluateFlow(model, query(CLIENTS, WORKER, tcp(30000, 32767)));
        assert.equal(declared.route.status, "routed");
        assert.equal(declared.route.reply?.gateway.kind, "drg");
        assert.equal(declared.route.assumptions, undefined);
        model.routeTables.public.rules = [{ destination: "0.0.0.0/0", targetKey: "nat" }];
        assert.equal(evaluateFlow(model, query(CLIENTS, KMILB, tcp(6443))).route.status, "no-route");
    });

    it("the appliance's 253.255.0.0/16 is routed like any outside source (public endpoint: IGW)", () => {
        const model = setList(oracleModel(), "kmilb-seclist", [
            { protocol: "6", peer: "253.255.0.0/16", dstPorts: { min: 6443, max: 6443 } },
        ]);
        const v = evaluateFlow(model, query("253.255.0.0/16", KMILB, tcp(6443)));
        assert.equal(v.status, "allowed");
        // Like any source outside the VCN: the public endpoint's replies go back through the IGW.
        assert.equal(v.route.status, "routed");
        assert.equal(v.route.reply?.gateway.kind, "internet");
    });
});

describe("evaluateFlow: sources that are not one managed subnet", () => {
    it("the bastion's vcn_cidr spans several subnets: checked from each, with its egress there", () => {
        const model = setList(oracleModel(), "worker-seclist", [
            { protocol: "6", peer: VCN, dstPorts: { min: 22, max: 22 } },
        ]);
        // Oracle's default list allows all egress, so a bastion in any subnet gets out.
        const v = evaluateFlow(model, query(VCN, WORKER, tcp(22)));
        assert.equal(v.status, "allowed");
        assert.equal(v.egress.status, "allowed");
        assert.equal(v.parts?.length, 4);
        assert.ok(v.parts?.every((p) => p.status === "allowed"));
    });

    it("a bastion host inside service-lb without egress there fails, naming that part", () => {
        const model = setList(oracleModel(), "worker-seclist", [
            { protocol: "6", peer: VCN, dstPorts: { min: 22, max: 22 } },
        ]);
        setList(model, "default", [], [{ protocol: "6", peer: WORKER, dstPorts: { min: 22, max: 22 } }]);
        assert.equal(evaluateFlow(model, query(VCN, WORKER, tcp(22))).status, "allowed");
        setList(model, "default", [], []);
        setList(
            model,
            "worker-seclist",
            [{ protocol: "6", peer: VCN, dstPorts: { min: 22, max: 22 } }],
            [{ protocol: "6", peer: WORKER, dstPorts: { min: 22, max: 22 } }],
        );
        const v = evaluateFlow(model, query(VCN, WORKER, tcp(22)));
        assert.equal(v.status, "denied");
        assert.deepEqual(
            v.parts?.filter((p) => p.status === "denied").map((p) => p.source),
            ["172.31.252.0/25", "172.31.252.224/28", "172.31.252.240/28"],
        );
        assert.match(
            v.egress.missing ?? "",
            /^\[from 172\.31\.252\.0\/25 \(the part of 172\.31\.252\.0\/23 in subnet service-lb\)\] TCP port 22 to 172\.31\.253\.0\/24/,
        );
    });

    it("a kube-client range that contains the VCN is checked from inside each subnet and from outside", () => {
        const wide = "172.16.0.0/12";
        const model = setList(oracleModel(), "worker-seclist", [
            { protocol: "6", peer: wide, dstPorts: { min: 30000, max: 32767 } },
        ]);
        const v = evaluateFlow(model, query(wide, WORKER, tcp(30000, 32767)));
        assert.deepEqual(
            v.parts?.map((p) => p.source),
            ["172.31.253.0/24", "172.31.252.0/25", "172.31.252.224/28", "172.31.252.240/28", wide],
        );
        assert.equal(v.parts?.[4].egress.status, "not-applicable");
    });

    it("a role that no subnet has is denied, naming Oracle's display name", () => {
        const v = evaluateFlow(oracleModel(), {
            ...query(WORKER, "172.31.252.128/27", tcp(10250)),
            destination: { cidr: "172.31.252.128/27", role: "pod" },
        });
        assert.equal(v.status, "denied");
        assert.equal(v.ingress.missing, "the VCN has no subnet with role pod (Oracle's display name `pod`)");
    });
});

describe("evaluateFlow: unknowns (policy preview)", () => {
    it("an unknown rule makes a would-be denial unknown, but not an allowed flow", () => {
        const model = setList(oracleModel(), "worker-seclist", [
            { protocol: "6", peer: VCN, dstPorts: { min: 22, max: 22 } },
            { protocol: "", peer: "", unknown: true },
        ]);
        assert.equal(evaluateFlow(model, query(VCN, WORKER, tcp(22))).status, "allowed");
        const v = evaluateFlow(model, query(CLIENTS, WORKER, tcp(30000, 32767)));
        assert.equal(v.status, "unknown");
        assert.equal(v.ingress.status, "unknown");
        assert.match(
            v.reasons[0],
            /cannot be decided: ingress rule 2 of security list worker-seclist is unknown \(preview\)/,
        );
    });

    it("an unknown rule that cannot match (other protocol) does not make it unknown", () => {
        const model = setList(oracleModel(), "worker-seclist", [{ protocol: "17", peer: "", unknown: true }]);
        assert.equal(evaluateFlow(model, query(CLIENTS, WORKER, tcp(30000))).status, "denied");
    });

    it("an unresolved subnet or an unknown subnet CIDR gives unknown, never allowed or denied", () => {
        const model = oracleModel();
        const worker = model.subnets.find((s) => s.role === "worker")!;
        worker.unresolved = true;
        worker.unresolvedParts = ["securityLists"];
        assert.equal(evaluateFlow(model, query(CLIENTS, WORKER, tcp(30000))).status, "unknown");
        const unknownCidr = oracleModel();
        delete unknownCidr.subnets.find((s) => s.role === "serviceLb")!.cidr;
        const v = evaluateFlow(unknownCidr, query(VCN, SERVICE_LB, tcp(80)));
        assert.equal(v.status, "unknown");
    });

    it("a denial elsewhere still wins over an unknown", () => {
        const model = oracleModel();
        model.routeTables.private.rules = [{ destination: "", unknown: true }];
        const v = evaluateFlow(model, query(WORKER, KMI, tcp(6443)));
        assert.equal(v.status, "denied");
        const out = evaluateFlow(model, query(WORKER, "0.0.0.0/0", tcp(443)));
        assert.equal(out.status, "unknown");
        assert.equal(out.route.status, "unknown");
    });
});

describe("evaluateFlows", () => {
    it("expands CIDRs and role all into queries that keep the flow id", () => {
        const model = setList(
            oracleModel(),
            "default",
            [{ protocol: "1", peer: VCN, icmp: { type: 8 } }],
            [{ protocol: "all", peer: "0.0.0.0/0" }],
        );
        const verdicts = evaluateFlows(model, [
            {
                id: "ping",
                description: "Allow ping from VCN.",
                source: { ref: "vcn", cidrs: [VCN] },
                destination: { role: "all", cidrs: [] },
                protocol: "icmp",
                icmp: { type: 8 },
                refs: [],
                provenance: "c3-doc",
            },
            {
                id: "clients",
                description: "node ports",
                source: { ref: "kubeClients", cidrs: [CLIENTS, "192.168.0.0/16"] },
                destination: { role: "worker", cidrs: [WORKER] },
                protocol: "tcp",
                ports: { min: 30000, max: 32767 },
                refs: [],
                provenance: "c3-doc",
            },
        ]);
        assert.deepEqual(
            verdicts.map((v) => [v.flowId, v.query.destination.role, v.query.source.cidr, v.status]),
            [
                ["ping", "worker", VCN, "allowed"],
                ["ping", "serviceLb", VCN, "allowed"],
                ["ping", "controlPlane", VCN, "allowed"],
                ["ping", "controlPlaneEndpoint", VCN, "allowed"],
                ["clients", "worker", CLIENTS, "denied"],
                ["clients", "worker", "192.168.0.0/16", "denied"],
            ],
        );
    });
});

describe("evaluateFlow: destinations that overlap managed subnets", () => {
    it("a literal 0.0.0.0/0 destination (a user's rule) is checked into every subnet; Oracle's 'anywhere' only outside", () => {
        const model = setList(oracleModel(), "worker-seclist", []);
        const literal = evaluateFlow(model, {
            id: "extra",
            source: { cidr: KMI, role: "controlPlane" },
            destination: { cidr: "0.0.0.0/0" },
            protocol: "udp",
            ports: { min: 6000, max: 6000 },
        });
        assert.equal(literal.status, "denied");
        assert.ok(literal.parts?.some((p) => p.destination === SERVICE_LB && p.status === "denied"));
        const anywhere = evaluateFlow(model, {
            ...literal.query,
            destination: { cidr: "0.0.0.0/0", outsideOnly: true },
        });
        assert.equal(anywhere.status, "allowed", anywhere.reasons.join("; "));
        assert.equal(anywhere.parts, undefined);
    });
});

describe("gateways that carry nothing (OCI: NAT blockTraffic, internet gateway disabled)", () => {
    it("a flow through a NAT gateway is routed, and has no route once the gateway has blockTraffic: true", async () => {
        const run = await recordProgram(
            () =>
                new WorkloadClusterNetwork("oke", {
                    compartmentId: "ocid1.compartment.oc1..test",
                    cidrs: { vcn: "172.31.252.0/23" },
                    kubeClientCidrs: ["10.0.0.0/8"],
                }),
        );
        const toRegistry = query(
            "172.31.253.0/24",
            "0.0.0.0/0",
            { ports: { min: 5000, max: 5000 } },
            "row-5",
        );
        const open = modelsFromResources(run.records)[0];
        assert.equal(evaluateFlow(open, toRegistry).status, "allowed");
        const nat = run.records.find((r) => r.type === "oci:Core/natGateway:NatGateway");
        assert.ok(nat);
        nat.inputs.blockTraffic = true;
        const blocked = evaluateFlow(modelsFromResources(run.records)[0], toRegistry);
        assert.equal(blocked.status, "denied");
        assert.match(JSON.stringify(blocked), /carries no traffic \(blockTraffic: true\)/);
    });
});

describe("evaluateFlow: OCI's precedence of stateless rules, and routes through a private IP (found by the oracle)", () => {
    it("a stateless egress rule beside the stateful egress-all leaves that part untracked: the reply needs a rule", () => {
        // Oracle's default list keeps egress-all (stateful); a hand-added stateless TCP 5000 egress on the
        // workers takes precedence for port-5000 packets, so their replies are not tracked (docs/oracle-c3-network.md §6).
        const model = setList(
            oracleModel(),
            "worker-seclist",
            [],
            [{ protocol: "6", peer: "0.0.0.0/0", stateless: true, dstPorts: { min: 5000, max: 5000 } }],
        );
        const all = evaluateFlow(model, query(WORKER, "0.0.0.0/0", { protocol: "all" }));
        assert.equal(all.status, "denied");
        assert.equal(all.reply.status, "denied");
        assert.match(
            all.reasons.join("; "),
            /stateless rule with no reply rule: egress rule 1 of security list worker-seclist/,
        );
        const registry = evaluateFlow(model, query(WORKER, "0.0.0.0/0", tcp(5000)));
        assert.equal(registry.reply.status, "denied");
        const yum = evaluateFlow(model, query(WORKER, "0.0.0.0/0", tcp(80)));
        assert.equal(
            yum.status,
            "allowed",
            "port 80 matches no stateless rule, so the stateful egress-all tracks it",
        );
    });

    it("with the reply rule in place the flow holds again", () => {
        const model = setList(
            oracleModel(),
            "worker-seclist",
            [{ protocol: "6", peer: "0.0.0.0/0", stateless: true, srcPorts: { min: 5000, max: 5000 } }],
            [{ protocol: "6", peer: "0.0.0.0/0", stateless: true, dstPorts: { min: 5000, max: 5000 } }],
        );
        assert.equal(evaluateFlow(model, query(WORKER, "0.0.0.0/0", tcp(5000))).status, "allowed");
    });

    it("a route to a private IP (a forwarding VNIC) is shown and its forwarding stated as an assumption, never a bare ✔", () => {
        const model = oracleModel();
        model.gateways.fw = { key: "fw", name: "ocid1.privateip.oc1..fw", kind: "private-ip" };
        model.routeTables.private.rules = [{ destination: "0.0.0.0/0", targetKey: "fw" }];
        const v = evaluateFlow(model, query(WORKER, "0.0.0.0/0", tcp(80)));
        assert.equal(v.route.status, "assumed");
        assert.equal(v.route.gateway?.kind, "private-ip");
        assert.match(
            v.route.assumptions?.[0] ?? "",
            /forwarding VNIC passes the traffic on to 0\.0\.0\.0\/0 is assumed/,
        );
    });
});
