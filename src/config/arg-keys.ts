import type {
    ExistingVcn,
    ExtraRule,
    NetworkCidrs,
    RouteRule,
    ServiceLbIngressRule,
    WorkloadClusterNetworkArgs,
    WorldWideSource,
} from "./types";

/*
 * The known keys of every object in the args, derived from the TypeScript interfaces: `satisfies` makes the
 * compiler fail when an interface gains or loses a key that these lists do not, so the unknown-key check can
 * never lag behind the types.
 */

type KeySet<T> = { readonly [K in keyof Required<T>]: true };

function keys<T>(set: KeySet<T>): readonly string[] {
    return Object.freeze(Object.keys(set));
}

/** Top-level keys of {@link WorkloadClusterNetworkArgs}. */
export const ARG_KEYS = keys<WorkloadClusterNetworkArgs>({
    compartmentId: true,
    cidrs: true,
    kubeClientCidrs: true,
    kubernetesApiPort: true,
    bastionCidrs: true,
    cni: true,
    clusterAccess: true,
    securityRules: true,
    egress: true,
    serviceLbIngress: true,
    extraRules: true,
    natGateway: true,
    existingVcn: true,
    dnsLabel: true,
    freeformTags: true,
    definedTags: true,
    worldWideSources: true,
    routeRules: true,
});

/** Keys of `cidrs` ({@link NetworkCidrs}). */
export const CIDR_KEYS = keys<NetworkCidrs>({
    vcn: true,
    worker: true,
    serviceLb: true,
    controlPlane: true,
    controlPlaneEndpoint: true,
    pod: true,
});

/** Keys of a `serviceLbIngress` item. */
export const SERVICE_LB_KEYS = keys<ServiceLbIngressRule>({
    name: true,
    protocol: true,
    port: true,
    portMax: true,
    sources: true,
});

/** Keys of an `extraRules` item. */
export const EXTRA_RULE_KEYS = keys<ExtraRule>({
    name: true,
    role: true,
    direction: true,
    protocol: true,
    cidr: true,
    portMin: true,
    portMax: true,
    icmpType: true,
    icmpCode: true,
    description: true,
});

/** Keys of `existingVcn`. */
export const EXISTING_VCN_KEYS = keys<ExistingVcn>({ id: true, natGatewayId: true, internetGatewayId: true });

/** Keys of a `routeRules` item. */
export const ROUTE_RULE_KEYS = keys<RouteRule>({
    name: true,
    destination: true,
    networkEntityId: true,
    routeTables: true,
    description: true,
});

/** Keys of a `worldWideSources` item. */
export const WORLD_WIDE_KEYS = keys<WorldWideSource>({ field: true, reason: true });

/** Paths where a Pulumi Input (Output or Promise) is accepted: values nothing in the layout depends on. */
export const INPUT_PATHS: ReadonlySet<string> = new Set([
    "compartmentId",
    "existingVcn.id",
    "existingVcn.natGatewayId",
    "existingVcn.internetGatewayId",
]);
