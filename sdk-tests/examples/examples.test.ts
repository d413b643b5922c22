import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { evaluateFlows } from "../../src/analysis/evaluate/evaluate";
import { modelsFromResources } from "../../src/analysis/model/from-resources";
import type { ResourceRecord } from "../../src/analysis/model/resources";
import type { RequiredFlow } from "../../src/catalogue/types";
import { NetworkConfigError } from "../../src/config/types";
import { TS_EXAMPLES, consumer, typecheckOf } from "../package/consumer";
import {
    EXAMPLES_DIR,
    REPO_ROOT,
    asResolvedFlows,
    projectOf,
    runExample,
    stackValues,
    unsupportedReason,
    type ExampleRun,
} from "./harness";

/*
 * Every TypeScript example is a real Pulumi project: it type-checks against this repository, runs under
 * the mock engine with its own Pulumi.dev.yaml, exports what its README promises, and the network it
 * registers lets every flow of the component's `requiredFlows` through (Oracle's port table included),
 * checked by the analyzer with OCI's semantics.
 */

const CLUSTER = "oci:ContainerEngine/cluster:Cluster";
const NODE_POOL = "oci:ContainerEngine/nodePool:NodePool";

// A root hook: packing, installing and type-checking run in child processes from the start of the suite.
before(() => {
    void consumer();
});

function readJson<T>(file: string): T {
    return JSON.parse(fs.readFileSync(file, "utf8")) as T;
}

function byType(records: ResourceRecord[], type: string): ResourceRecord[] {
    return records.filter((r) => r.type === type);
}

function idOf(records: ResourceRecord[], type: string, displayName: string): string | undefined {
    return byType(records, type).find((r) => r.inputs.displayName === displayName)?.id;
}

/** Asserts every required flow holds in the registered network and Oracle's 10 port-table rows are among them. */
function assertFlowsHold(records: ResourceRecord[], outputs: Record<string, unknown>): void {
    const models = modelsFromResources(records);
    assert.equal(models.length, 1, "exactly one VCN");
    const flows = asResolvedFlows(outputs.requiredFlows as RequiredFlow[]);
    const seedRows = new Set(flows.flatMap((f) => f.refs).filter((r) => r.startsWith("C3 ports 1a#")));
    for (let row = 1; row <= 10; row++) assert.ok(seedRows.has(`C3 ports 1a#${row}`), `seed row ${row}`);
    const verdicts = evaluateFlows(models[0], flows);
    assert.ok(verdicts.length >= flows.length);
    const failed = verdicts.filter((v) => v.status !== "allowed");
    assert.deepEqual(
        failed.map((v) => `${v.query.id}: ${v.status}: ${v.reasons.join("; ")}`),
        [],
        "every required flow is allowed",
    );
}

/**
 * Runs an example once for a describe block. When the component still refuses the example's topology as
 * "not supported yet", every test of the block is skipped with that reason in its title, and turns on by
 * itself once the topology lands.
 */
function runOnce(example: string, overrides: Record<string, unknown> = {}): () => ExampleRun {
    let run: ExampleRun | undefined;
    let skipReason: string | undefined;
    before(async function () {
        this.timeout(30_000);
        try {
            run = await runExample(example, overrides);
        } catch (error) {
            skipReason = unsupportedReason(error);
            if (skipReason === undefined) throw error;
        }
    });
    beforeEach(function () {
        if (skipReason === undefined) return;
        if (this.currentTest) this.currentTest.title += ` (skipped: the component refuses it: ${skipReason})`;
        this.skip();
    });
    return () => {
        assert.ok(run, "the example ran");
        return run;
    };
}

describe("examples: project files", () => {
    it("every example directory is tested: the TypeScript ones and yaml", () => {
        const dirs = fs.readdirSync(EXAMPLES_DIR, { withFileTypes: true }).filter((d) => d.isDirectory());
        const ts = dirs
            .filter((d) => fs.existsSync(path.join(EXAMPLES_DIR, d.name, "index.ts")))
            .map((d) => d.name);
        assert.deepEqual(ts.sort(), [...TS_EXAMPLES].sort());
        assert.deepEqual(dirs.map((d) => d.name).sort(), [...TS_EXAMPLES, "yaml"].sort());
    });

    for (const example of [...TS_EXAMPLES, "yaml"]) {
        it(`${example} has Pulumi.yaml, Pulumi.dev.yaml for its own project, and a README`, () => {
            const project = projectOf(example);
            assert.match(project.name, /^oke-c3-/);
            for (const key of Object.keys(stackValues(example))) {
                assert.ok(key.startsWith(`${project.name}:`), `${key} is namespaced by the project`);
                const bare = key.slice(project.name.length + 1);
                assert.ok(project.config?.[bare] !== undefined, `${key} is declared in Pulumi.yaml`);
            }
            const readme = fs.readFileSync(path.join(EXAMPLES_DIR, example, "README.md"), "utf8");
            assert.match(readme, /pulumi up/);
        });
    }

    for (const example of TS_EXAMPLES) {
        it(`${example} is a TypeScript project on the package by local path, outside the root workspace`, () => {
            const dir = path.join(EXAMPLES_DIR, example);
            assert.deepEqual(projectOf(example).runtime, { name: "nodejs", options: { typescript: true } });
            const pkg = readJson<{ dependencies: Record<string, string> }>(path.join(dir, "package.json"));
            assert.equal(pkg.dependencies["oke-c3-network"], "file:../..");
            assert.ok(pkg.dependencies["@pulumi/pulumi"] && pkg.dependencies["@pulumi/oci"]);
            const root = readJson<{ workspaces?: unknown }>(path.join(REPO_ROOT, "package.json"));
            assert.equal(root.workspaces, undefined, "examples are not installed by the root's npm ci");
        });

        it(`${example}/tsconfig.json has the options the repository checks it with`, () => {
            const own = parse(fs.readFileSync(path.join(EXAMPLES_DIR, example, "tsconfig.json"), "utf8")) as {
                compilerOptions: Record<string, unknown>;
                files: string[];
            };
            const checked = readJson<{ compilerOptions: Record<string, unknown> }>(
                path.join(REPO_ROOT, "tsconfig.examples.json"),
            ).compilerOptions;
            const { noEmit, typeRoots, paths, ...options } = checked;
            assert.ok(noEmit !== undefined && typeRoots !== undefined && paths !== undefined);
            assert.deepEqual(own.compilerOptions, options);
            assert.deepEqual(own.files, ["index.ts"]);
        });
    }

    for (const example of TS_EXAMPLES) {
        it(`${example} type-checks as a user gets it: against the packed tarball, with its own compiler options`, async function () {
            this.timeout(90_000);
            const { compiled, errors } = typecheckOf(await consumer(), `examples/${example}/index.ts`);
            assert.ok(compiled, "the example is part of the consumer project's program");
            assert.deepEqual(errors, []);
        });
    }
});

describe("examples: skipping a topology the component does not support yet", () => {
    const problem = (message: string) => ({ path: "cni", value: "x", message, fix: "wait" });

    it("skips only for a 'not supported yet' refusal, with the problem as the reason", () => {
        const unsupported = new NetworkConfigError([problem("vcn-native is not supported yet")]);
        assert.equal(unsupportedReason(unsupported), "cni: vcn-native is not supported yet");
    });

    it("does not skip for any other refusal or error, so those still fail the example's test", () => {
        assert.equal(
            unsupportedReason(new NetworkConfigError([problem("must be flannel or vcn-native")])),
            undefined,
        );
        assert.equal(unsupportedReason(new Error("not supported yet")), undefined);
    });
});

describe("example public-flannel: Oracle's example layout", () => {
    const get = runOnce("public-flannel");

    it("exports the ids, Oracle's carved layout and the flows", () => {
        const { outputs } = get();
        assert.deepEqual(Object.keys(outputs).sort(), ["cidrs", "requiredFlows", "subnetIds", "vcnId"]);
        assert.deepEqual(outputs.cidrs, {
            vcn: "172.31.252.0/23",
            worker: "172.31.253.0/24",
            serviceLb: "172.31.252.0/25",
            controlPlane: "172.31.252.224/28",
            controlPlaneEndpoint: "172.31.252.240/28",
        });
        assert.equal(outputs.vcnId, "ocid1.vcn.mock.oke-vcn");
        assert.equal(
            (outputs.subnetIds as Record<string, string>).worker,
            "ocid1.subnet.mock.oke-subnet-worker",
        );
    });

    it("uses the stack's compartment", () => {
        for (const r of get().records.filter((r) => r.type.startsWith("oci:")))
            if ("compartmentId" in r.inputs)
                assert.equal(r.inputs.compartmentId, "ocid1.compartment.oc1..replace-with-your-compartment");
    });

    it("every required flow holds, Oracle's port table included", () => {
        assertFlowsHold(get().records, get().outputs);
    });
});

describe("example private-vcn-native: private cluster, VCN-native pods from a /19", () => {
    const get = runOnce("private-vcn-native");

    it("carves Oracle's VCN-native layout with the pod subnet and creates no internet gateway", () => {
        const { outputs, records } = get();
        assert.deepEqual(outputs.cidrs, {
            vcn: "172.31.0.0/19",
            worker: "172.31.8.0/21",
            serviceLb: "172.31.0.0/23",
            controlPlane: "172.31.4.0/22",
            controlPlaneEndpoint: "172.31.2.0/23",
            pod: "172.31.16.0/20",
        });
        assert.equal((outputs.subnetIds as Record<string, string>).pod, "ocid1.subnet.mock.oke-subnet-pod");
        assert.equal(outputs.internetGatewayId, "");
        assert.equal(byType(records, "oci:Core/internetGateway:InternetGateway").length, 0);
        for (const subnet of byType(records, "oci:Core/subnet:Subnet"))
            assert.equal(
                subnet.inputs.prohibitPublicIpOnVnic,
                true,
                `${String(subnet.inputs.displayName)} is private`,
            );
    });

    it("every required flow holds", () => {
        assertFlowsHold(get().records, get().outputs);
    });
});

describe("example existing-vcn: subnets and NSGs in a VCN that exists", () => {
    const get = runOnce("existing-vcn");
    const values = stackValues("existing-vcn");
    const vcnId = values["oke-c3-existing-vcn:existingVcnId"] as string;

    it("registers no VCN, puts every subnet and NSG in the given one, with lists and NSGs", () => {
        const { outputs, records } = get();
        assert.equal(byType(records, "oci:Core/vcn:Vcn").length, 0);
        assert.equal(byType(records, "oci:Core/defaultSecurityList:DefaultSecurityList").length, 0);
        const subnets = byType(records, "oci:Core/subnet:Subnet");
        assert.equal(subnets.length, 4);
        for (const r of [
            ...subnets,
            ...byType(records, "oci:Core/networkSecurityGroup:NetworkSecurityGroup"),
        ])
            assert.equal(r.inputs.vcnId, vcnId);
        const nsgIds = outputs.nsgIds as Record<string, string>;
        const subnetIds = outputs.subnetIds as Record<string, string>;
        for (const role of ["worker", "serviceLb", "controlPlane", "controlPlaneEndpoint"]) {
            assert.match(nsgIds[role], /^ocid1\.networksecuritygroup\./, `${role} NSG ("both" mode)`);
            assert.match(subnetIds[role], /^ocid1\.subnet\./);
        }
        assert.equal((outputs.cidrs as Record<string, string>).worker, "10.20.16.0/20");
    });

    it("every required flow holds (the analyzer is told the existing VCN's CIDR)", () => {
        const vcn: ResourceRecord = {
            type: "oci:Core/vcn:Vcn",
            name: "existing",
            urn: "urn:pulumi:dev::oke-c3-existing-vcn::oci:Core/vcn:Vcn::existing",
            id: vcnId,
            inputs: { cidrBlocks: [values["oke-c3-existing-vcn:vcnCidr"]] },
        };
        assertFlowsHold([vcn, ...get().records], get().outputs);
    });
});

describe("example with-cluster: the network, an OKE cluster and a node pool", () => {
    const get = runOnce("with-cluster");

    it("exports the cluster, the node pool and the network", () => {
        const { outputs } = get();
        assert.deepEqual(Object.keys(outputs).sort(), [
            "clusterId",
            "nodePoolId",
            "nsgIds",
            "requiredFlows",
            "subnetIds",
            "vcnId",
        ]);
        assert.equal(outputs.clusterId, "ocid1.cluster.mock.oke-cluster");
        assert.equal(outputs.nodePoolId, "ocid1.nodepool.mock.oke-pool");
    });

    it("wires the cluster to the endpoint and service-LB subnets, Flannel, with C3's defined tags", () => {
        const { records } = get();
        const [cluster] = byType(records, CLUSTER);
        const subnet = (name: string) => idOf(records, "oci:Core/subnet:Subnet", name);
        assert.equal(cluster.inputs.vcnId, "ocid1.vcn.mock.oke-vcn");
        assert.deepEqual(cluster.inputs.endpointConfig, {
            subnetId: subnet("control-plane-endpoint"),
            isPublicIpEnabled: true,
            nsgIds: [],
        });
        assert.deepEqual(cluster.inputs.options, { serviceLbSubnetIds: [subnet("service-lb")] });
        assert.deepEqual(cluster.inputs.clusterPodNetworkOptions, [{ cniType: "FLANNEL_OVERLAY" }]);
        const tags = cluster.inputs.definedTags as Record<string, string>;
        assert.match(tags["OraclePCA.sshkey"], /^ssh-ed25519 /);
        assert.equal(tags["OraclePCA.cpNodeCount"], "3");
    });

    it("places the node pool in AD-1 on the worker subnet, one placement", () => {
        const { records } = get();
        const [pool] = byType(records, NODE_POOL);
        assert.equal(pool.inputs.clusterId, "ocid1.cluster.mock.oke-cluster");
        const details = pool.inputs.nodeConfigDetails as Record<string, unknown>;
        assert.deepEqual(details.placementConfigs, [
            { availabilityDomain: "AD-1", subnetId: idOf(records, "oci:Core/subnet:Subnet", "worker") },
        ]);
        assert.deepEqual(details.nsgIds, []);
        assert.deepEqual(details.nodePoolPodNetworkOptionDetails, { cniType: "FLANNEL_OVERLAY" });
        assert.equal(details.size, 3);
        assert.deepEqual(pool.inputs.nodeShapeConfig, { ocpus: 2, memoryInGbs: 32 });
    });

    it("every required flow holds (the cluster resources do not disturb the analyzer)", () => {
        assertFlowsHold(get().records, get().outputs);
    });
});

describe("example with-cluster, VCN-native, private, NSGs (config overrides)", () => {
    const get = runOnce("with-cluster", {
        cni: "vcn-native",
        clusterAccess: "private",
        securityRules: "nsgs",
        vcnCidr: "172.31.0.0/19",
    });

    it("attaches the endpoint NSG, a private endpoint and the VCN-native CNI to the cluster", () => {
        const { records } = get();
        const [cluster] = byType(records, CLUSTER);
        const nsg = (name: string) =>
            idOf(records, "oci:Core/networkSecurityGroup:NetworkSecurityGroup", name);
        assert.deepEqual(cluster.inputs.endpointConfig, {
            subnetId: idOf(records, "oci:Core/subnet:Subnet", "control-plane-endpoint"),
            isPublicIpEnabled: false,
            nsgIds: [nsg("control-plane-endpoint-nsg")],
        });
        assert.deepEqual(cluster.inputs.clusterPodNetworkOptions, [{ cniType: "OCI_VCN_IP_NATIVE" }]);
    });

    it("gives the node pool the worker NSG, the pod subnet and the pod NSG", () => {
        const { records } = get();
        const [pool] = byType(records, NODE_POOL);
        const nsg = (name: string) =>
            idOf(records, "oci:Core/networkSecurityGroup:NetworkSecurityGroup", name);
        const details = pool.inputs.nodeConfigDetails as Record<string, unknown>;
        assert.deepEqual(details.nsgIds, [nsg("worker-nsg")]);
        assert.deepEqual(details.nodePoolPodNetworkOptionDetails, {
            cniType: "OCI_VCN_IP_NATIVE",
            podSubnetIds: [idOf(records, "oci:Core/subnet:Subnet", "pod")],
            podNsgIds: [nsg("pod-nsg")],
            maxPodsPerNode: 31,
        });
    });

    it("every required flow holds", () => {
        assertFlowsHold(get().records, get().outputs);
    });
});
