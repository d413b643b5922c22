import * as assert from "node:assert/strict";
import type { ResourceRecord } from "../../src/analysis/model/resources";
import type { WorkloadClusterNetworkArgs } from "../../src/config/types";
import { compareNetwork, firstFailure, oracleSpec, type Comparison } from "./compare";
import { FLANNEL_LAYOUTS, NATIVE_LAYOUTS, type ConfigCase, type OracleLayout } from "./configs";
import { judgeFlow, type OracleFlowSpec } from "./flow";
import { networkFromRecords } from "./network";
import { recordCase, type RecordedCase } from "./run";

/*
 * One deterministic case per defect issue #11 listed, and per defect the oracle found on edited records, each
 * stated as what must hold: the analyzer agrees with the oracle, the oracle proves what Oracle's design allows.
 * All are fixed and run, with the issue item in the title; KNOWN-DISAGREEMENTS.md records what each found
 * before its fix. The tests at the end check the oracle's side of the same cases.
 */

const EXAMPLE: OracleLayout = FLANNEL_LAYOUTS[0];
const NATIVE: OracleLayout = NATIVE_LAYOUTS[1];

function configOf(layout: OracleLayout, extra: Partial<WorkloadClusterNetworkArgs> = {}): ConfigCase {
    return {
        layout,
        args: {
            compartmentId: "ocid1.compartment.oc1..oracle",
            cidrs: { ...layout.argsCidrs },
            kubeClientCidrs: ["10.0.0.0/8"],
            ...(layout.subnets.pod === undefined ? {} : { cni: "vcn-native" }),
            ...extra,
        },
    };
}

const runs = new Map<string, Promise<{ recorded: RecordedCase; comparisons: Comparison[] }>>();

/** Records a config once per file and compares everything. */
function compared(c: ConfigCase): Promise<{ recorded: RecordedCase; comparisons: Comparison[] }> {
    const key = JSON.stringify(c.args);
    let run = runs.get(key);
    if (run === undefined) {
        run = recordCase(c.args).then((recorded) => {
            if (recorded === undefined) throw new Error(`refused: ${key}`);
            return { recorded, comparisons: compareNetwork(c, recorded.records, recorded.required) };
        });
        runs.set(key, run);
    }
    return run;
}

async function comparison(c: ConfigCase, label: string): Promise<Comparison> {
    const { comparisons } = await compared(c);
    const found = comparisons.find((x) => x.label === label);
    assert.ok(
        found !== undefined,
        `no comparison ${label}; have ${comparisons.map((x) => x.label).join(", ")}`,
    );
    return found;
}

/** The analyzer's verdict must be the oracle's. */
async function assertAgrees(c: ConfigCase, label: string): Promise<void> {
    const x = await comparison(c, label);
    const oracle =
        x.oracle.outcome === "allowed" ? "allowed" : `${x.oracle.outcome} (${firstFailure(x.oracle)})`;
    assert.equal(
        x.analyzer === "allowed",
        x.oracle.outcome === "allowed",
        `${label}: analyzer ${x.analyzer}, oracle ${oracle}`,
    );
}

/** The oracle must prove a flow in this config (what Oracle's design allows), and the analyzer agree. */
async function assertHolds(c: ConfigCase, spec: OracleFlowSpec, what: string): Promise<void> {
    const { recorded } = await compared(c);
    const j = judgeFlow(networkFromRecords(recorded.records), spec);
    assert.equal(j.outcome, "allowed", `${what}: ${firstFailure(j)}`);
}

describe("known disagreements (issue #11), as the checks that must pass once it is fixed", function () {
    this.timeout(60_000);

    describe("item 1: sources that overlap managed subnets", () => {
        for (const securityRules of ["securityLists", "nsgs", "both"]) {
            const c = configOf(EXAMPLE, { securityRules, egress: "flows" });
            for (const label of ["row 1", "row 2", "endpoint-api-from-bastion"]) {
                it(`${securityRules}, egress flows: ${label} from a bastion host inside service-lb (issue #11 item 1, fixed)`, () =>
                    assertAgrees(c, label));
            }
        }
        const clientsInside = configOf(EXAMPLE, { kubeClientCidrs: ["172.16.0.0/12"] });
        it("a kube client inside the VCN (in service-lb) → API endpoint 6443, row 8 (issue #11 item 1, fixed)", () =>
            assertAgrees(clientsInside, "row 8"));
        it("ICMP unreachable from 0.0.0.0/0 includes hosts in every subnet, which send none (issue #11 items 1, 3, fixed)", () =>
            assertAgrees(configOf(EXAMPLE), "icmp-unreachable-from-anywhere"));
    });

    describe("item 2: routes assumed, not shown", () => {
        const privateCluster = configOf(EXAMPLE, { clusterAccess: "private" });
        it("private cluster: kube clients → API endpoint 6443 is not proven without a declared path (issue #11 item 2, fixed)", () =>
            assertAgrees(privateCluster, "endpoint-api-from-kube-clients"));
        it("private cluster: row 8 likewise (issue #11 item 2, fixed)", () =>
            assertAgrees(privateCluster, "row 8"));
        it("public cluster: kube clients → the private worker subnet's node ports, row 10 (issue #11 item 2, fixed)", () =>
            assertAgrees(configOf(EXAMPLE), "row 10"));
        it("kube clients → the private control-plane subnet 6443 (issue #11 item 2, fixed)", () =>
            assertAgrees(configOf(EXAMPLE), "control-plane-api-from-kube-clients"));
    });

    describe("item 3: Oracle's egress by default", () => {
        const outside = "198.51.100.0/24";
        const tcp = (sources: string, port: number): OracleFlowSpec => ({
            sources: [sources],
            destinations: [outside],
            protocol: "tcp",
            ports: { min: port, max: port },
        });
        const defaults = configOf(EXAMPLE);
        for (const port of [80, 443, 5000]) {
            it(`default egress: the control plane reaches yum/registry port ${port} through the NAT (issue #11 item 3, fixed)`, () =>
                assertHolds(
                    defaults,
                    tcp(EXAMPLE.subnets.controlPlane as string, port),
                    `control plane → ${outside}:${port}`,
                ));
        }
        it("default egress, VCN-native: pods reach 0.0.0.0/0 TCP 443 (public-OCI V-P9; issue #11 item 3, fixed)", () =>
            assertHolds(configOf(NATIVE), tcp(NATIVE.subnets.pod as string, 443), "pods → outside 443"));
        it("default egress: a worker sends ICMP 3/4 (path MTU discovery) out of the VCN (issue #11 item 3, fixed)", () =>
            assertHolds(
                defaults,
                {
                    sources: [EXAMPLE.subnets.worker as string],
                    destinations: [outside],
                    protocol: "icmp",
                    icmp: { type: 3, code: 4 },
                },
                "worker → outside ICMP 3/4",
            ));
        it("egress flows: control plane → registry 5000 through the NAT it is routed to (issue #11 item 3, fixed)", () =>
            assertHolds(
                configOf(EXAMPLE, { egress: "flows" }),
                tcp(EXAMPLE.subnets.controlPlane as string, 5000),
                "control plane → registry",
            ));
    });

    describe("item 4: nsgs mode keeps what NSGs cannot carry", () => {
        const nsgs = configOf(EXAMPLE, { securityRules: "nsgs" });
        const bare = ["control-plane-endpoint", "service-lb"];
        const flows = [
            "endpoint-api-from-c3-internal",
            "endpoint-api-from-kube-clients",
            "service-lb-ingress-https",
        ];
        for (const id of flows) {
            it(`${id} holds for an LB VNIC without the role NSG (issue #11 item 4, fixed)`, async () => {
                const { recorded } = await compared(nsgs);
                const flow = recorded.required.find((f) => f.id === id);
                assert.ok(flow !== undefined);
                const j = judgeFlow(
                    networkFromRecords(recorded.records, { withoutNsg: bare }),
                    oracleSpec(flow),
                );
                assert.equal(j.outcome, "allowed", firstFailure(j));
            });
        }
    });

    describe("item 5: extraRules are satisfiable or refused", () => {
        const cases: [string, Partial<WorkloadClusterNetworkArgs>][] = [
            [
                "egress into a managed subnet without its ingress",
                {
                    extraRules: [
                        {
                            name: "to-lb",
                            role: "worker",
                            direction: "egress",
                            protocol: "tcp",
                            cidr: EXAMPLE.subnets.serviceLb as string,
                            portMin: 7000,
                        },
                    ],
                },
            ],
            [
                "an air-gapped mirror outside the VCN with no route",
                {
                    clusterAccess: "private",
                    natGateway: false,
                    extraRules: [
                        {
                            name: "mirror",
                            role: "worker",
                            direction: "egress",
                            protocol: "tcp",
                            cidr: "10.99.0.0/24",
                            portMin: 8080,
                        },
                    ],
                },
            ],
        ];
        for (const [what, extra] of cases) {
            it(`${what}: every required flow holds per the oracle, or the config is refused (issue #11 item 5, fixed)`, async () => {
                const c = configOf(EXAMPLE, extra);
                const recorded = await recordCase(c.args);
                if (recorded === undefined) return;
                const net = networkFromRecords(recorded.records);
                const failing = recorded.required
                    .map((f) => ({ id: f.id, j: judgeFlow(net, oracleSpec(f)) }))
                    .filter(({ id, j }) => id.startsWith("extra-") && j.outcome !== "allowed");
                assert.deepEqual(
                    failing.map(({ id, j }) => `${id}: ${firstFailure(j)}`),
                    [],
                );
            });
        }
    });

    describe("found by the oracle on edited records (not in issue #11's list)", () => {
        /** The example network with egress "all", edited, compared on `label`. */
        async function agreesAfter(label: string, edit: (records: ResourceRecord[]) => void): Promise<void> {
            const c = configOf(EXAMPLE, { egress: "all" });
            const { recorded } = await compared(c);
            const records = structuredClone(recorded.records);
            edit(records);
            const x = compareNetwork(c, records, recorded.required).find((y) => y.label === label);
            assert.ok(x !== undefined);
            const oracle =
                x.oracle.outcome === "allowed"
                    ? "allowed"
                    : `${x.oracle.outcome} (${firstFailure(x.oracle)})`;
            assert.equal(
                x.analyzer === "allowed",
                x.oracle.outcome === "allowed",
                `${label}: analyzer ${x.analyzer}, oracle ${oracle}`,
            );
        }
        const byName = (records: ResourceRecord[], type: string, name: string): ResourceRecord => {
            const found = records.find((r) => r.type === type && r.inputs.displayName === name);
            assert.ok(found !== undefined, `${name} registered`);
            return found;
        };
        it("stateless precedence: a stateless egress rule for port 5000 beside the stateful egress-all leaves port-5000 replies untracked (found by the oracle; fixed)", () =>
            agreesAfter("egress-all", (records) => {
                const list = byName(records, "oci:Core/securityList:SecurityList", "worker-seclist");
                const egress = (list.inputs.egressSecurityRules ?? []) as Record<string, unknown>[];
                egress.push({
                    protocol: "6",
                    destination: "0.0.0.0/0",
                    destinationType: "CIDR_BLOCK",
                    stateless: true,
                    tcpOptions: { min: 5000, max: 5000 },
                });
                list.inputs.egressSecurityRules = egress;
            }));
        it("gateway state: a NAT gateway that blocks traffic carries nothing, row 3 (found by the oracle; fixed)", () =>
            agreesAfter("row 3", (records) => {
                byName(records, "oci:Core/natGateway:NatGateway", "nat-gateway").inputs.blockTraffic = true;
            }));
    });

    describe("the oracle's side of the same cases, checked now", () => {
        it("proves row 1 from a bastion host inside service-lb with egress flows (refuted before the item 1 fix)", async () => {
            const x = await comparison(configOf(EXAMPLE, { egress: "flows" }), "row 1");
            assert.equal(x.oracle.outcome, "allowed", firstFailure(x.oracle));
        });

        it("a private cluster with a declared DRG route (routeRules) is proven end to end, without assumptions", async () => {
            const c = configOf(EXAMPLE, {
                clusterAccess: "private",
                routeRules: [
                    {
                        name: "on-prem",
                        destination: "10.0.0.0/8",
                        networkEntityId: "ocid1.drg.oc1.c3.onprem",
                    },
                ],
            });
            for (const label of ["endpoint-api-from-kube-clients", "row 8", "row 10"]) {
                const x = await comparison(c, label);
                assert.equal(x.oracle.outcome, "allowed", `${label}: ${firstFailure(x.oracle)}`);
                assert.equal(x.analyzer, "allowed", label);
            }
        });

        it("proves row 1 with egress all, where every subnet may send", async () => {
            const x = await comparison(configOf(EXAMPLE, { egress: "all" }), "row 1");
            assert.equal(x.oracle.outcome, "allowed", firstFailure(x.oracle));
        });

        it("holds the private cluster's kube-client flow as assumed, and proves it once a DRG route is declared", async () => {
            const c = configOf(EXAMPLE, { clusterAccess: "private" });
            const x = await comparison(c, "endpoint-api-from-kube-clients");
            assert.equal(x.oracle.outcome, "assumed", firstFailure(x.oracle));
            const { recorded } = await compared(c);
            const withDrg = recorded.records.map((r): ResourceRecord => {
                const subnet =
                    r.type === "oci:Core/subnet:Subnet" && r.inputs.displayName === "control-plane-endpoint";
                return subnet
                    ? { ...r, inputs: { ...r.inputs, routeTableId: "ocid1.routetable.test.drg" } }
                    : r;
            });
            withDrg.push({
                type: "oci:Core/routeTable:RouteTable",
                name: "drg-routes",
                urn: "urn:test:drg-routes",
                id: "ocid1.routetable.test.drg",
                inputs: {
                    displayName: "drg",
                    routeRules: [{ destination: "10.0.0.0/8", networkEntityId: "ocid1.drg.oc1..onprem" }],
                },
            });
            const j = judgeFlow(networkFromRecords(withDrg), oracleSpec(x.flow));
            assert.equal(j.outcome, "allowed", firstFailure(j));
        });
    });
});
