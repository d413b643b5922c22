import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import type { SubnetRole } from "../c3/roles";
import { DEFAULT_KUBERNETES_API_PORT } from "../c3/defaults";

/*
 * Policy configuration: JSON-schema fragments shared by several policies and tolerant readers. Pulumi checks
 * a `--policy-pack-config` file against each policy's `configSchema`, but `getConfig()` may still hand a
 * policy an empty object (no file) or, in tests, anything; the readers apply the defaults and ignore values
 * of the wrong type rather than crash a preview.
 */

/** Oracle's subnet display names a user may rename (C3 requires `control-plane` and `pod` exactly, docs/oracle-c3-network.md §7.9). */
export type RenamableRole = Extract<SubnetRole, "worker" | "serviceLb" | "controlPlaneEndpoint">;

/** Display names of the renamable roles, as configured. */
export type SubnetNames = Partial<Record<RenamableRole, string>>;

/** A list of IPv4 CIDR strings. */
export function cidrListSchema(description: string): PolicyConfigJSONSchema {
    return { type: "array", items: { type: "string" }, description };
}

/** `kubeClientCidrs`: Oracle's `kube_client_cidr`. */
export const KUBE_CLIENT_CIDRS_SCHEMA: PolicyConfigJSONSchema = cidrListSchema(
    "Oracle's kube_client_cidr: who may reach the Kubernetes API and the NodePorts. Default: the component's " +
        "kubeClientCidrs, else the sources of the control-plane-endpoint subnet's API-port ingress rules.",
);

/** `kubernetesApiPort`: Oracle's `kubernetes_api_port`. */
export const KUBERNETES_API_PORT_SCHEMA: PolicyConfigJSONSchema = {
    type: "integer",
    minimum: 1,
    maximum: 65535,
    default: DEFAULT_KUBERNETES_API_PORT,
    description: "Oracle's kubernetes_api_port (6443; Oracle: 'must be specified as shown').",
};

/** `cni`: force the CNI instead of detecting it. */
export const CNI_SCHEMA: PolicyConfigJSONSchema = {
    type: "string",
    enum: ["flannel", "vcn-native"],
    description:
        "The pod networking of every OKE network in the stack. Default: detected (a subnet named `pod`, a " +
        "cluster with cniType OCI_VCN_IP_NATIVE or the component's layout means vcn-native; else flannel).",
};

/** `subnetNames`: display names of subnets whose names differ from Oracle's examples. */
export const SUBNET_NAMES_SCHEMA: PolicyConfigJSONSchema = {
    type: "object",
    properties: {
        worker: { type: "string" },
        serviceLb: { type: "string" },
        controlPlaneEndpoint: { type: "string" },
    },
    additionalProperties: false,
    description:
        "Display names of your worker, service-lb and control-plane-endpoint subnets when they differ from " +
        "Oracle's example names (control-plane and pod are required by C3 and cannot be renamed).",
};

/** A config object as a record (anything else reads as empty). */
export function configRecord(raw: unknown): Record<string, unknown> {
    return typeof raw === "object" && raw !== null && !Array.isArray(raw)
        ? (raw as Record<string, unknown>)
        : {};
}

/** A list of strings, or undefined when absent or not a list of strings. */
export function readStrings(config: Record<string, unknown>, key: string): string[] | undefined {
    const value = config[key];
    if (!Array.isArray(value)) return undefined;
    return value.every((v): v is string => typeof v === "string") ? [...value] : undefined;
}

/** A list of integers, or undefined. */
export function readIntegers(config: Record<string, unknown>, key: string): number[] | undefined {
    const value = config[key];
    if (!Array.isArray(value)) return undefined;
    return value.every((v): v is number => Number.isInteger(v)) ? [...value] : undefined;
}

/** An integer in [min, max], or the fallback. */
export function readInteger(
    config: Record<string, unknown>,
    key: string,
    fallback: number,
    min = 0,
    max = Number.MAX_SAFE_INTEGER,
): number {
    const value = config[key];
    return typeof value === "number" && Number.isInteger(value) && value >= min && value <= max
        ? value
        : fallback;
}

/** A boolean, or the fallback. */
export function readBoolean(config: Record<string, unknown>, key: string, fallback: boolean): boolean {
    const value = config[key];
    return typeof value === "boolean" ? value : fallback;
}

/** One of `choices`, or undefined. */
export function readChoice<T extends string>(
    config: Record<string, unknown>,
    key: string,
    choices: readonly T[],
): T | undefined {
    const value = config[key];
    return choices.find((c) => c === value);
}

/** `subnetNames`, keeping only string values of known roles. */
export function readSubnetNames(config: Record<string, unknown>): SubnetNames {
    const raw = configRecord(config.subnetNames);
    const names: SubnetNames = {};
    for (const role of ["worker", "serviceLb", "controlPlaneEndpoint"] as const) {
        const value = raw[role];
        if (typeof value === "string" && value !== "") names[role] = value;
    }
    return names;
}
