/**
 * Oracle's `kube_internal_cidr` (spec 2c): C3 reserves the Class-E block 253.255.0.0/16 for its own
 * infrastructure (appliance microservices, VCN data-network switches and gateways). Oracle's kmilb-seclist
 * must accept the Kubernetes API port from it ("This value is required. Do not change this CIDR value.").
 */
export const KUBE_INTERNAL_CIDR = "253.255.0.0/16";

/** Oracle's default `kubernetes_api_port` (spec 1, 7.5); Oracle says it must be specified as shown. */
export const DEFAULT_KUBERNETES_API_PORT = 6443;
