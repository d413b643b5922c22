import * as assert from "node:assert/strict";
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { policies } from "../../src/policy";
import { dump, runStackPolicy, type PolicyRun, type Shape } from "./harness";
import {
    handWrittenStack,
    KUBE_CLIENTS,
    oracleNetwork,
    type HandWrittenNetwork,
    type RuleSpec,
} from "./hand-written";

/*
 * One compliant hand-written fixture per policy. Each policy's tests take its fixture, change ONE field, and
 * run only that policy, so a failure names exactly what the policy is for.
 */

/** The pack's policy names. */
export type PolicyName =
    | "oke-c3-required-flows"
    | "oke-c3-no-world-ingress"
    | "oke-c3-nodeport-exposure"
    | "oke-c3-rule-limits"
    | "oke-c3-reserved-cidrs"
    | "oke-c3-required-names"
    | "oke-c3-stateless-reply";

/** A policy of the pack by name. */
export function policy(name: PolicyName): StackValidationPolicy {
    const found = policies.find((p) => p.name === name);
    assert.ok(found, `no policy ${name}`);
    return found;
}

/** A rule for port `port` from the kube clients (to fill lists up to a limit). */
export function filler(port: number): RuleSpec {
    return { protocol: "6", peer: KUBE_CLIENTS, ports: [port, port] };
}

/** The stateless pair on worker-seclist: egress TCP 443 to an internal mirror, and its reply rule. */
export const STATELESS_EGRESS: RuleSpec = {
    protocol: "6",
    peer: "192.168.10.0/24",
    ports: [443, 443],
    stateless: true,
    description: "Mirror, stateless.",
};
export const STATELESS_REPLY: RuleSpec = {
    protocol: "6",
    peer: "192.168.10.0/24",
    sourcePorts: [443, 443],
    ports: [32768, 60999],
    stateless: true,
    description: "Mirror replies, stateless.",
};

/** Compliant fixtures: the network each policy's tests start from. */
export const COMPLIANT: Readonly<Record<PolicyName, () => HandWrittenNetwork>> = {
    "oke-c3-required-flows": () => oracleNetwork(),
    "oke-c3-no-world-ingress": () => oracleNetwork(),
    "oke-c3-nodeport-exposure": () => oracleNetwork(),
    "oke-c3-rule-limits": () => {
        // Exactly at C3's limits: 30 ingress rules on worker-seclist, 30 egress rules, 50 rules in one NSG.
        const net = oracleNetwork();
        for (let port = 9000; net.lists.worker.ingress.length < 30; port++)
            net.lists.worker.ingress.push(filler(port));
        for (let port = 9000; net.lists.worker.egress.length < 30; port++)
            net.lists.worker.egress.push({ ...filler(port), peer: "192.168.0.0/16" });
        net.nsgs.push({
            displayName: "worker-nsg",
            rules: Array.from({ length: 50 }, (_, i) => ({
                ...filler(9000 + i),
                direction: "INGRESS" as const,
            })),
        });
        return net;
    },
    "oke-c3-reserved-cidrs": () => oracleNetwork(),
    "oke-c3-required-names": () => ({ ...oracleNetwork(), cluster: { cniType: "FLANNEL_OVERLAY" } }),
    "oke-c3-stateless-reply": () => {
        const net = oracleNetwork();
        net.lists.worker.egress.push({ ...STATELESS_EGRESS });
        net.lists.worker.ingress.push({ ...STATELESS_REPLY });
        return net;
    },
};

/** Runs one policy on a hand-written network. */
export async function runOn(
    name: PolicyName,
    net: HandWrittenNetwork,
    shape: Shape,
    config: object = {},
): Promise<PolicyRun> {
    return runStackPolicy(policy(name), await handWrittenStack(net, shape), config);
}

/** Runs one policy on given resources. */
export async function runOnResources(
    name: PolicyName,
    resources: PolicyResource[],
    config: object = {},
): Promise<PolicyRun> {
    return runStackPolicy(policy(name), resources, config);
}

/** Asserts the run reported nothing. */
export function assertClean(run: PolicyRun): void {
    assert.deepEqual(run.diagnostics, [], dump(run));
    assert.deepEqual(run.notApplicable, {}, JSON.stringify(run.notApplicable));
}
