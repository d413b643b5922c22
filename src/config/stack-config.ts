import { unknownKeyFix } from "./keys";
import type { ConfigProblem, NetworkCidrs, WorkloadClusterNetworkArgs } from "./types";

/**
 * Reads one key of the stack config: `pulumi.Config#getObject` in a Pulumi program, or a parsed
 * `Pulumi.<stack>.yaml` in the offline `plan` command. Returns undefined when the key is not set.
 */
export type ConfigReader = (key: string) => unknown;

/**
 * Oracle's example layout (docs/oracle-c3-network.md §2a) as the root program's defaults: a /23 VCN carved into Oracle's subnets
 * and `kube_client_cidr` 10.0.0.0/8. Pulumi.yaml declares the same defaults.
 */
export const EXAMPLE_STACK_CONFIG = {
    vcnCidr: "172.31.252.0/23",
    kubeClientCidrs: ["10.0.0.0/8"],
    compartmentId: "ocid1.compartment.oc1..example",
} as const;

/** The stack-config keys the root program reads (all under the project's namespace). */
export const STACK_CONFIG_KEYS = [
    "compartmentId",
    "cidrs",
    "vcnCidr",
    "kubeClientCidrs",
    "kubernetesApiPort",
    "bastionCidrs",
    "cni",
    "clusterAccess",
    "securityRules",
    "egress",
    "serviceLbIngress",
    "extraRules",
    "natGateway",
    "dnsLabel",
    "freeformTags",
    "definedTags",
    "worldWideSources",
    "routeRules",
] as const;

function cidrsFrom(read: ConfigReader): NetworkCidrs {
    const cidrs = read("cidrs");
    if (cidrs !== undefined) return cidrs as NetworkCidrs;
    return { vcn: (read("vcnCidr") as string | undefined) ?? EXAMPLE_STACK_CONFIG.vcnCidr };
}

/**
 * Builds the component args from stack config. Values are passed through untyped on purpose: the
 * component's validation reports every bad value with its field path, so this reader must not coerce.
 * `cidrs` (an object) wins over `vcnCidr` (a string, carved).
 */
export function argsFromConfig(read: ConfigReader, compartmentFallback?: string): WorkloadClusterNetworkArgs {
    const args: Record<string, unknown> = {
        compartmentId: read("compartmentId") ?? compartmentFallback,
        cidrs: cidrsFrom(read),
        kubeClientCidrs: read("kubeClientCidrs") ?? [...EXAMPLE_STACK_CONFIG.kubeClientCidrs],
    };
    for (const key of STACK_CONFIG_KEYS) {
        if (key in args || key === "vcnCidr") continue;
        const value = read(key);
        if (value !== undefined) args[key] = value;
    }
    return args as unknown as WorkloadClusterNetworkArgs;
}

/**
 * One problem per stack-config key of the program's namespace that the root program does not read
 * (`oke-c3-network:vcnCIDR`, `oke-c3-network:extraRule`): Pulumi would silently ignore it. `keys` are
 * full keys (`namespace:key`); keys of other namespaces (`oci:region`) are not this program's to judge.
 */
export function unknownStackConfigKeys(
    keys: readonly string[],
    namespaces: readonly string[],
    values: (key: string) => unknown = () => undefined,
): ConfigProblem[] {
    const known: readonly string[] = STACK_CONFIG_KEYS;
    return [...new Set(keys)].flatMap((key) => {
        const namespace = namespaces.find((n) => key.startsWith(`${n}:`));
        if (namespace === undefined) return [];
        const bare = key.slice(namespace.length + 1);
        if (known.includes(bare)) return [];
        const message = "is not a config key of this program, so it would be ignored";
        return [
            { path: key, value: values(key), message, fix: unknownKeyFix(bare, known, "the stack config") },
        ];
    });
}
