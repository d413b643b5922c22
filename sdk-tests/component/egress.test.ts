import * as assert from "node:assert/strict";
import type { ResourceRecord } from "../../src/analysis/model/resources";
import { ORACLE_EXAMPLE } from "../fixtures/oracle-tables";
import { VCN_NATIVE_EXAMPLE } from "../fixtures/topology-tables";
import { argsFor } from "../fixtures/harness";
import { judgeRow, type Row } from "../oracle/expect";
import { networkFromRecords, type OracleNetwork } from "../oracle/network";
import { recordCase } from "../oracle/run";

/*
 * The egress rules the component REGISTERS for Oracle's examples (docs/oracle-c3-network.md §2a, §2b), written out
 * literally from Oracle's security lists (§3.1-§3.5) and port table (§1a): Oracle's single "Allow all outgoing
 * traffic." by default; with the hardened `egress: "flows"` only the egress halves of Oracle's rows. Then the
 * independent oracle judges flows Oracle's egress-all lets out and no row needs: open by default, closed when
 * hardened.
 */

const VCN = "172.31.252.0/23";
const WORKER = "172.31.253.0/24";
const KMI = "172.31.252.224/28";
const KMILB = "172.31.252.240/28";
const WORLD = "0.0.0.0/0";

/** An egress rule as `protocol destination ports|icmp` (OCI protocol numbers: 1 ICMP, 6 TCP, 17 UDP). */
type Egress = string;

/** The egress rules of each security list, by Oracle's display name, in hardened mode. */
const HARDENED: Readonly<Record<string, readonly Egress[]>> = {
    "default-seclist (emptied by oke-c3-network)": [],
    // Every subnet: the egress halves of rules whose source is vcn_cidr or anywhere.
    "common-seclist": [
        `1 ${VCN} icmp 8`, // §3.1 "Allow ping from VCN."
        `1 ${WORLD} icmp 3`, // Path Discovery (public OCI V-W9); §3.1 admits type 3 from anywhere
        `1 ${WORLD} icmp 11`, // §3.1 time exceeded
        `6 ${WORKER} 22-22`, // §1a#1, §3.2#1 (bastion = vcn_cidr)
        `6 ${KMI} 22-22`, // §1a#2
        `6 ${KMILB} 6443-6443`, // §3.5#3 vcn_cidr → kmilb; covers §1a#7 and the KMIs reaching their LB
    ],
    "worker-seclist": [
        `17 ${WORKER} 8285-8472`, // §3.2#6
        `6 ${WORLD} 80-80`, // §1a#3 yum
        `6 ${WORLD} 443-443`, // §1a#4 secure yum
        `6 ${WORLD} 5000-5000`, // §1a#5 registry
        `6 ${KMI} 1024-65535`, // §3.4#3 (covers §1a#6 and #9, 6443)
        `17 ${KMI} 8285-8472`, // §3.4#5
    ],
    "workerlb-seclist": [
        `6 ${WORKER} 30000-32767`, // §3.2#3
        `6 ${WORKER} 10256-10256`, // §3.2#4
    ],
    "kmi-seclist": [
        `6 ${WORKER} 22-65535`, // §3.2#5
        `17 ${WORKER} 8285-8472`, // §3.2#7
        `6 ${KMI} 1024-65535`, // §3.4#4
        `17 ${KMI} 8285-8472`, // §3.4#6
        // Unverified: the KMIs' yum, registry and C3 API, which Oracle's egress-all lets out (README).
        `6 ${WORLD} 80-80`,
        `6 ${WORLD} 443-443`,
        `6 ${WORLD} 5000-5000`,
    ],
    "kmilb-seclist": [
        `6 ${KMI} 6443-6443`, // §3.4#2
    ],
};

/** Oracle's default: one stateful egress-all rule on every subnet (§3.1), nothing else. */
const ORACLE_DEFAULT: Readonly<Record<string, readonly Egress[]>> = {
    "default-seclist (emptied by oke-c3-network)": [],
    "common-seclist": [`all ${WORLD}`],
    "worker-seclist": [],
    "workerlb-seclist": [],
    "kmi-seclist": [],
    "kmilb-seclist": [],
};

function egressText(rule: Record<string, unknown>): Egress {
    const options = (rule.tcpOptions ?? rule.udpOptions) as { min: number; max: number } | undefined;
    const icmp = rule.icmpOptions as { type: number; code?: number } | undefined;
    const what =
        options !== undefined
            ? ` ${options.min}-${options.max}`
            : icmp !== undefined
              ? ` icmp ${icmp.type}${icmp.code === undefined ? "" : `/${icmp.code}`}`
              : "";
    return `${String(rule.protocol)} ${String(rule.destination)}${what}`;
}

function egressByList(records: readonly ResourceRecord[]): Record<string, Egress[]> {
    return Object.fromEntries(
        records
            .filter((r) => /^oci:Core\/(default)?[sS]ecurityList:/.test(r.type))
            .map((r) => [
                String(r.inputs.displayName),
                ((r.inputs.egressSecurityRules ?? []) as Record<string, unknown>[]).map(egressText),
            ]),
    );
}

function allEgress(records: readonly ResourceRecord[]): Record<string, unknown>[] {
    return records
        .filter((r) => /[sS]ecurityList:/.test(r.type))
        .flatMap((r) => (r.inputs.egressSecurityRules ?? []) as Record<string, unknown>[]);
}

/** The egress rules of each NSG, by its display name (NSG rules spell ports `destinationPortRange`). */
function nsgEgress(records: readonly ResourceRecord[]): Record<string, Egress[]> {
    const names = new Map(
        records
            .filter((r) => r.type === "oci:Core/networkSecurityGroup:NetworkSecurityGroup")
            .map((r) => [r.id, String(r.inputs.displayName)]),
    );
    const out: Record<string, Egress[]> = {};
    for (const r of records) {
        if (!/NetworkSecurityGroupSecurityRule$/.test(r.type) || r.inputs.direction !== "EGRESS") continue;
        const name = names.get(String(r.inputs.networkSecurityGroupId)) ?? "?";
        const options = (r.inputs.tcpOptions ?? r.inputs.udpOptions) as
            { destinationPortRange?: { min: number; max: number } } | undefined;
        const rule = { ...r.inputs, tcpOptions: options?.destinationPortRange, udpOptions: undefined };
        (out[name] ??= []).push(egressText(rule));
    }
    return out;
}

/** Flows Oracle's egress-all lets out that no row of Oracle's tables needs. */
const EGRESS_ONLY_ORACLE_ALLOWS: readonly Row[] = [
    {
        label: "control plane → internet ssh",
        source: "kmi_cidr",
        destination: "anywhere",
        protocol: "tcp",
        ports: { min: 22, max: 22 },
    },
    {
        label: "worker → internet ssh",
        source: "worker_cidr",
        destination: "anywhere",
        protocol: "tcp",
        ports: { min: 22, max: 22 },
    },
    {
        label: "worker → internet DNS over UDP",
        source: "worker_cidr",
        destination: "anywhere",
        protocol: "udp",
        ports: { min: 53, max: 53 },
    },
    {
        label: "worker LB → internet 8080",
        source: "workerlb_cidr",
        destination: "anywhere",
        protocol: "tcp",
        ports: { min: 8080, max: 8080 },
    },
];

describe("egress: what the component registers (Oracle's example)", () => {
    const runs: Record<"all" | "flows", { records: ResourceRecord[]; net: OracleNetwork }> = {} as never;
    before(async () => {
        for (const egress of ["all", "flows"] as const) {
            const recorded = await recordCase(argsFor(ORACLE_EXAMPLE, { egress }));
            assert.ok(recorded);
            runs[egress] = { records: recorded.records, net: networkFromRecords(recorded.records) };
        }
    });

    it("default: Oracle's one stateful 'Allow all outgoing traffic.' rule to 0.0.0.0/0, protocol all", () => {
        assert.deepEqual(egressByList(runs.all.records), ORACLE_DEFAULT);
        assert.deepEqual(allEgress(runs.all.records), [
            {
                description: "Allow all outgoing traffic.",
                destination: "0.0.0.0/0",
                destinationType: "CIDR_BLOCK",
                protocol: "all",
                stateless: false,
            },
        ]);
    });

    it("hardened (egress: flows): only the egress halves of Oracle's rows, list by list", () => {
        const registered = egressByList(runs.flows.records);
        assert.deepEqual(Object.keys(registered).sort(), Object.keys(HARDENED).sort());
        for (const [list, expected] of Object.entries(HARDENED))
            assert.deepEqual([...registered[list]].sort(), [...expected].sort(), list);
        for (const rule of allEgress(runs.flows.records)) {
            assert.equal(rule.stateless, false, JSON.stringify(rule));
            assert.equal(rule.destinationType, "CIDR_BLOCK", JSON.stringify(rule));
            assert.notEqual(
                rule.protocol,
                "all",
                `no protocol-all egress when hardened: ${JSON.stringify(rule)}`,
            );
        }
    });

    it("NSG mode: the default adds no NSG egress; hardened puts each role's egress in its NSG, the same rows", async () => {
        const open = await recordCase(argsFor(ORACLE_EXAMPLE, { securityRules: "nsgs" }));
        assert.ok(open);
        assert.deepEqual(nsgEgress(open.records), {});
        const hardened = await recordCase(
            argsFor(ORACLE_EXAMPLE, { securityRules: "nsgs", egress: "flows" }),
        );
        assert.ok(hardened);
        const nsgs = nsgEgress(hardened.records);
        assert.deepEqual(Object.fromEntries(Object.entries(nsgs).map(([k, v]) => [k, [...v].sort()])), {
            "worker-nsg": [...HARDENED["worker-seclist"]].sort(),
            "service-lb-nsg": [...HARDENED["workerlb-seclist"]].sort(),
            "control-plane-endpoint-nsg": [...HARDENED["kmilb-seclist"]].sort(),
        });
        // The lists of VNICs that may carry no NSG keep their rules; the workers' list is gone.
        const lists = egressByList(hardened.records);
        assert.equal(lists["worker-seclist"], undefined);
        for (const list of ["common-seclist", "workerlb-seclist", "kmi-seclist", "kmilb-seclist"])
            assert.deepEqual([...lists[list]].sort(), [...HARDENED[list]].sort(), list);
    });

    for (const row of EGRESS_ONLY_ORACLE_ALLOWS) {
        it(`${row.label}: allowed with Oracle's egress-all, denied when hardened`, () => {
            const open = judgeRow(runs.all.net, ORACLE_EXAMPLE, row);
            assert.equal(open.judgement.outcome, "allowed", open.text);
            const closed = judgeRow(runs.flows.net, ORACLE_EXAMPLE, row);
            assert.equal(closed.judgement.outcome, "denied", closed.text);
        });
    }
});

const N_VCN = "172.31.0.0/19";
const N_WORKER = "172.31.8.0/21";
const N_KMI = "172.31.4.0/22";
const N_KMILB = "172.31.2.0/23";
const N_POD = "172.31.16.0/20";

/** VCN-native, hardened: the C3 rows without Flannel plus public OCI's VCN-native egress (§9.3, mapped by §9.7). */
const HARDENED_VCN_NATIVE: Readonly<Record<string, readonly Egress[]>> = {
    "default-seclist (emptied by oke-c3-network)": [],
    "common-seclist": [
        `1 ${N_VCN} icmp 8`, // §3.1
        `1 ${WORLD} icmp 3`, // V-W9, V-P5
        `1 ${WORLD} icmp 11`, // §3.1
        `6 ${N_WORKER} 22-22`, // §1a#1
        `6 ${N_KMI} 22-22`, // §1a#2
        `6 ${N_KMILB} 6443-6443`, // §3.5#3 (covers §1a#7, V-A3 to the LB)
    ],
    "worker-seclist": [
        `6 ${WORLD} 80-80`, // §1a#3
        `6 ${WORLD} 443-443`, // §1a#4
        `6 ${WORLD} 5000-5000`, // §1a#5
        `6 ${N_KMI} 1024-65535`, // §3.4#3 (covers 6443 and V-A2's 12250)
        `all ${N_POD}`, // V-P2
        `all ${N_WORKER}`, // V-W1
    ],
    "workerlb-seclist": [
        `6 ${N_WORKER} 30000-32767`, // §3.2#3
        `6 ${N_WORKER} 10256-10256`, // §3.2#4
        `6 ${N_POD}`, // unverified: service LB → pods (README)
    ],
    "kmi-seclist": [
        `6 ${N_WORKER} 22-65535`, // §3.2#5
        `6 ${N_KMI} 1024-65535`, // §3.4#4
        `6 ${WORLD} 80-80`, // unverified: the KMIs' yum, C3 API, registry (README)
        `6 ${WORLD} 443-443`,
        `6 ${WORLD} 5000-5000`,
        `all ${N_POD}`, // V-P1
    ],
    "kmilb-seclist": [
        `6 ${N_KMI} 6443-6443`, // §3.4#2
    ],
    "pod-seclist": [
        `all ${N_POD}`, // V-P3/V-P4
        `all ${N_WORKER}`, // V-W2
        `6 ${N_KMI} 6443-6443`, // V-A3, V-P7
        `6 ${N_KMI} 12250-12250`, // V-A4, V-P8
        `6 ${WORLD} 443-443`, // V-P9
        `6 ${WORLD} 80-80`, // unverified: the workers' yum and registry ports (README)
        `6 ${WORLD} 5000-5000`,
    ],
};

describe("egress: what the component registers (Oracle's VCN-native example)", () => {
    it("default: only Oracle's egress-all; hardened: only the egress halves of the rows, list by list", async () => {
        const open = await recordCase(argsFor(VCN_NATIVE_EXAMPLE, { cni: "vcn-native" }));
        assert.ok(open);
        assert.deepEqual(egressByList(open.records), { ...ORACLE_DEFAULT, "pod-seclist": [] });
        const hardened = await recordCase(
            argsFor(VCN_NATIVE_EXAMPLE, { cni: "vcn-native", egress: "flows" }),
        );
        assert.ok(hardened);
        const registered = egressByList(hardened.records);
        assert.deepEqual(Object.keys(registered).sort(), Object.keys(HARDENED_VCN_NATIVE).sort());
        for (const [list, expected] of Object.entries(HARDENED_VCN_NATIVE))
            assert.deepEqual([...registered[list]].sort(), [...expected].sort(), list);
        const net = networkFromRecords(hardened.records);
        const podSsh: Row = {
            label: "pod → internet ssh",
            source: "pod_cidr",
            destination: "anywhere",
            protocol: "tcp",
            ports: { min: 22, max: 22 },
        };
        const closed = judgeRow(net, VCN_NATIVE_EXAMPLE, podSsh);
        assert.equal(closed.judgement.outcome, "denied", closed.text);
        const allowed = judgeRow(networkFromRecords(open.records), VCN_NATIVE_EXAMPLE, podSsh);
        assert.equal(allowed.judgement.outcome, "allowed", allowed.text);
    });
});
