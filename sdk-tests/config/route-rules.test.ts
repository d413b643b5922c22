import * as assert from "node:assert/strict";
import { NetworkConfigError, type WorkloadClusterNetworkArgs } from "../../src/config/types";
import { resolveConfig } from "../../src/config/validate";

/* `routeRules`: the typed path to a DRG or LPG, validated before anything is registered. */

const base: WorkloadClusterNetworkArgs = {
    compartmentId: "ocid1.compartment.oc1..test",
    cidrs: { vcn: "172.31.252.0/23" },
    kubeClientCidrs: ["10.0.0.0/8"],
    clusterAccess: "private",
};

function problems(routeRules: unknown): { path: string; fix: string; message: string }[] {
    try {
        resolveConfig({ ...base, routeRules } as WorkloadClusterNetworkArgs);
    } catch (e) {
        assert.ok(e instanceof NetworkConfigError);
        return e.problems.map((p) => ({ path: p.path, fix: p.fix, message: p.message }));
    }
    return [];
}

describe("routeRules validation", () => {
    it("accepts a DRG and an LPG by OCID, defaulting to every route table", () => {
        const config = resolveConfig({
            ...base,
            routeRules: [
                { name: "on-prem", destination: "10.0.0.0/8", networkEntityId: "ocid1.drg.oc1.c3.aaaa" },
                {
                    name: "peer",
                    destination: "192.168.0.0/16",
                    networkEntityId: "ocid1.localpeeringgateway.oc1.c3.bbbb",
                    routeTables: ["nat_private"],
                },
            ],
        });
        assert.deepEqual(
            config.routeRules.map((r) => [r.name, r.targetKind, r.routeTables.join(",")]),
            [
                ["on-prem", "drg", "nat_private,vcn_private,public"],
                ["peer", "lpg", "nat_private"],
            ],
        );
    });

    it("refuses an OCID of another kind, with the fix", () => {
        const [p] = problems([
            { name: "x", destination: "10.0.0.0/8", networkEntityId: "ocid1.natgateway.oc1..a" },
        ]);
        assert.equal(p.path, "routeRules[0].networkEntityId");
        assert.match(p.message, /ocid1\.drg\.….*ocid1\.localpeeringgateway\.…/);
    });

    it("refuses a destination inside the VCN, 0.0.0.0/0 and a CIDR with host bits", () => {
        const found = problems([
            { name: "a", destination: "172.31.253.0/24", networkEntityId: "ocid1.drg.oc1.c3.a" },
            { name: "b", destination: "0.0.0.0/0", networkEntityId: "ocid1.drg.oc1.c3.a" },
            { name: "c", destination: "10.0.0.1/8", networkEntityId: "ocid1.drg.oc1.c3.a" },
        ]);
        assert.deepEqual(
            found.map((p) => p.path),
            ["routeRules[0].destination", "routeRules[1].destination", "routeRules[2].destination"],
        );
        assert.match(found[0].message, /overlaps the VCN 172\.31\.252\.0\/23/);
        assert.match(found[2].fix, /10\.0\.0\.0\/8/);
    });

    it("refuses duplicate names and unknown route tables", () => {
        const found = problems([
            { name: "a", destination: "10.0.0.0/8", networkEntityId: "ocid1.drg.oc1.c3.a" },
            { name: "a", destination: "192.168.0.0/16", networkEntityId: "ocid1.drg.oc1.c3.a" },
            {
                name: "b",
                destination: "192.168.0.0/16",
                networkEntityId: "ocid1.drg.oc1.c3.a",
                routeTables: ["private"],
            },
        ]);
        assert.deepEqual(
            found.map((p) => p.path),
            ["routeRules[1].name", "routeRules[2].routeTables"],
        );
    });
});
