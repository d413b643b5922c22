import {
    NetworkConfigError,
    type ConfigProblem,
    type ResolvedConfig,
    type RouteTableName,
} from "../config/types";
import { withLimits, type LimitCounted } from "../c3/limits";
import { ANYWHERE, cidr, cidrOverlaps } from "../net/cidr";
import { managedRoles, renderedFlowsFor, requiredFlowsFor } from "../catalogue/flows";
import { unroutedExtraRules } from "./satisfiable";
import { renderRules, rulesOf, type RenderedRule, type RuleOwner, type SubnetLocator } from "./rules";
import { SUBNET_DISPLAY_NAMES, SUBNET_DNS_LABELS, type SubnetRole } from "../c3/roles";
import type {
    RouteTableKey,
    PlannedRouteTable,
    PlannedSubnet,
    PlannedSecurityList,
    PlannedNsg,
    NetworkPlan,
} from "./types";
/** Oracle's security-list display names (docs/oracle-c3-network.md §3); `common-seclist` stands in for Oracle's edited default list. */
export const SECURITY_LIST_DISPLAY_NAMES: Readonly<Record<RuleOwner, string>> = {
    common: "common-seclist",
    worker: "worker-seclist",
    serviceLb: "workerlb-seclist",
    controlPlane: "kmi-seclist",
    controlPlaneEndpoint: "kmilb-seclist",
    pod: "pod-seclist",
};

const LB_ROLES: readonly SubnetRole[] = ["serviceLb", "controlPlaneEndpoint"];

function isPublicSubnet(role: SubnetRole, config: ResolvedConfig): boolean {
    return config.clusterAccess === "public" && LB_ROLES.includes(role);
}

function routeTableFor(role: SubnetRole, config: ResolvedConfig): RouteTableKey {
    if (isPublicSubnet(role, config)) return "public";
    // Private load-balancer subnets open no outbound connections, so Oracle lets their table be empty;
    // with egress: "all" the user asked for outbound access, which needs the NAT route to mean anything.
    if (LB_ROLES.includes(role) && config.egress !== "all") return "vcn-private";
    return config.natGateway ? "nat-private" : "vcn-private";
}

function planRouteTables(keys: ReadonlySet<RouteTableKey>, config: ResolvedConfig): PlannedRouteTable[] {
    return baseRouteTables(keys).map((table) => ({
        ...table,
        rules: [
            ...table.rules,
            ...config.routeRules
                .filter((r) => r.routeTables.includes(table.displayName as RouteTableName))
                .map((r) => ({
                    destination: r.destination,
                    target: r.targetKind,
                    networkEntityId: r.networkEntityId,
                    description: r.description,
                })),
        ],
    }));
}

function baseRouteTables(keys: ReadonlySet<RouteTableKey>): PlannedRouteTable[] {
    const all: PlannedRouteTable[] = [
        {
            key: "nat-private",
            displayName: "nat_private",
            rules: [{ destination: ANYWHERE, target: "nat", description: "OKE private route rule" }],
        },
        {
            key: "public",
            displayName: "public",
            rules: [{ destination: ANYWHERE, target: "internet", description: "OKE public route rule" }],
        },
        { key: "vcn-private", displayName: "vcn_private", rules: [] },
    ];
    return all.filter((table) => keys.has(table.key));
}

/**
 * Roles whose hosts no C3 operation lets the user give an NSG: the control-plane (KMI) instances are created
 * by OKE, and C3's cluster API takes an NSG only for the API endpoint (docs/oracle-c3-network.md §6). No NSG is created for them.
 */
export const ROLES_WITHOUT_USER_NSG: readonly SubnetRole[] = ["controlPlane"];

/**
 * Roles whose rules stay in the subnet's security list even in `nsgs` mode, because some of their VNICs may
 * carry no NSG of ours: the control-plane (KMI) nodes (no NSG can be given, see above), the API load balancer
 * (OKE creates it; the 253.255.0.0/16 → 6443 rule Oracle requires must hold whether or not
 * `--endpoint-nsg-ids` is set) and the service load balancers (OKE's cloud controller creates them; only
 * Services annotated with `oci.oraclecloud.com/oci-network-security-groups` carry the NSG). C3 documents
 * NSGs only on instance VNICs and mount targets (docs/oracle-c3-network.md §6). Their NSGs, where one can be attached, are added.
 */
export const ROLES_KEEPING_LISTS: readonly SubnetRole[] = [
    "controlPlane",
    "controlPlaneEndpoint",
    "serviceLb",
];

/** Whether a role's rules go in its subnet's security list in this config. */
function roleRulesInList(role: SubnetRole, config: ResolvedConfig): boolean {
    return config.securityRules !== "nsgs" || ROLES_KEEPING_LISTS.includes(role);
}

function planSubnets(config: ResolvedConfig): PlannedSubnet[] {
    return managedRoles(config).map((role) => ({
        role,
        displayName: SUBNET_DISPLAY_NAMES[role],
        cidr: config.layout[role] as string,
        dnsLabel: SUBNET_DNS_LABELS[role],
        public: isPublicSubnet(role, config),
        routeTable: routeTableFor(role, config),
        securityLists: roleRulesInList(role, config) ? ["common", role] : ["common"],
    }));
}

function planSecurityLists(config: ResolvedConfig, rules: RenderedRule[]): PlannedSecurityList[] {
    const owners: RuleOwner[] = [
        "common",
        ...managedRoles(config).filter((role) => roleRulesInList(role, config)),
    ];
    return owners.map((owner) => ({
        owner,
        displayName: SECURITY_LIST_DISPLAY_NAMES[owner],
        ingress: rulesOf(rules, owner, "ingress"),
        egress: rulesOf(rules, owner, "egress"),
    }));
}

function planNsgs(config: ResolvedConfig, rules: RenderedRule[]): PlannedNsg[] {
    if (config.securityRules === "securityLists") return [];
    // In `nsgs` mode a role whose hosts cannot carry a user NSG keeps its list instead; an NSG copy of the
    // same rules would only be a duplicate nobody can attach.
    const roles = managedRoles(config).filter(
        (role) => config.securityRules === "both" || !ROLES_WITHOUT_USER_NSG.includes(role),
    );
    return roles.map((role) => ({
        role,
        displayName: `${SUBNET_DISPLAY_NAMES[role]}-nsg`,
        rules: rulesOf(rules, role),
    }));
}

function limitProblem(where: string, count: number, limit: number, unit: string): ConfigProblem {
    return {
        path: `rules.${where}`,
        value: count,
        message: `${count} ${unit}; C3 allows at most ${limit} (docs/oracle-c3-network.md §6, resource limits)`,
        fix: "aggregate kubeClientCidrs/bastionCidrs into fewer blocks, or drop serviceLbIngress sources or extraRules for this role",
    };
}

/** Checks the plan against C3's rule limits (30 ingress + 30 egress per list, 50 per NSG). */
export function limitProblems(plan: Pick<NetworkPlan, "securityLists" | "nsgs">): ConfigProblem[] {
    const counts: LimitCounted<string>[] = [
        ...plan.securityLists.flatMap((list) => [
            {
                subject: `${list.displayName}.ingress`,
                measure: "ingress rules" as const,
                count: list.ingress.length,
            },
            {
                subject: `${list.displayName}.egress`,
                measure: "egress rules" as const,
                count: list.egress.length,
            },
        ]),
        ...plan.nsgs.map((nsg) => ({
            subject: nsg.displayName,
            measure: "rules" as const,
            count: nsg.rules.length,
        })),
    ];
    return withLimits(counts)
        .filter((c) => c.over)
        .map((c) =>
            limitProblem(c.subject, c.count, c.limit, c.measure === "rules" ? "NSG rules" : c.measure),
        );
}

/** Which of the config's subnets a CIDR overlaps (e.g. a bastion at `vcn_cidr` overlaps all of them). */
function subnetLocator(config: ResolvedConfig): SubnetLocator {
    const roles = managedRoles(config);
    const subnets = roles.map((role) => ({ role, block: cidr(config.layout[role] as string) }));
    return {
        roles,
        overlapping: (text) => {
            const range = cidr(text);
            return subnets.filter((s) => cidrOverlaps(s.block, range)).map((s) => s.role);
        },
    };
}

/**
 * Decides every resource from a validated config: flows → rules → lists, NSGs, route tables and subnets.
 * Pure and deterministic; throws {@link NetworkConfigError} when C3's limits would be exceeded.
 */
export function planNetwork(config: ResolvedConfig): NetworkPlan {
    const flows = requiredFlowsFor(config);
    const rules = renderRules(renderedFlowsFor(config), subnetLocator(config));
    const subnets = planSubnets(config);
    const routeKeys = new Set(subnets.map((s) => s.routeTable));
    const plan: NetworkPlan = {
        config,
        flows,
        rules,
        gateways: { nat: routeKeys.has("nat-private"), internet: routeKeys.has("public") },
        routeTables: planRouteTables(routeKeys, config),
        securityLists: planSecurityLists(config, rules),
        nsgs: planNsgs(config, rules),
        subnets,
    };
    const problems = [...unroutedExtraRules(config, subnets, plan.routeTables), ...limitProblems(plan)];
    if (problems.length > 0) throw new NetworkConfigError(problems);
    return plan;
}
