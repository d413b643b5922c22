import * as oci from "@pulumi/oci";
import type { PolicyResource } from "@pulumi/policy";
import { recordProgram } from "../../src/testing/mock-run";
import type { ResourceRecord } from "../../src/analysis/model/resources";
import { policyResources, type Shape } from "./harness";

/*
 * An OKE network on C3 written by hand with plain `@pulumi/oci` resources, as Oracle's "Creating OKE Network
 * Resources" pages describe it (docs/oracle-c3-network.md §3.1-§3.5, §4, §5): a VCN whose default security list and default route
 * table ("Default - private", 0.0.0.0/0 → NAT) are taken over, a "public" route table (0.0.0.0/0 → IGW),
 * Oracle's four role lists and four subnets with Oracle's display names, each carrying the default list
 * plus its role list. It is plain data first, so a test can change one field and declare the result.
 */

/** One security rule, in Oracle's table terms. */
export interface RuleSpec {
    /** OCI protocol: "6", "17", "1" or "all". */
    protocol: string;
    /** Source of an ingress rule, destination of an egress rule. */
    peer: string;
    /** Destination ports (TCP/UDP). */
    ports?: [number, number];
    /** Source ports (TCP/UDP). */
    sourcePorts?: [number, number];
    /** ICMP type. */
    icmpType?: number;
    /** Stateless (default false, as every Oracle rule). */
    stateless?: boolean;
    /** Oracle's description. */
    description?: string;
}

/** A security list. */
export interface ListSpec {
    displayName: string;
    ingress: RuleSpec[];
    egress: RuleSpec[];
}

/** A subnet. */
export interface SubnetSpec {
    displayName: string;
    cidr: string;
    dnsLabel: string;
    /** Public subnets use the "public" route table; private ones the VCN default ("Default - private"). */
    public: boolean;
    /** The role list it carries besides the default list. */
    list: ListKey;
}

/** An NSG rule. */
export interface NsgRuleSpec extends RuleSpec {
    direction: "INGRESS" | "EGRESS";
}

/** An NSG and its rules (one resource per rule, as `@pulumi/oci` models them). */
export interface NsgSpec {
    displayName: string;
    rules: NsgRuleSpec[];
}

/** Oracle's role lists. */
export type ListKey = "worker" | "workerlb" | "kmi" | "kmilb";

/** The whole hand-written network. */
export interface HandWrittenNetwork {
    vcn: { cidr: string; displayName: string; dnsLabel: string };
    defaultList: ListSpec;
    lists: Record<ListKey, ListSpec>;
    subnets: SubnetSpec[];
    nsgs: NsgSpec[];
    natGateway: boolean;
    /** An OKE cluster in the VCN, with its CNI (`FLANNEL_OVERLAY` or `OCI_VCN_IP_NATIVE`). */
    cluster?: { cniType: string };
}

/** Oracle's `kube_client_cidr` in the example (docs/oracle-c3-network.md §2a). */
export const KUBE_CLIENTS = "10.0.0.0/8";

const tcp = (peer: string, min: number, max: number, description?: string): RuleSpec => ({
    protocol: "6",
    peer,
    ports: [min, max],
    ...(description === undefined ? {} : { description }),
});
const udp = (peer: string, min: number, max: number, description?: string): RuleSpec => ({
    ...tcp(peer, min, max, description),
    protocol: "17",
});
const icmp = (peer: string, type: number, description: string): RuleSpec => ({
    protocol: "1",
    peer,
    icmpType: type,
    description,
});

/**
 * Oracle's example network (docs/oracle-c3-network.md §2a layout), with Oracle's rules plus the port table's bastion → control
 * plane SSH rule that Oracle's kmi-seclist lacks (row 2). `prefix` moves the whole layout (`172.31` gives
 * Oracle's 172.31.252.0/23).
 */
export function oracleNetwork(prefix = "172.31"): HandWrittenNetwork {
    const vcn = `${prefix}.252.0/23`;
    const worker = `${prefix}.253.0/24`;
    const workerlb = `${prefix}.252.0/25`;
    const kmi = `${prefix}.252.224/28`;
    const kmilb = `${prefix}.252.240/28`;
    const clientsOn = (ports: [number, number], description: string) =>
        tcp(KUBE_CLIENTS, ports[0], ports[1], description);
    const lbText = "Allow inbound connections to the control plane load balancer.";
    return {
        vcn: { cidr: vcn, displayName: "oketest-vcn", dnsLabel: "oketest" },
        defaultList: {
            displayName: "Default Security List for oketest-vcn",
            ingress: [
                icmp(vcn, 8, "Allow ping from VCN."),
                icmp("0.0.0.0/0", 3, "Allow unreachables."),
                icmp("0.0.0.0/0", 11, "Allow time exceeded."),
            ],
            egress: [{ protocol: "all", peer: "0.0.0.0/0", description: "Allow all outgoing traffic." }],
        },
        lists: {
            worker: {
                displayName: "worker-seclist",
                ingress: [
                    tcp(vcn, 22, 22, "Allow intra-VCN ssh."),
                    clientsOn([30000, 32767], "Allow clients to contact the node port range."),
                    tcp(
                        workerlb,
                        30000,
                        32767,
                        "Allow the worker load balancer to contact the worker nodes.",
                    ),
                    tcp(
                        workerlb,
                        10256,
                        10256,
                        "Allow the worker load balancer to contact the worker nodes.",
                    ),
                    tcp(kmi, 22, 65535, "Allow the control plane to contact the worker nodes."),
                    udp(worker, 8285, 8472, "Allow flannel traffic."),
                    udp(kmi, 8285, 8472, "Allow flannel traffic."),
                ],
                egress: [],
            },
            workerlb: {
                displayName: "workerlb-seclist",
                ingress: [
                    clientsOn([80, 80], "Allow inbound traffic for applications."),
                    clientsOn([443, 443], "Allow inbound traffic for applications."),
                ],
                egress: [],
            },
            kmi: {
                displayName: "kmi-seclist",
                ingress: [
                    clientsOn([6443, 6443], "Allow inbound connections to the Kubernetes API server."),
                    tcp(kmilb, 6443, 6443, "Allow inbound connections from the control plane load balancer."),
                    tcp(
                        worker,
                        1024,
                        65535,
                        "Allow inbound connections from worker nodes to the control plane.",
                    ),
                    tcp(kmi, 1024, 65535, "Allow inbound connections within the control plane."),
                    udp(worker, 8285, 8472, "Allow flannel traffic."),
                    udp(kmi, 8285, 8472, "Allow flannel traffic."),
                    // Port table row 2 (bastion host, vcn_cidr → kmi_cidr 22): missing from Oracle's list.
                    tcp(vcn, 22, 22, "Allow SSH from the bastion host."),
                ],
                egress: [],
            },
            kmilb: {
                displayName: "kmilb-seclist",
                ingress: [
                    tcp("253.255.0.0/16", 6443, 6443, lbText),
                    tcp(KUBE_CLIENTS, 6443, 6443, lbText),
                    tcp(vcn, 6443, 6443, lbText),
                ],
                egress: [],
            },
        },
        subnets: [
            { displayName: "worker", cidr: worker, dnsLabel: "worker", public: false, list: "worker" },
            {
                displayName: "service-lb",
                cidr: workerlb,
                dnsLabel: "servicelb",
                public: true,
                list: "workerlb",
            },
            { displayName: "control-plane", cidr: kmi, dnsLabel: "kmi", public: false, list: "kmi" },
            {
                displayName: "control-plane-endpoint",
                cidr: kmilb,
                dnsLabel: "kmilb",
                public: true,
                list: "kmilb",
            },
        ],
        nsgs: [],
        natGateway: true,
    };
}

const COMPARTMENT = "ocid1.compartment.oc1..test";

type IngressRule = oci.types.input.Core.SecurityListIngressSecurityRule;
type EgressRule = oci.types.input.Core.SecurityListEgressSecurityRule;

function portOptions(rule: RuleSpec): {
    min?: number;
    max?: number;
    sourcePortRange?: { min: number; max: number };
} {
    const options: { min?: number; max?: number; sourcePortRange?: { min: number; max: number } } = {};
    if (rule.ports !== undefined) Object.assign(options, { min: rule.ports[0], max: rule.ports[1] });
    if (rule.sourcePorts !== undefined)
        options.sourcePortRange = { min: rule.sourcePorts[0], max: rule.sourcePorts[1] };
    return options;
}

/** The protocol options of a rule in security-list shape. */
function listOptions(rule: RuleSpec): Partial<IngressRule> {
    if (rule.protocol === "6") return { tcpOptions: portOptions(rule) };
    if (rule.protocol === "17") return { udpOptions: portOptions(rule) };
    if (rule.protocol === "1" && rule.icmpType !== undefined) return { icmpOptions: { type: rule.icmpType } };
    return {};
}

function ingressRule(rule: RuleSpec): IngressRule {
    return {
        protocol: rule.protocol,
        source: rule.peer,
        sourceType: "CIDR_BLOCK",
        stateless: rule.stateless ?? false,
        ...(rule.description === undefined ? {} : { description: rule.description }),
        ...listOptions(rule),
    };
}

function egressRule(rule: RuleSpec): EgressRule {
    return {
        protocol: rule.protocol,
        destination: rule.peer,
        destinationType: "CIDR_BLOCK",
        stateless: rule.stateless ?? false,
        ...(rule.description === undefined ? {} : { description: rule.description }),
        ...(listOptions(rule) as Partial<EgressRule>),
    };
}

/** NSG rules spell ports as `destinationPortRange` / `sourcePortRange`. */
function nsgOptions(rule: RuleSpec): Partial<oci.core.NetworkSecurityGroupSecurityRuleArgs> {
    const ranges = {
        ...(rule.ports === undefined
            ? {}
            : { destinationPortRange: { min: rule.ports[0], max: rule.ports[1] } }),
        ...(rule.sourcePorts === undefined
            ? {}
            : { sourcePortRange: { min: rule.sourcePorts[0], max: rule.sourcePorts[1] } }),
    };
    if (rule.protocol === "6") return { tcpOptions: ranges };
    if (rule.protocol === "17") return { udpOptions: ranges };
    if (rule.protocol === "1" && rule.icmpType !== undefined) return { icmpOptions: { type: rule.icmpType } };
    return {};
}

function declareList(vcn: oci.core.Vcn, key: string, list: ListSpec): oci.core.SecurityList {
    return new oci.core.SecurityList(`${key}-seclist`, {
        compartmentId: COMPARTMENT,
        vcnId: vcn.id,
        displayName: list.displayName,
        ingressSecurityRules: list.ingress.map(ingressRule),
        egressSecurityRules: list.egress.map(egressRule),
    });
}

function declareNsg(vcn: oci.core.Vcn, nsg: NsgSpec): void {
    const group = new oci.core.NetworkSecurityGroup(nsg.displayName, {
        compartmentId: COMPARTMENT,
        vcnId: vcn.id,
        displayName: nsg.displayName,
    });
    nsg.rules.forEach((rule, i) => {
        const peer =
            rule.direction === "INGRESS"
                ? { source: rule.peer, sourceType: "CIDR_BLOCK" }
                : { destination: rule.peer, destinationType: "CIDR_BLOCK" };
        new oci.core.NetworkSecurityGroupSecurityRule(`${nsg.displayName}-rule-${i}`, {
            networkSecurityGroupId: group.id,
            direction: rule.direction,
            protocol: rule.protocol,
            stateless: rule.stateless ?? false,
            ...peer,
            ...nsgOptions(rule),
        });
    });
}

function declareRouting(vcn: oci.core.Vcn, net: HandWrittenNetwork): oci.core.RouteTable {
    const nat = net.natGateway
        ? new oci.core.NatGateway("nat-gateway", {
              compartmentId: COMPARTMENT,
              vcnId: vcn.id,
              displayName: "VCN nat g6s",
          })
        : undefined;
    const igw = new oci.core.InternetGateway("internet-gateway", {
        compartmentId: COMPARTMENT,
        vcnId: vcn.id,
        displayName: "VCN i6t g6s",
        enabled: true,
    });
    new oci.core.DefaultRouteTable("default-private", {
        compartmentId: COMPARTMENT,
        manageDefaultResourceId: vcn.defaultRouteTableId,
        displayName: "Default - private",
        routeRules:
            nat === undefined
                ? []
                : [
                      {
                          destination: "0.0.0.0/0",
                          destinationType: "CIDR_BLOCK",
                          networkEntityId: nat.id,
                          description: "OKE private route rule",
                      },
                  ],
    });
    return new oci.core.RouteTable("public", {
        compartmentId: COMPARTMENT,
        vcnId: vcn.id,
        displayName: "public",
        routeRules: [
            {
                destination: "0.0.0.0/0",
                destinationType: "CIDR_BLOCK",
                networkEntityId: igw.id,
                description: "OKE public route rule",
            },
        ],
    });
}

/** Declares the network with `@pulumi/oci` (call inside a Pulumi program or `recordProgram`). */
export function declareNetwork(net: HandWrittenNetwork): void {
    const vcn = new oci.core.Vcn("oketest-vcn", {
        compartmentId: COMPARTMENT,
        cidrBlocks: [net.vcn.cidr],
        displayName: net.vcn.displayName,
        dnsLabel: net.vcn.dnsLabel,
    });
    new oci.core.DefaultSecurityList("default-seclist", {
        compartmentId: COMPARTMENT,
        manageDefaultResourceId: vcn.defaultSecurityListId,
        displayName: net.defaultList.displayName,
        ingressSecurityRules: net.defaultList.ingress.map(ingressRule),
        egressSecurityRules: net.defaultList.egress.map(egressRule),
    });
    const publicTable = declareRouting(vcn, net);
    const lists = new Map<ListKey, oci.core.SecurityList>();
    for (const key of Object.keys(net.lists) as ListKey[])
        lists.set(key, declareList(vcn, key, net.lists[key]));
    for (const subnet of net.subnets) {
        new oci.core.Subnet(subnet.displayName, {
            compartmentId: COMPARTMENT,
            vcnId: vcn.id,
            cidrBlock: subnet.cidr,
            displayName: subnet.displayName,
            dnsLabel: subnet.dnsLabel,
            prohibitPublicIpOnVnic: !subnet.public,
            securityListIds: [
                vcn.defaultSecurityListId,
                (lists.get(subnet.list) as oci.core.SecurityList).id,
            ],
            // Private subnets set no route table: they use the VCN default, "Default - private" (docs/oracle-c3-network.md §4).
            ...(subnet.public ? { routeTableId: publicTable.id } : {}),
        });
    }
    for (const nsg of net.nsgs) declareNsg(vcn, nsg);
    if (net.cluster !== undefined)
        new oci.containerengine.Cluster("oke-cluster", {
            compartmentId: COMPARTMENT,
            vcnId: vcn.id,
            kubernetesVersion: "v1.29.1",
            name: "oke",
            clusterPodNetworkOptions: [{ cniType: net.cluster.cniType }],
        });
}

/** Records what declaring the network registers, in a preview or an update. */
export async function recordNetwork(net: HandWrittenNetwork, shape: Shape): Promise<ResourceRecord[]> {
    const run = await recordProgram(() => declareNetwork(net), { preview: shape === "preview" });
    return run.records;
}

/** The PolicyResources a policy would receive for the hand-written network. */
export async function handWrittenStack(net: HandWrittenNetwork, shape: Shape): Promise<PolicyResource[]> {
    return policyResources(await recordNetwork(net, shape), shape);
}
