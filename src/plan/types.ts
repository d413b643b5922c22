/* The shapes of a network plan: what the renderer produces and the component registers, one entry per resource. */
import type { ResolvedConfig } from "../config/types";
import type { ResolvedFlow } from "../catalogue/types";
import type { RenderedRule, RuleOwner } from "./rules";
import type { SubnetRole } from "../c3/roles";

/**
 * Route tables by Oracle's names (docs/oracle-c3-network.md §4): `nat_private` (0.0.0.0/0 → NAT; "Default - private" in the
 * 2024 docs), `public` (0.0.0.0/0 → internet gateway) and `vcn_private` (no rules: traffic stays in the VCN).
 */
export type RouteTableKey = "nat-private" | "public" | "vcn-private";

/** A route table to create. */
export interface PlannedRouteTable {
    /** Stable key; the child resource is named `${name}-rt-${key}`. */
    key: RouteTableKey;
    /** Oracle's display name. */
    displayName: string;
    /**
     * Route rules: the NAT or internet gateway the component creates (or was given), or a DRG or LPG the
     * user declared by OCID in `routeRules` (`networkEntityId` then holds it).
     */
    rules: {
        destination: string;
        target: "nat" | "internet" | "drg" | "lpg";
        networkEntityId?: string;
        description: string;
    }[];
}

/** A security list to create: Oracle's role lists (`worker-seclist`, …) or the common list. */
export interface PlannedSecurityList {
    /** The owner key; the child resource is named `${name}-seclist-${owner}`. */
    owner: RuleOwner;
    /** Display name, Oracle's where Oracle names one. */
    displayName: string;
    /** Ingress rules in order. */
    ingress: RenderedRule[];
    /** Egress rules in order. */
    egress: RenderedRule[];
}

/** An NSG to create for one role, carried by that role's VNICs. */
export interface PlannedNsg {
    /** The role. */
    role: SubnetRole;
    /** Display name `<subnet name>-nsg`, which the analyzer and policy pack recognise. */
    displayName: string;
    /** Its rules, both directions. */
    rules: RenderedRule[];
}

/** A subnet to create. */
export interface PlannedSubnet {
    /** The role. */
    role: SubnetRole;
    /** Oracle's display name (`control-plane` and `pod` are required by C3). */
    displayName: string;
    /** The CIDR. */
    cidr: string;
    /** Oracle's DNS label. */
    dnsLabel: string;
    /** Public subnet (VNICs may have public IPs). */
    public: boolean;
    /** Its route table. */
    routeTable: RouteTableKey;
    /** Its security lists, common first. */
    securityLists: RuleOwner[];
}

/** Everything the component will create, as plain data, decided before any resource is registered. */
export interface NetworkPlan {
    /** The validated config. */
    config: ResolvedConfig;
    /** The flows the network must allow. */
    flows: ResolvedFlow[];
    /** All rendered rules. */
    rules: RenderedRule[];
    /** Which gateways the network needs. */
    gateways: { nat: boolean; internet: boolean };
    /** Route tables. */
    routeTables: PlannedRouteTable[];
    /** Security lists. */
    securityLists: PlannedSecurityList[];
    /** NSGs (empty in `securityLists` mode). */
    nsgs: PlannedNsg[];
    /** Subnets. */
    subnets: PlannedSubnet[];
}
