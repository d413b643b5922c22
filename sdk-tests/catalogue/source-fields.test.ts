import * as assert from "node:assert/strict";
import { requiredFlowsFor } from "../../src/catalogue/flows";
import { resolveConfig } from "../../src/config/validate";

/*
 * A `worldWideSources` acknowledgement names a config field; each flow says which fields its source CIDRs
 * come from, so the acknowledgement reaches exactly the flows of that field and no other.
 */

const config = resolveConfig({
    compartmentId: "ocid1.compartment.oc1..test",
    cidrs: { vcn: "172.31.252.0/23" },
    kubeClientCidrs: ["10.0.0.0/8"],
    serviceLbIngress: [
        { name: "http", port: 80 },
        { name: "app", port: 8443, sources: ["192.168.0.0/16"] },
    ],
    extraRules: [
        {
            name: "ssh-in",
            role: "worker",
            direction: "ingress",
            protocol: "tcp",
            portMin: 22,
            portMax: 22,
            cidr: "192.168.1.0/24",
        },
    ],
});
const fields = (id: string): string[] | undefined =>
    requiredFlowsFor(config).find((f) => f.id === id)?.sourceFields;

describe("catalogue: the config fields a flow's sources come from", () => {
    it("port-table rows from the kube clients and the bastion name kubeClientCidrs and bastionCidrs", () => {
        const flows = requiredFlowsFor(config);
        for (const f of flows.filter((f) => f.source.ref === "kubeClients"))
            assert.deepEqual(f.sourceFields, ["kubeClientCidrs"], f.id);
        for (const f of flows.filter((f) => f.source.ref === "bastion"))
            assert.deepEqual(f.sourceFields, ["bastionCidrs"], f.id);
    });

    it("a service-LB front-end names its entry, and kubeClientCidrs only when it takes the kube clients", () => {
        assert.deepEqual(fields("service-lb-ingress-http"), ["serviceLbIngress.http", "kubeClientCidrs"]);
        assert.deepEqual(fields("service-lb-ingress-app"), ["serviceLbIngress.app"]);
    });

    it("an extra rule names its entry; flows between managed subnets name no field", () => {
        assert.deepEqual(fields("extra-ssh-in"), ["extraRules.ssh-in"]);
        const internal = requiredFlowsFor(config).filter((f) => f.source.role !== undefined);
        assert.ok(internal.length > 0);
        for (const f of internal) assert.equal(f.sourceFields, undefined, f.id);
    });
});
