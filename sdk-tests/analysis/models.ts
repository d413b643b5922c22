import type { ModelRule, ModelSecurityList, ModelSubnet, NetworkModel } from "../../src/analysis/model/model";

/*
 * Hand-built models for the evaluator tests: Oracle's Flannel example layout (docs/oracle-c3-network.md §2a) with the gateways
 * and route tables of docs/oracle-c3-network.md §4, and security lists the tests fill in themselves.
 */

export const VCN = "172.31.252.0/23";
export const WORKER = "172.31.253.0/24";
export const SERVICE_LB = "172.31.252.0/25";
export const KMI = "172.31.252.224/28";
export const KMILB = "172.31.252.240/28";
export const CLIENTS = "10.0.0.0/8";

/** A rule without its origin; the list it goes into fills that in. */
export type RuleSpec = Partial<Omit<ModelRule, "origin" | "direction">> & { protocol: string; peer: string };

/** A security list from rule specs, numbering the rules per direction. */
export function list(name: string, ingress: RuleSpec[], egress: RuleSpec[] = []): ModelSecurityList {
    const make =
        (direction: "ingress" | "egress") =>
        (spec: RuleSpec, index: number): ModelRule => ({
            stateless: false,
            peerType: "CIDR_BLOCK",
            ...spec,
            direction,
            origin: { container: "securityList", key: name, name, index },
        });
    return { key: name, name, ingress: ingress.map(make("ingress")), egress: egress.map(make("egress")) };
}

/** NSG rules from specs. */
export function nsgRules(
    name: string,
    specs: (RuleSpec & { direction: "ingress" | "egress" })[],
): ModelRule[] {
    return specs.map((spec, index) => ({
        stateless: false,
        peerType: "CIDR_BLOCK",
        ...spec,
        origin: { container: "nsg", key: name, name, index },
    }));
}

/** Egress all, stateful: Oracle's "Allow all outgoing traffic." (docs/oracle-c3-network.md §3.1). */
export const EGRESS_ALL: RuleSpec = {
    protocol: "all",
    peer: "0.0.0.0/0",
    description: "Allow all outgoing traffic.",
};

function subnet(
    name: string,
    role: ModelSubnet["role"],
    cidr: string,
    isPublic: boolean,
    lists: string[],
    table: string,
): ModelSubnet {
    return {
        key: name,
        name,
        role,
        cidr,
        public: isPublic,
        securityListKeys: lists,
        routeTableKey: table,
        nsgKeys: [],
    };
}

/**
 * Oracle's example network: four subnets, each with the default list and its own list; workers and control
 * plane on "Default - private" (0.0.0.0/0 → NAT), the two public subnets on "public" (0.0.0.0/0 → IGW).
 * Every list starts empty except the default list's egress-all.
 */
export function oracleModel(): NetworkModel {
    const lists = [
        list("default", [], [EGRESS_ALL]),
        list("worker-seclist", []),
        list("workerlb-seclist", []),
        list("kmi-seclist", []),
        list("kmilb-seclist", []),
    ];
    return {
        key: "vcn",
        name: "oketest-vcn",
        vcnCidrs: [VCN],
        subnets: [
            subnet("worker", "worker", WORKER, false, ["default", "worker-seclist"], "private"),
            subnet("service-lb", "serviceLb", SERVICE_LB, true, ["default", "workerlb-seclist"], "public"),
            subnet("control-plane", "controlPlane", KMI, false, ["default", "kmi-seclist"], "private"),
            subnet(
                "control-plane-endpoint",
                "controlPlaneEndpoint",
                KMILB,
                true,
                ["default", "kmilb-seclist"],
                "public",
            ),
        ],
        securityLists: Object.fromEntries(lists.map((l) => [l.key, l])),
        nsgs: {},
        routeTables: {
            private: {
                key: "private",
                name: "Default - private",
                rules: [{ destination: "0.0.0.0/0", targetKey: "nat" }],
                isDefault: true,
            },
            public: {
                key: "public",
                name: "public",
                rules: [{ destination: "0.0.0.0/0", targetKey: "igw" }],
            },
        },
        gateways: {
            nat: { key: "nat", name: "VCN nat g6s", kind: "nat" },
            igw: { key: "igw", name: "VCN i6t g6s", kind: "internet" },
        },
    };
}

/** Replaces one list's rules. */
export function setList(
    model: NetworkModel,
    name: string,
    ingress: RuleSpec[],
    egress: RuleSpec[] = [],
): NetworkModel {
    model.securityLists[name] = list(name, ingress, egress);
    return model;
}
