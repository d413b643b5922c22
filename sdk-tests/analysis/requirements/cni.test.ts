import * as assert from "node:assert/strict";
import type { ResourceRecord } from "../../../src/analysis/model/resources";
import { clustersInVcn, detectCni } from "../../../src/analysis/requirements/cni";
import { requiredFlowsForModel } from "../../../src/analysis/requirements/flows-for-model";
import { oracleModel } from "../models";

/*
 * One CNI reader for the CLI, the analyzer API and the policy pack. Oracle's two designs differ in their
 * required flows (docs/oracle-c3-network.md §1a Flannel UDP 8285-8472 between workers; §1b VCN-native: a pod
 * subnet), so a wrong guess changes the verdicts: each piece of evidence is checked on its own.
 */

function cluster(cniType: string, vcnId = "vcn"): ResourceRecord {
    return {
        type: "oci:ContainerEngine/cluster:Cluster",
        name: "oke",
        urn: `urn:pulumi:dev::p::oci:ContainerEngine/cluster:Cluster::oke-${cniType}`,
        inputs: { name: "oke", vcnId, clusterPodNetworkOptions: [{ cniType }] },
    };
}

describe("detectCni: Oracle's Flannel or VCN-native design, from the network's evidence", () => {
    it("Flannel when nothing says VCN-native (Oracle's example network, no pod subnet)", () => {
        assert.deepEqual(detectCni({ model: oracleModel() }), {
            cni: "flannel",
            why: "nothing in the network uses VCN-native pod networking",
        });
    });

    it("VCN-native from a cluster in the VCN with cniType OCI_VCN_IP_NATIVE, Flannel from FLANNEL_OVERLAY", () => {
        const model = oracleModel();
        assert.equal(detectCni({ model, clusters: [cluster("OCI_VCN_IP_NATIVE")] }).cni, "vcn-native");
        assert.equal(detectCni({ model, clusters: [cluster("FLANNEL_OVERLAY")] }).cni, "flannel");
    });

    it("VCN-native from a subnet with Oracle's pod role, or a component layout with a pod subnet", () => {
        const model = oracleModel();
        model.subnets.push({
            ...model.subnets[0],
            key: "pod",
            name: "pod",
            role: "pod",
            cidr: "10.0.64.0/18",
        });
        assert.equal(detectCni({ model }).cni, "vcn-native");
        const plain = oracleModel();
        assert.equal(
            detectCni({ model: plain, component: { name: "net", hasPodSubnet: true } }).cni,
            "vcn-native",
        );
        assert.equal(
            detectCni({ model: plain, component: { name: "net", hasPodSubnet: false } }).cni,
            "flannel",
        );
    });

    it("the configured CNI wins over the evidence", () => {
        const decision = detectCni({
            configured: "flannel",
            model: oracleModel(),
            clusters: [cluster("OCI_VCN_IP_NATIVE")],
        });
        assert.equal(decision.cni, "flannel");
    });

    it("clustersInVcn keeps the clusters whose vcnId names the VCN (by URN or id), not another VCN's", () => {
        const vcn: ResourceRecord = {
            type: "oci:Core/vcn:Vcn",
            name: "vcn",
            urn: "vcn",
            id: "ocid1.vcn.oc1..a",
            inputs: {},
        };
        const byId = cluster("OCI_VCN_IP_NATIVE", "ocid1.vcn.oc1..a");
        const other = cluster("OCI_VCN_IP_NATIVE", "ocid1.vcn.oc1..b");
        assert.deepEqual(clustersInVcn([vcn, byId, other], oracleModel()), [byId]);
    });

    it("the analyzer's requirements follow it: a VCN-native cluster makes the Flannel overlay flows not required", () => {
        const model = oracleModel();
        const flannel = requiredFlowsForModel(model);
        const native = requiredFlowsForModel(model, { clusters: [cluster("OCI_VCN_IP_NATIVE")] });
        assert.equal(flannel.context.cni, "flannel");
        assert.equal(native.context.cni, "vcn-native");
        const udpOverlay = (r: typeof flannel): boolean =>
            r.flows.some((f) => f.protocol === "udp" && f.ports?.min === 8285 && f.ports.max === 8472);
        assert.equal(
            udpOverlay(flannel),
            true,
            "Flannel requires UDP 8285-8472 (docs/oracle-c3-network.md §1a)",
        );
        assert.equal(udpOverlay(native), false);
    });
});
