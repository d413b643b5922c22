import * as assert from "node:assert/strict";
import { requiredFlowsFor } from "../../src/catalogue/flows";
import { NetworkConfigError, type WorkloadClusterNetworkArgs } from "../../src/config/types";
import { resolveConfig } from "../../src/config/validate";
import { planNetwork } from "../../src/plan/plan";

/*
 * The plan's side of issue #11 items 2, 5 and 6: declared DRG routes land in the route tables, an extra
 * rule's other half is rendered or the config refused, and provenance follows the rule's content.
 */

const base: WorkloadClusterNetworkArgs = {
    compartmentId: "ocid1.compartment.oc1..test",
    cidrs: { vcn: "172.31.252.0/23" },
    kubeClientCidrs: ["10.0.0.0/8"],
};

function plan(extra: Partial<WorkloadClusterNetworkArgs>) {
    return planNetwork(resolveConfig({ ...base, ...extra }));
}

describe("plan: routeRules", () => {
    it("adds the DRG route to every route table the network uses", () => {
        const p = plan({
            clusterAccess: "private",
            egress: "flows",
            routeRules: [
                { name: "on-prem", destination: "10.0.0.0/8", networkEntityId: "ocid1.drg.oc1.c3.x" },
            ],
        });
        assert.deepEqual(
            p.routeTables.map((t) => [t.displayName, t.rules.map((r) => `${r.destination} ${r.target}`)]),
            [
                ["nat_private", ["0.0.0.0/0 nat", "10.0.0.0/8 drg"]],
                ["vcn_private", ["10.0.0.0/8 drg"]],
            ],
        );
    });
});

describe("plan: extraRules are satisfiable or refused", () => {
    it("renders the ingress half of an egress rule into a managed subnet", () => {
        const p = plan({
            egress: "flows",
            extraRules: [
                {
                    name: "to-lb",
                    role: "worker",
                    direction: "egress",
                    protocol: "tcp",
                    cidr: "172.31.252.0/25",
                    portMin: 8080,
                },
            ],
        });
        const lb = p.securityLists.find((l) => l.owner === "serviceLb");
        assert.ok(lb?.ingress.some((r) => r.peer === "172.31.253.0/24" && r.ports?.min === 8080));
    });

    it("renders the egress half, in each subnet, of an ingress rule from a range that spans them", () => {
        const p = plan({
            egress: "flows",
            extraRules: [
                {
                    name: "scrape",
                    role: "worker",
                    direction: "ingress",
                    protocol: "tcp",
                    cidr: "172.31.252.0/23",
                    portMin: 9100,
                },
            ],
        });
        const common = p.securityLists.find((l) => l.owner === "common");
        assert.ok(common?.egress.some((r) => r.peer === "172.31.253.0/24" && r.ports?.min === 9100));
    });

    it("refuses egress that leaves an air-gapped VCN without a route, with the fix", () => {
        assert.throws(
            () =>
                plan({
                    clusterAccess: "private",
                    natGateway: false,
                    extraRules: [
                        {
                            name: "mirror",
                            role: "worker",
                            direction: "egress",
                            protocol: "tcp",
                            cidr: "192.168.10.0/24",
                            portMin: 443,
                        },
                    ],
                }),
            (e: unknown) =>
                e instanceof NetworkConfigError &&
                e.problems[0].path === "extraRules[0].cidr" &&
                /route table vcn_private has no route/.test(e.problems[0].message) &&
                /routeRules/.test(e.problems[0].fix),
        );
    });

    it("accepts it once a DRG route covers the mirror", () => {
        const p = plan({
            clusterAccess: "private",
            natGateway: false,
            routeRules: [
                { name: "dc", destination: "192.168.0.0/16", networkEntityId: "ocid1.drg.oc1.c3.x" },
            ],
            extraRules: [
                {
                    name: "mirror",
                    role: "worker",
                    direction: "egress",
                    protocol: "tcp",
                    cidr: "192.168.10.0/24",
                    portMin: 443,
                },
            ],
        });
        assert.ok(p.flows.some((f) => f.id === "extra-mirror"));
    });
});

describe("plan: honest labels", () => {
    it("a user front-end entry is provenance user; Oracle's kube_client_cidr → 80/443 are c3-doc", () => {
        const flows = requiredFlowsFor(
            resolveConfig({
                ...base,
                serviceLbIngress: [
                    { name: "http", port: 80 },
                    { name: "https", port: 443 },
                    { name: "http-alt", port: 8080, sources: ["192.168.0.0/16"] },
                    { name: "https-other", port: 443, sources: ["192.168.0.0/16"] },
                ],
            }),
        );
        const of = (id: string) => flows.find((f) => f.id === id);
        assert.deepEqual(
            ["http", "https", "http-alt", "https-other"].map((n) => [
                n,
                of(`service-lb-ingress-${n}`)?.provenance,
                of(`service-lb-ingress-${n}`)?.refs[0],
            ]),
            [
                ["http", "c3-doc", "C3 workerlb-seclist 3.3"],
                ["https", "c3-doc", "C3 workerlb-seclist 3.3"],
                ["http-alt", "user", "serviceLbIngress.http-alt"],
                ["https-other", "user", "serviceLbIngress.https-other"],
            ],
        );
    });

    it("Oracle's egress-all is the default and air-gapped keeps it, rendered but not required", () => {
        const p = plan({ clusterAccess: "private", natGateway: false });
        assert.equal(p.config.egress, "all");
        assert.ok(
            p.rules.some((r) => r.owner === "common" && r.protocol === "all" && r.peer === "0.0.0.0/0"),
        );
        assert.ok(!p.flows.some((f) => f.id === "egress-all"));
    });
});
