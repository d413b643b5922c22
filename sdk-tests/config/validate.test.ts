import assert from "node:assert/strict";
import * as limits from "../../src/c3/limits";
import { podSubnetProblems, resolveConfig, validateConfig } from "../../src/config/validate";
import {
    NetworkConfigError,
    type ConfigProblem,
    type WorkloadClusterNetworkArgs,
} from "../../src/config/types";
import { DEFAULT_KUBERNETES_API_PORT, DEFAULT_VCN_DNS_LABEL } from "../../src/c3/defaults";

const VALID = {
    compartmentId: "ocid1.compartment.oc1..test",
    cidrs: { vcn: "172.31.252.0/23" },
    kubeClientCidrs: ["10.0.0.0/8"],
};

/** Untyped on purpose: configs arrive from YAML and JavaScript. */
function withArgs(overrides: Record<string, unknown>): WorkloadClusterNetworkArgs {
    const args: Record<string, unknown> = { ...VALID, ...overrides };
    return args as unknown as WorkloadClusterNetworkArgs;
}

function refused(args: WorkloadClusterNetworkArgs): NetworkConfigError {
    try {
        resolveConfig(args);
    } catch (error) {
        assert.ok(error instanceof NetworkConfigError, `expected NetworkConfigError, got ${String(error)}`);
        return error;
    }
    assert.fail("resolveConfig accepted the config");
}

/** Asserts resolveConfig refuses with a problem at `path`, reporting `value`, whose fix contains `fixPart`. */
function expectProblem(
    args: WorkloadClusterNetworkArgs,
    path: string,
    value: unknown,
    fixPart: string,
): ConfigProblem {
    const error = refused(args);
    const found = error.problems.find((p) => p.path === path);
    assert.ok(found, `no problem at ${path}; got ${JSON.stringify(error.problems)}`);
    assert.deepEqual(found.value, value);
    assert.ok(found.fix.includes(fixPart), `fix "${found.fix}" lacks "${fixPart}"`);
    assert.ok(error.message.includes(`${path}: `), "the message names the path");
    assert.ok(error.message.includes(found.fix), "the message carries the fix");
    return found;
}

describe("resolveConfig", () => {
    describe("defaults", () => {
        it("carves Oracle's Flannel layout and fills every default", () => {
            assert.deepEqual(resolveConfig(withArgs({})), {
                cni: "flannel",
                clusterAccess: "public",
                securityRules: "securityLists",
                // Oracle's "Allow all outgoing traffic." is the default since the hardened mode became opt-in.
                egress: "all",
                layout: {
                    vcn: "172.31.252.0/23",
                    serviceLb: "172.31.252.0/25",
                    controlPlane: "172.31.252.224/28",
                    controlPlaneEndpoint: "172.31.252.240/28",
                    worker: "172.31.253.0/24",
                },
                kubeClientCidrs: ["10.0.0.0/8"],
                bastionCidrs: ["172.31.252.0/23"],
                kubernetesApiPort: 6443,
                serviceLbIngress: [
                    { name: "http", protocol: "tcp", ports: { min: 80, max: 80 }, sources: ["10.0.0.0/8"] },
                    {
                        name: "https",
                        protocol: "tcp",
                        ports: { min: 443, max: 443 },
                        sources: ["10.0.0.0/8"],
                    },
                ],
                extraRules: [],
                natGateway: true,
                routeRules: [],
                dnsLabel: "okec3",
                worldWideSources: [],
            });
            assert.equal(DEFAULT_VCN_DNS_LABEL, "okec3");
            assert.equal(DEFAULT_KUBERNETES_API_PORT, 6443);
        });

        it("keeps explicit values and normalizes rules", () => {
            const config = resolveConfig(
                withArgs({
                    cidrs: { vcn: "172.31.252.0/23", worker: "172.31.253.0/24" },
                    kubernetesApiPort: 6443,
                    bastionCidrs: ["192.168.1.0/24"],
                    egress: "all",
                    dnsLabel: "oketest",
                    serviceLbIngress: [{ name: "dns", protocol: "udp", port: 53, sources: ["10.1.0.0/16"] }],
                    extraRules: [
                        {
                            name: "metrics",
                            role: "worker",
                            direction: "ingress",
                            protocol: "tcp",
                            cidr: "10.2.0.0/16",
                            portMin: 9100,
                        },
                        {
                            name: "ping",
                            role: "controlPlane",
                            direction: "ingress",
                            protocol: "icmp",
                            cidr: "10.0.0.0/8",
                            icmpType: 8,
                            description: "Ping.",
                        },
                    ],
                    freeformTags: { team: "platform" },
                }),
            );
            assert.equal(config.kubernetesApiPort, 6443);
            assert.deepEqual(config.bastionCidrs, ["192.168.1.0/24"]);
            assert.equal(config.egress, "all");
            assert.equal(config.dnsLabel, "oketest");
            assert.deepEqual(config.serviceLbIngress, [
                { name: "dns", protocol: "udp", ports: { min: 53, max: 53 }, sources: ["10.1.0.0/16"] },
            ]);
            assert.deepEqual(config.extraRules, [
                {
                    name: "metrics",
                    role: "worker",
                    direction: "ingress",
                    protocol: "tcp",
                    cidr: "10.2.0.0/16",
                    ports: { min: 9100, max: 9100 },
                    description: "Extra rule metrics.",
                },
                {
                    name: "ping",
                    role: "controlPlane",
                    direction: "ingress",
                    protocol: "icmp",
                    cidr: "10.0.0.0/8",
                    icmp: { type: 8 },
                    description: "Ping.",
                },
            ]);
        });

        it("validateConfig returns no problems for a valid config", () => {
            assert.deepEqual(validateConfig(withArgs({})), []);
        });
    });

    describe("never crashes on untyped input", () => {
        for (const args of [
            null,
            undefined,
            42,
            "x",
            [],
            {},
            { cidrs: 5 },
            { cidrs: { vcn: null } },
            { kubeClientCidrs: "10.0.0.0/8" },
        ]) {
            it(`reports problems for ${JSON.stringify(args)}`, () => {
                const problems = validateConfig(args as unknown as WorkloadClusterNetworkArgs);
                assert.ok(problems.length > 0);
                assert.throws(
                    () => resolveConfig(args as unknown as WorkloadClusterNetworkArgs),
                    NetworkConfigError,
                );
            });
        }
    });

    describe("CIDRs", () => {
        it("cidrs missing", () => {
            expectProblem(withArgs({ cidrs: undefined }), "cidrs", undefined, 'vcn: "172.31.252.0/23"');
        });

        it("cidrs.vcn not a string", () => {
            expectProblem(withArgs({ cidrs: { vcn: 42 } }), "cidrs.vcn", 42, '"10.0.0.0/16"');
        });

        it("cidrs.vcn malformed", () => {
            expectProblem(
                withArgs({ cidrs: { vcn: "172.31.252.0/33" } }),
                "cidrs.vcn",
                "172.31.252.0/33",
                "IPv4 network address",
            );
        });

        it("host bits set: names the network address meant", () => {
            const p = expectProblem(
                withArgs({ cidrs: { vcn: "172.31.252.1/23" } }),
                "cidrs.vcn",
                "172.31.252.1/23",
                "172.31.252.0/23",
            );
            assert.match(p.message, /host bits/);
        });

        it("VCN prefix shorter than /16", () => {
            expectProblem(
                withArgs({ cidrs: { vcn: "10.0.0.0/8" } }),
                "cidrs.vcn",
                "10.0.0.0/8",
                "10.0.0.0/16",
            );
        });

        it("VCN prefix longer than /30", () => {
            expectProblem(
                withArgs({ cidrs: { vcn: "10.0.0.0/31" } }),
                "cidrs.vcn",
                "10.0.0.0/31",
                "/25 or larger",
            );
        });

        it("VCN too small to carve Flannel", () => {
            const p = expectProblem(
                withArgs({ cidrs: { vcn: "10.0.0.0/26" } }),
                "cidrs.vcn",
                "10.0.0.0/26",
                "/25 or larger",
            );
            assert.match(p.fix, /cidrs\.worker/);
        });

        it("subnet outside the VCN", () => {
            expectProblem(
                withArgs({ cidrs: { vcn: "172.31.252.0/23", worker: "172.31.0.0/24" } }),
                "cidrs.worker",
                "172.31.0.0/24",
                "inside 172.31.252.0/23",
            );
        });

        it("subnet smaller than /30", () => {
            expectProblem(
                withArgs({ cidrs: { vcn: "172.31.252.0/23", controlPlane: "172.31.252.224/31" } }),
                "cidrs.controlPlane",
                "172.31.252.224/31",
                "/30 or larger",
            );
        });

        it("subnets overlap each other", () => {
            const args = withArgs({
                cidrs: { vcn: "172.31.252.0/23", worker: "172.31.253.0/24", serviceLb: "172.31.253.0/25" },
            });
            const p = expectProblem(
                args,
                "cidrs.serviceLb",
                "172.31.253.0/25",
                "disjoint from 172.31.253.0/24",
            );
            assert.match(p.message, /overlaps cidrs\.worker/);
        });

        it("VCN overlaps a C3 reserved range: names the range and why", () => {
            const p = expectProblem(
                withArgs({ cidrs: { vcn: "100.96.0.0/16" } }),
                "cidrs.vcn",
                "100.96.0.0/16",
                "does not overlap 100.96.0.0/23",
            );
            assert.match(p.message, /100\.96\.0\.0\/23, reserved by C3/);
        });

        it("subnet overlaps a C3 reserved range", () => {
            const args = withArgs({ cidrs: { vcn: "172.31.252.0/23", worker: "169.254.169.0/24" } });
            const error = refused(args);
            const p = error.problems.find(
                (x) => x.path === "cidrs.worker" && x.message.includes("169.254.169.254/32"),
            );
            assert.ok(p, JSON.stringify(error.problems));
            assert.match(p.message, /metadata/);
            assert.match(p.fix, /does not overlap 169\.254\.169\.254\/32/);
        });

        it("unknown cidrs key: maps Oracle's term", () => {
            expectProblem(
                withArgs({ cidrs: { vcn: "172.31.252.0/23", kmi_cidr: "172.31.252.224/28" } }),
                "cidrs.kmi_cidr",
                "172.31.252.224/28",
                "cidrs.controlPlane",
            );
        });

        it("pod CIDR with Flannel", () => {
            expectProblem(
                withArgs({ cidrs: { vcn: "172.31.252.0/23", pod: "172.31.253.0/24" } }),
                "cidrs.pod",
                "172.31.253.0/24",
                'cni to "vcn-native"',
            );
        });

        it("a carving conflict with given subnets", () => {
            const args = withArgs({
                cidrs: { vcn: "172.31.252.0/23", worker: "172.31.252.0/24", serviceLb: "172.31.253.0/24" },
            });
            expectProblem(args, "cidrs.controlPlane", undefined, "give cidrs.controlPlane explicitly");
        });
    });

    describe("pod subnet (VCN-native, docs/oracle-c3-network.md §2d), checked directly", () => {
        const layout = {
            vcn: "172.31.0.0/19",
            serviceLb: "172.31.0.0/23",
            controlPlaneEndpoint: "172.31.2.0/23",
            controlPlane: "172.31.4.0/22",
            worker: "172.31.8.0/21",
            pod: "172.31.16.0/20",
        };

        it("accepts Oracle's layout", () => {
            assert.deepEqual(podSubnetProblems(layout), []);
            assert.deepEqual(podSubnetProblems({ ...layout, pod: undefined }), []);
        });

        it("pod must be larger than /25", () => {
            const problems = podSubnetProblems({
                ...layout,
                worker: "172.31.8.0/27",
                controlPlane: "172.31.4.0/28",
                pod: "172.31.16.0/25",
            });
            assert.equal(problems.length, 1);
            assert.equal(problems[0].path, "cidrs.pod");
            assert.equal(problems[0].value, "172.31.16.0/25");
            assert.match(problems[0].fix, /172\.31\.16\.0\/24/);
        });

        it("pod must be larger than the worker subnet", () => {
            const problems = podSubnetProblems({ ...layout, pod: "172.31.16.0/21" });
            assert.equal(problems.length, 1);
            assert.match(problems[0].message, /larger than the worker subnet 172\.31\.8\.0\/21/);
            assert.match(problems[0].fix, /shorter than \/21/);
        });

        it("pod must have at least as many addresses as the control plane", () => {
            const problems = podSubnetProblems({
                ...layout,
                worker: "172.31.8.0/24",
                controlPlane: "172.31.4.0/22",
                pod: "172.31.16.0/23",
            });
            assert.equal(problems.length, 1);
            assert.match(problems[0].message, /control-plane subnet 172\.31\.4\.0\/22/);
            assert.match(problems[0].fix, /\/22 or shorter/);
        });

        it("is applied by validation with vcn-native", () => {
            const args = withArgs({
                cni: "vcn-native",
                cidrs: { vcn: "172.31.0.0/19", pod: "172.31.16.0/25" },
            });
            expectProblem(args, "cidrs.pod", "172.31.16.0/25", "/24 or larger");
        });
    });

    describe("client and bastion ranges", () => {
        it("kubeClientCidrs missing", () => {
            expectProblem(
                withArgs({ kubeClientCidrs: undefined }),
                "kubeClientCidrs",
                undefined,
                '["10.0.0.0/8"]',
            );
        });

        it("kubeClientCidrs empty", () => {
            expectProblem(withArgs({ kubeClientCidrs: [] }), "kubeClientCidrs", [], '["10.0.0.0/8"]');
        });

        it("kubeClientCidrs entry invalid", () => {
            expectProblem(
                withArgs({ kubeClientCidrs: ["10.0.0.0/8", "192.168.1.5/24"] }),
                "kubeClientCidrs[1]",
                "192.168.1.5/24",
                "192.168.1.0/24",
            );
        });

        it("kubeClientCidrs inside 253.255.0.0/16", () => {
            const p = expectProblem(
                withArgs({ kubeClientCidrs: ["253.255.7.0/24"] }),
                "kubeClientCidrs[0]",
                "253.255.7.0/24",
                "without 253.255.0.0/16",
            );
            assert.match(p.message, /kube_internal_cidr/);
        });

        it("kubeClientCidrs in class E space (containing 253.255.0.0/16) is refused as non-unicast", () => {
            const p = expectProblem(
                withArgs({ kubeClientCidrs: ["253.0.0.0/8"] }),
                "kubeClientCidrs[0]",
                "253.0.0.0/8",
                "unicast",
            );
            assert.match(p.message, /inside 240\.0\.0\.0\/4 \(reserved \(class E\)/);
        });

        it("bastionCidrs not a list", () => {
            expectProblem(
                withArgs({ bastionCidrs: "10.0.0.0/8" }),
                "bastionCidrs",
                "10.0.0.0/8",
                "list of CIDRs",
            );
        });

        it("bastionCidrs entry invalid", () => {
            expectProblem(withArgs({ bastionCidrs: [7] }), "bastionCidrs[0]", 7, '"10.0.0.0/16"');
        });

        it("bastionCidrs overlaps 253.255.0.0/16", () => {
            expectProblem(
                withArgs({ bastionCidrs: ["253.255.1.0/24"] }),
                "bastionCidrs[0]",
                "253.255.1.0/24",
                "without 253.255.0.0/16",
            );
        });
    });

    describe("ports", () => {
        it("kubernetesApiPort out of range", () => {
            expectProblem(withArgs({ kubernetesApiPort: 70000 }), "kubernetesApiPort", 70000, "use 6443");
        });

        it("kubernetesApiPort not an integer", () => {
            expectProblem(withArgs({ kubernetesApiPort: "6443" }), "kubernetesApiPort", "6443", "use 6443");
        });

        it("serviceLbIngress port out of range", () => {
            expectProblem(
                withArgs({ serviceLbIngress: [{ name: "web", port: 0 }] }),
                "serviceLbIngress[0].port",
                0,
                "1-65535",
            );
        });

        it("serviceLbIngress portMax below port", () => {
            expectProblem(
                withArgs({ serviceLbIngress: [{ name: "web", port: 8080, portMax: 8000 }] }),
                "serviceLbIngress[0].portMax",
                8000,
                "8080 or more",
            );
        });

        it("extraRules portMin not an integer", () => {
            const rule = {
                name: "x",
                role: "worker",
                direction: "ingress",
                protocol: "tcp",
                cidr: "10.0.0.0/8",
                portMin: 1.5,
            };
            expectProblem(withArgs({ extraRules: [rule] }), "extraRules[0].portMin", 1.5, "1-65535");
        });

        it("extraRules portMax without portMin", () => {
            const rule = {
                name: "x",
                role: "worker",
                direction: "ingress",
                protocol: "tcp",
                cidr: "10.0.0.0/8",
                portMax: 80,
            };
            expectProblem(withArgs({ extraRules: [rule] }), "extraRules[0].portMax", 80, "set portMin");
        });
    });

    describe("enumerations", () => {
        it("cni", () => {
            expectProblem(withArgs({ cni: "calico" }), "cni", "calico", '"flannel", "vcn-native"');
        });

        it("clusterAccess", () => {
            expectProblem(
                withArgs({ clusterAccess: "internal" }),
                "clusterAccess",
                "internal",
                '"public", "private"',
            );
        });

        it("securityRules", () => {
            expectProblem(
                withArgs({ securityRules: "nsg" }),
                "securityRules",
                "nsg",
                '"securityLists", "nsgs", "both"',
            );
        });

        it("egress", () => {
            expectProblem(withArgs({ egress: "none" }), "egress", "none", '"flows", "all"');
        });

        it("serviceLbIngress protocol", () => {
            expectProblem(
                withArgs({ serviceLbIngress: [{ name: "web", protocol: "icmp", port: 80 }] }),
                "serviceLbIngress[0].protocol",
                "icmp",
                '"tcp", "udp"',
            );
        });

        const rule = { name: "x", role: "worker", direction: "ingress", protocol: "tcp", cidr: "10.0.0.0/8" };

        it("extraRules role", () => {
            expectProblem(
                withArgs({ extraRules: [{ ...rule, role: "bastion" }] }),
                "extraRules[0].role",
                "bastion",
                '"controlPlaneEndpoint"',
            );
        });

        it("extraRules role pod needs vcn-native", () => {
            expectProblem(
                withArgs({ extraRules: [{ ...rule, role: "pod" }] }),
                "extraRules[0].role",
                "pod",
                '"vcn-native"',
            );
        });

        it("extraRules direction", () => {
            expectProblem(
                withArgs({ extraRules: [{ ...rule, direction: "in" }] }),
                "extraRules[0].direction",
                "in",
                '"ingress", "egress"',
            );
        });

        it("extraRules protocol", () => {
            expectProblem(
                withArgs({ extraRules: [{ ...rule, protocol: 6 }] }),
                "extraRules[0].protocol",
                6,
                '"tcp", "udp", "icmp", "all"',
            );
        });

        it("extraRules cidr", () => {
            expectProblem(
                withArgs({ extraRules: [{ ...rule, cidr: "10.0.0.1/8" }] }),
                "extraRules[0].cidr",
                "10.0.0.1/8",
                "10.0.0.0/8",
            );
        });

        it("ports only with tcp/udp", () => {
            expectProblem(
                withArgs({ extraRules: [{ ...rule, protocol: "icmp", portMin: 80 }] }),
                "extraRules[0].portMin",
                80,
                "remove portMin/portMax",
            );
        });

        it("icmp fields only with icmp", () => {
            expectProblem(
                withArgs({ extraRules: [{ ...rule, icmpType: 3 }] }),
                "extraRules[0].icmpType",
                3,
                'protocol to "icmp"',
            );
        });

        it("icmpCode needs icmpType", () => {
            expectProblem(
                withArgs({ extraRules: [{ ...rule, protocol: "icmp", icmpCode: 4 }] }),
                "extraRules[0].icmpCode",
                4,
                "set icmpType",
            );
        });

        it("icmpType range", () => {
            expectProblem(
                withArgs({ extraRules: [{ ...rule, protocol: "icmp", icmpType: 300 }] }),
                "extraRules[0].icmpType",
                300,
                "0-255",
            );
        });

        it("description length", () => {
            const long = "x".repeat(256);
            expectProblem(
                withArgs({ extraRules: [{ ...rule, description: long }] }),
                "extraRules[0].description",
                long,
                "at most 255",
            );
        });
    });

    describe("every topology value is accepted", () => {
        for (const [field, value] of [
            ["cni", "vcn-native"],
            ["clusterAccess", "private"],
            ["securityRules", "nsgs"],
            ["securityRules", "both"],
            ["egress", "all"],
        ] as const) {
            it(`${field}: ${value}`, () => {
                const problems = validateConfig(
                    withArgs({ [field]: value, cidrs: { vcn: "172.31.0.0/19" } }),
                );
                assert.deepEqual(problems, []);
            });
        }
    });

    describe("gateways, existing VCN, DNS label, names, tags", () => {
        it("natGateway false with a public cluster", () => {
            expectProblem(withArgs({ natGateway: false }), "natGateway", false, 'clusterAccess to "private"');
        });

        it("natGateway false with egress all (the default) is accepted: Oracle's list, no route out", () => {
            const config = resolveConfig(withArgs({ clusterAccess: "private", natGateway: false }));
            assert.equal(config.egress, "all");
            assert.equal(config.natGateway, false);
        });

        it("natGateway not a boolean", () => {
            expectProblem(withArgs({ natGateway: "no" }), "natGateway", "no", "true or false");
        });

        it("existingVcn without id", () => {
            expectProblem(
                withArgs({ existingVcn: { natGatewayId: "ocid1.natgateway..x" } }),
                "existingVcn.id",
                undefined,
                "existingVcn.id",
            );
        });

        it("existingVcn not an object", () => {
            expectProblem(
                withArgs({ existingVcn: "ocid1.vcn..x" }),
                "existingVcn",
                "ocid1.vcn..x",
                '{ id: "ocid1.vcn..." }',
            );
        });

        it("dnsLabel with a dash", () => {
            expectProblem(withArgs({ dnsLabel: "oke-test" }), "dnsLabel", "oke-test", '"oketest"');
        });

        it("dnsLabel starting with a digit", () => {
            expectProblem(withArgs({ dnsLabel: "1oke" }), "dnsLabel", "1oke", '"v1oke"');
        });

        it("dnsLabel longer than 15", () => {
            expectProblem(
                withArgs({ dnsLabel: "abcdefghijklmnop" }),
                "dnsLabel",
                "abcdefghijklmnop",
                '"abcdefghijklmno"',
            );
        });

        it("rule name not kebab-case", () => {
            expectProblem(
                withArgs({ serviceLbIngress: [{ name: "Web_UI", port: 80 }] }),
                "serviceLbIngress[0].name",
                "Web_UI",
                '"web-ui"',
            );
        });

        it("duplicate serviceLbIngress names", () => {
            const args = withArgs({
                serviceLbIngress: [
                    { name: "web", port: 80 },
                    { name: "web", port: 443 },
                ],
            });
            const p = expectProblem(args, "serviceLbIngress[1].name", "web", '"web-2"');
            assert.match(p.message, /serviceLbIngress\[0\]\.name/);
        });

        it("duplicate extraRules names", () => {
            const rule = {
                name: "same",
                role: "worker",
                direction: "ingress",
                protocol: "all",
                cidr: "10.0.0.0/8",
            };
            expectProblem(withArgs({ extraRules: [rule, rule] }), "extraRules[1].name", "same", '"same-2"');
        });

        it("serviceLbIngress sources empty", () => {
            expectProblem(
                withArgs({ serviceLbIngress: [{ name: "web", port: 80, sources: [] }] }),
                "serviceLbIngress[0].sources",
                [],
                "omit serviceLbIngress[0].sources",
            );
        });

        it("freeformTags value not a string", () => {
            expectProblem(withArgs({ freeformTags: { cost: 12 } }), "freeformTags.cost", 12, '"12"');
        });

        it("definedTags not an object", () => {
            expectProblem(withArgs({ definedTags: ["a"] }), "definedTags", ["a"], '{ key: "value" }');
        });
    });

    it("reports every problem at once", () => {
        const error = refused(
            withArgs({
                cidrs: { vcn: "172.31.252.1/23", worker: "x" },
                kubeClientCidrs: [],
                kubernetesApiPort: 0,
                cni: "calico",
                dnsLabel: "no_good",
                serviceLbIngress: [
                    { name: "a", port: 1 },
                    { name: "a", port: 2 },
                ],
            }),
        );
        assert.deepEqual(error.problems.map((p) => p.path).sort(), [
            "cidrs.vcn",
            "cidrs.worker",
            "cni",
            "dnsLabel",
            "kubeClientCidrs",
            "kubernetesApiPort",
            "serviceLbIngress[1].name",
        ]);
        assert.match(error.message, /7 problems/);
    });
});

describe("limits (docs/oracle-c3-network.md §6)", () => {
    it("exports C3's limits", () => {
        assert.equal(limits.MAX_SECURITY_LISTS_PER_VCN, 20);
        assert.equal(limits.MAX_SECURITY_LISTS_PER_SUBNET, 5);
        assert.equal(limits.MAX_INGRESS_RULES_PER_SECURITY_LIST, 30);
        assert.equal(limits.MAX_EGRESS_RULES_PER_SECURITY_LIST, 30);
        assert.equal(limits.MAX_RULES_PER_NSG, 50);
        assert.equal(limits.MAX_NSGS_PER_VNIC, 5);
        assert.equal(limits.MAX_ROUTE_TABLES_PER_VCN, 20);
        assert.equal(limits.MAX_ROUTE_RULES_PER_TABLE, 50);
        assert.equal(limits.MAX_SUBNETS_PER_VCN, 40);
    });
});
