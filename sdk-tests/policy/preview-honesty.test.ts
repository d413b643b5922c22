import * as assert from "node:assert/strict";
import * as policyProxy from "@pulumi/policy/proxy";
import type { PolicyResource } from "@pulumi/policy";
import { dump, runPack, undecided, violations, type PolicyRun, apartFromAssumptions } from "./harness";
import { handWrittenStack, oracleNetwork, type HandWrittenNetwork } from "./hand-written";

/*
 * Preview honesty: an unknown value (a CIDR, a display name, an id, a rule array) makes the checks it
 * affects "could not be decided" (advisory), never mandatory and never silent; a source or destination that
 * is not a valid CIDR is reported by every policy that reads it, never passed. Unknowns are put where
 * @pulumi/policy's analyzer server puts them: deserialized plain values holding the engine's sentinels,
 * wrapped in @pulumi/policy's own `unknownCheckingProxy` (server.js: `unknownCheckingProxy(deserd)`).
 */

/** Exports of @pulumi/policy's proxy.js that its declarations omit (proxy.d.ts is empty). */
interface PolicyRuntime {
    unknownCheckingProxy: <T>(value: T) => T;
    unknownStringValue: string;
    unknownArrayValue: string;
    getSpecialProxyTarget: string;
}
const runtime = policyProxy as unknown as PolicyRuntime;
/** What the engine sends for any computed value (Go's plugin.UnknownStringValue). */
const ENGINE_UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** The array sentinel of the Node runtime, which the proxy recognises as well. */
const ARRAY_UNKNOWN = "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2";

/** The resources with one property of one resource replaced, re-proxied as the server does. */
function withValue(
    resources: PolicyResource[],
    name: string,
    set: (props: Record<string, unknown>) => void,
): PolicyResource[] {
    return resources.map((r) => {
        if (r.name !== name) return r;
        const target = (r.props as Record<string, unknown>)[runtime.getSpecialProxyTarget];
        const plain = structuredClone(target) as Record<string, unknown>;
        set(plain);
        const props = runtime.unknownCheckingProxy(plain);
        return { ...r, props, asType: (() => props) as PolicyResource["asType"] };
    });
}

async function previewOf(
    net: HandWrittenNetwork,
    name: string,
    set: (props: Record<string, unknown>) => void,
): Promise<PolicyRun> {
    return runPack(withValue(await handWrittenStack(net, "preview"), name, set), {
        "oke-c3-stateless-reply": { enforcementLevel: "mandatory" },
    }).then(apartFromAssumptions);
}

describe("the sentinels are @pulumi/policy's own", () => {
    it("its unknownCheckingProxy throws on them", () => {
        assert.equal(runtime.unknownStringValue, ENGINE_UNKNOWN);
        assert.equal(runtime.unknownArrayValue, ARRAY_UNKNOWN);
        const p = runtime.unknownCheckingProxy({ a: ENGINE_UNKNOWN, b: ARRAY_UNKNOWN });
        assert.throws(() => p.a, /can't be known during preview/);
        assert.throws(() => p.b, /can't be known during preview/);
    });
});

const UNKNOWNS: {
    what: string;
    name: string;
    set: (p: Record<string, unknown>) => void;
    policies: string[];
}[] = [
    {
        what: "the control-plane subnet's display name",
        name: "control-plane",
        set: (p) => (p.displayName = ENGINE_UNKNOWN),
        policies: ["oke-c3-required-flows", "oke-c3-required-names"],
    },
    {
        what: "the worker subnet's display name",
        name: "worker",
        set: (p) => (p.displayName = ENGINE_UNKNOWN),
        policies: ["oke-c3-required-flows"],
    },
    {
        what: "the worker subnet's CIDR",
        name: "worker",
        set: (p) => (p.cidrBlock = ENGINE_UNKNOWN),
        policies: ["oke-c3-required-flows", "oke-c3-reserved-cidrs"],
    },
    {
        what: "the VCN's CIDRs (array)",
        name: "oketest-vcn",
        set: (p) => {
            p.cidrBlocks = ARRAY_UNKNOWN;
            delete p.cidrBlock;
        },
        policies: ["oke-c3-reserved-cidrs"],
    },
    {
        what: "the worker list's ingress rules (array)",
        name: "worker-seclist",
        set: (p) => (p.ingressSecurityRules = ARRAY_UNKNOWN),
        policies: ["oke-c3-required-flows", "oke-c3-rule-limits"],
    },
    {
        what: "the worker list's ingress rules (engine)",
        name: "worker-seclist",
        set: (p) => (p.ingressSecurityRules = ENGINE_UNKNOWN),
        policies: ["oke-c3-required-flows", "oke-c3-rule-limits"],
    },
    {
        what: "a kmilb rule's source",
        name: "kmilb-seclist",
        set: (p) => ((p.ingressSecurityRules as Record<string, unknown>[])[1].source = ENGINE_UNKNOWN),
        policies: ["oke-c3-required-flows"],
    },
    // The ids are unknown in every preview; the list's propertyDependencies still name the lists, so the
    // flows stay decidable and only the count of lists per subnet is not.
    {
        what: "the worker subnet's security list ids",
        name: "worker",
        set: (p) => (p.securityListIds = ARRAY_UNKNOWN),
        policies: ["oke-c3-rule-limits"],
    },
];

describe("preview honesty: unknown values make the affected checks undecided, never mandatory, never silent", () => {
    for (const u of UNKNOWNS) {
        it(`${u.what}`, async () => {
            const run = await previewOf(oracleNetwork(), u.name, u.set);
            assert.deepEqual(violations(run), [], dump(run));
            for (const policy of u.policies)
                assert.ok(
                    undecided(run).some((d) => d.policyName === policy),
                    `${policy}:\n${dump(run)}`,
                );
        });
    }
});

/** The policies that read a worker rule's peer. */
const READERS = [
    "oke-c3-required-flows",
    "oke-c3-no-world-ingress",
    "oke-c3-nodeport-exposure",
    "oke-c3-stateless-reply",
];
const INVALID = ["0.0.0.0/00", "0/0", " 0.0.0.0/0", "10.0.0.0/33", "10.0.0.0"];

describe("a source or destination that is not a valid CIDR is reported, never passed", () => {
    for (const shape of ["preview", "update"] as const) {
        for (const peer of INVALID) {
            it(`${JSON.stringify(peer)} (${shape})`, async () => {
                const net = oracleNetwork();
                net.lists.worker.ingress.push({ protocol: "all", peer });
                net.lists.worker.egress.push({ protocol: "all", peer, stateless: true });
                const run = apartFromAssumptions(
                    await runPack(await handWrittenStack(net, shape), {
                        "oke-c3-stateless-reply": { enforcementLevel: "mandatory" },
                    }),
                );
                // Each policy that reads the rule names it (the egress rule is stateless, so stateless-reply reads it).
                for (const policy of READERS) {
                    const named = run.diagnostics.filter(
                        (d) =>
                            d.policyName === policy &&
                            d.message.includes(`"${peer}", which is not an IPv4 CIDR`),
                    );
                    assert.ok(named.length > 0, `${policy} passed ${JSON.stringify(peer)}:\n${dump(run)}`);
                }
            });
        }
    }
});

describe("a subnet or VCN CIDR that is not a valid CIDR is reported by reserved-cidrs", () => {
    for (const shape of ["preview", "update"] as const) {
        for (const cidr of INVALID) {
            it(`${JSON.stringify(cidr)} (${shape})`, async () => {
                const net = oracleNetwork();
                net.subnets[0].cidr = cidr;
                const run = apartFromAssumptions(await runPack(await handWrittenStack(net, shape)));
                const named = violations(run).filter(
                    (d) =>
                        d.policyName === "oke-c3-reserved-cidrs" &&
                        d.message.includes(`"${cidr}" is not an IPv4 CIDR`),
                );
                assert.equal(named.length, 1, dump(run));
            });
        }
    }
});
