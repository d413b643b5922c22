import type { Endpoint, FlowDefinition } from "./types";
import type { SubnetRole } from "../c3/roles";

/*
 * Flows that only some topologies need.
 *
 * VCN-native pod networking: C3's own pages for it were only partly available (docs/oracle-c3-network.md §1b, §3.6, §3.7: the
 * VCN-native port table and the pod-seclist ingress rules were NOT retrieved). Where C3 is silent these
 * entries adapt Oracle's public-OCI VCN-native rules (docs/oracle-c3-network.md §9.3, "[P1]") to C3 as docs/oracle-c3-network.md §9.7 maps them: the
 * public "API CIDR" is the KMI subnet (`kmi_cidr`) as a source and both `kmi_cidr` and `kmilb_cidr` as a
 * destination on the API port; there is no service gateway, so every OSN rule is dropped. Each such entry
 * is marked `public-oci-adapted`, never `c3-doc`.
 */

const role = (r: SubnetRole): Endpoint => ({ kind: "role", role: r });
const VCN_NATIVE = { cni: ["vcn-native"] } as const;

/** VCN-native flows: pods ↔ pods, workers ↔ pods, control plane → pods, pods → API, LB → pods. */
export const VCN_NATIVE_FLOWS: readonly FlowDefinition[] = [
    {
        id: "pod-from-pods",
        description: "Allow pods to communicate with each other.",
        source: role("pod"),
        destination: role("pod"),
        protocol: "all",
        refs: ["public OCI 9.3 V-P3", "public OCI 9.3 V-P4", "C3 pod-seclist 3.6"],
        provenance: "public-oci-adapted",
        when: VCN_NATIVE,
    },
    {
        id: "pod-from-workers",
        description: "Allow pods on one worker node to communicate with pods on other worker nodes.",
        source: role("worker"),
        destination: role("pod"),
        protocol: "all",
        refs: ["public OCI 9.3 V-P2", "public OCI 9.3 V-W8"],
        provenance: "public-oci-adapted",
        when: VCN_NATIVE,
    },
    {
        id: "pod-from-control-plane",
        description: "Kubernetes API endpoint to pod communication (when using VCN-native pod networking).",
        source: role("controlPlane"),
        destination: role("pod"),
        protocol: "all",
        refs: ["public OCI 9.3 V-P1", "public OCI 9.3 V-A8", "C3 mapping 9.7"],
        provenance: "public-oci-adapted",
        note: "Public OCI's API endpoint as a source is kmi_cidr on C3: kube-apiserver runs on the KMIs.",
        when: VCN_NATIVE,
    },
    {
        id: "pod-from-service-lb",
        description: "Allow the worker load balancer to reach pods behind NodePorts (VCN-native).",
        source: role("serviceLb"),
        destination: role("pod"),
        protocol: "tcp",
        refs: ["C3 mapping 9.7", "docs/oracle-c3-network.md §Appendix A (non-Oracle: workerlb_cidr → pod)"],
        provenance: "unverified",
        note:
            "With VCN-native pods kube-proxy forwards NodePort traffic to pod IPs and, with " +
            "externalTrafficPolicy: Local, keeps the load balancer's address, so pods see the service-lb " +
            "subnet as the source on the application's own ports. No Oracle page available states it.",
        when: VCN_NATIVE,
    },
    {
        id: "worker-from-pods",
        description:
            "Allow pods on one worker node to communicate with pods on other worker nodes (when using VCN-native pod networking).",
        source: role("pod"),
        destination: role("worker"),
        protocol: "all",
        refs: ["public OCI 9.3 V-W2"],
        provenance: "public-oci-adapted",
        when: VCN_NATIVE,
    },
    {
        id: "worker-from-workers",
        description: "Allows communication from (or to) worker nodes.",
        source: role("worker"),
        destination: role("worker"),
        protocol: "all",
        refs: ["public OCI 9.3 V-W1", "public OCI 9.3 V-W7"],
        provenance: "public-oci-adapted",
        note: "[P1] requires it for VCN-native; [P2]'s examples omit it. Flannel on C3 uses UDP 8285-8472 instead.",
        when: VCN_NATIVE,
    },
    {
        id: "control-plane-api-from-pods",
        description: "Pod to Kubernetes API endpoint communication (when using VCN-native pod networking).",
        source: role("pod"),
        destination: role("controlPlane"),
        protocol: "tcp",
        ports: "kubernetesApiPort",
        refs: ["public OCI 9.3 V-A3", "C3 mapping 9.7"],
        provenance: "public-oci-adapted",
        note: "C3 lets clients and workers reach the KMIs directly (kmi-seclist #1, #3), so pods need it too.",
        when: VCN_NATIVE,
    },
    {
        id: "endpoint-api-from-pods",
        description: "Pod to Kubernetes API endpoint communication (when using VCN-native pod networking).",
        source: role("pod"),
        destination: role("controlPlaneEndpoint"),
        protocol: "tcp",
        ports: "kubernetesApiPort",
        refs: ["public OCI 9.3 V-A3", "C3 mapping 9.7"],
        provenance: "public-oci-adapted",
        when: VCN_NATIVE,
    },
    {
        id: "control-plane-12250-from-pods",
        description: "Pod to Kubernetes API endpoint communication (when using VCN-native pod networking).",
        source: role("pod"),
        destination: role("controlPlane"),
        protocol: "tcp",
        ports: { min: 12250, max: 12250 },
        refs: ["public OCI 9.3 V-A4", "C3 mapping 9.7"],
        provenance: "public-oci-adapted",
        note: "No C3 page puts 12250 on the control-plane load balancer (only non-Oracle Terraform does), so only the KMIs get it.",
        when: VCN_NATIVE,
    },
    {
        id: "control-plane-12250-from-workers",
        description: "Kubernetes worker to Kubernetes API endpoint communication.",
        source: role("worker"),
        destination: role("controlPlane"),
        protocol: "tcp",
        ports: { min: 12250, max: 12250 },
        refs: ["public OCI 9.3 V-A2", "C3 mapping 9.7"],
        provenance: "public-oci-adapted",
        note: "Covered by control-plane-from-workers (1024-65535) on C3.",
        when: VCN_NATIVE,
    },
];

const ANYWHERE: Endpoint = { kind: "cidr", ref: "anywhere" };

/** Pods' outbound flows through NAT: public OCI's V-P9 and the workers' port-table ports (rows 3, 5). */
export const VCN_NATIVE_OUTBOUND_FLOWS: readonly FlowDefinition[] = [
    {
        id: "pod-to-internet-https",
        description: "(optional) Allow pods to communicate with internet.",
        source: role("pod"),
        destination: ANYWHERE,
        protocol: "tcp",
        ports: { min: 443, max: 443 },
        refs: ["public OCI 9.3 V-P9", "C3 pod-seclist 3.6"],
        provenance: "public-oci-adapted",
        note: "C3's pod-seclist allows all egress (3.6); public OCI's optional V-P9 is its HTTPS share.",
        when: { cni: ["vcn-native"], natGateway: [true] },
    },
    {
        id: "pod-to-yum-http",
        description: "Outbound from the pods to external applications (yum, plain HTTP).",
        source: role("pod"),
        destination: ANYWHERE,
        protocol: "tcp",
        ports: { min: 80, max: 80 },
        refs: ["C3 ports 1a#3 (workers)", "C3 pod-seclist 3.6"],
        provenance: "unverified",
        note: "VCN-native pods leave with their own pod IPs, so they need the workers' row-3 port themselves.",
        when: { cni: ["vcn-native"], natGateway: [true] },
    },
    {
        id: "pod-to-registry",
        description: "Outbound from the pods to the container registry.",
        source: role("pod"),
        destination: ANYWHERE,
        protocol: "tcp",
        ports: { min: 5000, max: 5000 },
        refs: ["C3 ports 1a#5 (workers)", "C3 pod-seclist 3.6"],
        provenance: "unverified",
        note: "VCN-native pods leave with their own pod IPs, so they need the workers' row-5 port themselves.",
        when: { cni: ["vcn-native"], natGateway: [true] },
    },
];

/** Private-cluster flows (`clusterAccess: "private"`). */
export const PRIVATE_CLUSTER_FLOWS: readonly FlowDefinition[] = [
    {
        id: "endpoint-api-from-endpoint",
        description: "Allow the private control plane load balancer subnet to reach the Kubernetes API port.",
        source: role("controlPlaneEndpoint"),
        destination: role("controlPlaneEndpoint"),
        protocol: "tcp",
        ports: "kubernetesApiPort",
        refs: [
            "C3 'Public and Private Clusters' (opening only)",
            "docs/oracle-c3-network.md §5 / §Appendix A (non-Oracle private mode)",
        ],
        provenance: "unverified",
        note:
            "Non-Oracle Terraform adapted from Oracle's PCA sample replaces public_ip_cidr → 6443 with " +
            "kmilb_cidr → 6443 on kmilb-seclist for a private endpoint. Oracle's C3 page body was not available.",
        when: { clusterAccess: ["private"] },
    },
];
