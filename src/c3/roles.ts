/* Oracle's subnet roles and their names on C3 (docs/oracle-c3-network.md §2, §5). No imports. */

/**
 * The subnet roles of an OKE workload-cluster network on C3, keyed by the names this package uses.
 * Oracle's terms: worker = `worker` subnet (`worker_cidr`), serviceLb = `service-lb` (`workerlb_cidr`),
 * controlPlane = `control-plane` (`kmi_cidr`), controlPlaneEndpoint = `control-plane-endpoint`
 * (`kmilb_cidr`), pod = `pod` (`pod_cidr`, VCN-native only).
 */
export type SubnetRole = "worker" | "serviceLb" | "controlPlane" | "controlPlaneEndpoint" | "pod";

/** Every subnet role in a fixed order; rendering and naming iterate in this order. */
export const SUBNET_ROLES: readonly SubnetRole[] = [
    "worker",
    "serviceLb",
    "controlPlane",
    "controlPlaneEndpoint",
    "pod",
];

/** Oracle's display name for each subnet role (docs/oracle-c3-network.md §5). `control-plane` and `pod` are required by C3. */
export const SUBNET_DISPLAY_NAMES: Readonly<Record<SubnetRole, string>> = {
    worker: "worker",
    serviceLb: "service-lb",
    controlPlane: "control-plane",
    controlPlaneEndpoint: "control-plane-endpoint",
    pod: "pod",
};

/** Oracle's subnet DNS labels (docs/oracle-c3-network.md §5). */
export const SUBNET_DNS_LABELS: Readonly<Record<SubnetRole, string>> = {
    worker: "worker",
    serviceLb: "servicelb",
    controlPlane: "kmi",
    controlPlaneEndpoint: "kmilb",
    pod: "pod",
};

/** Oracle's variable name for each CIDR (docs/oracle-c3-network.md §2a, §2b), used in messages and docs. */
export const ORACLE_CIDR_TERMS: Readonly<Record<SubnetRole | "vcn", string>> = {
    vcn: "vcn_cidr",
    worker: "worker_cidr",
    serviceLb: "workerlb_cidr",
    controlPlane: "kmi_cidr",
    controlPlaneEndpoint: "kmilb_cidr",
    pod: "pod_cidr",
};
