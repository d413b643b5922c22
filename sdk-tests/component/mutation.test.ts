import * as assert from "node:assert/strict";
import { evaluateFlow } from "../../src/analysis/evaluate";
import type { ResourceRecord } from "../../src/analysis/resources";
import {
    INTRA_VCN_FLOWS,
    ORACLE_EXAMPLE,
    ORACLE_SECURITY_LIST_RULES,
    SEED_TABLE,
    type OracleFlow,
} from "../fixtures/oracle-tables";
import { argsFor, deploy, onlyModel, queriesFor } from "../fixtures/harness";

/*
 * The tests can fail: remove any ONE rule or route from what the component registered and at least one
 * flow of Oracle's tables must stop passing. This also proves least privilege from the other side: no
 * generated rule is dead weight.
 */
const EXPECTED: readonly OracleFlow[] = [...SEED_TABLE, ...ORACLE_SECURITY_LIST_RULES, ...INTRA_VCN_FLOWS];

function brokenFlows(records: ResourceRecord[]): string[] {
    const model = onlyModel(records);
    return EXPECTED.filter((flow) =>
        queriesFor(ORACLE_EXAMPLE, flow).some((query) => {
            return evaluateFlow(model, query).status !== "allowed";
        }),
    ).map((flow) => flow.label);
}

function withoutRule(records: ResourceRecord[], urn: string, field: string, index: number): ResourceRecord[] {
    return records.map((record) => {
        if (record.urn !== urn) return record;
        const rules = [...(record.inputs[field] as unknown[])];
        rules.splice(index, 1);
        return { ...record, inputs: { ...record.inputs, [field]: rules } };
    });
}

describe("mutation: every registered rule is needed by Oracle's tables", () => {
    let records: ResourceRecord[];
    before(async () => {
        records = (await deploy(argsFor(ORACLE_EXAMPLE))).records;
        assert.deepEqual(brokenFlows(records), [], "the unmutated network passes");
    });

    const cases: { list: string; field: string; index: number }[] = [];
    it("has security lists to mutate", () => {
        const lists = records.filter((r) => r.type === "oci:Core/securityList:SecurityList");
        assert.equal(lists.length, 5, "common + 4 role lists");
        for (const list of lists) {
            for (const field of ["ingressSecurityRules", "egressSecurityRules"]) {
                const rules = list.inputs[field] as unknown[];
                rules.forEach((_, index) => cases.push({ list: list.urn, field, index }));
            }
        }
        assert.ok(cases.length > 20);
    });

    it("removing any one security-list rule breaks at least one documented flow", () => {
        const survivors: string[] = [];
        for (const c of cases) {
            const broken = brokenFlows(withoutRule(records, c.list, c.field, c.index));
            if (broken.length === 0) {
                const rule = (records.find((r) => r.urn === c.list)?.inputs[c.field] as unknown[])[c.index];
                survivors.push(`${c.list} ${c.field}[${c.index}] ${JSON.stringify(rule)}`);
            }
        }
        assert.deepEqual(survivors, [], "rules no documented flow needs");
    });

    it("removing the NAT route breaks the workers' yum and registry flows", () => {
        const table = records.find(
            (r) => r.type === "oci:Core/routeTable:RouteTable" && r.inputs.displayName === "nat_private",
        );
        assert.ok(table);
        const broken = brokenFlows(withoutRule(records, table.urn, "routeRules", 0));
        assert.deepEqual(broken, ["3 workers → yum", "4 workers → secure yum", "5 workers → registry"]);
    });
});
