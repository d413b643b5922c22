import * as assert from "node:assert/strict";
import { WorkloadClusterNetwork, NetworkConfigError } from "../../src/index";
import { recordProgram, valueOf } from "../../src/testing/mock-run";
import type { ResourceRecord } from "../../src/analysis/model/resources";
import { ORACLE_EXAMPLE } from "../fixtures/oracle-tables";
import { argsFor, deploy, recordsOfType } from "../fixtures/harness";

describe("WorkloadClusterNetwork: what it registers (Oracle's example)", () => {
    let records: ResourceRecord[];
    let network: WorkloadClusterNetwork;
    before(async () => {
        const d = await deploy(argsFor(ORACLE_EXAMPLE));
        records = d.records;
        network = d.network;
    });

    it("registers the component with its type token", () => {
        assert.equal(records[0].type, "oke-c3-network:index:WorkloadClusterNetwork");
    });

    it("creates one VCN with one CIDR and a DNS label", () => {
        const [vcn] = recordsOfType(records, "oci:Core/vcn:Vcn");
        assert.deepEqual(vcn.inputs.cidrBlocks, ["172.31.252.0/23"]);
        assert.match(String(vcn.inputs.dnsLabel), /^[a-z][a-z0-9]{0,14}$/);
    });

    it("creates a NAT gateway and an internet gateway", () => {
        assert.equal(recordsOfType(records, "oci:Core/natGateway:NatGateway").length, 1);
        assert.equal(recordsOfType(records, "oci:Core/internetGateway:InternetGateway").length, 1);
    });

    it("names subnets as Oracle does, private workers and control plane, public LB subnets", () => {
        const subnets: Record<string, Record<string, unknown>> = Object.fromEntries(
            recordsOfType(records, "oci:Core/subnet:Subnet").map((s) => [
                String(s.inputs.displayName),
                s.inputs,
            ]),
        );
        assert.deepEqual(Object.keys(subnets).sort(), [
            "control-plane",
            "control-plane-endpoint",
            "service-lb",
            "worker",
        ]);
        assert.equal(subnets["worker"].prohibitPublicIpOnVnic, true);
        assert.equal(subnets["control-plane"].prohibitPublicIpOnVnic, true);
        assert.equal(subnets["service-lb"].prohibitPublicIpOnVnic, false);
        assert.equal(subnets["control-plane-endpoint"].prohibitPublicIpOnVnic, false);
        assert.deepEqual(Object.fromEntries(Object.entries(subnets).map(([k, v]) => [k, v.dnsLabel])), {
            worker: "worker",
            "service-lb": "servicelb",
            "control-plane": "kmi",
            "control-plane-endpoint": "kmilb",
        });
        assert.equal(subnets["worker"].cidrBlock, "172.31.253.0/24");
        assert.equal(subnets["control-plane"].cidrBlock, "172.31.252.224/28");
    });

    it("routes private subnets through nat_private and LB subnets through public", () => {
        const tables: Record<string, ResourceRecord> = Object.fromEntries(
            recordsOfType(records, "oci:Core/routeTable:RouteTable").map((t) => [
                String(t.inputs.displayName),
                t,
            ]),
        );
        assert.deepEqual(Object.keys(tables).sort(), ["nat_private", "public"]);
        assert.deepEqual(tables["nat_private"].inputs.routeRules, [
            {
                destination: "0.0.0.0/0",
                destinationType: "CIDR_BLOCK",
                networkEntityId: "ocid1.natgateway.mock.oke-nat",
                description: "OKE private route rule",
            },
        ]);
        assert.equal(
            (tables["public"].inputs.routeRules as { networkEntityId: string }[])[0].networkEntityId,
            "ocid1.internetgateway.mock.oke-igw",
        );
        const subnets = recordsOfType(records, "oci:Core/subnet:Subnet");
        for (const s of subnets) {
            const expected = ["worker", "control-plane"].includes(String(s.inputs.displayName))
                ? "oke-rt-nat-private"
                : "oke-rt-public";
            assert.equal(s.inputs.routeTableId, `ocid1.routetable.mock.${expected}`);
        }
    });

    it("manages and empties the VCN's default security list and route table; no subnet uses them", () => {
        const [defaultList] = recordsOfType(records, "oci:Core/defaultSecurityList:DefaultSecurityList");
        assert.deepEqual(defaultList.inputs.ingressSecurityRules ?? [], []);
        assert.deepEqual(defaultList.inputs.egressSecurityRules ?? [], []);
        const [defaultRoutes] = recordsOfType(records, "oci:Core/defaultRouteTable:DefaultRouteTable");
        assert.deepEqual(defaultRoutes.inputs.routeRules ?? [], []);
        for (const s of recordsOfType(records, "oci:Core/subnet:Subnet")) {
            assert.ok(
                Array.isArray(s.inputs.securityListIds) &&
                    (s.inputs.securityListIds as string[]).length === 2,
            );
            assert.ok(!(s.inputs.securityListIds as string[]).some((id) => id.endsWith("-default")));
            assert.ok(
                typeof s.inputs.routeTableId === "string" && !s.inputs.routeTableId.endsWith("-default"),
            );
        }
    });

    it("every security rule is stateful, CIDR-typed, and never opens 0.0.0.0/0 ingress beyond ICMP 3/11", () => {
        for (const list of recordsOfType(records, "oci:Core/securityList:SecurityList")) {
            for (const rule of list.inputs.ingressSecurityRules as Record<string, unknown>[]) {
                assert.equal(rule.stateless, false);
                assert.equal(rule.sourceType, "CIDR_BLOCK");
                if (rule.source === "0.0.0.0/0") {
                    assert.equal(rule.protocol, "1", `world ingress ${JSON.stringify(rule)}`);
                    assert.ok([3, 11].includes((rule.icmpOptions as { type: number }).type));
                }
            }
        }
    });

    it("outputs ids by role, the resolved layout, and the required flows", async () => {
        const subnetIds = await valueOf(network.subnetIds);
        assert.deepEqual(Object.keys(subnetIds).sort(), [
            "controlPlane",
            "controlPlaneEndpoint",
            "serviceLb",
            "worker",
        ]);
        assert.equal(subnetIds.worker, "ocid1.subnet.mock.oke-subnet-worker");
        assert.deepEqual(await valueOf(network.cidrs), {
            vcn: "172.31.252.0/23",
            worker: "172.31.253.0/24",
            serviceLb: "172.31.252.0/25",
            controlPlane: "172.31.252.224/28",
            controlPlaneEndpoint: "172.31.252.240/28",
        });
        const flows = await valueOf(network.requiredFlows);
        const seedRefs = flows.flatMap((f) => f.refs).filter((r) => r.startsWith("C3 ports 1a#"));
        for (let row = 1; row <= 10; row++)
            assert.ok(seedRefs.includes(`C3 ports 1a#${row}`), `seed row ${row} in requiredFlows`);
        assert.equal(await valueOf(network.natGatewayId), "ocid1.natgateway.mock.oke-nat");
        assert.equal(await valueOf(network.vcnId), "ocid1.vcn.mock.oke-vcn");
    });
});

describe("WorkloadClusterNetwork: stable identities", () => {
    it("the same config registers byte-identical inputs", async () => {
        const a = await deploy(argsFor(ORACLE_EXAMPLE));
        const b = await deploy(argsFor(ORACLE_EXAMPLE));
        const canon = (rs: ResourceRecord[]) =>
            JSON.stringify([...rs].sort((x, y) => x.urn.localeCompare(y.urn)));
        assert.equal(canon(a.records), canon(b.records));
    });

    it("golden child names (a rename would replace resources)", async () => {
        const d = await deploy(argsFor(ORACLE_EXAMPLE));
        assert.deepEqual(d.records.map((r) => r.name).sort(), [
            "oke",
            "oke-default-routes",
            "oke-default-seclist",
            "oke-igw",
            "oke-nat",
            "oke-rt-nat-private",
            "oke-rt-public",
            "oke-seclist-common",
            "oke-seclist-control-plane",
            "oke-seclist-control-plane-endpoint",
            "oke-seclist-service-lb",
            "oke-seclist-worker",
            "oke-subnet-control-plane",
            "oke-subnet-control-plane-endpoint",
            "oke-subnet-service-lb",
            "oke-subnet-worker",
            "oke-vcn",
        ]);
    });

    it("adding a kube client CIDR changes only the lists that mention kube clients", async () => {
        const a = await deploy(argsFor(ORACLE_EXAMPLE));
        const b = await deploy({
            ...argsFor(ORACLE_EXAMPLE),
            kubeClientCidrs: ["10.0.0.0/8", "192.168.5.0/24"],
        });
        const inputsOf = (rs: ResourceRecord[]) => new Map(rs.map((r) => [r.name, JSON.stringify(r.inputs)]));
        const before = inputsOf(a.records);
        const after = inputsOf(b.records);
        assert.deepEqual([...after.keys()].sort(), [...before.keys()].sort(), "same children");
        const changed = [...after.keys()].filter((k) => after.get(k) !== before.get(k)).sort();
        assert.deepEqual(changed, [
            "oke-seclist-control-plane",
            "oke-seclist-control-plane-endpoint",
            "oke-seclist-service-lb",
            "oke-seclist-worker",
        ]);
    });
});

describe("WorkloadClusterNetwork: a refused config creates nothing", () => {
    it("throws NetworkConfigError before registering any resource", async () => {
        let thrown: unknown;
        const run = await recordProgram(() => {
            try {
                return new WorkloadClusterNetwork("bad", {
                    compartmentId: "c",
                    cidrs: { vcn: "172.31.252.1/23", worker: "10.0.0.0/24" },
                    kubeClientCidrs: [],
                });
            } catch (error) {
                thrown = error;
                return undefined;
            }
        });
        assert.ok(thrown instanceof NetworkConfigError, String(thrown));
        assert.ok(thrown.problems.length >= 2, "every problem at once");
        assert.ok(
            thrown.problems.some((p) => p.path === "cidrs.vcn" && p.message.includes("172.31.252.0/23")),
        );
        assert.ok(thrown.problems.some((p) => p.path === "kubeClientCidrs"));
        assert.deepEqual(run.records, [], "nothing registered");
    });

    it("refuses a config whose rules exceed C3's 30 ingress rules per security list", async () => {
        const kubeClientCidrs = Array.from({ length: 30 }, (_, i) => `10.${i}.0.0/16`);
        let thrown: unknown;
        const run = await recordProgram(() => {
            try {
                return new WorkloadClusterNetwork("big", { ...argsFor(ORACLE_EXAMPLE), kubeClientCidrs });
            } catch (error) {
                thrown = error;
                return undefined;
            }
        });
        assert.ok(thrown instanceof NetworkConfigError);
        assert.ok(
            thrown.problems.some((p) => p.path.startsWith("rules.") && p.message.includes("30")),
            thrown.message,
        );
        assert.deepEqual(run.records, []);
    });
});
