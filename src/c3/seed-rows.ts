/* Oracle's C3 port table, the seed of every flow (docs/oracle-c3-network.md §1a). No imports. */

/**
 * Oracle's C3 port table (docs/oracle-c3-network.md §1a, "Workload Cluster Network Ports", Flannel), restated: the 10 seed rows
 * every OKE network on C3 must honour. Flows carry them as `C3 ports 1a#N` references.
 */
export const SEED_ROWS: readonly string[] = [
    "bastion host (vcn_cidr) → worker subnet, TCP 22",
    "bastion host (vcn_cidr) → control-plane subnet (kmi_cidr), TCP 22",
    "worker_cidr → yum repository, TCP 80",
    "worker_cidr → secure yum repository, TCP 443",
    "worker_cidr → container registry, TCP 5000",
    "worker_cidr → control-plane subnet (kmi_cidr), TCP 6443 (node join)",
    "worker_cidr → control-plane load balancer, TCP 6443",
    "kube_client_cidr → control-plane load balancer, TCP 6443",
    "worker_cidr → kubeapi on the control-plane subnet (kmi_cidr), TCP 6443",
    "kube_client_cidr → worker_cidr, TCP 30000-32767 (NodePorts)",
];
