import type { Endpoint, FlowDefinition } from "./types";
import type { SubnetRole } from "../c3/roles";

/*
 * The flows of Oracle's C3 "Flannel Overlay" design, one entry per documented flow.
 *
 * Sources (tags of docs/oracle-c3-network.md): "C3 ports 1a#N" is row N of "Workload Cluster Network Ports" [A]; "C3 <list> 3.x#N"
 * is rule N of that security list in "Creating an OKE … Subnet" [A]; "C3 default seclist 3.1" is Oracle's
 * modified default list. Descriptions are Oracle's literal text where Oracle gives one. Where one flow is
 * both a port-table row and a security-list rule it is ONE entry with both references, so the catalogue
 * has no duplicates to drop silently.
 */

const role = (r: SubnetRole): Endpoint => ({ kind: "role", role: r });
const ALL_ROLES: Endpoint = { kind: "allRoles" };
const VCN: Endpoint = { kind: "cidr", ref: "vcn" };
const KUBE_CLIENTS: Endpoint = { kind: "cidr", ref: "kubeClients" };
const BASTION: Endpoint = { kind: "cidr", ref: "bastion" };
const KUBE_INTERNAL: Endpoint = { kind: "cidr", ref: "kubeInternal" };
const ANYWHERE: Endpoint = { kind: "cidr", ref: "anywhere" };

const FLANNEL_VXLAN = { min: 8285, max: 8472 } as const;
const NODE_PORTS = { min: 30000, max: 32767 } as const;

/** Rules every subnet carries: Oracle's modified default security list (docs/oracle-c3-network.md §3.1). */
export const COMMON_FLOWS: readonly FlowDefinition[] = [
    {
        id: "icmp-echo-from-vcn",
        description: "Allow ping from VCN.",
        source: VCN,
        destination: ALL_ROLES,
        protocol: "icmp",
        icmp: { type: 8 },
        refs: ["C3 default seclist 3.1"],
        provenance: "c3-doc",
    },
    {
        id: "icmp-unreachable-from-anywhere",
        description: "Allow unreachables.",
        source: ANYWHERE,
        destination: ALL_ROLES,
        protocol: "icmp",
        icmp: { type: 3 },
        refs: ["C3 default seclist 3.1"],
        provenance: "c3-doc",
        note: "Type 3 includes code 4 (fragmentation needed), which path-MTU discovery depends on.",
    },
    {
        id: "icmp-time-exceeded-from-anywhere",
        description: "Allow time exceeded.",
        source: ANYWHERE,
        destination: ALL_ROLES,
        protocol: "icmp",
        icmp: { type: 11 },
        refs: ["C3 default seclist 3.1"],
        provenance: "c3-doc",
    },
    {
        id: "icmp-echo-to-vcn",
        description: "Allow ping within the VCN (egress side of 'Allow ping from VCN.').",
        source: ALL_ROLES,
        destination: VCN,
        protocol: "icmp",
        icmp: { type: 8 },
        refs: ["C3 default seclist 3.1"],
        provenance: "derived",
        note: "Oracle's default list allows all egress; with least-privilege egress the ping needs this half.",
        when: { egress: ["flows"] },
    },
    {
        id: "icmp-unreachable-to-anywhere",
        description: "Path Discovery.",
        source: ALL_ROLES,
        destination: ANYWHERE,
        protocol: "icmp",
        icmp: { type: 3 },
        refs: ["public OCI 9.2 F-W6", "public OCI 9.3 V-W9", "C3 default seclist 3.1"],
        provenance: "public-oci-adapted",
        note:
            "Oracle's C3 lists allow it with egress all; public OCI requires ICMP 3/4 egress to 0.0.0.0/0 " +
            "(Path Discovery). The whole of type 3 is opened, like the C3 default list's ingress rule, so " +
            "port and host unreachables get out too. In a private cluster some subnets have no route out of " +
            "the VCN, so the rule is rendered and its in-VCN share proven, not a route to 0.0.0.0/0; an " +
            "air-gapped network has no route out at all and gets only the in-VCN rules.",
        when: { natGateway: [true] },
        renderOnly: { clusterAccess: ["private"] },
    },
    {
        id: "icmp-time-exceeded-to-anywhere",
        description: "Allow time exceeded (egress side of 'Allow time exceeded.').",
        source: ALL_ROLES,
        destination: ANYWHERE,
        protocol: "icmp",
        icmp: { type: 11 },
        refs: ["C3 default seclist 3.1"],
        provenance: "derived",
        note: "Oracle's default list accepts ICMP 11 from anywhere and allows all egress; this is the egress half.",
        when: { natGateway: [true] },
        renderOnly: { clusterAccess: ["private"] },
    },
    {
        id: "egress-all",
        description: "Allow all outgoing traffic.",
        source: ALL_ROLES,
        destination: ANYWHERE,
        protocol: "all",
        refs: ["C3 default seclist 3.1", "C3 workerlb-seclist 3.3", "C3 pod-seclist 3.6"],
        provenance: "c3-doc",
        note:
            "egress: 'all' (the default): Oracle's rule; wider than any documented flow. Air-gapped " +
            "(natGateway: false) keeps Oracle's rule, but no route leaves the VCN, so it is rendered and not " +
            "proven as a flow of its own; the in-VCN flows it carries are.",
        when: { egress: ["all"] },
        renderOnly: { natGateway: [false] },
    },
];

/** Outbound flows of the control plane like the workers' port-table rows 3-5 (yum, registry, C3 API). */
const controlPlaneOutbound = (port: number, what: string): FlowDefinition => ({
    id: `control-plane-to-${what}`,
    description: `Outbound from the control-plane nodes to ${what === "registry" ? "the container registry" : what === "yum-http" ? "external applications (yum)" : "HTTPS services (secure yum, the C3 API)"}.`,
    source: role("controlPlane"),
    destination: ANYWHERE,
    protocol: "tcp",
    ports: { min: port, max: port },
    refs: [`C3 ports 1a#${port === 80 ? 3 : port === 443 ? 4 : 5} (workers)`, "C3 default seclist 3.1"],
    provenance: "unverified",
    note:
        "The port table names only the workers; Oracle's lists let the control-plane (KMI) nodes reach the same " +
        "services through 'Allow all outgoing traffic.' and the NAT route. Opened on the workers' ports.",
    when: { natGateway: [true] },
});

/** The control plane's outbound flows through NAT (hardened mode needs them explicitly). */
export const CONTROL_PLANE_OUTBOUND_FLOWS: readonly FlowDefinition[] = [
    controlPlaneOutbound(80, "yum-http"),
    controlPlaneOutbound(443, "yum-https"),
    controlPlaneOutbound(5000, "registry"),
];

/** Flows into the `worker` subnet (worker-seclist, docs/oracle-c3-network.md §3.2) and the workers' outbound flows (1a#3-5). */
export const WORKER_FLOWS: readonly FlowDefinition[] = [
    {
        id: "worker-ssh-from-bastion",
        description: "Allow intra-VCN ssh.",
        source: BASTION,
        destination: role("worker"),
        protocol: "tcp",
        ports: { min: 22, max: 22 },
        refs: ["C3 ports 1a#1", "C3 worker-seclist 3.2#1"],
        provenance: "c3-doc",
        note: "Oracle's source is vcn_cidr; bastionCidrs defaults to it and may narrow it.",
    },
    {
        id: "worker-nodeports-from-kube-clients",
        description: "Allow clients to contact the node port range.",
        source: KUBE_CLIENTS,
        destination: role("worker"),
        protocol: "tcp",
        ports: NODE_PORTS,
        refs: ["C3 ports 1a#10", "C3 worker-seclist 3.2#2"],
        provenance: "c3-doc",
    },
    {
        id: "worker-nodeports-from-service-lb",
        description: "Allow the worker load balancer to contact the worker nodes.",
        source: role("serviceLb"),
        destination: role("worker"),
        protocol: "tcp",
        ports: NODE_PORTS,
        refs: ["C3 worker-seclist 3.2#3"],
        provenance: "c3-doc",
    },
    {
        id: "worker-kube-proxy-from-service-lb",
        description: "Allow the worker load balancer to contact the worker nodes.",
        source: role("serviceLb"),
        destination: role("worker"),
        protocol: "tcp",
        ports: { min: 10256, max: 10256 },
        refs: ["C3 worker-seclist 3.2#4"],
        provenance: "c3-doc",
        note: "kube-proxy health check port used by the load balancer.",
    },
    {
        id: "worker-from-control-plane",
        description: "Allow the control plane to contact the worker nodes.",
        source: role("controlPlane"),
        destination: role("worker"),
        protocol: "tcp",
        ports: { min: 22, max: 65535 },
        refs: ["C3 worker-seclist 3.2#5"],
        provenance: "c3-doc",
    },
    {
        id: "worker-flannel-from-workers",
        description: "Allow flannel traffic.",
        source: role("worker"),
        destination: role("worker"),
        protocol: "udp",
        ports: FLANNEL_VXLAN,
        refs: ["C3 worker-seclist 3.2#6"],
        provenance: "c3-doc",
        when: { cni: ["flannel"] },
    },
    {
        id: "worker-flannel-from-control-plane",
        description: "Allow flannel traffic.",
        source: role("controlPlane"),
        destination: role("worker"),
        protocol: "udp",
        ports: FLANNEL_VXLAN,
        refs: ["C3 worker-seclist 3.2#7"],
        provenance: "c3-doc",
        when: { cni: ["flannel"] },
    },
    {
        id: "worker-to-yum-http",
        description: "Outbound from the workers to external applications (yum).",
        source: role("worker"),
        destination: ANYWHERE,
        protocol: "tcp",
        ports: { min: 80, max: 80 },
        refs: ["C3 ports 1a#3"],
        provenance: "c3-doc",
        note:
            "Oracle gives no address for the yum repository, so the destination is 0.0.0.0/0 via NAT. " +
            "Air-gapped sites (natGateway: false) have no such path: declare the local mirror with extraRules.",
        when: { natGateway: [true] },
    },
    {
        id: "worker-to-yum-https",
        description: "Outbound HTTPS from the workers (secure yum repository).",
        source: role("worker"),
        destination: ANYWHERE,
        protocol: "tcp",
        ports: { min: 443, max: 443 },
        refs: ["C3 ports 1a#4"],
        provenance: "c3-doc",
        when: { natGateway: [true] },
    },
    {
        id: "worker-to-registry",
        description: "Outbound from the workers to the container registry.",
        source: role("worker"),
        destination: ANYWHERE,
        protocol: "tcp",
        ports: { min: 5000, max: 5000 },
        refs: ["C3 ports 1a#5"],
        provenance: "c3-doc",
        when: { natGateway: [true] },
    },
];

/** Flows into the `control-plane` subnet: kmi-seclist (docs/oracle-c3-network.md §3.4) plus the port table's rows 2, 6 and 9. */
export const CONTROL_PLANE_FLOWS: readonly FlowDefinition[] = [
    {
        id: "control-plane-api-from-kube-clients",
        description: "Allow inbound connections to the Kubernetes API server.",
        source: KUBE_CLIENTS,
        destination: role("controlPlane"),
        protocol: "tcp",
        ports: "kubernetesApiPort",
        refs: ["C3 kmi-seclist 3.4#1"],
        provenance: "c3-doc",
    },
    {
        id: "control-plane-api-from-endpoint",
        description: "Allow inbound connections from the control plane load balancer.",
        source: role("controlPlaneEndpoint"),
        destination: role("controlPlane"),
        protocol: "tcp",
        ports: "kubernetesApiPort",
        refs: ["C3 kmi-seclist 3.4#2"],
        provenance: "c3-doc",
    },
    {
        id: "control-plane-from-workers",
        description: "Allow inbound connections from worker nodes to the control plane.",
        source: role("worker"),
        destination: role("controlPlane"),
        protocol: "tcp",
        ports: { min: 1024, max: 65535 },
        refs: ["C3 kmi-seclist 3.4#3"],
        provenance: "c3-doc",
    },
    {
        id: "control-plane-api-from-workers",
        description:
            "Outbound from the workers to the Kubernetes API on the control-plane subnet (node join).",
        source: role("worker"),
        destination: role("controlPlane"),
        protocol: "tcp",
        ports: "kubernetesApiPort",
        refs: ["C3 ports 1a#6", "C3 ports 1a#9"],
        provenance: "c3-doc",
        note: "Covered by control-plane-from-workers while the API port is 1024 or above.",
    },
    {
        id: "control-plane-within",
        description: "Allow inbound connections within the control plane.",
        source: role("controlPlane"),
        destination: role("controlPlane"),
        protocol: "tcp",
        ports: { min: 1024, max: 65535 },
        refs: ["C3 kmi-seclist 3.4#4"],
        provenance: "c3-doc",
    },
    {
        id: "control-plane-flannel-from-workers",
        description: "Allow flannel traffic.",
        source: role("worker"),
        destination: role("controlPlane"),
        protocol: "udp",
        ports: FLANNEL_VXLAN,
        refs: ["C3 kmi-seclist 3.4#5"],
        provenance: "c3-doc",
        when: { cni: ["flannel"] },
    },
    {
        id: "control-plane-flannel-within",
        description: "Allow flannel traffic.",
        source: role("controlPlane"),
        destination: role("controlPlane"),
        protocol: "udp",
        ports: FLANNEL_VXLAN,
        refs: ["C3 kmi-seclist 3.4#6"],
        provenance: "c3-doc",
        when: { cni: ["flannel"] },
    },
    {
        id: "control-plane-ssh-from-bastion",
        description: "Allow SSH from the bastion host to the control-plane nodes.",
        source: BASTION,
        destination: role("controlPlane"),
        protocol: "tcp",
        ports: { min: 22, max: 22 },
        refs: ["C3 ports 1a#2"],
        provenance: "c3-port-table-gap",
        note: "The port table requires it; Oracle's kmi-seclist has no matching rule (docs/oracle-c3-network.md §3.4 gap).",
    },
];

/** Flows into the `control-plane-endpoint` subnet (kmilb-seclist, docs/oracle-c3-network.md §3.5) and port table rows 7-8. */
export const CONTROL_PLANE_ENDPOINT_FLOWS: readonly FlowDefinition[] = [
    {
        id: "endpoint-api-from-c3-internal",
        description: "Allow inbound connections to the control plane load balancer.",
        source: KUBE_INTERNAL,
        destination: role("controlPlaneEndpoint"),
        protocol: "tcp",
        ports: "kubernetesApiPort",
        refs: ["C3 kmilb-seclist 3.5#1", "C3 reserved ranges 2c"],
        provenance: "c3-doc",
        note: "253.255.0.0/16 is C3's internal infrastructure (kube_internal_cidr); Oracle: do not change.",
    },
    {
        id: "endpoint-api-from-kube-clients",
        description: "Allow inbound connections to the control plane load balancer.",
        source: KUBE_CLIENTS,
        destination: role("controlPlaneEndpoint"),
        protocol: "tcp",
        ports: "kubernetesApiPort",
        refs: ["C3 ports 1a#8", "C3 kmilb-seclist 3.5#2"],
        provenance: "c3-doc",
    },
    {
        id: "endpoint-api-from-bastion",
        description: "Allow inbound connections to the control plane load balancer.",
        source: BASTION,
        destination: role("controlPlaneEndpoint"),
        protocol: "tcp",
        ports: "kubernetesApiPort",
        refs: ["C3 kmilb-seclist 3.5#3"],
        provenance: "c3-doc",
        note: "Oracle's source is vcn_cidr; bastionCidrs defaults to it and may narrow it.",
    },
    {
        id: "endpoint-api-from-workers",
        description: "Inbound at the control plane load balancer from the workers to the Kubernetes API.",
        source: role("worker"),
        destination: role("controlPlaneEndpoint"),
        protocol: "tcp",
        ports: "kubernetesApiPort",
        refs: ["C3 ports 1a#7"],
        provenance: "c3-doc",
    },
    {
        id: "endpoint-api-from-control-plane",
        description:
            "Allow inbound connections from the control-plane instances to the control plane load balancer.",
        source: role("controlPlane"),
        destination: role("controlPlaneEndpoint"),
        protocol: "tcp",
        ports: "kubernetesApiPort",
        refs: ["C3 kmilb-seclist 3.5"],
        provenance: "c3-doc",
        note: "Oracle: port 6443 must accept connections from the control-plane and worker instances.",
    },
];
