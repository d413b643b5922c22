import * as assert from "node:assert/strict";
import { analyzeNetwork, analyzeResources } from "../../../src/analysis/analyze";
import { modelsFromResources } from "../../../src/analysis/model/from-resources";
import { valueOf } from "../../../src/testing/mock-run";
import { resolvedFlowsFromOutput } from "../../../src/analysis/requirements/flows-for-model";
import {
    componentOutputsFromStackExport,
    nameFromUrn,
    recordsFromStackExport,
} from "../../../src/analysis/model/stack-export";
import { WORKLOAD_CLUSTER_NETWORK_TYPE } from "../../../src/component/workload-cluster-network";
import { argsFor, deploy, type Deployment } from "../../fixtures/harness";
import { ORACLE_EXAMPLE } from "../../fixtures/oracle-tables";

/*
 * `pulumi stack export` as input: an export is built from a mock run the way the engine writes one (inputs,
 * outputs with provider-computed values and nulls, the stack, a provider, a resource pending deletion),
 * and the analysis of the export must equal the analysis of the run.
 */

function exportOf(deployment: Deployment, requiredFlows: unknown): Record<string, unknown> {
    const resources: Record<string, unknown>[] = [
        {
            urn: "urn:pulumi:dev::net::pulumi:pulumi:Stack::net-dev",
            custom: false,
            type: "pulumi:pulumi:Stack",
        },
        {
            urn: "urn:pulumi:dev::net::pulumi:providers:oci::default",
            custom: true,
            id: "p1",
            type: "pulumi:providers:oci",
        },
    ];
    for (const r of deployment.records) {
        const isComponent = r.type === WORKLOAD_CLUSTER_NETWORK_TYPE;
        const outputs: Record<string, unknown> = isComponent
            ? { requiredFlows }
            : { ...r.inputs, timeCreated: null };
        if (r.type === "oci:Core/vcn:Vcn") {
            outputs.defaultSecurityListId = `ocid1.securitylist.mock.${r.name}-default`;
            outputs.defaultRouteTableId = `ocid1.routetable.mock.${r.name}-default`;
        }
        resources.push({
            urn: r.urn,
            custom: !isComponent,
            id: r.id ?? "",
            type: r.type,
            inputs: isComponent ? {} : { ...r.inputs, freeformTags: null },
            outputs,
            parent: r.parent,
            propertyDependencies: r.propertyDependencies ?? {},
        });
    }
    resources.push({
        urn: "urn:pulumi:dev::net::oci:Core/securityList:SecurityList::old",
        custom: true,
        id: "ocid1.securitylist.old",
        type: "oci:Core/securityList:SecurityList",
        inputs: { displayName: "old", ingressSecurityRules: [{ protocol: "all", source: "0.0.0.0/0" }] },
        delete: true,
    });
    return { version: 3, deployment: { manifest: {}, resources } };
}

describe("recordsFromStackExport", () => {
    let deployment: Deployment;
    let exported: Record<string, unknown>;
    before(async () => {
        deployment = await deploy(argsFor(ORACLE_EXAMPLE));
        exported = exportOf(
            deployment,
            JSON.parse(JSON.stringify(await valueOf(deployment.network.requiredFlows))),
        );
    });

    it("maps type, urn, name, id, parent and dependencies; drops the stack, providers and pending deletes", () => {
        const records = recordsFromStackExport(exported);
        assert.equal(records.length, deployment.records.length);
        const vcn = records.find((r) => r.type === "oci:Core/vcn:Vcn");
        const original = deployment.records.find((r) => r.type === "oci:Core/vcn:Vcn");
        assert.equal(vcn?.name, original?.name);
        assert.equal(vcn?.id, original?.id);
        assert.equal(vcn?.parent, original?.parent);
        assert.equal(
            vcn?.inputs.defaultSecurityListId,
            `ocid1.securitylist.mock.${original?.name}-default`,
            "gaps filled from outputs",
        );
        assert.ok(!("freeformTags" in (vcn?.inputs ?? {})), "nulls dropped");
        assert.ok(!records.some((r) => r.name === "old"));
    });

    it("analyses to the same verdicts as the mock run, with the component's flows from its outputs", () => {
        const outputs = Object.values(
            componentOutputsFromStackExport(exported, WORKLOAD_CLUSTER_NETWORK_TYPE),
        );
        const flows = resolvedFlowsFromOutput(outputs[0]?.requiredFlows);
        assert.ok(flows !== undefined);
        const [model] = modelsFromResources(recordsFromStackExport(exported));
        const fromExport = analyzeNetwork(model, flows);
        const fromRun = analyzeNetwork(deployment.model, flows);
        assert.deepEqual(
            fromExport.flows.map((f) => [f.id, f.status]),
            fromRun.flows.map((f) => [f.id, f.status]),
        );
        assert.deepEqual(fromExport.findings, []);
        assert.equal(
            analyzeResources(recordsFromStackExport(JSON.stringify(exported)))[0].summary.failing,
            0,
        );
    });

    it("accepts a bare deployment and refuses what is not an export", () => {
        assert.equal(recordsFromStackExport(exported.deployment).length, deployment.records.length);
        assert.deepEqual(recordsFromStackExport({ deployment: {} }), []);
        assert.throws(() => recordsFromStackExport("[]"), /must be a JSON object/);
        assert.throws(() => recordsFromStackExport({ deployment: { resources: {} } }), /not a list/);
    });

    it("takes the logical name from the URN", () => {
        assert.equal(
            nameFromUrn("urn:pulumi:dev::net::oci:Core/subnet:Subnet::oke-subnet-worker"),
            "oke-subnet-worker",
        );
        assert.equal(nameFromUrn("plain"), "plain");
    });
});
