import type { SecurityRule } from "../../net/rules";
import type { SubnetRole } from "../../c3/roles";

/**
 * The network model the analyzer reasons about: what OCI would enforce, independent of how it was built
 * (the component, hand-written `@pulumi/oci` resources, a policy preview or a `pulumi stack export`).
 * Keys are stable strings (URNs or OCIDs) that link the parts together.
 */
export interface NetworkModel {
    /** The VCN's key (URN or OCID). */
    key: string;
    /** The VCN's display name, when known. */
    name: string;
    /** The VCN's CIDR blocks (C3: exactly one). Empty when unknown. */
    vcnCidrs: string[];
    /** The subnets of the VCN. */
    subnets: ModelSubnet[];
    /** Security lists by key. */
    securityLists: Record<string, ModelSecurityList>;
    /** Network security groups by key. */
    nsgs: Record<string, ModelNsg>;
    /** Route tables by key. */
    routeTables: Record<string, ModelRouteTable>;
    /** Gateways (NAT, internet, service, DRG, LPG) by key. */
    gateways: Record<string, ModelGateway>;
    /** What the model builder could not resolve or had to assume, as sentences (e.g. an unmanaged default list). */
    notes?: string[];
}

/** A subnet and what applies to the VNICs in it. */
export interface ModelSubnet {
    /** URN or OCID. */
    key: string;
    /** Display name; C3 requires `control-plane` and (VCN-native) `pod`. */
    name: string;
    /** The OKE role, found from Oracle's subnet names or the component's outputs. */
    role?: SubnetRole;
    /** The subnet CIDR; undefined when unknown (preview). */
    cidr?: string;
    /** True when VNICs may have public IPs (`prohibitPublicIpOnVnic` false); undefined when unknown. */
    public?: boolean;
    /** Keys of the attached security lists (OCI: up to 5). */
    securityListKeys: string[];
    /** Key of the route table; undefined means the VCN default route table. */
    routeTableKey?: string;
    /** Keys of the NSGs the role's VNICs carry (node pool, cluster endpoint, load balancers). */
    nsgKeys: string[];
    /** True when some attachment could not be resolved (preview with unknown ids and no dependencies). */
    unresolved?: boolean;
    /**
     * Which attachments are unresolved, when known; absent with `unresolved` means "any of them", so the
     * evaluator then treats security rules and routes alike as uncertain.
     */
    unresolvedParts?: UnresolvedPart[];
}

/** An attachment of a subnet that the model builder could not resolve. */
export type UnresolvedPart = "securityLists" | "routeTable" | "nsgs";

/** Where a rule lives, so findings and explanations can name it. */
export interface RuleOrigin {
    /** Security list or NSG. */
    container: "securityList" | "nsg";
    /** The container's key. */
    key: string;
    /** The container's display name. */
    name: string;
    /** The rule's index in its container (per direction for security lists). */
    index: number;
}

/** One security rule in OCI semantics ({@link SecurityRule}), with the description and the place it lives. */
export interface ModelRule extends SecurityRule {
    /** The rule's description. */
    description?: string;
    /** Where the rule lives. */
    origin: RuleOrigin;
}

/** A security list. */
export interface ModelSecurityList {
    /** URN or OCID. */
    key: string;
    /** Display name. */
    name: string;
    /** Ingress rules in order. */
    ingress: ModelRule[];
    /** Egress rules in order. */
    egress: ModelRule[];
    /** True when this is the VCN's default security list. */
    isDefault?: boolean;
}

/** A network security group. */
export interface ModelNsg {
    /** URN or OCID. */
    key: string;
    /** Display name. */
    name: string;
    /** The role whose VNICs carry it, when known. */
    role?: SubnetRole;
    /** Its rules, both directions. */
    rules: ModelRule[];
}

/** A route rule. */
export interface ModelRouteRule {
    /** Destination CIDR; `""` when unknown (then `unknown` is true). */
    destination: string;
    /** The target gateway's key; undefined when unknown. */
    targetKey?: string;
    /** True when the rule could not be read fully. */
    unknown?: boolean;
}

/** A route table. */
export interface ModelRouteTable {
    /** URN or OCID. */
    key: string;
    /** Display name. */
    name: string;
    /** Rules in order. */
    rules: ModelRouteRule[];
    /** True when this is the VCN's default route table. */
    isDefault?: boolean;
}

/** Kinds of route target. */
export type GatewayKind = "nat" | "internet" | "service" | "drg" | "lpg" | "private-ip" | "unknown";

/** A route target. */
export interface ModelGateway {
    /** URN or OCID. */
    key: string;
    /** Display name. */
    name: string;
    /** What it is. */
    kind: GatewayKind;
    /**
     * Whether it carries traffic: false for a NAT gateway with `blockTraffic: true` or an internet gateway
     * with `enabled: false`; "unknown" when that field is unknown (preview). Absent means it carries traffic.
     */
    carries?: false | "unknown";
}
