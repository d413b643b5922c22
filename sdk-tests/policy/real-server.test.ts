import * as assert from "node:assert/strict";
import * as analyzerProto from "@pulumi/pulumi/proto/analyzer_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as policyServer from "@pulumi/policy/server";
import * as policyProtoutil from "@pulumi/policy/protoutil";
import type { EnforcementLevel, PolicyPackArgs } from "@pulumi/policy";
import { POLICY_PACK_NAME, policies, UNDECIDED_PREFIX } from "../../src/policy";
import { ROUTE_ASSUMPTIONS } from "./harness";
import type { ResourceRecord } from "../../src/analysis/model/resources";
import { wireProps, type ExtraOutputs, type Shape } from "./harness";
import { componentStack, ORACLE_EXAMPLE_ARGS } from "./component-stack";
import { oracleNetwork, recordNetwork } from "./hand-written";

/*
 * The pack through @pulumi/policy's REAL analyzer code (server.js `makeAnalyzeStackRpcFun`, the function the
 * gRPC server calls for `analyzeStack`), with the request the engine sends: resources as protobuf Structs
 * with the engine's unknown sentinels, parents and propertyDependencies as URNs. No gRPC server is started.
 * This guards what the in-process harness assumes: the unknown-checking proxy, the dependency wiring, and
 * that a report's own enforcement level (the object form of reportViolation) reaches the engine.
 */

/** The analyzer internals this test calls (their .d.ts files declare nothing). */
interface ServerInternals {
    makeAnalyzeStackRpcFun(
        name: string,
        version: string,
        level: EnforcementLevel,
        policies: PolicyPackArgs["policies"],
    ): (
        call: { request: analyzerProto.AnalyzeStackRequest },
        callback: (err: unknown, res?: analyzerProto.AnalyzeResponse) => void,
    ) => Promise<void>;
}
interface ProtoutilInternals {
    makeAnalyzerInfo(
        name: string,
        version: string,
        level: EnforcementLevel,
        args: PolicyPackArgs,
    ): analyzerProto.AnalyzerInfo;
}

const server = policyServer as unknown as ServerInternals;
const protoutil = policyProtoutil as unknown as ProtoutilInternals;

/** The AnalyzeStackRequest the engine would send for these records. */
function request(
    records: ResourceRecord[],
    shape: Shape,
    extra?: ExtraOutputs,
): analyzerProto.AnalyzeStackRequest {
    const resources = records.map((record) => {
        const r = new analyzerProto.AnalyzerResource();
        r.setUrn(record.urn);
        r.setType(record.type);
        r.setName(record.name);
        const props = JSON.parse(JSON.stringify(wireProps(record, shape, extra))) as Record<string, never>;
        r.setProperties(Struct.fromJavaScript(props));
        const options = new analyzerProto.AnalyzerResourceOptions();
        if (record.parent !== undefined) options.setParent(record.parent);
        r.setOptions(options);
        if (record.parent !== undefined) r.setParent(record.parent);
        for (const [property, urns] of Object.entries(record.propertyDependencies ?? {})) {
            const deps = new analyzerProto.AnalyzerPropertyDependencies();
            deps.setUrnsList(urns);
            r.getPropertydependenciesMap().set(property, deps);
        }
        return r;
    });
    const req = new analyzerProto.AnalyzeStackRequest();
    req.setResourcesList(resources);
    return req;
}

interface Reported {
    policy: string;
    level: "advisory" | "mandatory";
    message: string;
}

async function analyze(req: analyzerProto.AnalyzeStackRequest): Promise<Reported[]> {
    const rpc = server.makeAnalyzeStackRpcFun(POLICY_PACK_NAME, "0.1.0", "advisory", policies);
    const response = await new Promise<analyzerProto.AnalyzeResponse>((resolve, reject) => {
        void rpc({ request: req }, (err, res) => {
            if (err) reject(err instanceof Error ? err : new Error("analyzeStack failed"));
            else if (res) resolve(res);
            else reject(new Error("no response"));
        });
    });
    // oke-c3-route-assumptions states what Oracle's own design assumes; route-assumptions.test.ts checks it.
    return response
        .getDiagnosticsList()
        .filter((d) => d.getPolicyname() !== ROUTE_ASSUMPTIONS)
        .map((d) => ({
            policy: d.getPolicyname(),
            level:
                d.getEnforcementlevel() === analyzerProto.EnforcementLevel.MANDATORY
                    ? "mandatory"
                    : "advisory",
            message: d.getMessage(),
        }));
}

describe("policy pack through @pulumi/policy's real analyzer", () => {
    for (const shape of ["preview", "update"] as const) {
        it(`Oracle's example built by the component passes (${shape})`, async () => {
            const stack = await componentStack(ORACLE_EXAMPLE_ARGS, shape);
            assert.deepEqual(await analyze(request(stack.records, shape, stack.extra)), []);
        });

        it(`a hand-written fault is a mandatory violation with the policy's text (${shape})`, async () => {
            const net = oracleNetwork();
            net.lists.kmi.ingress.pop();
            const reported = await analyze(request(await recordNetwork(net, shape), shape));
            assert.equal(reported.length, 1, JSON.stringify(reported));
            assert.equal(reported[0].policy, "oke-c3-required-flows");
            assert.equal(reported[0].level, "mandatory");
            assert.match(reported[0].message, /required flow control-plane-ssh-from-bastion \(C3 ports 1a#2/);
        });
    }

    it("an undecided check reaches the engine as advisory, from a mandatory policy", async () => {
        const records = await recordNetwork(oracleNetwork(), "preview");
        const list = records.find((r) => r.name === "worker-seclist");
        (list?.inputs.ingressSecurityRules as Record<string, unknown>[])[0].source = {
            __pulumiUnknown: true,
        };
        const reported = await analyze(request(records, "preview"));
        const world = reported.filter((r) => r.policy === "oke-c3-no-world-ingress");
        assert.equal(world.length, 1, JSON.stringify(reported));
        assert.equal(world[0].level, "advisory");
        assert.ok(world[0].message.startsWith(`${UNDECIDED_PREFIX}: `), world[0].message);
        assert.ok(!reported.some((r) => /can't run policy/.test(r.message)), JSON.stringify(reported));
    });

    it("the pack's metadata and config schemas are accepted (getAnalyzerInfo)", () => {
        const info = protoutil.makeAnalyzerInfo(POLICY_PACK_NAME, "0.1.0", "advisory", { policies });
        const names = info.getPoliciesList().map((p) => p.getName());
        assert.deepEqual(
            names,
            policies.map((p) => p.name),
        );
        for (const p of info.getPoliciesList()) {
            assert.match(p.getName(), /^oke-c3-[a-z0-9]+(-[a-z0-9]+)*$/);
            assert.ok(p.getDescription().length > 20);
            assert.ok(p.getConfigschema() !== undefined, `${p.getName()} has no config schema`);
        }
    });
});
