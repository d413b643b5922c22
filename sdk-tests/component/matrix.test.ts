import * as assert from "node:assert/strict";
import { analyzeNetwork } from "../../src/analysis/analyze";
import { valueOf } from "../../src/analysis/mock-engine";
import { resolvedFlowsFromOutput } from "../../src/analysis/requirements/flows-for-model";
import { ORACLE_EXAMPLE } from "../fixtures/oracle-tables";
import { VCN_NATIVE_EXAMPLE } from "../fixtures/topology-tables";
import { argsFor, deploy } from "../fixtures/harness";

/*
 * Every combination of the topology switches: the network's own required flows all hold, and the analyzer
 * finds nothing above "low" (no duplicate, shadowed, unused or world-open rules, no limit or route
 * mismatch). The topology tests check the flows against Oracle's tables; this one checks the combinations.
 */
const CNIS = ["flannel", "vcn-native"] as const;
const ACCESS = [
    { clusterAccess: "public" },
    { clusterAccess: "private" },
    { clusterAccess: "private", natGateway: false },
] as const;
const RULES = ["securityLists", "nsgs", "both"] as const;
const EGRESS = ["flows", "all"] as const;

describe("topology matrix: each network's required flows hold and nothing is flagged", function () {
    this.timeout(120000);
    for (const cni of CNIS) {
        for (const access of ACCESS) {
            for (const securityRules of RULES) {
                for (const egress of EGRESS) {
                    const label = `${cni}, ${JSON.stringify(access)}, ${securityRules}, egress ${egress}`;
                    it(label, async () => {
                        const layout = cni === "flannel" ? ORACLE_EXAMPLE : VCN_NATIVE_EXAMPLE;
                        const d = await deploy(argsFor(layout, { cni, ...access, securityRules, egress }));
                        const flows = resolvedFlowsFromOutput(await valueOf(d.network.requiredFlows));
                        assert.ok(flows !== undefined && flows.length > 20);
                        const report = analyzeNetwork(d.model, flows);
                        const failing = report.flows.filter((f) => f.status !== "allowed");
                        assert.deepEqual(
                            failing.map((f) => `${f.id}: ${JSON.stringify(f)}`),
                            [],
                            "every required flow holds",
                        );
                        // "both" duplicates every role rule in a list and an NSG on purpose.
                        const serious = report.findings.filter(
                            (f) =>
                                (f.severity === "high" || f.severity === "medium") &&
                                !(securityRules === "both" && f.kind === "duplicate-rule"),
                        );
                        assert.deepEqual(serious, [], "no medium or high finding");
                    });
                }
            }
        }
    }
});
