import * as assert from "node:assert/strict";
import * as oci from "@pulumi/oci";
import { WorkloadClusterNetwork } from "../../src/component/workload-cluster-network";
import type { WorkloadClusterNetworkArgs } from "../../src/config/types";
import type { ResourceRecord } from "../../src/analysis/model/resources";
import { recordProgram } from "../../src/testing/mock-run";
import { argsFor } from "../fixtures/harness";
import { ORACLE_EXAMPLE } from "../fixtures/oracle-tables";
import { VCN_NATIVE_CARVED, VCN_NATIVE_EXAMPLE } from "../fixtures/topology-tables";
import { declareNetwork, oracleNetwork } from "../policy/hand-written";
import { recordProgram as recordWithMonitorPatch } from "./legacy-mock-engine";

/*
 * The mock run built on the public SDK API must hand the analyzer exactly the records it got when it read
 * them off the mock monitor's RegisterResource requests (the reference, kept in this folder, which patches
 * the monitor through a private SDK path): type, name, URN, id, inputs, parent and property dependencies,
 * in the same order, for every topology and for hand-written networks, in a preview and in an update.
 */

/**
 * The records sorted by URN (then name, for reads, which have none). The reference lists them in the order
 * the monitor received them, which follows the SDK's promise scheduling; the mock run lists them in the
 * order the program declared them (checked below), so the comparison is of the sets.
 */
function byUrn(records: ResourceRecord[]): ResourceRecord[] {
    return [...records].sort((a, b) => a.urn.localeCompare(b.urn) || a.name.localeCompare(b.name));
}

const COMPARTMENT = "ocid1.compartment.oc1..test";

function component(args: WorkloadClusterNetworkArgs): () => unknown {
    return () => new WorkloadClusterNetwork("oke", args);
}

/** A VCN declared by the program, then handed to the component as an existing VCN (an Output id). */
function componentInProgramVcn(): unknown {
    const vcn = new oci.core.Vcn("outer-vcn", {
        compartmentId: COMPARTMENT,
        cidrBlocks: ["172.31.252.0/23"],
    });
    return new WorkloadClusterNetwork("oke", argsFor(ORACLE_EXAMPLE, { existingVcn: { id: vcn.id } }));
}

/**
 * Resources that depend on the component: through its outputs (plain Outputs of its children), through the
 * component itself (its URN, which the engine expands to the custom resources it parents), and as a child.
 */
function dependentsOfComponent(): unknown {
    const network = new WorkloadClusterNetwork("oke", argsFor(ORACLE_EXAMPLE));
    new oci.containerengine.Cluster("cluster", {
        compartmentId: COMPARTMENT,
        vcnId: network.vcnId,
        kubernetesVersion: "v1.29.1",
        name: network.urn.apply(() => "oke"),
        endpointConfig: { subnetId: network.subnetIds.apply((ids) => ids.controlPlane) },
    });
    new oci.core.Vcn(
        "child-vcn",
        { compartmentId: COMPARTMENT, cidrBlocks: ["10.9.0.0/16"] },
        { parent: network },
    );
    return network;
}

const PROGRAMS: Record<string, () => unknown> = {
    "Oracle's example (flannel, public)": component(argsFor(ORACLE_EXAMPLE)),
    "VCN-native, explicit": component(argsFor(VCN_NATIVE_EXAMPLE, { cni: "vcn-native" })),
    "VCN-native, carved": component(argsFor(VCN_NATIVE_CARVED, { cni: "vcn-native" })),
    "private cluster": component(argsFor(ORACLE_EXAMPLE, { clusterAccess: "private" })),
    "private, air-gapped": component(
        argsFor(ORACLE_EXAMPLE, { clusterAccess: "private", natGateway: false }),
    ),
    "rules in NSGs": component(argsFor(ORACLE_EXAMPLE, { securityRules: "nsgs" })),
    "rules in lists and NSGs, tags": component(
        argsFor(ORACLE_EXAMPLE, { securityRules: "both", freeformTags: { team: "net" } }),
    ),
    "existing VCN": component(
        argsFor(ORACLE_EXAMPLE, { existingVcn: { id: "ocid1.vcn.oc1..existing" }, securityRules: "both" }),
    ),
    "existing VCN and gateways": component(
        argsFor(ORACLE_EXAMPLE, {
            existingVcn: {
                id: "ocid1.vcn.oc1..existing",
                natGatewayId: "ocid1.natgateway.oc1..existing",
                internetGatewayId: "ocid1.internetgateway.oc1..existing",
            },
        }),
    ),
    "VCN-native + private + NSGs": component(
        argsFor(VCN_NATIVE_EXAMPLE, { cni: "vcn-native", clusterAccess: "private", securityRules: "nsgs" }),
    ),
    "existing VCN declared by the program": componentInProgramVcn,
    "resources depending on the component": dependentsOfComponent,
    "hand-written network (no component)": () => declareNetwork(oracleNetwork()),
    "a VCN read with get (recorded, no URN, as before)": () => {
        const vcn = oci.core.Vcn.get("read-vcn", "ocid1.vcn.oc1..read");
        return new oci.core.Subnet("on-read", {
            compartmentId: COMPARTMENT,
            vcnId: vcn.id,
            cidrBlock: "10.0.0.0/24",
        });
    },
    "a resource declared in an apply": () => {
        const vcn = new oci.core.Vcn("vcn", { compartmentId: COMPARTMENT, cidrBlocks: ["10.0.0.0/16"] });
        vcn.cidrBlocks.apply(
            (blocks) =>
                new oci.core.Subnet("late", {
                    compartmentId: COMPARTMENT,
                    vcnId: vcn.id,
                    cidrBlock: blocks[0],
                }),
        );
        return vcn;
    },
};

describe("mock run on the public SDK API: the records are the monitor's", function () {
    this.timeout(60_000);
    for (const [label, program] of Object.entries(PROGRAMS)) {
        for (const preview of [false, true]) {
            it(`${label}, ${preview ? "preview" : "update"}`, async () => {
                const reference = await recordWithMonitorPatch(program, { preview });
                const run = await recordProgram(program, { preview });
                assert.ok(reference.records.length > 0);
                assert.ok(
                    reference.records.every((r) => r.urn !== "" || r.name === "read-vcn"),
                    "every registered reference record has a URN",
                );
                assert.deepEqual(byUrn(run.records), byUrn(reference.records));
                assert.equal(JSON.stringify(byUrn(run.records)), JSON.stringify(byUrn(reference.records)));
            });
        }
    }

    it("the reference sees property dependencies, so the comparison can fail", async () => {
        const reference = await recordWithMonitorPatch(dependentsOfComponent, { preview: true });
        const cluster = reference.records.find((r) => r.name === "cluster");
        assert.ok(cluster?.propertyDependencies?.name !== undefined);
        assert.ok(
            cluster.propertyDependencies.name.length > 5,
            "the component's URN stands for its children",
        );
        assert.ok(reference.records.some((r) => r.parent !== undefined));
    });

    it("lists the records in the order the program declared the resources", async () => {
        const run = await recordProgram(dependentsOfComponent, { preview: true });
        const names = run.records.map((r) => r.name);
        assert.equal(names[0], "oke");
        assert.equal(names[1], "oke-vcn");
        assert.deepEqual(names.slice(-2), ["cluster", "child-vcn"]);
        const again = await recordProgram(dependentsOfComponent, { preview: true });
        assert.deepEqual(
            again.records.map((r) => r.name),
            names,
        );
    });

    it("a program that throws rejects the run with its error", async () => {
        await assert.rejects(
            recordProgram(() => {
                throw new Error("refused before anything is registered");
            }),
            /refused before anything is registered/,
        );
    });
});
