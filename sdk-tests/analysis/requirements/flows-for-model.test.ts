import * as assert from "node:assert/strict";
import { analyzeNetwork } from "../../../src/analysis/analyze";
import { valueOf } from "../../../src/testing/mock-run";
import { kubeClientsFromModel } from "../../../src/analysis/requirements/kube-clients";
import {
    requiredFlowsForModel,
    resolvedFlowsFromOutput,
} from "../../../src/analysis/requirements/flows-for-model";
import { kubeClientsOf } from "../../../src/policy/kube-clients";
import type { ResolvedFlow } from "../../../src/catalogue/types";
import { argsFor, deploy } from "../../fixtures/harness";
import { ORACLE_EXAMPLE } from "../../fixtures/oracle-tables";
import { VCN_NATIVE_EXAMPLE } from "../../fixtures/topology-tables";
import { CLIENTS, KMI, KMILB, oracleModel, SERVICE_LB, setList, VCN, WORKER } from "../models";

/*
 * requiredFlowsForModel: the catalogue resolved for a network read off its model. Checked against Oracle's
 * tables written out row by row for Oracle's example (never against the component's own requiredFlows, which
 * come from the same catalogue), and on partial networks, which must be reported, never crash.
 */

/** A required flow as Oracle's tables give it: id, source CIDRs, destination CIDRs, protocol, ports or ICMP type. */
type Row = readonly [
    id: string,
    source: readonly string[],
    destination: readonly string[],
    protocol: string,
    what: string,
];

const ALL_SUBNETS = [WORKER, SERVICE_LB, KMI, KMILB];
const CLIENTS_ONLY = [CLIENTS];
const INTERNAL = "253.255.0.0/16";
const WORLD = "0.0.0.0/0";

/**
 * The required flows of Oracle's Flannel example (docs/oracle-c3-network.md §2a CIDRs, kube_client_cidr
 * 10.0.0.0/8), written out by hand from Oracle's tables: the port table (§1a rows 1-10) and the rules of the
 * default, worker, workerlb, kmi and kmilb security lists (§3.1-§3.5). Ids are the catalogue's names.
 */
const ORACLE_FLANNEL_FLOWS: readonly Row[] = [
    ["icmp-echo-from-vcn", [VCN], ALL_SUBNETS, "icmp", "type 8"], // §3.1 default list
    ["icmp-unreachable-from-anywhere", [WORLD], ALL_SUBNETS, "icmp", "type 3"], // §3.1
    ["icmp-time-exceeded-from-anywhere", [WORLD], ALL_SUBNETS, "icmp", "type 11"], // §3.1
    ["worker-ssh-from-bastion", [VCN], [WORKER], "tcp", "22-22"], // §1a#1, §3.2#1
    ["worker-nodeports-from-kube-clients", CLIENTS_ONLY, [WORKER], "tcp", "30000-32767"], // §1a#10, §3.2#2
    ["worker-nodeports-from-service-lb", [SERVICE_LB], [WORKER], "tcp", "30000-32767"], // §3.2#3
    ["worker-kube-proxy-from-service-lb", [SERVICE_LB], [WORKER], "tcp", "10256-10256"], // §3.2#4
    ["worker-from-control-plane", [KMI], [WORKER], "tcp", "22-65535"], // §3.2#5
    ["worker-flannel-from-workers", [WORKER], [WORKER], "udp", "8285-8472"], // §3.2#6
    ["worker-flannel-from-control-plane", [KMI], [WORKER], "udp", "8285-8472"], // §3.2#7
    ["worker-to-yum-http", [WORKER], [WORLD], "tcp", "80-80"], // §1a#3
    ["worker-to-yum-https", [WORKER], [WORLD], "tcp", "443-443"], // §1a#4
    ["worker-to-registry", [WORKER], [WORLD], "tcp", "5000-5000"], // §1a#5
    ["control-plane-api-from-kube-clients", CLIENTS_ONLY, [KMI], "tcp", "6443-6443"], // §3.4#1
    ["control-plane-api-from-endpoint", [KMILB], [KMI], "tcp", "6443-6443"], // §3.4#2
    ["control-plane-from-workers", [WORKER], [KMI], "tcp", "1024-65535"], // §3.4#3
    ["control-plane-api-from-workers", [WORKER], [KMI], "tcp", "6443-6443"], // §1a#6 and #9
    ["control-plane-within", [KMI], [KMI], "tcp", "1024-65535"], // §3.4#4
    ["control-plane-flannel-from-workers", [WORKER], [KMI], "udp", "8285-8472"], // §3.4#5
    ["control-plane-flannel-within", [KMI], [KMI], "udp", "8285-8472"], // §3.4#6
    ["control-plane-ssh-from-bastion", [VCN], [KMI], "tcp", "22-22"], // §1a#2 (no kmi-seclist rule: a gap)
    ["endpoint-api-from-c3-internal", [INTERNAL], [KMILB], "tcp", "6443-6443"], // §3.5#1
    ["endpoint-api-from-kube-clients", CLIENTS_ONLY, [KMILB], "tcp", "6443-6443"], // §1a#8, §3.5#2
    ["endpoint-api-from-bastion", [VCN], [KMILB], "tcp", "6443-6443"], // §3.5#3
    ["endpoint-api-from-workers", [WORKER], [KMILB], "tcp", "6443-6443"], // §1a#7
    ["endpoint-api-from-control-plane", [KMI], [KMILB], "tcp", "6443-6443"], // §3.5 text: the KMIs reach their LB
    ["service-lb-ingress-http", CLIENTS_ONLY, [SERVICE_LB], "tcp", "80-80"], // §3.3#1
    ["service-lb-ingress-https", CLIENTS_ONLY, [SERVICE_LB], "tcp", "443-443"], // §3.3#2
];

/** Egress every subnet needs: ICMP 3 (Path Discovery, public OCI V-W9) and 11 out. */
const ICMP_OUT: readonly Row[] = [
    ["icmp-unreachable-to-anywhere", ALL_SUBNETS, [WORLD], "icmp", "type 3"],
    ["icmp-time-exceeded-to-anywhere", ALL_SUBNETS, [WORLD], "icmp", "type 11"],
];

/** Oracle's default list: "Allow all outgoing traffic." (§3.1), stateful, 0.0.0.0/0, all protocols. */
const EGRESS_ALL_ROW: Row = ["egress-all", ALL_SUBNETS, [WORLD], "all", "all"];

/** The echo replies' way back within the VCN when egress is narrowed to the flows. */
const ECHO_TO_VCN: Row = ["icmp-echo-to-vcn", ALL_SUBNETS, [VCN], "icmp", "type 8"];

function rowOf(f: ResolvedFlow): Row {
    const what =
        f.ports !== undefined
            ? `${f.ports.min}-${f.ports.max}`
            : f.icmp !== undefined
              ? `type ${f.icmp.type}${f.icmp.code === undefined ? "" : `/${f.icmp.code}`}`
              : "all";
    return [f.id, [...f.source.cidrs].sort(), [...f.destination.cidrs].sort(), f.protocol, what];
}

const sortedRows = (rows: readonly Row[]): string[] =>
    rows.map(([id, s, d, p, w]) => JSON.stringify([id, [...s].sort(), [...d].sort(), p, w])).sort();

/** Oracle's kmilb-seclist (§3.5), literally: 253.255.0.0/16, kube_client_cidr and vcn_cidr on TCP 6443. */
function oracleEndpointModel() {
    return setList(oracleModel(), "kmilb-seclist", [
        { protocol: "6", peer: INTERNAL, dstPorts: { min: 6443, max: 6443 } },
        { protocol: "6", peer: CLIENTS, dstPorts: { min: 6443, max: 6443 } },
        { protocol: "6", peer: VCN, dstPorts: { min: 6443, max: 6443 } },
    ]);
}

describe("requiredFlowsForModel on Oracle's example gives Oracle's tables, row by row", () => {
    it("Oracle's egress (all): the port table and list rules, ICMP out and egress-all", () => {
        const req = requiredFlowsForModel(oracleEndpointModel(), { egress: "all" });
        assert.deepEqual(req.missingRoles, []);
        assert.deepEqual(req.unresolved, []);
        assert.deepEqual(
            req.context.kubeClientCidrs,
            [CLIENTS],
            "kube_client_cidr read off kmilb-seclist #2",
        );
        assert.equal(req.context.cni, "flannel");
        assert.equal(req.context.clusterAccess, "public");
        assert.deepEqual(
            sortedRows(req.flows.map(rowOf)),
            sortedRows([...ORACLE_FLANNEL_FLOWS, ...ICMP_OUT, EGRESS_ALL_ROW]),
        );
    });

    it("hardened (egress flows): the same rows without egress-all, the echo's way back added", () => {
        const req = requiredFlowsForModel(oracleEndpointModel(), { egress: "flows" });
        assert.deepEqual(
            sortedRows(req.flows.map(rowOf)),
            sortedRows([...ORACLE_FLANNEL_FLOWS, ...ICMP_OUT, ECHO_TO_VCN]),
        );
    });

    it("kube clients given as an option replace the ones read off the endpoint, in every client row", () => {
        const clients = ["192.168.10.0/24", "172.16.0.0/12"];
        const req = requiredFlowsForModel(oracleEndpointModel(), { kubeClientCidrs: clients });
        // Oracle's kube_client_cidr rows: §1a#8 and #10, §3.2#2, §3.3#1-#2, §3.4#1, §3.5#2.
        const clientRows = ORACLE_FLANNEL_FLOWS.filter(([, source]) => source === CLIENTS_ONLY).map(
            ([id]) => id,
        );
        assert.equal(clientRows.length, 5);
        const byId = new Map(req.flows.map((f) => [f.id, f]));
        for (const id of clientRows) assert.deepEqual(byId.get(id)?.source.cidrs, clients, id);
        const others = req.flows.filter((f) => !clientRows.includes(f.id));
        assert.ok(others.every((f) => !f.source.cidrs.some((c) => clients.includes(c))));
    });
});

/** docs/oracle-c3-network.md §2b's VCN-native example /19, literally. */
const N = {
    vcn: "172.31.0.0/19",
    lb: "172.31.0.0/23",
    kmilb: "172.31.2.0/23",
    kmi: "172.31.4.0/22",
    worker: "172.31.8.0/21",
    pod: "172.31.16.0/20",
};
const N_ALL = [N.worker, N.lb, N.kmi, N.kmilb, N.pod];

/**
 * The required flows of Oracle's VCN-native example, written out by hand: C3's port table and list rules
 * without Flannel's UDP 8285-8472 (§1a, §3.1-§3.5; the default list on the pod subnet too), and public OCI's
 * VCN-native rules mapped to C3 (§9.3, §9.7; C3's own VCN-native tables were not available, §1b).
 */
const ORACLE_VCN_NATIVE_FLOWS: readonly Row[] = [
    ["icmp-echo-from-vcn", [N.vcn], N_ALL, "icmp", "type 8"], // §3.1
    ["icmp-unreachable-from-anywhere", [WORLD], N_ALL, "icmp", "type 3"], // §3.1
    ["icmp-time-exceeded-from-anywhere", [WORLD], N_ALL, "icmp", "type 11"], // §3.1
    ["icmp-unreachable-to-anywhere", N_ALL, [WORLD], "icmp", "type 3"], // V-W9, V-P5 Path Discovery
    ["icmp-time-exceeded-to-anywhere", N_ALL, [WORLD], "icmp", "type 11"],
    ["egress-all", N_ALL, [WORLD], "all", "all"], // §3.1, §3.6 "Allow all outgoing traffic."
    ["worker-ssh-from-bastion", [N.vcn], [N.worker], "tcp", "22-22"], // §1a#1, §3.2#1
    ["worker-nodeports-from-kube-clients", CLIENTS_ONLY, [N.worker], "tcp", "30000-32767"], // §1a#10, §3.2#2
    ["worker-nodeports-from-service-lb", [N.lb], [N.worker], "tcp", "30000-32767"], // §3.2#3
    ["worker-kube-proxy-from-service-lb", [N.lb], [N.worker], "tcp", "10256-10256"], // §3.2#4
    ["worker-from-control-plane", [N.kmi], [N.worker], "tcp", "22-65535"], // §3.2#5
    ["worker-to-yum-http", [N.worker], [WORLD], "tcp", "80-80"], // §1a#3
    ["worker-to-yum-https", [N.worker], [WORLD], "tcp", "443-443"], // §1a#4
    ["worker-to-registry", [N.worker], [WORLD], "tcp", "5000-5000"], // §1a#5
    ["control-plane-api-from-kube-clients", CLIENTS_ONLY, [N.kmi], "tcp", "6443-6443"], // §3.4#1
    ["control-plane-api-from-endpoint", [N.kmilb], [N.kmi], "tcp", "6443-6443"], // §3.4#2
    ["control-plane-from-workers", [N.worker], [N.kmi], "tcp", "1024-65535"], // §3.4#3
    ["control-plane-api-from-workers", [N.worker], [N.kmi], "tcp", "6443-6443"], // §1a#6, #9
    ["control-plane-within", [N.kmi], [N.kmi], "tcp", "1024-65535"], // §3.4#4
    ["control-plane-ssh-from-bastion", [N.vcn], [N.kmi], "tcp", "22-22"], // §1a#2
    ["endpoint-api-from-c3-internal", [INTERNAL], [N.kmilb], "tcp", "6443-6443"], // §3.5#1
    ["endpoint-api-from-kube-clients", CLIENTS_ONLY, [N.kmilb], "tcp", "6443-6443"], // §1a#8, §3.5#2
    ["endpoint-api-from-bastion", [N.vcn], [N.kmilb], "tcp", "6443-6443"], // §3.5#3
    ["endpoint-api-from-workers", [N.worker], [N.kmilb], "tcp", "6443-6443"], // §1a#7
    ["endpoint-api-from-control-plane", [N.kmi], [N.kmilb], "tcp", "6443-6443"], // §3.5 text
    ["service-lb-ingress-http", CLIENTS_ONLY, [N.lb], "tcp", "80-80"], // §3.3#1
    ["service-lb-ingress-https", CLIENTS_ONLY, [N.lb], "tcp", "443-443"], // §3.3#2
    ["pod-from-pods", [N.pod], [N.pod], "all", "all"], // V-P3
    ["pod-from-workers", [N.worker], [N.pod], "all", "all"], // V-P2
    ["pod-from-control-plane", [N.kmi], [N.pod], "all", "all"], // V-P1 (API CIDR = kmi_cidr, §9.7)
    ["worker-from-pods", [N.pod], [N.worker], "all", "all"], // V-W2
    ["worker-from-workers", [N.worker], [N.worker], "all", "all"], // V-W1
    ["control-plane-api-from-pods", [N.pod], [N.kmi], "tcp", "6443-6443"], // V-A3
    ["endpoint-api-from-pods", [N.pod], [N.kmilb], "tcp", "6443-6443"], // V-A3
    ["control-plane-12250-from-pods", [N.pod], [N.kmi], "tcp", "12250-12250"], // V-A4
    ["control-plane-12250-from-workers", [N.worker], [N.kmi], "tcp", "12250-12250"], // V-A2
    ["pod-to-internet-https", [N.pod], [WORLD], "tcp", "443-443"], // V-P9
];

/** What `includeUnverified` adds (README: unverified): the KMIs' and pods' yum and registry, the LB to pods. */
const VCN_NATIVE_UNVERIFIED: readonly Row[] = [
    ["control-plane-to-yum-http", [N.kmi], [WORLD], "tcp", "80-80"],
    ["control-plane-to-yum-https", [N.kmi], [WORLD], "tcp", "443-443"],
    ["control-plane-to-registry", [N.kmi], [WORLD], "tcp", "5000-5000"],
    ["pod-to-yum-http", [N.pod], [WORLD], "tcp", "80-80"],
    ["pod-to-registry", [N.pod], [WORLD], "tcp", "5000-5000"],
    ["pod-from-service-lb", [N.lb], [N.pod], "tcp", "all"],
];

describe("requiredFlowsForModel on Oracle's VCN-native example (registered by the component)", () => {
    it("gives the C3 rows without Flannel plus public OCI's VCN-native rows; unverified ones on request", async () => {
        const d = await deploy(argsFor(VCN_NATIVE_EXAMPLE, { cni: "vcn-native" }));
        const req = requiredFlowsForModel(d.model, { egress: "all" });
        assert.equal(req.context.cni, "vcn-native", "read off the subnet named pod");
        assert.deepEqual(req.context.kubeClientCidrs, CLIENTS_ONLY);
        assert.deepEqual(sortedRows(req.flows.map(rowOf)), sortedRows(ORACLE_VCN_NATIVE_FLOWS));
        const all = requiredFlowsForModel(d.model, { egress: "all", includeUnverified: true });
        assert.deepEqual(
            sortedRows(all.flows.map(rowOf)),
            sortedRows([...ORACLE_VCN_NATIVE_FLOWS, ...VCN_NATIVE_UNVERIFIED]),
        );
    });
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
