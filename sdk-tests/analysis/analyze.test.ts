import * as assert from "node:assert/strict";
import { analyzeNetwork, analyzeResources } from "../../src/analysis/analyze";
import type { NetworkModel } from "../../src/analysis/model/model";
import type { AnalysisReport } from "../../src/analysis/report/report";
import { requiredFlowsForModel } from "../../src/analysis/requirements/flows-for-model";
import { valueOf } from "../../src/testing/mock-run";
import type { ResolvedFlow } from "../../src/catalogue/types";
import { argsFor, deploy, type Deployment } from "../fixtures/harness";
import { ORACLE_EXAMPLE } from "../fixtures/oracle-tables";
import { CLIENTS, KMI, KMILB, SERVICE_LB, VCN, WORKER, oracleModel, setList } from "./models";
import { compliantFlows, compliantModel, workerIngress } from "./report-models";
import { SEED_ROWS } from "../../src/c3/seed-rows";
import type { FlowResult } from "../../src/analysis/evaluate/result";

/*
 * The analyzer's explanations: a flow that holds names the exact rule on each side and the route; one that
 * fails names the failing side in Oracle's terms. Checked on the component's registered resources (seed
 * row 2, the port-table gap the component closes) and on hand-built models for each failure kind.
 */

function flow(report: AnalysisReport, id: string): FlowResult {
    const found = report.flows.find((f) => f.id === id);
    assert.ok(found, `no flow ${id}`);
    return found;
}

function withoutRule(
    model: NetworkModel,
    listName: string,
    direction: "ingress" | "egress",
    index: number,
): NetworkModel {
    const copy = structuredClone(model);
    const list = Object.values(copy.securityLists).find((l) => l.name === listName);
    assert.ok(list, `no list ${listName}`);
    list[direction].splice(index, 1);
    return copy;
}

describe("analyzeNetwork on the component's registered network", () => {
    let deployment: Deployment;
    let flows: ResolvedFlow[];
    let report: AnalysisReport;
    before(async () => {
        deployment = await deploy(argsFor(ORACLE_EXAMPLE));
        flows = (await valueOf(deployment.network.requiredFlows)) as ResolvedFlow[];
        report = analyzeNetwork(deployment.model, flows);
    });

    it("holds every required flow, with no finding", () => {
        assert.equal(report.summary.failing, 0);
        assert.equal(report.summary.holding, flows.length);
        assert.deepEqual(report.findings, []);
    });

    it("seed row 2 ✔ names kmi-seclist's bastion SSH rule and needs no route", () => {
        const row2 = flow(report, "control-plane-ssh-from-bastion");
        assert.deepEqual(row2.seedRows, [2]);
        assert.equal(row2.status, "allowed");
        const check = row2.checks[0];
        assert.equal(check.ingress.rules.length, 1);
        assert.equal(check.ingress.rules[0].name, "kmi-seclist");
        assert.equal(check.ingress.rules[0].direction, "ingress");
        assert.equal(
            check.ingress.rules[0].description,
            "Allow SSH from the bastion host to the control-plane nodes.",
        );
        assert.equal(
            check.explanation.split(";")[0],
            `in: kmi-seclist ingress rule ${check.ingress.rules[0].index + 1}`,
        );
        assert.match(check.explanation, /route: within the VCN \(VCN-local routing\)/);
    });

    it("removing that rule yields 'no ingress at the destination' for row 2, and only row 2 of the seed table", () => {
        const index =
            report.flows.find((f) => f.id === "control-plane-ssh-from-bastion")?.checks[0].ingress.rules[0]
                .index ?? -1;
        const mutated = analyzeNetwork(withoutRule(deployment.model, "kmi-seclist", "ingress", index), flows);
        const row2 = flow(mutated, "control-plane-ssh-from-bastion");
        assert.equal(row2.status, "denied");
        assert.equal(row2.checks[0].failures.length, 1);
        assert.equal(row2.checks[0].failures[0].kind, "no-ingress");
        assert.match(
            row2.checks[0].failures[0].message,
            // The bastion's vcn_cidr is checked from each subnet it holds; the message names each part.
            /^no ingress at the destination: \[from 172\.31\.253\.0\/24 \(the part of 172\.31\.252\.0\/23 in subnet worker\)\] no ingress rule on control-plane \(common-seclist, kmi-seclist\) allows TCP 22 from 172\.31\.253\.0\/24/,
        );
        assert.deepEqual(
            mutated.seedTable.filter((r) => r.status !== "allowed").map((r) => r.row),
            [2],
        );
    });

    it("names the egress rule and the NAT route of the yum flow (row 3)", () => {
        const row3 = flow(report, "worker-to-yum-http");
        assert.match(
            row3.checks[0].explanation,
            // Oracle's egress-all (the default) on the common list; the NAT route, and the replies' way back.
            /^in: not filtered \(destination outside the VCN\); out: common-seclist egress rule 1; route: nat_private 0\.0\.0\.0\/0 → NAT gateway nat-gateway \(replies return through it\)$/,
        );
        assert.equal(row3.checks[0].route.gateway?.kind, "nat");
    });

    it("names one rule per side, not every rule that overlaps (bastion SSH to the workers)", () => {
        const row1 = flow(report, "worker-ssh-from-bastion");
        assert.deepEqual(
            row1.checks[0].ingress.rules.map((r) => `${r.name} ${r.index}`),
            ["worker-seclist 0"],
        );
    });

    it("lays out Oracle's port table: 10 rows, each carried by a catalogue flow", () => {
        assert.equal(report.seedTable.length, 10);
        assert.deepEqual(
            report.seedTable.map((r) => r.row),
            [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
        );
        assert.deepEqual(
            report.seedTable.map((r) => r.description),
            [...SEED_ROWS],
        );
        assert.ok(report.seedTable.every((r) => r.status === "allowed" && r.flowIds.length > 0));
        assert.deepEqual(
            report.seedTable[5].flowIds,
            report.seedTable[8].flowIds,
            "rows 6 and 9 are one flow",
        );
    });

    it("summarises the network in Oracle's order", () => {
        assert.deepEqual(
            report.network.subnets.map((s) => `${s.name} ${s.access} ${s.routeTable}`),
            [
                "worker private nat_private",
                "service-lb public public",
                "control-plane private nat_private",
                "control-plane-endpoint public public",
            ],
        );
        const kmi = report.network.containers.find((c) => c.name === "kmi-seclist");
        assert.deepEqual(kmi?.appliesTo, ["control-plane"]);
    });
});

describe("analyzeNetwork: each failing side, by name", () => {
    const flows = compliantFlows();

    it("no egress at the source", () => {
        const model = setList(compliantModel(), "worker-seclist", workerIngress(), []);
        const check = flow(analyzeNetwork(model, flows), "worker-https-out").checks[0];
        assert.deepEqual(
            check.failures.map((f) => f.kind),
            ["no-egress"],
        );
        assert.match(
            check.failures[0].message,
            /^no egress at the source: no egress rule on worker \(default, worker-seclist\) allows TCP 443 to 0\.0\.0\.0\/0/,
        );
    });

    it("no route", () => {
        const model = compliantModel();
        model.routeTables.private.rules = [];
        const check = flow(analyzeNetwork(model, flows), "worker-https-out").checks[0];
        assert.deepEqual(
            check.failures.map((f) => f.kind),
            ["no-route"],
        );
        assert.match(
            check.failures[0].message,
            /^no route: route table Default - private of worker has no rule for 0\.0\.0\.0\/0/,
        );
    });

    it("stateless rule without reply", () => {
        const model = setList(
            compliantModel(),
            "worker-seclist",
            [{ ...workerIngress()[0], stateless: true }, workerIngress()[1]],
            [{ protocol: "6", peer: "0.0.0.0/0", dstPorts: { min: 443, max: 443 } }],
        );
        const check = flow(analyzeNetwork(model, flows), "ssh-from-bastion").checks[0];
        assert.deepEqual(
            check.failures.map((f) => f.kind),
            ["no-reply"],
        );
        assert.match(
            check.failures[0].message,
            /^stateless rule without reply: \[from 172\.31\.253\.0\/24 \(the part of 172\.31\.252\.0\/23 in subnet worker\)\] stateless rule with no reply rule: ingress rule 1 of security list worker-seclist/,
        );
    });

    it("missing subnet: the flow's role is absent, reported instead of crashing", () => {
        const model = compliantModel();
        model.subnets = model.subnets.filter((s) => s.role !== "worker");
        const result = flow(analyzeNetwork(model, flows), "ssh-from-bastion");
        assert.equal(result.status, "denied");
        assert.deepEqual(
            result.checks[0].failures.map((f) => f.kind),
            ["missing-subnet"],
        );
        assert.match(result.checks[0].explanation, /the VCN has no subnet with role worker/);
    });

    it("a flow with no CIDRs on one end is undecided, not allowed", () => {
        const noClients: ResolvedFlow = { ...flows[1], source: { ref: "kubeClients", cidrs: [] } };
        const result = flow(analyzeNetwork(compliantModel(), [noClients]), noClients.id);
        assert.equal(result.status, "unknown");
        assert.match(result.checks[0].explanation, /no CIDRs are known for kubeClients/);
    });
});

describe("analyzeNetwork on Oracle's own C3 lists (docs/oracle-c3-network.md §3.1-§3.5), flows derived from the catalogue", () => {
    const tcp = (min: number, max = min) => ({ protocol: "6", dstPorts: { min, max } });
    const udp = { protocol: "17", dstPorts: { min: 8285, max: 8472 } };
    function oracleLists(): NetworkModel {
        const model = oracleModel();
        setList(
            model,
            "default",
            [
                { protocol: "1", peer: VCN, icmp: { type: 8 } },
                { protocol: "1", peer: "0.0.0.0/0", icmp: { type: 3 } },
                { protocol: "1", peer: "0.0.0.0/0", icmp: { type: 11 } },
            ],
            [{ protocol: "all", peer: "0.0.0.0/0" }],
        );
        setList(model, "worker-seclist", [
            { ...tcp(22), peer: VCN },
            { ...tcp(30000, 32767), peer: CLIENTS },
            { ...tcp(30000, 32767), peer: SERVICE_LB },
            { ...tcp(10256), peer: SERVICE_LB },
            { ...tcp(22, 65535), peer: KMI },
            { ...udp, peer: WORKER },
            { ...udp, peer: KMI },
        ]);
        setList(model, "workerlb-seclist", [
            { ...tcp(80), peer: CLIENTS },
            { ...tcp(443), peer: CLIENTS },
        ]);
        setList(model, "kmi-seclist", [
            { ...tcp(6443), peer: CLIENTS },
            { ...tcp(6443), peer: KMILB },
            { ...tcp(1024, 65535), peer: WORKER },
            { ...tcp(1024, 65535), peer: KMI },
            { ...udp, peer: WORKER },
            { ...udp, peer: KMI },
        ]);
        setList(model, "kmilb-seclist", [
            { ...tcp(6443), peer: "253.255.0.0/16" },
            { ...tcp(6443), peer: CLIENTS },
            { ...tcp(6443), peer: VCN },
        ]);
        return model;
    }

    it("fails exactly seed row 2 (the port-table gap) and flags only the egress-all rule", () => {
        const model = oracleLists();
        const report = analyzeNetwork(model, requiredFlowsForModel(model));
        assert.deepEqual(
            report.seedTable.filter((r) => r.status !== "allowed").map((r) => r.row),
            [2],
        );
        assert.deepEqual(
            report.flows.filter((f) => f.status !== "allowed").map((f) => f.id),
            ["control-plane-ssh-from-bastion"],
        );
        assert.deepEqual(
            report.findings.map((f) => `${f.kind} ${f.subject.text}`),
            ["all-protocols default egress rule 1"],
        );
    });
});

describe("analyzeResources", () => {
    it("derives the flows per VCN when none are given, and uses the given ones otherwise", async () => {
        const deployment = await deploy(argsFor(ORACLE_EXAMPLE));
        const derived = analyzeResources(deployment.records);
        assert.equal(derived.length, 1);
        assert.equal(derived[0].summary.failing, 0);
        const given = analyzeResources(deployment.records, { flows: compliantFlows().slice(0, 1) });
        assert.equal(given[0].flows.length, 1);
    });
});
