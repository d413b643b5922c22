import * as assert from "node:assert/strict";
import { evaluateFlow } from "../../src/analysis/evaluate/evaluate";
import type { ResourceRecord } from "../../src/analysis/model/resources";
import type { NetworkModel } from "../../src/analysis/model/model";
import type { WorkloadClusterNetworkArgs } from "../../src/config/types";
import {
    INTRA_VCN_FLOWS,
    ORACLE_EXAMPLE,
    ORACLE_SECURITY_LIST_RULES,
    SEED_TABLE,
    type Layout,
    type OracleFlow,
} from "../fixtures/oracle-tables";
import {
    C3_RULES_WITHOUT_FLANNEL,
    HARDENED_EGRESS,
    PRIVATE_CLUSTER_EXTRA,
    VCN_NATIVE_EXAMPLE,
    VCN_NATIVE_RULES,
} from "../fixtures/topology-tables";
import { argsFor, deploy, onlyModel, queriesFor } from "../fixtures/harness";

/*
 * The tests can fail: remove any ONE rule or route from what the component registered and at least one
 * flow of Oracle's tables must stop passing. This also proves least privilege from the other side: no
 * generated rule is dead weight.
 */

const SECURITY_LIST = "oci:Core/securityList:SecurityList";
const NSG_RULE = "oci:Core/networkSecurityGroupSecurityRule:NetworkSecurityGroupSecurityRule";

/** Load-balancer VNICs created by OKE may carry no NSG of ours: the worst case a proof must cover. */
function withoutLbNsgs(model: NetworkModel): NetworkModel {
    for (const subnet of model.subnets)
        if (subnet.role === "serviceLb" || subnet.role === "controlPlaneEndpoint") subnet.nsgKeys = [];
    return model;
}

function brokenFlows(
    records: ResourceRecord[],
    layout: Layout,
    expected: readonly OracleFlow[],
    adjust: (m: NetworkModel) => NetworkModel = (m) => m,
): string[] {
    const model = adjust(onlyModel(records));
    return expected
        .filter((flow) =>
            queriesFor(layout, flow).some((query) => evaluateFlow(model, query).status !== "allowed"),
        )
        .map((flow) => flow.label);
}

function withoutRule(records: ResourceRecord[], urn: string, field: string, index: number): ResourceRecord[] {
    return records.map((record) => {
        if (record.urn !== urn) return record;
        const rules = [...(record.inputs[field] as unknown[])];
        rules.splice(index, 1);
        return { ...record, inputs: { ...record.inputs, [field]: rules } };
    });
}

/**
 * Every single-rule mutation: one list rule removed, or one NSG rule resource removed (except those `skip`
 * names: NSG copies of rules that a list must also carry).
 */
function mutations(
    records: ResourceRecord[],
    skip: (name: string) => boolean = () => false,
): { label: string; records: ResourceRecord[] }[] {
    const out: { label: string; records: ResourceRecord[] }[] = [];
    for (const list of records.filter((r) => r.type === SECURITY_LIST)) {
        for (const field of ["ingressSecurityRules", "egressSecurityRules"]) {
            (list.inputs[field] as unknown[]).forEach((rule, index) =>
                out.push({
                    label: `${String(list.inputs.displayName)} ${field}[${index}] ${JSON.stringify(rule)}`,
                    records: withoutRule(records, list.urn, field, index),
                }),
            );
        }
    }
    for (const rule of records.filter((r) => r.type === NSG_RULE && !skip(r.name))) {
        out.push({ label: rule.name, records: records.filter((r) => r !== rule) });
    }
    return out;
}

interface MutationCase {
    name: string;
    layout: Layout;
    args: WorkloadClusterNetworkArgs;
    expected: readonly OracleFlow[];
    /** How the model is judged (e.g. load balancers without the NSG). */
    adjust?: (m: NetworkModel) => NetworkModel;
    /** NSG rules not mutated alone. */
    skip?: (name: string) => boolean;
}

const CASES: MutationCase[] = [
    {
        name: "Flannel, security lists (Oracle's example)",
        layout: ORACLE_EXAMPLE,
        args: argsFor(ORACLE_EXAMPLE),
        expected: [...SEED_TABLE, ...ORACLE_SECURITY_LIST_RULES, ...INTRA_VCN_FLOWS],
    },
    {
        // nsgs mode keeps the load balancers' lists (their VNICs may carry no NSG) and adds NSG copies for
        // those that do: judged with LB VNICs that carry none, every list rule is needed; the LB NSG copies
        // are the attachable duplicates and are not mutated alone.
        name: "Flannel, NSGs (load balancers without the NSG)",
        layout: ORACLE_EXAMPLE,
        args: argsFor(ORACLE_EXAMPLE, { securityRules: "nsgs" }),
        expected: [...SEED_TABLE, ...ORACLE_SECURITY_LIST_RULES, ...INTRA_VCN_FLOWS],
        adjust: withoutLbNsgs,
        skip: (name) =>
            name.startsWith("oke-nsg-service-lb-") || name.startsWith("oke-nsg-control-plane-endpoint-"),
    },
    {
        name: "Flannel, NSGs, hardened egress",
        layout: ORACLE_EXAMPLE,
        args: argsFor(ORACLE_EXAMPLE, { securityRules: "nsgs", egress: "flows" }),
        expected: [...SEED_TABLE, ...ORACLE_SECURITY_LIST_RULES, ...INTRA_VCN_FLOWS, ...HARDENED_EGRESS],
        adjust: withoutLbNsgs,
        skip: (name) =>
            name.startsWith("oke-nsg-service-lb-") || name.startsWith("oke-nsg-control-plane-endpoint-"),
    },
    {
        name: "VCN-native, private",
        layout: VCN_NATIVE_EXAMPLE,
        args: argsFor(VCN_NATIVE_EXAMPLE, { cni: "vcn-native", clusterAccess: "private" }),
        expected: [
            ...SEED_TABLE,
            ...C3_RULES_WITHOUT_FLANNEL,
            ...INTRA_VCN_FLOWS,
            ...VCN_NATIVE_RULES,
            ...PRIVATE_CLUSTER_EXTRA,
        ],
    },
];

for (const c of CASES) {
    describe(`mutation (${c.name}): every registered rule is needed by Oracle's tables`, () => {
        let records: ResourceRecord[];
        before(async () => {
            records = (await deploy(c.args)).records;
            assert.deepEqual(
                brokenFlows(records, c.layout, c.expected, c.adjust),
                [],
                "the unmutated network passes",
            );
        });

        it("removing any one rule breaks at least one documented flow", () => {
            const all = mutations(records, c.skip);
            assert.ok(all.length > 20, `${all.length} mutations`);
            const survivors = all.filter(
                (m) => brokenFlows(m.records, c.layout, c.expected, c.adjust).length === 0,
            );
            assert.deepEqual(
                survivors.map((m) => m.label),
                [],
                "rules no documented flow needs",
            );
        });
    });
}

describe("mutation: routes", () => {
    it("removing the NAT route breaks exactly the workers' yum and registry flows", async () => {
        const records = (await deploy(argsFor(ORACLE_EXAMPLE))).records;
        const table = records.find(
            (r) => r.type === "oci:Core/routeTable:RouteTable" && r.inputs.displayName === "nat_private",
        );
        assert.ok(table);
        const expected = [...SEED_TABLE, ...ORACLE_SECURITY_LIST_RULES, ...INTRA_VCN_FLOWS];
        const broken = brokenFlows(
            withoutRule(records, table.urn, "routeRules", 0),
            ORACLE_EXAMPLE,
            expected,
        );
        assert.deepEqual(broken, ["3 workers → yum", "4 workers → secure yum", "5 workers → registry"]);
    });
});
