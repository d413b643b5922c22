import * as assert from "node:assert/strict";
import type { ResourceRecord } from "../../src/analysis/model/resources";
import { argsFor, deploy, recordsOfType } from "../fixtures/harness";
import { ORACLE_EXAMPLE } from "../fixtures/oracle-tables";
import { VCN_NATIVE_EXAMPLE } from "../fixtures/topology-tables";

/*
 * NSG rule resources are named from the rule's own content (direction, protocol, ports or ICMP type, peer),
 * so a change elsewhere never renames, and so never deletes and re-creates, an unchanged rule in the cloud.
 * The golden lists pin the registered names per topology; the churn test proves the property itself.
 */

const NSG_RULE = "oci:Core/networkSecurityGroupSecurityRule:NetworkSecurityGroupSecurityRule";

function nsgRuleNames(records: ResourceRecord[]): string[] {
    return recordsOfType(records, NSG_RULE)
        .map((r) => r.name)
        .sort();
}

/** The rule's content as OCI sees it, without the NSG id (which is the same NSG in both runs). */
function content(record: ResourceRecord): string {
    const { networkSecurityGroupId: _nsg, ...rest } = record.inputs;
    void _nsg;
    return JSON.stringify(rest, Object.keys(rest).sort());
}

const GOLDEN: [string, Record<string, unknown>, string[]][] = [
    [
        "Flannel, public, egress all",
        { cidrs: { vcn: "172.31.252.0/23" } },
        [
            "oke-nsg-control-plane-endpoint-in-tcp-6443-10-0-0-0-8",
            "oke-nsg-control-plane-endpoint-in-tcp-6443-172-31-252-0-23",
            "oke-nsg-control-plane-endpoint-in-tcp-6443-253-255-0-0-16",
            "oke-nsg-service-lb-in-tcp-443-10-0-0-0-8",
            "oke-nsg-service-lb-in-tcp-80-10-0-0-0-8",
            "oke-nsg-worker-in-tcp-10256-172-31-252-0-25",
            "oke-nsg-worker-in-tcp-22-172-31-252-0-23",
            "oke-nsg-worker-in-tcp-22-65535-172-31-252-224-28",
            "oke-nsg-worker-in-tcp-30000-32767-10-0-0-0-8",
            "oke-nsg-worker-in-tcp-30000-32767-172-31-252-0-25",
            "oke-nsg-worker-in-udp-8285-8472-172-31-252-224-28",
            "oke-nsg-worker-in-udp-8285-8472-172-31-253-0-24",
        ],
    ],
    [
        "Flannel, public, egress flows",
        { cidrs: { vcn: "172.31.252.0/23" }, egress: "flows" },
        [
            "oke-nsg-control-plane-endpoint-in-tcp-6443-10-0-0-0-8",
            "oke-nsg-control-plane-endpoint-in-tcp-6443-172-31-252-0-23",
            "oke-nsg-control-plane-endpoint-in-tcp-6443-253-255-0-0-16",
            "oke-nsg-control-plane-endpoint-out-tcp-6443-172-31-252-224-28",
            "oke-nsg-service-lb-in-tcp-443-10-0-0-0-8",
            "oke-nsg-service-lb-in-tcp-80-10-0-0-0-8",
            "oke-nsg-service-lb-out-tcp-10256-172-31-253-0-24",
            "oke-nsg-service-lb-out-tcp-30000-32767-172-31-253-0-24",
            "oke-nsg-worker-in-tcp-10256-172-31-252-0-25",
            "oke-nsg-worker-in-tcp-22-172-31-252-0-23",
            "oke-nsg-worker-in-tcp-22-65535-172-31-252-224-28",
            "oke-nsg-worker-in-tcp-30000-32767-10-0-0-0-8",
            "oke-nsg-worker-in-tcp-30000-32767-172-31-252-0-25",
            "oke-nsg-worker-in-udp-8285-8472-172-31-252-224-28",
            "oke-nsg-worker-in-udp-8285-8472-172-31-253-0-24",
            "oke-nsg-worker-out-tcp-1024-65535-172-31-252-224-28",
            "oke-nsg-worker-out-tcp-443-0-0-0-0-0",
            "oke-nsg-worker-out-tcp-5000-0-0-0-0-0",
            "oke-nsg-worker-out-tcp-80-0-0-0-0-0",
            "oke-nsg-worker-out-udp-8285-8472-172-31-252-224-28",
            "oke-nsg-worker-out-udp-8285-8472-172-31-253-0-24",
        ],
    ],
    [
        "Flannel, private, egress flows",
        { cidrs: { vcn: "172.31.252.0/23" }, clusterAccess: "private", egress: "flows" },
        [
            "oke-nsg-control-plane-endpoint-in-tcp-6443-10-0-0-0-8",
            "oke-nsg-control-plane-endpoint-in-tcp-6443-172-31-252-0-23",
            "oke-nsg-control-plane-endpoint-in-tcp-6443-253-255-0-0-16",
            "oke-nsg-control-plane-endpoint-out-tcp-6443-172-31-252-224-28",
            "oke-nsg-service-lb-in-tcp-443-10-0-0-0-8",
            "oke-nsg-service-lb-in-tcp-80-10-0-0-0-8",
            "oke-nsg-service-lb-out-tcp-10256-172-31-253-0-24",
            "oke-nsg-service-lb-out-tcp-30000-32767-172-31-253-0-24",
            "oke-nsg-worker-in-tcp-10256-172-31-252-0-25",
            "oke-nsg-worker-in-tcp-22-172-31-252-0-23",
            "oke-nsg-worker-in-tcp-22-65535-172-31-252-224-28",
            "oke-nsg-worker-in-tcp-30000-32767-10-0-0-0-8",
            "oke-nsg-worker-in-tcp-30000-32767-172-31-252-0-25",
            "oke-nsg-worker-in-udp-8285-8472-172-31-252-224-28",
            "oke-nsg-worker-in-udp-8285-8472-172-31-253-0-24",
            "oke-nsg-worker-out-tcp-1024-65535-172-31-252-224-28",
            "oke-nsg-worker-out-tcp-443-0-0-0-0-0",
            "oke-nsg-worker-out-tcp-5000-0-0-0-0-0",
            "oke-nsg-worker-out-tcp-80-0-0-0-0-0",
            "oke-nsg-worker-out-udp-8285-8472-172-31-252-224-28",
            "oke-nsg-worker-out-udp-8285-8472-172-31-253-0-24",
        ],
    ],
    [
        "VCN-native, public, egress all",
        { cidrs: { vcn: "172.31.0.0/19" }, cni: "vcn-native" },
        [
            "oke-nsg-control-plane-endpoint-in-tcp-6443-10-0-0-0-8",
            "oke-nsg-control-plane-endpoint-in-tcp-6443-172-31-0-0-19",
            "oke-nsg-control-plane-endpoint-in-tcp-6443-253-255-0-0-16",
            "oke-nsg-pod-in-all-172-31-16-0-20",
            "oke-nsg-pod-in-all-172-31-4-0-22",
            "oke-nsg-pod-in-all-172-31-8-0-21",
            "oke-nsg-pod-in-tcp-172-31-0-0-23",
            "oke-nsg-service-lb-in-tcp-443-10-0-0-0-8",
            "oke-nsg-service-lb-in-tcp-80-10-0-0-0-8",
            "oke-nsg-worker-in-all-172-31-16-0-20",
            "oke-nsg-worker-in-all-172-31-8-0-21",
            "oke-nsg-worker-in-tcp-10256-172-31-0-0-23",
            "oke-nsg-worker-in-tcp-22-172-31-0-0-19",
            "oke-nsg-worker-in-tcp-22-65535-172-31-4-0-22",
            "oke-nsg-worker-in-tcp-30000-32767-10-0-0-0-8",
            "oke-nsg-worker-in-tcp-30000-32767-172-31-0-0-23",
        ],
    ],
    [
        "VCN-native, private, egress flows",
        { cidrs: { vcn: "172.31.0.0/19" }, cni: "vcn-native", clusterAccess: "private", egress: "flows" },
        [
            "oke-nsg-control-plane-endpoint-in-tcp-6443-10-0-0-0-8",
            "oke-nsg-control-plane-endpoint-in-tcp-6443-172-31-0-0-19",
            "oke-nsg-control-plane-endpoint-in-tcp-6443-253-255-0-0-16",
            "oke-nsg-control-plane-endpoint-out-tcp-6443-172-31-4-0-22",
            "oke-nsg-pod-in-all-172-31-16-0-20",
            "oke-nsg-pod-in-all-172-31-4-0-22",
            "oke-nsg-pod-in-all-172-31-8-0-21",
            "oke-nsg-pod-in-tcp-172-31-0-0-23",
            "oke-nsg-pod-out-all-172-31-16-0-20",
            "oke-nsg-pod-out-all-172-31-8-0-21",
            "oke-nsg-pod-out-tcp-12250-172-31-4-0-22",
            "oke-nsg-pod-out-tcp-443-0-0-0-0-0",
            "oke-nsg-pod-out-tcp-5000-0-0-0-0-0",
            "oke-nsg-pod-out-tcp-6443-172-31-4-0-22",
            "oke-nsg-pod-out-tcp-80-0-0-0-0-0",
            "oke-nsg-service-lb-in-tcp-443-10-0-0-0-8",
            "oke-nsg-service-lb-in-tcp-80-10-0-0-0-8",
            "oke-nsg-service-lb-out-tcp-10256-172-31-8-0-21",
            "oke-nsg-service-lb-out-tcp-172-31-16-0-20",
            "oke-nsg-service-lb-out-tcp-30000-32767-172-31-8-0-21",
            "oke-nsg-worker-in-all-172-31-16-0-20",
            "oke-nsg-worker-in-all-172-31-8-0-21",
            "oke-nsg-worker-in-tcp-10256-172-31-0-0-23",
            "oke-nsg-worker-in-tcp-22-172-31-0-0-19",
            "oke-nsg-worker-in-tcp-22-65535-172-31-4-0-22",
            "oke-nsg-worker-in-tcp-30000-32767-10-0-0-0-8",
            "oke-nsg-worker-in-tcp-30000-32767-172-31-0-0-23",
            "oke-nsg-worker-out-all-172-31-16-0-20",
            "oke-nsg-worker-out-all-172-31-8-0-21",
            "oke-nsg-worker-out-tcp-1024-65535-172-31-4-0-22",
            "oke-nsg-worker-out-tcp-443-0-0-0-0-0",
            "oke-nsg-worker-out-tcp-5000-0-0-0-0-0",
            "oke-nsg-worker-out-tcp-80-0-0-0-0-0",
        ],
    ],
];

describe("golden NSG rule names per topology (securityRules: nsgs)", () => {
    for (const [label, extra, expected] of GOLDEN) {
        it(label, async () => {
            const layout =
                (extra as { cni?: string }).cni === "vcn-native" ? VCN_NATIVE_EXAMPLE : ORACLE_EXAMPLE;
            const d = await deploy(
                argsFor(layout, {
                    securityRules: "nsgs",
                    ...extra,
                    cidrs: { ...(layout.argsCidrs as { vcn: string }) },
                }),
            );
            assert.deepEqual(nsgRuleNames(d.records), expected);
        });
    }
});

describe("NSG rule names do not churn", () => {
    it("narrowing bastionCidrs renames no rule whose content is unchanged", async () => {
        const wide = await deploy(argsFor(ORACLE_EXAMPLE, { securityRules: "nsgs", egress: "flows" }));
        const narrow = await deploy(
            argsFor(ORACLE_EXAMPLE, {
                securityRules: "nsgs",
                egress: "flows",
                bastionCidrs: ["172.31.252.128/27"],
            }),
        );
        const byName = (records: ResourceRecord[]) =>
            new Map(recordsOfType(records, NSG_RULE).map((r) => [r.name, content(r)]));
        const byContent = (records: ResourceRecord[]) =>
            new Map(recordsOfType(records, NSG_RULE).map((r) => [content(r), r.name]));
        const [a, b] = [byName(wide.records), byName(narrow.records)];
        const [ca, cb] = [byContent(wide.records), byContent(narrow.records)];
        let shared = 0;
        for (const [text, name] of ca) {
            const other = cb.get(text);
            if (other === undefined) continue;
            shared++;
            assert.equal(other, name, `the same rule is named ${name} in one run and ${other} in the other`);
        }
        for (const [name, text] of a)
            if (b.has(name)) assert.equal(b.get(name), text, `${name} changed content`);
        // The narrowing moves the bastion's egress into the VCN gap: workers now need their own 6443 rule,
        // a new rule with a new name, while the rest stay as they were.
        assert.ok(shared >= 10, `only ${shared} rules in common`);
        assert.ok(b.has("oke-nsg-worker-out-tcp-6443-172-31-252-240-28"));
    });
});
