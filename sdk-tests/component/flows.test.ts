import * as assert from "node:assert/strict";
import { evaluateFlow } from "../../src/analysis/evaluate/evaluate";
import {
    DENIED_FLOWS,
    INTRA_VCN_FLOWS,
    LAYOUTS,
    ORACLE_SECURITY_LIST_RULES,
    SEED_TABLE,
} from "../fixtures/oracle-tables";
import {
    argsFor,
    assertAllowed,
    assertDeniedProbe,
    deploy,
    queriesFor,
    type Deployment,
} from "../fixtures/harness";

/*
 * The proof: Oracle's tables (written literally in the fixtures) checked against the resources the component
 * REGISTERED with the mock engine, with OCI semantics (ingress at the destination, egress at the source,
 * stateful replies, routes for flows that leave the VCN).
 */
for (const layout of LAYOUTS) {
    describe(`Flannel public network: ${layout.name}`, () => {
        let deployment: Deployment;
        before(async () => {
            deployment = await deploy(argsFor(layout));
        });

        describe("seed table (docs/oracle-c3-network.md §1a)", () => {
            for (const row of SEED_TABLE) {
                it(`row ${row.label} is allowed`, () => {
                    for (const query of queriesFor(layout, row)) {
                        const verdict = assertAllowed(deployment.model, query);
                        assert.notEqual(verdict.ingress.status, "denied");
                        if (row.destination === "anywhere") {
                            assert.equal(
                                verdict.route.status,
                                "routed",
                                "a flow leaving the VCN needs a route",
                            );
                            assert.equal(verdict.route.gateway?.kind, "nat");
                        }
                        if (row.source === "worker_cidr") {
                            assert.equal(verdict.egress.status, "allowed", "egress at the worker subnet");
                        }
                        assert.equal(verdict.reply.status, "allowed", "stateful rules allow the reply");
                    }
                });
            }
        });

        describe("Oracle's security-list rules (docs/oracle-c3-network.md §3.1-§3.5)", () => {
            for (const rule of ORACLE_SECURITY_LIST_RULES) {
                it(`${rule.label} is honoured`, () => {
                    for (const query of queriesFor(layout, rule)) {
                        const verdict = evaluateFlow(deployment.model, query);
                        assert.equal(verdict.ingress.status, "allowed", verdict.reasons.join("; "));
                        assert.notEqual(verdict.status, "denied", verdict.reasons.join("; "));
                    }
                });
            }
        });

        describe("flows between managed subnets, end to end", () => {
            for (const flow of INTRA_VCN_FLOWS) {
                it(`${flow.label} is allowed`, () => {
                    for (const query of queriesFor(layout, flow)) assertAllowed(deployment.model, query);
                });
            }
        });

        describe("denied flows (least privilege)", () => {
            for (const flow of DENIED_FLOWS) {
                it(`${flow.label} is ${flow.hardenedOnly === true ? "allowed (Oracle's egress-all)" : "denied"}`, () => {
                    for (const query of queriesFor(layout, flow))
                        assertDeniedProbe(deployment.model, query, flow, undefined);
                });
            }
        });
    });
}
