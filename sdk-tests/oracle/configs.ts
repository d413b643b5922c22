import fc from "fast-check";
import type { ExtraRule, ServiceLbIngressRule, WorkloadClusterNetworkArgs } from "../../src/config/types";

/*
 * Random valid configs across every topology: CNI, cluster access, where the rules live, egress breadth, NAT
 * or air-gapped, narrowed bastions, extra kube-client and front-end ranges and random extraRules. Layouts are
 * written out by hand (the carved one from the fixture's hand-written expectation) so that bastion and
 * extra-rule CIDRs can be placed inside a chosen subnet, in the VCN's unused gap, or outside the VCN.
 */

/** Subnet roles as the component's args and `requiredFlows` name them. */
export type Role = "worker" | "serviceLb" | "controlPlane" | "controlPlaneEndpoint" | "pod";

/** A layout: the args' `cidrs`, and every subnet's CIDR (written by hand, never computed by src/). */
export interface OracleLayout {
    /** Short name for logs. */
    readonly name: string;
    /** The VCN. */
    readonly vcn: string;
    /** Every subnet by role. */
    readonly subnets: Readonly<Partial<Record<Role, string>>>;
    /** A /28 inside the VCN that no subnet uses, when there is one. */
    readonly gap?: string;
    /** What the args' `cidrs` say (only `vcn` for a carved layout). */
    readonly argsCidrs: WorkloadClusterNetworkArgs["cidrs"];
}

const ORACLE_EXAMPLE: OracleLayout = {
    name: "oracle-example /23",
    vcn: "172.31.252.0/23",
    subnets: {
        worker: "172.31.253.0/24",
        serviceLb: "172.31.252.0/25",
        controlPlane: "172.31.252.224/28",
        controlPlaneEndpoint: "172.31.252.240/28",
    },
    gap: "172.31.252.128/28",
    argsCidrs: { vcn: "172.31.252.0/23" },
};

const EXPLICIT_16: OracleLayout = {
    name: "explicit /16",
    vcn: "10.20.0.0/16",
    subnets: {
        worker: "10.20.16.0/20",
        serviceLb: "10.20.32.0/24",
        controlPlane: "10.20.40.0/28",
        controlPlaneEndpoint: "10.20.40.16/28",
    },
    gap: "10.20.200.0/28",
    argsCidrs: {
        vcn: "10.20.0.0/16",
        worker: "10.20.16.0/20",
        serviceLb: "10.20.32.0/24",
        controlPlane: "10.20.40.0/28",
        controlPlaneEndpoint: "10.20.40.16/28",
    },
};

const CARVED_24: OracleLayout = {
    name: "carved /24",
    vcn: "192.168.64.0/24",
    subnets: {
        serviceLb: "192.168.64.0/26",
        controlPlane: "192.168.64.96/28",
        controlPlaneEndpoint: "192.168.64.112/28",
        worker: "192.168.64.128/25",
    },
    gap: "192.168.64.64/28",
    argsCidrs: { vcn: "192.168.64.0/24" },
};

/** docs/oracle-c3-network.md §2b's VCN-native example tiling of 172.31.0.0/19 (only the VCN is Oracle's; the rest is [D]). */
const NATIVE_19: OracleLayout = {
    name: "vcn-native /19",
    vcn: "172.31.0.0/19",
    subnets: {
        serviceLb: "172.31.0.0/23",
        controlPlaneEndpoint: "172.31.2.0/23",
        controlPlane: "172.31.4.0/22",
        worker: "172.31.8.0/21",
        pod: "172.31.16.0/20",
    },
    argsCidrs: {
        vcn: "172.31.0.0/19",
        serviceLb: "172.31.0.0/23",
        controlPlaneEndpoint: "172.31.2.0/23",
        controlPlane: "172.31.4.0/22",
        worker: "172.31.8.0/21",
        pod: "172.31.16.0/20",
    },
};

const NATIVE_16: OracleLayout = {
    name: "vcn-native /16",
    vcn: "10.40.0.0/16",
    subnets: {
        worker: "10.40.0.0/20",
        serviceLb: "10.40.16.0/24",
        controlPlane: "10.40.17.0/28",
        controlPlaneEndpoint: "10.40.17.16/28",
        pod: "10.40.64.0/18",
    },
    gap: "10.40.200.0/28",
    argsCidrs: {
        vcn: "10.40.0.0/16",
        worker: "10.40.0.0/20",
        serviceLb: "10.40.16.0/24",
        controlPlane: "10.40.17.0/28",
        controlPlaneEndpoint: "10.40.17.16/28",
        pod: "10.40.64.0/18",
    },
};

/** Flannel layouts. */
export const FLANNEL_LAYOUTS: readonly OracleLayout[] = [ORACLE_EXAMPLE, EXPLICIT_16, CARVED_24];
/** VCN-native layouts. */
export const NATIVE_LAYOUTS: readonly OracleLayout[] = [NATIVE_19, NATIVE_16];

/** Networks outside every layout: an unrelated site and TEST-NET-1. Never a probe's source. */
export const OUTSIDE_CIDRS: readonly string[] = ["10.99.0.0/24", "192.0.2.0/24"];

/** Kube-client networks; some contain a layout's VCN (clients inside the VCN are a valid config too). */
const KUBE_CLIENT_POOL: readonly string[] = [
    "10.0.0.0/8",
    "192.168.10.0/24",
    "100.64.5.0/24",
    "172.16.0.0/12",
];

/** Where a CIDR of the config sits: inside one subnet, the VCN's gap, the whole VCN, or outside. */
export type Placement =
    | { readonly kind: "subnet"; readonly role: Role }
    | { readonly kind: "gap" }
    | { readonly kind: "vcn" }
    | { readonly kind: "outside"; readonly index: number }
    | { readonly kind: "anywhere" };

/** The first /28 of a subnet (or the subnet itself when smaller): hosts INSIDE that subnet. */
function sliceOf(cidr: string): string {
    const [address, prefix] = cidr.split("/");
    return Number(prefix) >= 28 ? cidr : `${address}/28`;
}

/** The concrete CIDR of a placement in a layout. */
export function placeCidr(layout: OracleLayout, placement: Placement): string {
    switch (placement.kind) {
        case "subnet": {
            const cidr = layout.subnets[placement.role] ?? layout.subnets.worker;
            return sliceOf(cidr as string);
        }
        case "gap":
            return layout.gap ?? layout.vcn;
        case "vcn":
            return layout.vcn;
        case "outside":
            return OUTSIDE_CIDRS[placement.index % OUTSIDE_CIDRS.length];
        case "anywhere":
            return "0.0.0.0/0";
    }
}

/** A generated case: its args, its layout and what was chosen, for messages. */
export interface ConfigCase {
    /** The component's args. */
    readonly args: WorkloadClusterNetworkArgs;
    /** The layout. */
    readonly layout: OracleLayout;
}

function rolesOf(cni: string): Role[] {
    const roles: Role[] = ["worker", "serviceLb", "controlPlane", "controlPlaneEndpoint"];
    return cni === "vcn-native" ? [...roles, "pod"] : roles;
}

const placementArb = (roles: readonly Role[], anywhere: boolean): fc.Arbitrary<Placement> =>
    fc.oneof(
        fc.constantFrom(...roles).map((role): Placement => ({ kind: "subnet", role })),
        fc.constant<Placement>({ kind: "gap" }),
        fc.constant<Placement>({ kind: "vcn" }),
        fc.nat(3).map((index): Placement => ({ kind: "outside", index })),
        ...(anywhere ? [fc.constant<Placement>({ kind: "anywhere" })] : []),
    );

const portsArb = fc.option(
    fc.tuple(fc.integer({ min: 1, max: 65535 }), fc.nat(2000)).map(([min, span]) => ({
        portMin: min,
        portMax: Math.min(65535, min + span),
    })),
    { nil: undefined },
);

const icmpArb = fc.option(
    fc.record({
        icmpType: fc.constantFrom(0, 3, 8, 11),
        icmpCode: fc.option(fc.constantFrom(0, 4), { nil: undefined }),
    }),
    { nil: undefined },
);

function extraRuleArb(layout: OracleLayout, roles: readonly Role[]): fc.Arbitrary<Omit<ExtraRule, "name">> {
    return fc
        .record({
            role: fc.constantFrom(...roles),
            direction: fc.constantFrom("ingress", "egress"),
            protocol: fc.constantFrom("tcp", "udp", "icmp", "all"),
            ingressPeer: placementArb(roles, false),
            egressPeer: placementArb(roles, true),
            ports: portsArb,
            icmp: icmpArb,
        })
        .map(({ role, direction, protocol, ingressPeer, egressPeer, ports, icmp }) => {
            // No ingress from 0.0.0.0/0: the must-be-denied probes come from outside every allowed peer.
            const cidr = placeCidr(layout, direction === "ingress" ? ingressPeer : egressPeer);
            const rule: Omit<ExtraRule, "name"> = { role, direction, protocol, cidr };
            if ((protocol === "tcp" || protocol === "udp") && ports !== undefined)
                return { ...rule, ...ports };
            if (protocol === "icmp" && icmp !== undefined) {
                return icmp.icmpCode === undefined
                    ? { ...rule, icmpType: icmp.icmpType }
                    : { ...rule, icmpType: icmp.icmpType, icmpCode: icmp.icmpCode };
            }
            return rule;
        });
}

const FRONT_END: ServiceLbIngressRule = { name: "app", port: 8443, sources: ["192.168.0.0/16"] };

/** Every topology option, then the layout-dependent CIDRs. */
export const configArb: fc.Arbitrary<ConfigCase> = fc
    .record({
        cni: fc.constantFrom("flannel", "vcn-native"),
        clusterAccess: fc.constantFrom("public", "private"),
        securityRules: fc.constantFrom("securityLists", "nsgs", "both"),
        egress: fc.constantFrom("flows", "all"),
        airGapped: fc.boolean(),
        layoutIndex: fc.nat(2),
    })
    .chain((t) => {
        const layouts = t.cni === "vcn-native" ? NATIVE_LAYOUTS : FLANNEL_LAYOUTS;
        const layout = layouts[t.layoutIndex % layouts.length];
        const roles = rolesOf(t.cni);
        return fc
            .record({
                kubeClients: fc.subarray([...KUBE_CLIENT_POOL], { minLength: 1, maxLength: 2 }),
                bastion: fc.option(fc.array(placementArb(roles, false), { minLength: 1, maxLength: 2 }), {
                    nil: undefined,
                }),
                extra: fc.array(extraRuleArb(layout, roles), { maxLength: 3 }),
                frontEnd: fc.boolean(),
            })
            .map(({ kubeClients, bastion, extra, frontEnd }): ConfigCase => {
                const args: WorkloadClusterNetworkArgs = {
                    compartmentId: "ocid1.compartment.oc1..oracle",
                    cidrs: { ...layout.argsCidrs },
                    kubeClientCidrs: kubeClients,
                    cni: t.cni,
                    clusterAccess: t.clusterAccess,
                    securityRules: t.securityRules,
                    egress: t.egress,
                };
                if (t.airGapped && t.clusterAccess === "private" && t.egress === "flows")
                    args.natGateway = false;
                if (bastion !== undefined) {
                    args.bastionCidrs = [...new Set(bastion.map((p) => placeCidr(layout, p)))];
                }
                if (extra.length > 0)
                    args.extraRules = extra.map((rule, i) => ({ ...rule, name: `x${i + 1}` }));
                if (frontEnd) {
                    args.serviceLbIngress = [
                        { name: "http", port: 80 },
                        { name: "https", port: 443 },
                        FRONT_END,
                    ];
                }
                return { args, layout };
            });
    });
