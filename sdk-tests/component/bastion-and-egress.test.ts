import * as assert from "node:assert/strict";
import { evaluateFlow, type FlowQuery } from "../../src/analysis/evaluate/evaluate";
import { ORACLE_EXAMPLE, SEED_TABLE, type Layout } from "../fixtures/oracle-tables";
import { HARDENED_EGRESS, HARDENED_POD_EGRESS, VCN_NATIVE_EXAMPLE } from "../fixtures/topology-tables";
import { argsFor, assertAllowed, deploy, queriesFor, type Deployment } from "../fixtures/harness";

/*
 * Issue #11, items 1 and 3, against what the component REGISTERED: Oracle's bastion is `vcn_cidr` (port
 * table rows 1-2, kmilb-seclist #3), so a bastion host may sit in ANY managed subnet, and each of those hosts
 * must reach the workers and the control plane on 22 and the API load balancer on 6443, in every topology
 * and egress mode. Hosts are single addresses (/32) inside each subnet, written from Oracle's layouts.
 * The hardened mode must also let the control plane and pods reach yum, the registry and the C3 API, and
 * every subnet send ICMP 3 (Path Discovery) and 11.
 */

/** The first usable address of each managed subnet (OCI reserves .0-.1 of each subnet for the gateway). */
const HOSTS: Record<string, Record<string, string>> = {
    [ORACLE_EXAMPLE.name]: {
        worker: "172.31.253.10/32",
        "service-lb": "172.31.252.10/32",
        "control-plane": "172.31.252.230/32",
        "control-plane-endpoint": "172.31.252.250/32",
    },
    [VCN_NATIVE_EXAMPLE.name]: {
        worker: "172.31.8.10/32",
        "service-lb": "172.31.0.10/32",
        "control-plane": "172.31.4.10/32",
        "control-plane-endpoint": "172.31.2.10/32",
        pod: "172.31.16.10/32",
    },
};

const TARGETS = [
    { label: "row 1: workers TCP 22", var: "worker_cidr", port: 22 },
    { label: "row 2: control plane TCP 22", var: "kmi_cidr", port: 22 },
    { label: "kmilb-seclist #3: API load balancer TCP 6443", var: "kmilb_cidr", port: 6443 },
] as const;

function bastionQuery(layout: Layout, host: string, target: (typeof TARGETS)[number]): FlowQuery {
    return {
        id: `bastion ${host} → ${target.label}`,
        source: { cidr: host },
        destination: { cidr: layout.cidrs[target.var] },
        protocol: "tcp",
        ports: { min: target.port, max: target.port },
    };
}

const TOPOLOGIES = [
    ["Flannel, public", ORACLE_EXAMPLE, {}],
    ["Flannel, private", ORACLE_EXAMPLE, { clusterAccess: "private" }],
    ["Flannel, private, air-gapped", ORACLE_EXAMPLE, { clusterAccess: "private", natGateway: false }],
    ["Flannel, NSGs", ORACLE_EXAMPLE, { securityRules: "nsgs" }],
    ["VCN-native, public", VCN_NATIVE_EXAMPLE, { cni: "vcn-native" }],
    [
        "VCN-native, private, NSGs",
        VCN_NATIVE_EXAMPLE,
        { cni: "vcn-native", clusterAccess: "private", securityRules: "nsgs" },
    ],
] as const;

for (const [name, layout, extra] of TOPOLOGIES) {
    for (const egress of ["all", "flows"] as const) {
        describe(`${name}, egress ${egress}: the bastion from inside every managed subnet`, () => {
            let d: Deployment;
            before(async () => {
                d = await deploy(argsFor(layout, { ...extra, egress }));
            });
            for (const [subnet, host] of Object.entries(HOSTS[layout.name])) {
                it(`a bastion host in ${subnet} (${host}) reaches rows 1-2 and the API load balancer`, () => {
                    for (const target of TARGETS) {
                        const v = assertAllowed(d.model, bastionQuery(layout, host, target));
                        assert.equal(v.egress.status, "allowed", `egress at ${subnet}`);
                        assert.equal(v.egress.subnet, subnet);
                    }
                });
            }
            it("the bastion's whole vcn_cidr holds rows 1-2, each subnet part checked", () => {
                for (const row of SEED_TABLE.slice(0, 2))
                    for (const q of queriesFor(layout, row)) {
                        const v = assertAllowed(d.model, q);
                        assert.deepEqual(
                            v.parts?.map((p) => p.source).sort(),
                            Object.values(layout.cidrs)
                                .filter((c) => c !== layout.cidrs.vcn_cidr)
                                .sort(),
                        );
                    }
            });
            if (egress === "flows" && !("natGateway" in extra)) {
                const all =
                    layout === VCN_NATIVE_EXAMPLE
                        ? [...HARDENED_EGRESS, ...HARDENED_POD_EGRESS]
                        : HARDENED_EGRESS;
                // Private load-balancer subnets have no route out of the VCN in hardened mode (vcn_private).
                const unrouted = (f: (typeof all)[number]): boolean =>
                    "clusterAccess" in extra && (f.source === "workerlb_cidr" || f.source === "kmilb_cidr");
                for (const flow of all.filter((f) => !unrouted(f))) {
                    it(`hardened: ${flow.label}`, () => {
                        for (const q of queriesFor(layout, flow)) assertAllowed(d.model, q);
                    });
                }
            }
        });
    }
}

describe("the hardened mode denies what Oracle's egress-all would allow", () => {
    it("control plane → anywhere TCP 22 is closed, and open with Oracle's default", async () => {
        const q: FlowQuery = {
            id: "cp ssh out",
            source: { cidr: ORACLE_EXAMPLE.cidrs.kmi_cidr },
            destination: { cidr: "0.0.0.0/0", outsideOnly: true },
            protocol: "tcp",
            ports: { min: 22, max: 22 },
        };
        const hardened = await deploy(argsFor(ORACLE_EXAMPLE, { egress: "flows" }));
        assert.equal(evaluateFlow(hardened.model, q).status, "denied");
        const oracle = await deploy(argsFor(ORACLE_EXAMPLE));
        assert.equal(evaluateFlow(oracle.model, q).status, "allowed");
    });
});
