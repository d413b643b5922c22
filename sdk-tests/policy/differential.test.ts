import * as assert from "node:assert/strict";
import type { PolicyResource } from "@pulumi/policy";
import { analyzeResources } from "../../src/analysis/analyze";
import type { AnalysisReport } from "../../src/analysis/report/report";
import type { ResolvedFlow } from "../../src/catalogue/types";
import type { WorkloadClusterNetworkArgs } from "../../src/config/types";
import { recordsFromPolicyResources } from "../../src/policy";
import { argsFor } from "../fixtures/harness";
import { EXPLICIT_16, ORACLE_EXAMPLE } from "../fixtures/oracle-tables";
import { VCN_NATIVE_EXAMPLE } from "../fixtures/topology-tables";
import { componentStack } from "./component-stack";
import { filler } from "./fixtures";
import {
    dump,
    runPack,
    undecided,
    violations,
    type PolicyRun,
    type Shape,
    apartFromAssumptions,
} from "./harness";
import { handWrittenStack, oracleNetwork, type HandWrittenNetwork } from "./hand-written";

/*
 * The CLI's analyzer and the policy pack give the same answer about the same network: the stack the pack
 * is handed (preview or update shape), read back into records, goes through the analyzer the CLI runs
 * (`analyzeResources`, with the component's own `requiredFlows` for a component network, as `plan` does),
 * and the pack runs on it. Then:
 *   a flow the analyzer finds denied ⇔ a required-flows violation names it (unknown ⇔ undecided);
 *   ingress-from-anywhere findings ⇔ no-world-ingress violations (the same rules);
 *   limit-exceeded findings ⇔ rule-limits violations; reserved-range-overlap findings ⇔ reserved-cidrs.
 */

interface Verdicts {
    denied: string[];
    unknown: string[];
    world: string[];
    limits: string[];
    reserved: string[];
}

const sorted = (items: Iterable<string>): string[] => [...new Set(items)].sort();

/** The analyzer's side: what the CLI reports. */
function analyzerVerdicts(reports: AnalysisReport[]): Verdicts {
    const flows = reports.flatMap((r) => r.flows);
    const findings = reports.flatMap((r) => r.findings);
    const of = (kind: string) => findings.filter((f) => f.kind === kind);
    return {
        denied: sorted(flows.filter((f) => f.status === "denied").map((f) => f.id)),
        unknown: sorted(flows.filter((f) => f.status === "unknown").map((f) => f.id)),
        world: sorted(
            of("ingress-from-anywhere").map(
                (f) => `${f.subject.name} ${f.subject.direction} ${(f.subject.index ?? 0) + 1}`,
            ),
        ),
        limits: sorted(of("limit-exceeded").map((f) => f.subject.name)),
        reserved: sorted(of("reserved-range-overlap").map((f) => f.subject.name)),
    };
}

const FLOW = /required flow (\S+) \(/;
const RULE = /(ingress|egress) rule (\d+) of (?:security list|network security group|NSG) (\S+)/;
const CONTAINER = /(?:security list|NSG|network security group|subnet) (\S+?)[:,( ]/;
const BLOCK = /^(?:VCN|subnet) (\S+)/;

/** A mandatory report carries the policy's description first; the finding is its last line. */
const lastLine = (message: string): string => message.split("\n").pop() ?? message;

/** The pack's side: what the policies report. */
function packVerdicts(run: PolicyRun): Verdicts {
    const by = (diagnostics: PolicyRun["diagnostics"], policy: string) =>
        diagnostics
            .filter((d) => d.policyName === policy)
            .map((d) => lastLine(d.message).replace(/^could not be decided: /, ""));
    const flowIds = (messages: string[]) =>
        messages.map((m) => FLOW.exec(m)?.[1]).filter((id): id is string => id !== undefined);
    return {
        denied: sorted(flowIds(by(violations(run), "oke-c3-required-flows"))),
        unknown: sorted(flowIds(by(undecided(run), "oke-c3-required-flows"))),
        world: sorted(
            by(violations(run), "oke-c3-no-world-ingress").map((m) => {
                const r = RULE.exec(m);
                return r === null ? m : `${r[3]} ${r[1]} ${r[2]}`;
            }),
        ),
        limits: sorted(by(violations(run), "oke-c3-rule-limits").map((m) => CONTAINER.exec(m)?.[1] ?? m)),
        reserved: sorted(by(violations(run), "oke-c3-reserved-cidrs").map((m) => BLOCK.exec(m)?.[1] ?? m)),
    };
}

/** Both sides on one stack. */
async function both(
    resources: PolicyResource[],
    flows?: ResolvedFlow[],
): Promise<{ analyzer: Verdicts; pack: Verdicts; run: PolicyRun }> {
    const records = recordsFromPolicyResources(resources);
    const reports = analyzeResources(records, flows === undefined ? {} : { flows });
    const run = apartFromAssumptions(await runPack(resources));
    return { analyzer: analyzerVerdicts(reports), pack: packVerdicts(run), run };
}

function assertAgree(result: { analyzer: Verdicts; pack: Verdicts; run: PolicyRun }): void {
    assert.deepEqual(result.pack, result.analyzer, dump(result.run));
}

const COMPONENTS: { name: string; args: WorkloadClusterNetworkArgs }[] = [
    { name: "Oracle's example", args: argsFor(ORACLE_EXAMPLE) },
    { name: "explicit /16", args: argsFor(EXPLICIT_16) },
    { name: "VCN-native", args: argsFor(VCN_NATIVE_EXAMPLE, { cni: "vcn-native" }) },
    { name: "private", args: argsFor(ORACLE_EXAMPLE, { clusterAccess: "private" }) },
    {
        name: "private, no NAT",
        args: argsFor(ORACLE_EXAMPLE, { clusterAccess: "private", natGateway: false }),
    },
    { name: "role rules in NSGs", args: argsFor(ORACLE_EXAMPLE, { securityRules: "nsgs" }) },
    { name: "lists and NSGs", args: argsFor(ORACLE_EXAMPLE, { securityRules: "both" }) },
];

/** Hand-written networks: Oracle's, and Oracle's with one defect each. */
const HAND_WRITTEN: { name: string; net: () => HandWrittenNetwork; expect: (keyof Verdicts)[] }[] = [
    { name: "Oracle's network (compliant)", net: () => oracleNetwork(), expect: [] },
    {
        name: "without the bastion → control-plane SSH rule",
        net: () => {
            const net = oracleNetwork();
            net.lists.kmi.ingress = net.lists.kmi.ingress.filter((r) => !(r.ports?.[0] === 22));
            return net;
        },
        expect: ["denied"],
    },
    {
        name: "with SSH from the world on the workers",
        net: () => {
            const net = oracleNetwork();
            net.lists.worker.ingress.push({ protocol: "6", peer: "0.0.0.0/0", ports: [22, 22] });
            return net;
        },
        expect: ["world"],
    },
    {
        name: "with 31 ingress rules on worker-seclist",
        net: () => {
            const net = oracleNetwork();
            for (let port = 9000; net.lists.worker.ingress.length < 31; port++)
                net.lists.worker.ingress.push(filler(port));
            return net;
        },
        expect: ["limits"],
    },
    {
        name: "without the default list's egress",
        net: () => {
            const net = oracleNetwork();
            net.defaultList.egress = [];
            return net;
        },
        expect: ["denied"],
    },
    {
        // Oracle's rows 3-5 are required on both sides until natGateway: false says the site is air-gapped.
        name: "private, without a NAT gateway",
        net: () => {
            const net = oracleNetwork();
            net.natGateway = false;
            for (const subnet of net.subnets) subnet.public = false;
            return net;
        },
        expect: ["denied"],
    },
    {
        name: "in a VCN that overlaps C3's reserved 100.96.0.0/23",
        net: () => {
            const net = oracleNetwork("100.96");
            net.vcn.cidr = "100.96.0.0/16";
            return net;
        },
        expect: ["reserved"],
    },
];

for (const shape of ["update", "preview"] as const satisfies readonly Shape[]) {
    describe(`differential: the CLI's analyzer and the policy pack agree (${shape})`, () => {
        for (const { name, args } of COMPONENTS) {
            it(`component, ${name}`, async () => {
                const stack = await componentStack(args, shape);
                const component = stack.records.find((r) => r.type.startsWith("oke-c3-network:"));
                const flows = stack.extra(component ?? stack.records[0])?.requiredFlows as ResolvedFlow[];
                const result = await both(stack.resources, flows);
                assertAgree(result);
                if (shape === "update") assert.deepEqual(result.analyzer.denied, [], dump(result.run));
            });
        }
        for (const { name, net, expect } of HAND_WRITTEN) {
            it(`hand-written, ${name}`, async () => {
                const result = await both(await handWrittenStack(net(), shape));
                assertAgree(result);
                // The defect shows on both sides (so agreement is not two empty lists).
                for (const key of expect)
                    assert.ok(result.analyzer[key].length > 0, `${key}: ${dump(result.run)}`);
            });
        }
    });
}
