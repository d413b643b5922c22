/*
 * `npm run bench`: how long the analyzer takes for 100 networks (the budget: under 1 s). The
 * networks are 100 distinct component configs recorded under the mock engine (not timed); the timed part is
 * what a policy pack or `plan` runs per network: every required flow evaluated and explained, the findings,
 * and (separately) a diff against the previous network. Not part of `npm test`: timings vary by machine.
 */
import { performance } from "node:perf_hooks";
import { analyzeNetwork } from "../src/analysis/analyze";
import { diffModels } from "../src/analysis/report/diff";
import { evaluateFlows } from "../src/analysis/evaluate/evaluate";
import { modelsFromResources } from "../src/analysis/model/from-resources";
import { recordProgram, valueOf } from "../src/testing/mock-run";
import type { NetworkModel } from "../src/analysis/model/model";
import type { ResolvedFlow } from "../src/catalogue/types";
import { WorkloadClusterNetwork } from "../src/component/workload-cluster-network";
import type { WorkloadClusterNetworkArgs } from "../src/config/types";

const NETWORKS = 100;
/** Distinct component configs recorded under the mock engine; the other networks are renumbered copies. */
const RECORDED = 10;
const BUDGET_MS = 1000;

interface Network {
    model: NetworkModel;
    flows: ResolvedFlow[];
}

/** Config `i`: VCN 10.i.0.0/16, cycling through CNIs, access modes, rule modes and egress modes. */
function configFor(i: number): WorkloadClusterNetworkArgs {
    const vcnNative = i % 4 === 1;
    return {
        compartmentId: "ocid1.compartment.oc1..bench",
        cidrs: { vcn: `10.${i}.0.0/16` },
        kubeClientCidrs: Array.from({ length: 1 + (i % 3) }, (_, k) => `192.168.${k}.0/24`),
        cni: vcnNative ? "vcn-native" : "flannel",
        clusterAccess: i % 5 === 2 ? "private" : "public",
        securityRules: ["securityLists", "nsgs", "both"][i % 3],
        egress: i % 7 === 3 ? "all" : "flows",
    };
}

/**
 * Network `i` as a copy of recorded network `i % RECORDED` moved to 10.i.0.0/16. Recording takes a few
 * hundred ms per network; renumbering keeps the 100 networks distinct (no CIDR string repeats between
 * them) for a fraction of that.
 */
function renumbered(base: Network, from: number, to: number): Network {
    const text = JSON.stringify(base).replaceAll(`10.${from}.`, `10.${to}.`);
    return JSON.parse(text) as Network;
}

async function record(i: number): Promise<Network> {
    const run = await recordProgram(() => new WorkloadClusterNetwork(`bench${i}`, configFor(i)));
    const flows = (await valueOf(run.result.requiredFlows)) as ResolvedFlow[];
    return { model: modelsFromResources(run.records)[0], flows };
}

function time(label: string, rounds: number, body: () => void): { first: number; best: number } {
    const samples: number[] = [];
    for (let r = 0; r < rounds; r++) {
        const start = performance.now();
        body();
        samples.push(performance.now() - start);
    }
    const result = { first: samples[0], best: Math.min(...samples) };
    console.log(
        `${label.padEnd(44)} first ${result.first.toFixed(0).padStart(5)} ms   best of ${rounds} ${result.best.toFixed(0).padStart(5)} ms`,
    );
    return result;
}

async function main(): Promise<void> {
    const recordStart = performance.now();
    const networks: Network[] = [];
    for (let i = 0; i < RECORDED; i++) networks.push(await record(i));
    for (let i = RECORDED; i < NETWORKS; i++)
        networks.push(renumbered(networks[i % RECORDED], i % RECORDED, i));
    const flows = networks.reduce((n, x) => n + x.flows.length, 0);
    console.log(
        `${NETWORKS} networks, ${flows} required flows (${RECORDED} recorded under the mock engine and renumbered in ${(performance.now() - recordStart).toFixed(0)} ms, not timed)`,
    );
    const analysis = time(`analyzeNetwork × ${NETWORKS} (flows + findings)`, 3, () => {
        for (const n of networks) analyzeNetwork(n.model, n.flows);
    });
    time(`  of which evaluateFlows × ${NETWORKS}`, 3, () => {
        for (const n of networks) evaluateFlows(n.model, n.flows);
    });
    time(`diffModels × ${NETWORKS - 1} (consecutive networks)`, 1, () => {
        for (let i = 1; i < networks.length; i++) {
            const [a, b] = [networks[i - 1], networks[i]];
            diffModels(a.model, b.model, [...a.flows, ...b.flows]);
        }
    });
    const verdict = analysis.best < BUDGET_MS ? "within" : "OVER";
    console.log(
        `analysis of ${NETWORKS} networks: ${analysis.best.toFixed(0)} ms, ${verdict} the ${BUDGET_MS} ms budget`,
    );
}

void main();
