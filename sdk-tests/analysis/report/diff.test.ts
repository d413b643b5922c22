import * as assert from "node:assert/strict";
import { analyzeNetwork } from "../../../src/analysis/analyze";
import { diffModels, diffReports, type ModelDiff } from "../../../src/analysis/report/diff";
import { valueOf } from "../../../src/testing/mock-run";
import type { ResolvedFlow } from "../../../src/catalogue/types";
import type { WorkloadClusterNetworkArgs } from "../../../src/config/types";
import { argsFor, deploy, type Deployment } from "../../fixtures/harness";
import { ORACLE_EXAMPLE } from "../../fixtures/oracle-tables";

/*
 * What a change opens or closes, on the component's registered networks. The expected sets are written
 * literally: a probe is `source → destination traffic`, subnets by role.
 */

interface Side {
    deployment: Deployment;
    flows: ResolvedFlow[];
}

async function side(extra: Partial<WorkloadClusterNetworkArgs> = {}): Promise<Side> {
    const deployment = await deploy(argsFor(ORACLE_EXAMPLE, extra));
    return { deployment, flows: (await valueOf(deployment.network.requiredFlows)) as ResolvedFlow[] };
}

function diff(before: Side, after: Side): ModelDiff {
    return diffModels(before.deployment.model, after.deployment.model, [...before.flows, ...after.flows]);
}

const keys = (changes: ModelDiff["opened"]): string[] => changes.map((c) => c.probe.key).sort();

describe("diffModels", () => {
    let base: Side;
    let twoClients: Side;
    before(async () => {
        base = await side();
        twoClients = await side({ kubeClientCidrs: ["10.0.0.0/8", "192.168.0.0/16"] });
    });

    it("adding a kube client CIDR opens exactly the API, the NodePorts and the LB front ends for it", () => {
        const d = diff(base, twoClients);
        assert.deepEqual(keys(d.opened), [
            "192.168.0.0/16 → role:controlPlane TCP 6443",
            "192.168.0.0/16 → role:controlPlaneEndpoint TCP 6443",
            "192.168.0.0/16 → role:serviceLb TCP 443",
            "192.168.0.0/16 → role:serviceLb TCP 80",
            "192.168.0.0/16 → role:worker TCP 30000-32767",
        ]);
        assert.deepEqual(d.closed, []);
        assert.ok(d.probes > 40, `${d.probes} probes`);
    });

    it("names the rules responsible for what it opens", () => {
        const api = diff(base, twoClients).opened.find(
            (c) => c.probe.key === "192.168.0.0/16 → role:controlPlane TCP 6443",
        );
        assert.deepEqual(api?.before.status, "denied");
        assert.deepEqual(
            api?.after.rules.map((r) => `${r.name} ${r.direction}`),
            ["kmi-seclist ingress"],
        );
        assert.deepEqual(api?.probe.origins, [
            "control-plane-api-from-kube-clients",
            "rule kmi-seclist ingress 2",
        ]);
    });

    it("removing it closes exactly the same probes, with the reason", () => {
        const d = diff(twoClients, base);
        assert.deepEqual(keys(d.closed), keys(diff(base, twoClients).opened));
        assert.deepEqual(d.opened, []);
        assert.match(d.closed[0].after.reasons.join(" "), /no ingress rule/);
    });

    it("no change opens or closes nothing", () => {
        const d = diff(base, base);
        assert.deepEqual([d.opened, d.closed], [[], []]);
    });

    it("egress all (the default) opens all protocols from every subnet to 0.0.0.0/0, against the hardened mode", async () => {
        const hardened = await side({ egress: "flows" });
        const d = diff(hardened, base);
        assert.deepEqual(keys(d.opened), [
            "role:controlPlane → 0.0.0.0/0 all protocols",
            "role:controlPlaneEndpoint → 0.0.0.0/0 all protocols",
            "role:serviceLb → 0.0.0.0/0 all protocols",
            "role:worker → 0.0.0.0/0 all protocols",
        ]);
        assert.deepEqual(d.closed, []);
    });

    it("takes an explicit probe list as is", () => {
        const probes = [
            {
                key: "10.0.0.0/8 → role:worker TCP 22",
                source: { cidr: "10.0.0.0/8" },
                destination: { role: "worker" as const },
                protocol: "tcp" as const,
                ports: { min: 22, max: 22 },
                origins: ["test"],
            },
        ];
        const d = diffModels(base.deployment.model, twoClients.deployment.model, probes);
        assert.equal(d.probes, 1);
        assert.deepEqual([d.opened, d.closed], [[], []]);
    });
});

describe("diffReports", () => {
    it("lists the flows whose verdict changed and the findings added or resolved", async () => {
        const base = await side();
        const extra = await side({
            extraRules: [
                {
                    name: "rdp",
                    role: "worker",
                    direction: "ingress",
                    protocol: "tcp",
                    cidr: "0.0.0.0/0",
                    portMin: 3389,
                },
            ],
            worldWideSources: [
                { field: "extraRules.rdp", reason: "remote desktop from anywhere, on purpose" },
            ],
        });
        const before = analyzeNetwork(base.deployment.model, base.flows);
        const after = analyzeNetwork(extra.deployment.model, extra.flows);
        const d = diffReports(before, after);
        assert.deepEqual(d.flows, [{ id: "extra-rdp", before: "absent", after: "allowed" }]);
        assert.deepEqual(
            d.addedFindings.map((f) => f.kind),
            ["ingress-from-anywhere"],
        );
        assert.deepEqual(
            diffReports(after, before).resolvedFindings.map((f) => f.kind),
            ["ingress-from-anywhere"],
        );
    });
});
