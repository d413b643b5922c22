import * as assert from "node:assert/strict";
import { evaluateFlow } from "../../src/analysis/evaluate/evaluate";
import type { ResourceRecord } from "../../src/analysis/model/resources";
import { valueOf } from "../../src/testing/mock-run";
import { NetworkConfigError, WorkloadClusterNetwork } from "../../src/index";
import {
    DENIED_FLOWS,
    INTRA_VCN_FLOWS,
    ORACLE_EXAMPLE,
    ORACLE_SECURITY_LIST_RULES,
    SEED_TABLE,
    type Layout,
} from "../fixtures/oracle-tables";
import {
    C3_RULES_WITHOUT_FLANNEL,
    PRIVATE_CLUSTER_EXTRA,
    VCN_NATIVE_CARVED,
    VCN_NATIVE_DENIED,
    VCN_NATIVE_EXAMPLE,
    VCN_NATIVE_RULES,
} from "../fixtures/topology-tables";
import { argsFor, assertAllowed, deploy, onlyModel, queriesFor, recordsOfType } from "../fixtures/harness";
import { describeTopologySuite } from "../fixtures/suites";

const EXISTING_VCN_ID = "ocid1.vcn.oc1..existing";

/** The existing VCN is not registered by the component; the analyzer is told about it like a `get` would. */
function withExistingVcn(layout: Layout) {
    return (records: ResourceRecord[]): ResourceRecord[] => [
        {
            type: "oci:Core/vcn:Vcn",
            name: "existing",
            urn: "urn:pulumi:test::test::oci:Core/vcn:Vcn::existing",
            id: EXISTING_VCN_ID,
            inputs: { cidrBlocks: [layout.cidrs.vcn_cidr] },
        },
        ...records,
    ];
}

function subnetsByName(records: ResourceRecord[]): Record<string, Record<string, unknown>> {
    return Object.fromEntries(
        recordsOfType(records, "oci:Core/subnet:Subnet").map((s) => [String(s.inputs.displayName), s.inputs]),
    );
}

function sortedNames(records: ResourceRecord[]): string[] {
    return records.map((r) => r.name).sort();
}

const VCN_NATIVE_ALLOWED = [...SEED_TABLE, ...INTRA_VCN_FLOWS, ...VCN_NATIVE_RULES];
const VCN_NATIVE_DENY = [...DENIED_FLOWS, ...VCN_NATIVE_DENIED];

describe("topology: VCN-native pod networking, explicit /19 (docs/oracle-c3-network.md §2b)", () => {
    const get = describeTopologySuite({
        layout: VCN_NATIVE_EXAMPLE,
        args: argsFor(VCN_NATIVE_EXAMPLE, { cni: "vcn-native" }),
        allowed: VCN_NATIVE_ALLOWED,
        rules: C3_RULES_WITHOUT_FLANNEL,
        denied: VCN_NATIVE_DENY,
    });

    it("creates a private subnet named exactly `pod` with pod-seclist, routed through NAT", () => {
        const pod = subnetsByName(get().records)["pod"];
        assert.ok(pod, "subnet `pod` (C3 fails cluster creation without it)");
        assert.equal(pod.cidrBlock, "172.31.16.0/20");
        assert.equal(pod.prohibitPublicIpOnVnic, true);
        assert.equal(pod.routeTableId, "ocid1.routetable.mock.oke-rt-nat-private");
        const lists = recordsOfType(get().records, "oci:Core/securityList:SecurityList").map(
            (l) => l.inputs.displayName,
        );
        assert.ok(lists.includes("pod-seclist"));
    });

    it("opens no flannel UDP ports", () => {
        for (const list of recordsOfType(get().records, "oci:Core/securityList:SecurityList")) {
            for (const rule of [
                ...(list.inputs.ingressSecurityRules as Record<string, unknown>[]),
                ...(list.inputs.egressSecurityRules as Record<string, unknown>[]),
            ]) {
                assert.notEqual(
                    rule.protocol,
                    "17",
                    `${String(list.inputs.displayName)} ${JSON.stringify(rule)}`,
                );
            }
        }
    });

    it("outputs the pod subnet id and marks adapted rules' provenance honestly", async () => {
        assert.equal((await valueOf(get().network.subnetIds)).pod, "ocid1.subnet.mock.oke-subnet-pod");
        const flows = await valueOf(get().network.requiredFlows);
        const pod = flows.filter((f) => f.destination.role === "pod" || f.source.role === "pod");
        assert.ok(pod.length >= 6);
        for (const flow of pod)
            assert.notEqual(flow.provenance, "c3-doc", `${flow.id} is not stated by a C3 page`);
    });
});

describe("topology: VCN-native, carved from a /20", () => {
    const get = describeTopologySuite({
        layout: VCN_NATIVE_CARVED,
        args: argsFor(VCN_NATIVE_CARVED, { cni: "vcn-native" }),
        allowed: VCN_NATIVE_ALLOWED,
        rules: C3_RULES_WITHOUT_FLANNEL,
        denied: VCN_NATIVE_DENY,
    });
    it("carves the layout written in the fixture", async () => {
        assert.deepEqual(await valueOf(get().network.cidrs), {
            vcn: "10.100.0.0/20",
            serviceLb: "10.100.0.0/24",
            controlPlaneEndpoint: "10.100.1.0/24",
            controlPlane: "10.100.2.0/23",
            worker: "10.100.4.0/22",
            pod: "10.100.8.0/21",
        });
    });
});

describe("topology: VCN-native pod subnet rules are enforced", () => {
    const base = { compartmentId: "c", kubeClientCidrs: ["10.0.0.0/8"], cni: "vcn-native" };
    const refused = (cidrs: Record<string, string>, path: string, text: RegExp) => {
        assert.throws(
            () => new WorkloadClusterNetwork("bad", { ...base, cidrs: cidrs as { vcn: string } }),
            (error: unknown) =>
                error instanceof NetworkConfigError &&
                error.problems.some((p) => p.path === path && text.test(`${p.message} ${p.fix}`)),
        );
    };
    const explicit = {
        vcn: "10.0.0.0/16",
        worker: "10.0.0.0/24",
        serviceLb: "10.0.1.0/24",
        controlPlane: "10.0.2.0/28",
        controlPlaneEndpoint: "10.0.2.16/28",
    };
    it("refuses a pod subnet of /25 or smaller", () =>
        refused({ ...explicit, pod: "10.0.4.0/25" }, "cidrs.pod", /25/));
    it("refuses a pod subnet not larger than the worker subnet", () =>
        refused({ ...explicit, worker: "10.0.8.0/22", pod: "10.0.4.0/23" }, "cidrs.pod", /worker/));
    it("refuses a pod subnet smaller than the control-plane subnet", () =>
        refused({ ...explicit, controlPlane: "10.0.16.0/20", pod: "10.0.4.0/22" }, "cidrs.pod", /control/));
    it("refuses a pod CIDR with Flannel", () =>
        assert.throws(
            () =>
                new WorkloadClusterNetwork("bad", {
                    ...base,
                    cni: "flannel",
                    cidrs: { ...explicit, pod: "10.0.4.0/22" },
                }),
            (error: unknown) =>
                error instanceof NetworkConfigError && error.problems.some((p) => p.path === "cidrs.pod"),
        ));
});

describe("topology: private cluster, default egress (Oracle's egress-all)", () => {
    const get = describeTopologySuite({
        layout: ORACLE_EXAMPLE,
        args: argsFor(ORACLE_EXAMPLE, { clusterAccess: "private" }),
        allowed: [...SEED_TABLE, ...INTRA_VCN_FLOWS, ...PRIVATE_CLUSTER_EXTRA],
        rules: ORACLE_SECURITY_LIST_RULES,
        denied: DENIED_FLOWS,
    });
    it("routes the private load-balancer subnets through NAT too, so Oracle's egress-all has a path", () => {
        const subnets = subnetsByName(get().records);
        for (const name of ["service-lb", "control-plane-endpoint", "worker", "control-plane"])
            assert.equal(subnets[name].routeTableId, "ocid1.routetable.mock.oke-rt-nat-private", name);
    });
});

describe("topology: private cluster, hardened egress", () => {
    const get = describeTopologySuite({
        layout: ORACLE_EXAMPLE,
        args: argsFor(ORACLE_EXAMPLE, { clusterAccess: "private", egress: "flows" }),
        allowed: [...SEED_TABLE, ...INTRA_VCN_FLOWS, ...PRIVATE_CLUSTER_EXTRA],
        rules: ORACLE_SECURITY_LIST_RULES,
        denied: DENIED_FLOWS,
    });
    it("makes every subnet private, creates no internet gateway, keeps NAT for the private subnets", () => {
        const records = get().records;
        const subnets = subnetsByName(records);
        for (const name of Object.keys(subnets))
            assert.equal(subnets[name].prohibitPublicIpOnVnic, true, name);
        assert.equal(recordsOfType(records, "oci:Core/internetGateway:InternetGateway").length, 0);
        assert.equal(recordsOfType(records, "oci:Core/natGateway:NatGateway").length, 1);
        assert.equal(subnets["service-lb"].routeTableId, "ocid1.routetable.mock.oke-rt-vcn-private");
        assert.equal(
            subnets["control-plane-endpoint"].routeTableId,
            "ocid1.routetable.mock.oke-rt-vcn-private",
        );
        assert.equal(subnets["worker"].routeTableId, "ocid1.routetable.mock.oke-rt-nat-private");
    });
    it("the vcn_private route table has no rules", () => {
        const table = recordsOfType(get().records, "oci:Core/routeTable:RouteTable").find(
            (t) => t.inputs.displayName === "vcn_private",
        );
        assert.deepEqual(table?.inputs.routeRules, []);
    });
    it("outputs an empty internet gateway id", async () => {
        assert.equal(await valueOf(get().network.internetGatewayId), "");
    });
});

describe("topology: private, air-gapped (natGateway: false)", () => {
    const get = describeTopologySuite({
        layout: ORACLE_EXAMPLE,
        args: argsFor(ORACLE_EXAMPLE, { clusterAccess: "private", natGateway: false }),
        allowed: [
            ...SEED_TABLE.filter((row) => row.destination !== "anywhere"),
            ...INTRA_VCN_FLOWS,
            ...PRIVATE_CLUSTER_EXTRA,
        ],
        rules: ORACLE_SECURITY_LIST_RULES,
        denied: [...DENIED_FLOWS, ...SEED_TABLE.filter((row) => row.destination === "anywhere")],
    });
    it("creates no gateway at all and routes every subnet within the VCN", () => {
        const records = get().records;
        assert.equal(recordsOfType(records, "oci:Core/natGateway:NatGateway").length, 0);
        assert.equal(recordsOfType(records, "oci:Core/internetGateway:InternetGateway").length, 0);
        for (const subnet of Object.values(subnetsByName(records))) {
            assert.equal(subnet.routeTableId, "ocid1.routetable.mock.oke-rt-vcn-private");
        }
    });
});

for (const mode of ["nsgs", "both"] as const) {
    describe(`topology: role rules in NSGs (securityRules: "${mode}")`, () => {
        const get = describeTopologySuite({
            layout: ORACLE_EXAMPLE,
            args: argsFor(ORACLE_EXAMPLE, { securityRules: mode }),
            allowed: [...SEED_TABLE, ...INTRA_VCN_FLOWS],
            rules: ORACLE_SECURITY_LIST_RULES,
            denied: DENIED_FLOWS,
        });
        it("creates one NSG per role, named <subnet>-nsg, with CIDR-only rules under 50", () => {
            const records = get().records;
            const nsgs = recordsOfType(records, "oci:Core/networkSecurityGroup:NetworkSecurityGroup");
            const expected = [
                "control-plane-endpoint-nsg",
                "control-plane-nsg",
                "service-lb-nsg",
                "worker-nsg",
            ];
            // nsgs mode: the KMIs cannot carry a user NSG on C3, so control-plane rules stay in kmi-seclist.
            assert.deepEqual(
                nsgs.map((n) => n.inputs.displayName).sort(),
                mode === "both" ? expected : expected.filter((n) => n !== "control-plane-nsg"),
            );
            const rules = recordsOfType(
                records,
                "oci:Core/networkSecurityGroupSecurityRule:NetworkSecurityGroupSecurityRule",
            );
            // Oracle's worker-seclist has 7 ingress rules (docs/oracle-c3-network.md §3.2); the worker NSG carries each of them.
            assert.equal(rules.filter((r) => r.name.startsWith("oke-nsg-worker-in-")).length, 7);
            for (const rule of rules) {
                const type =
                    rule.inputs.direction === "INGRESS"
                        ? rule.inputs.sourceType
                        : rule.inputs.destinationType;
                assert.equal(type, "CIDR_BLOCK");
                assert.equal(rule.inputs.stateless, false);
            }
        });
        it(
            mode === "nsgs"
                ? "VNICs that may carry no NSG keep their lists (control plane, API LB, service LBs); workers do not"
                : "subnets keep their role lists too",
            () => {
                const subnets = subnetsByName(get().records);
                const keeping = ["control-plane", "control-plane-endpoint", "service-lb"];
                for (const [name, subnet] of Object.entries(subnets)) {
                    const lists = subnet.securityListIds as string[];
                    const expected = mode === "both" || keeping.includes(name) ? 2 : 1;
                    assert.equal(lists.length, expected, name);
                }
            },
        );
        it("load-balancer VNICs without the NSG (OKE creates them) still pass, 253.255.0.0/16 → 6443 included", () => {
            const model = structuredClone(get().model);
            for (const subnet of model.subnets)
                if (subnet.role === "serviceLb" || subnet.role === "controlPlaneEndpoint")
                    subnet.nsgKeys = [];
            const kmilb = ORACLE_EXAMPLE.cidrs.kmilb_cidr;
            const internal = evaluateFlow(model, {
                id: "internal",
                source: { cidr: "253.255.0.0/16" },
                destination: { cidr: kmilb, role: "controlPlaneEndpoint" },
                protocol: "tcp",
                ports: { min: 6443, max: 6443 },
            });
            assert.equal(internal.status, "allowed", internal.reasons.join("; "));
            assert.equal(internal.ingress.rules[0]?.name, "kmilb-seclist");
            for (const row of [SEED_TABLE[6], SEED_TABLE[7]])
                for (const query of queriesFor(ORACLE_EXAMPLE, row)) assertAllowed(model, query);
        });
        it("outputs the NSG ids by role", async () => {
            const ids = await valueOf(get().network.nsgIds);
            assert.equal(ids.worker, "ocid1.networksecuritygroup.mock.oke-nsg-worker");
            assert.equal(
                ids.controlPlaneEndpoint,
                "ocid1.networksecuritygroup.mock.oke-nsg-control-plane-endpoint",
            );
        });
        if (mode === "nsgs") {
            it("a worker VNIC without its NSG is cut off (the NSG carries the rules)", () => {
                const model = structuredClone(get().model);
                const worker = model.subnets.find((s) => s.role === "worker");
                assert.ok(worker);
                worker.nsgKeys = [];
                const [query] = queriesFor(ORACLE_EXAMPLE, SEED_TABLE[9]);
                assert.equal(evaluateFlow(model, query).status, "denied");
            });
        }
    });
}

describe("topology: existing VCN (subnets, lists and NSGs only)", () => {
    const get = describeTopologySuite({
        layout: ORACLE_EXAMPLE,
        args: argsFor(ORACLE_EXAMPLE, { existingVcn: { id: EXISTING_VCN_ID }, securityRules: "both" }),
        allowed: [...SEED_TABLE, ...INTRA_VCN_FLOWS],
        rules: ORACLE_SECURITY_LIST_RULES,
        denied: DENIED_FLOWS,
        records: withExistingVcn(ORACLE_EXAMPLE),
    });
    it("registers no VCN and does not touch its defaults; creates the missing gateways", () => {
        const records = get().records;
        assert.equal(recordsOfType(records, "oci:Core/vcn:Vcn").length, 0);
        assert.equal(recordsOfType(records, "oci:Core/defaultSecurityList:DefaultSecurityList").length, 0);
        assert.equal(recordsOfType(records, "oci:Core/defaultRouteTable:DefaultRouteTable").length, 0);
        assert.equal(recordsOfType(records, "oci:Core/natGateway:NatGateway").length, 1);
        for (const subnet of recordsOfType(records, "oci:Core/subnet:Subnet"))
            assert.equal(subnet.inputs.vcnId, EXISTING_VCN_ID);
    });
    it("outputs the existing VCN id", async () => {
        assert.equal(await valueOf(get().network.vcnId), EXISTING_VCN_ID);
    });
});

describe("topology: existing VCN with existing gateways", () => {
    const natGatewayId = "ocid1.natgateway.oc1..existing";
    const internetGatewayId = "ocid1.internetgateway.oc1..existing";
    const get = describeTopologySuite({
        layout: ORACLE_EXAMPLE,
        args: argsFor(ORACLE_EXAMPLE, {
            existingVcn: { id: EXISTING_VCN_ID, natGatewayId, internetGatewayId },
        }),
        allowed: [...SEED_TABLE, ...INTRA_VCN_FLOWS],
        rules: ORACLE_SECURITY_LIST_RULES,
        denied: DENIED_FLOWS,
        records: withExistingVcn(ORACLE_EXAMPLE),
    });
    it("creates no gateway and routes through the given ones", async () => {
        const records = get().records;
        assert.equal(recordsOfType(records, "oci:Core/natGateway:NatGateway").length, 0);
        assert.equal(recordsOfType(records, "oci:Core/internetGateway:InternetGateway").length, 0);
        const tables = recordsOfType(records, "oci:Core/routeTable:RouteTable");
        const targets = tables.flatMap((t) =>
            (t.inputs.routeRules as { networkEntityId: string }[]).map((r) => r.networkEntityId),
        );
        assert.deepEqual(targets.sort(), [internetGatewayId, natGatewayId]);
        assert.equal(await valueOf(get().network.natGatewayId), natGatewayId);
    });
});

describe("topology: VCN-native + private + NSGs together", () => {
    describeTopologySuite({
        layout: VCN_NATIVE_EXAMPLE,
        args: argsFor(VCN_NATIVE_EXAMPLE, {
            cni: "vcn-native",
            clusterAccess: "private",
            securityRules: "nsgs",
        }),
        allowed: [...VCN_NATIVE_ALLOWED, ...PRIVATE_CLUSTER_EXTRA],
        rules: C3_RULES_WITHOUT_FLANNEL,
        denied: VCN_NATIVE_DENY,
    });
});

describe("a bastion host inside a managed subnet", () => {
    it("gets egress on that subnet's list, so the port table's bastion rows still hold", async () => {
        const bastion = "172.31.252.10/32"; // inside service-lb (172.31.252.0/25)
        const d = await deploy(argsFor(ORACLE_EXAMPLE, { bastionCidrs: [bastion] }));
        for (const row of SEED_TABLE.filter((r) => r.source === "vcn_cidr")) {
            for (const query of queriesFor(ORACLE_EXAMPLE, { ...row, sourceCidr: bastion })) {
                const verdict = evaluateFlow(d.model, query);
                assert.equal(verdict.status, "allowed", verdict.reasons.join("; "));
                assert.equal(verdict.egress.status, "allowed");
            }
        }
        const denied = evaluateFlow(d.model, {
            id: "other LB host → worker ssh",
            source: { cidr: "172.31.252.11/32" },
            destination: { cidr: ORACLE_EXAMPLE.cidrs.worker_cidr },
            protocol: "tcp",
            ports: { min: 22, max: 22 },
        });
        assert.equal(denied.status, "denied", "only the bastion, not its whole subnet");
    });
});

describe("extra rules and tags", () => {
    it("adds a typed extra rule to its role, keyed by its name, and the flow holds", async () => {
        const d = await deploy(
            argsFor(ORACLE_EXAMPLE, {
                extraRules: [
                    {
                        name: "node-exporter",
                        role: "worker",
                        direction: "ingress",
                        protocol: "tcp",
                        cidr: "192.168.50.0/24",
                        portMin: 9100,
                    },
                ],
            }),
        );
        const flows = await valueOf(d.network.requiredFlows);
        assert.ok(flows.some((f) => f.id === "extra-node-exporter" && f.provenance === "user"));
        const verdict = evaluateFlow(d.model, {
            id: "node-exporter",
            source: { cidr: "192.168.50.0/24" },
            destination: { cidr: ORACLE_EXAMPLE.cidrs.worker_cidr },
            protocol: "tcp",
            ports: { min: 9100, max: 9100 },
        });
        assert.equal(verdict.status, "allowed", verdict.reasons.join("; "));
        assert.match(verdict.ingress.rules.map((r) => r.name).join(","), /worker-seclist/);
    });

    it("refuses a duplicate extra-rule key instead of overwriting", () => {
        const rule = {
            name: "dup",
            role: "worker",
            direction: "ingress",
            protocol: "tcp",
            cidr: "192.168.50.0/24",
            portMin: 9100,
        };
        assert.throws(
            () =>
                new WorkloadClusterNetwork(
                    "dup",
                    argsFor(ORACLE_EXAMPLE, { extraRules: [rule, { ...rule, portMin: 9200 }] }),
                ),
            (error: unknown) =>
                error instanceof NetworkConfigError &&
                error.problems.some((p) => p.path.startsWith("extraRules[1]")),
        );
    });

    it("puts freeform and defined tags on every taggable resource", async () => {
        const freeformTags = { team: "platform" };
        const definedTags = { "OraclePCA-OKE.cluster_id": "abc" };
        const d = await deploy(argsFor(ORACLE_EXAMPLE, { securityRules: "both", freeformTags, definedTags }));
        const untaggable = new Set([
            "oke-c3-network:index:WorkloadClusterNetwork",
            "oci:Core/networkSecurityGroupSecurityRule:NetworkSecurityGroupSecurityRule",
        ]);
        for (const record of d.records.filter((r) => !untaggable.has(r.type))) {
            assert.deepEqual(record.inputs.freeformTags, freeformTags, record.name);
            assert.deepEqual(record.inputs.definedTags, definedTags, record.name);
        }
    });
});

describe("golden child names per topology (a rename would replace resources)", () => {
    const common = ["oke", "oke-rt-nat-private", "oke-seclist-common"];
    const flannelLists = [
        "oke-seclist-control-plane",
        "oke-seclist-control-plane-endpoint",
        "oke-seclist-service-lb",
        "oke-seclist-worker",
    ];
    const subnets = [
        "oke-subnet-control-plane",
        "oke-subnet-control-plane-endpoint",
        "oke-subnet-service-lb",
        "oke-subnet-worker",
    ];
    const owned = ["oke-default-routes", "oke-default-seclist", "oke-vcn"];
    const cases: [string, Record<string, unknown>, Layout, string[]][] = [
        [
            "vcn-native",
            { cni: "vcn-native" },
            VCN_NATIVE_EXAMPLE,
            [
                ...common,
                ...owned,
                ...flannelLists,
                ...subnets,
                "oke-igw",
                "oke-nat",
                "oke-rt-public",
                "oke-seclist-pod",
                "oke-subnet-pod",
            ],
        ],
        [
            "private",
            { clusterAccess: "private" },
            ORACLE_EXAMPLE,
            // Default egress (Oracle's egress-all): the private LB subnets route through NAT too.
            [...common, ...owned, ...flannelLists, ...subnets, "oke-nat"],
        ],
        [
            "nsgs",
            { securityRules: "nsgs" },
            ORACLE_EXAMPLE,
            [
                ...common,
                ...owned,
                ...subnets,
                "oke-igw",
                "oke-nat",
                "oke-nsg-control-plane-endpoint",
                "oke-nsg-service-lb",
                "oke-nsg-worker",
                "oke-rt-public",
                "oke-seclist-control-plane",
                "oke-seclist-control-plane-endpoint",
                "oke-seclist-service-lb",
            ],
        ],
        [
            "existing VCN",
            { existingVcn: { id: EXISTING_VCN_ID } },
            ORACLE_EXAMPLE,
            [...common, ...flannelLists, ...subnets, "oke-igw", "oke-nat", "oke-rt-public"],
        ],
    ];
    for (const [name, extra, layout, expected] of cases) {
        it(name, async () => {
            const d = await deploy(argsFor(layout, extra));
            const names = sortedNames(d.records).filter(
                (n) => !n.startsWith("oke-nsg-") || (!n.includes("-in-") && !n.includes("-out-")),
            );
            assert.deepEqual(names, [...expected].sort());
        });
    }
    it("NSG rule resources are named by the rule's content: direction, protocol, ports, peer", async () => {
        const d = await deploy(argsFor(ORACLE_EXAMPLE, { securityRules: "nsgs" }));
        const names = recordsOfType(
            d.records,
            "oci:Core/networkSecurityGroupSecurityRule:NetworkSecurityGroupSecurityRule",
        ).map((r) => r.name);
        assert.ok(names.includes("oke-nsg-worker-in-tcp-30000-32767-10-0-0-0-8"), names.join("\n"));
        assert.ok(names.includes("oke-nsg-control-plane-endpoint-in-tcp-6443-10-0-0-0-8"));
        assert.ok(
            !names.some((n) => /-\d+$/.test(n) && !/-\d+-\d+-\d+-\d+-\d+$/.test(n)),
            "no index-based names",
        );
    });
    it("only the analyzer's model sees the existing VCN", () => {
        assert.equal(onlyModel(withExistingVcn(ORACLE_EXAMPLE)([])).subnets.length, 0);
    });
});
