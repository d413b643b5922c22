import * as assert from "node:assert/strict";
import { analyzeNetwork } from "../../../src/analysis/analyze";
import { valueOf } from "../../../src/analysis/mock-engine";
import { kubeClientsFromModel } from "../../../src/analysis/requirements/kube-clients";
import {
    requiredFlowsForModel,
    resolvedFlowsFromOutput,
} from "../../../src/analysis/requirements/flows-for-model";
import { kubeClientsOf } from "../../../src/policy/kube-clients";
import type { ResolvedFlow } from "../../../src/catalogue/types";
import { argsFor, deploy, type Deployment } from "../../fixtures/harness";
import { EXPLICIT_16, ORACLE_EXAMPLE } from "../../fixtures/oracle-tables";
import { KMILB, oracleModel, setList, VCN } from "../models";

/*
 * requiredFlowsForModel: the catalogue resolved for a network read off its model. Proven against the
 * component (same flows as its own requiredFlows, for two layouts) and on partial networks, which must be
 * reported, never crash.
 */

const summary = (flows: readonly ResolvedFlow[]): string[] =>
    flows.map((f) => `${f.id} ${f.source.cidrs.join(",")} → ${f.destination.cidrs.join(",")}`);

describe("requiredFlowsForModel matches the component's requiredFlows", () => {
    for (const [layout, egress] of [
        [ORACLE_EXAMPLE, "flows"],
        [EXPLICIT_16, "flows"],
        [ORACLE_EXAMPLE, "all"],
    ] as const) {
        it(`for layout ${layout.name}, egress ${egress}`, async () => {
            const deployment: Deployment = await deploy(argsFor(layout, { egress }));
            const own = (await valueOf(deployment.network.requiredFlows)) as ResolvedFlow[];
            // A hand-written network is judged on the documented flows; egress-all is one only when asked.
            // The component opens its unverified flows too; the reader requires them only on request.
            const derived = requiredFlowsForModel(
                deployment.model,
                egress === "all" ? { egress, includeUnverified: true } : { includeUnverified: true },
            );
            assert.deepEqual(derived.missingRoles, []);
            assert.deepEqual(derived.unresolved, []);
            // Role "all" endpoints list every subnet's CIDR; the order of the model's subnets may differ.
            const sorted = (flows: readonly ResolvedFlow[]) =>
                summary(
                    flows.map((f) => ({
                        ...f,
                        destination: { ...f.destination, cidrs: [...f.destination.cidrs].sort() },
                        source: { ...f.source, cidrs: [...f.source.cidrs].sort() },
                    })),
                );
            assert.deepEqual(sorted(derived.flows), sorted(own));
            assert.deepEqual(derived.context.kubeClientCidrs, layout.kubeClientCidrs);
        });
    }
});

describe("requiredFlowsForModel on partial networks", () => {
    it("reports flows whose subnet is missing and keeps them, so the analysis fails them", () => {
        const model = oracleModel();
        model.subnets = model.subnets.filter((s) => s.role !== "controlPlane");
        const req = requiredFlowsForModel(model, { kubeClientCidrs: ["10.0.0.0/8"] });
        const missing = [...new Set(req.missingRoles.map((m) => m.role))];
        assert.deepEqual(missing, ["controlPlane"]);
        assert.ok(req.missingRoles.some((m) => m.flowId === "control-plane-ssh-from-bastion"));
        assert.ok(req.notes.some((n) => n.includes("no subnet with role controlPlane")));
        const report = analyzeNetwork(model, req);
        const row2 = report.flows.find((f) => f.id === "control-plane-ssh-from-bastion");
        assert.equal(row2?.checks[0].failures[0].kind, "missing-subnet");
    });

    it("cannot state the kube client flows without a control-plane-endpoint subnet, and says so", () => {
        const model = oracleModel();
        model.subnets = model.subnets.filter((s) => s.role !== "controlPlaneEndpoint");
        const req = requiredFlowsForModel(model);
        assert.deepEqual(req.context.kubeClientCidrs, []);
        assert.ok(
            req.unresolved.some(
                (u) =>
                    u.flowId === "worker-nodeports-from-kube-clients" &&
                    /kube client CIDRs are not known/.test(u.why),
            ),
        );
        const report = analyzeNetwork(model, req);
        assert.equal(
            report.flows.find((f) => f.id === "worker-nodeports-from-kube-clients")?.status,
            "unknown",
        );
    });

    it("handles a network with no subnets and an unknown VCN CIDR", () => {
        const model = oracleModel();
        model.subnets = [];
        model.vcnCidrs = [];
        const req = requiredFlowsForModel(model);
        assert.ok(req.missingRoles.length > 0);
        const report = analyzeNetwork(model, req);
        assert.equal(report.summary.holding, 0);
    });

    it("derives vcn-native from a pod subnet, and private access from a private endpoint", () => {
        const model = oracleModel();
        model.subnets.push({
            key: "pod",
            name: "pod",
            role: "pod",
            cidr: "172.31.252.128/26",
            public: false,
            securityListKeys: [],
            routeTableKey: "private",
            nsgKeys: [],
        });
        const endpoint = model.subnets.find((s) => s.role === "controlPlaneEndpoint");
        assert.ok(endpoint);
        endpoint.public = false;
        const req = requiredFlowsForModel(model);
        assert.equal(req.context.cni, "vcn-native");
        assert.equal(req.context.clusterAccess, "private");
        assert.ok(req.flows.some((f) => f.id === "pod-from-pods"));
        // Unverified flows (endpoint-api-from-endpoint, pod-from-service-lb) are an opt-in, as in the policy.
        assert.ok(!req.flows.some((f) => f.provenance === "unverified"));
        assert.ok(!req.flows.some((f) => f.id === "endpoint-api-from-endpoint"));
        const all = requiredFlowsForModel(model, { includeUnverified: true });
        assert.ok(all.flows.some((f) => f.id === "endpoint-api-from-endpoint"));
        assert.ok(all.flows.some((f) => f.provenance === "unverified"));
    });

    it("takes options over what the model says, and skips flows on request", () => {
        const req = requiredFlowsForModel(oracleModel(), {
            kubeClientCidrs: ["192.168.0.0/16"],
            kubernetesApiPort: 7443,
            skipFlows: ["worker-to-registry"],
        });
        const api = req.flows.find((f) => f.id === "endpoint-api-from-kube-clients");
        assert.deepEqual(api?.source.cidrs, ["192.168.0.0/16"]);
        assert.deepEqual(api?.ports, { min: 7443, max: 7443 });
        assert.ok(!req.flows.some((f) => f.id === "worker-to-registry"));
    });
});

describe("kubeClientsFromModel", () => {
    it("reads the API-port sources at the endpoint, leaving out the VCN and 253.255.0.0/16", () => {
        const model = setList(oracleModel(), "kmilb-seclist", [
            { protocol: "6", peer: "253.255.0.0/16", dstPorts: { min: 6443, max: 6443 } },
            { protocol: "6", peer: "10.0.0.0/8", dstPorts: { min: 6443, max: 6443 } },
            { protocol: "6", peer: "172.31.252.0/23", dstPorts: { min: 6443, max: 6443 } },
            { protocol: "6", peer: "192.168.1.0/24", dstPorts: { min: 6000, max: 7000 } },
            { protocol: "6", peer: "192.168.9.0/24", dstPorts: { min: 22, max: 22 } },
            { protocol: "17", peer: "192.168.8.0/24", dstPorts: { min: 6443, max: 6443 } },
            { protocol: "6", peer: KMILB, dstPorts: { min: 6443, max: 6443 } },
        ]);
        assert.deepEqual(kubeClientsFromModel(model, 6443).cidrs, ["10.0.0.0/8", "192.168.1.0/24"]);
    });

    // The list on which the analyzer's and the policy's readers used to disagree ([0.0.0.0/0] against
    // [192.168.0.0/16]). Oracle's kmilb-seclist admits 6443 from 253.255.0.0/16 (rule 1), kube_client_cidr
    // (rule 2) and vcn_cidr (rule 3): every other source of TCP 6443 is a kube client, the world and a
    // protocol-all rule included.
    const DISPUTED = [
        { protocol: "6", peer: "253.255.0.0/16", dstPorts: { min: 6443, max: 6443 } },
        { protocol: "6", peer: "0.0.0.0/0", dstPorts: { min: 6443, max: 6443 } },
        { protocol: "6", peer: VCN, dstPorts: { min: 6443, max: 6443 } },
        { protocol: "all", peer: "192.168.0.0/16" },
        { protocol: "all", peer: "192.168.77.0/24", peerType: "SERVICE_CIDR_BLOCK" },
        { protocol: "17", peer: "172.16.0.0/12" },
    ];

    it("gives one answer, for the analyzer and the policy, on the list they used to disagree on", () => {
        const model = setList(oracleModel(), "kmilb-seclist", DISPUTED);
        const expected = ["0.0.0.0/0", "192.168.0.0/16"];
        assert.deepEqual(kubeClientsFromModel(model, 6443).cidrs, expected);
        const network = { model, label: "VCN test", clusters: [], subnets: new Map(), incomplete: false };
        assert.deepEqual(kubeClientsOf(network, undefined, 6443).cidrs, expected);
        assert.equal(kubeClientsOf(network, undefined, 6443).doubt, undefined);
        const req = requiredFlowsForModel(model);
        const api = req.flows.find((f) => f.id === "endpoint-api-from-kube-clients");
        assert.deepEqual(api?.source.cidrs, expected);
    });

    it("doubts, rather than guesses, when an endpoint rule is unknown (preview)", () => {
        const model = setList(oracleModel(), "kmilb-seclist", [
            ...DISPUTED,
            { protocol: "", peer: "", unknown: true },
        ]);
        const clients = kubeClientsFromModel(model, 6443);
        assert.deepEqual(clients.cidrs, ["0.0.0.0/0", "192.168.0.0/16"]);
        assert.match(clients.doubt ?? "", /unknown \(preview\)/);
    });
});

describe("resolvedFlowsFromOutput", () => {
    it("reads the component's output shape and refuses anything else", async () => {
        const deployment = await deploy(argsFor(ORACLE_EXAMPLE));
        const raw: unknown = JSON.parse(JSON.stringify(await valueOf(deployment.network.requiredFlows)));
        const flows = resolvedFlowsFromOutput(raw);
        assert.ok(flows !== undefined && flows.length > 20);
        assert.equal(resolvedFlowsFromOutput({}), undefined);
        assert.equal(resolvedFlowsFromOutput([{ id: "x" }]), undefined);
        assert.equal(resolvedFlowsFromOutput([{ ...(raw as object[])[0], protocol: "sctp" }]), undefined);
    });
});
