import type { ResolvedFlow } from "../../src/catalogue/types";
import type { NetworkModel } from "../../src/analysis/model/model";
import { CLIENTS, VCN, oracleModel, setList, type RuleSpec } from "./models";

/*
 * A hand-built network that is exactly least privilege for a small set of flows: every rule serves one of
 * them, nothing is open to 0.0.0.0/0 but ICMP type 3, and every subnet is public or private as Oracle
 * wants. The finding tests mutate it once per finding kind.
 */

const tcp = (min: number, max = min) => ({ protocol: "6", dstPorts: { min, max } });

/** The flows the compliant network serves, in catalogue form. */
export function compliantFlows(): ResolvedFlow[] {
    return [
        {
            id: "ssh-from-bastion",
            description: "bastion → worker SSH",
            source: { ref: "bastion", cidrs: [VCN] },
            destination: { role: "worker", cidrs: ["172.31.253.0/24"] },
            protocol: "tcp",
            ports: { min: 22, max: 22 },
            refs: ["C3 ports 1a#1"],
            provenance: "c3-doc",
        },
        {
            id: "nodeports-from-clients",
            description: "kube clients → NodePorts",
            source: { ref: "kubeClients", cidrs: [CLIENTS] },
            destination: { role: "worker", cidrs: ["172.31.253.0/24"] },
            protocol: "tcp",
            ports: { min: 30000, max: 32767 },
            refs: ["C3 ports 1a#10"],
            provenance: "c3-doc",
        },
        {
            id: "worker-https-out",
            description: "workers → secure yum",
            source: { role: "worker", cidrs: ["172.31.253.0/24"] },
            destination: { ref: "anywhere", cidrs: ["0.0.0.0/0"] },
            protocol: "tcp",
            ports: { min: 443, max: 443 },
            refs: ["C3 ports 1a#4"],
            provenance: "c3-doc",
        },
        {
            id: "unreachables",
            description: "ICMP 3 from anywhere",
            source: { ref: "anywhere", cidrs: ["0.0.0.0/0"] },
            destination: { role: "all", cidrs: [] },
            protocol: "icmp",
            icmp: { type: 3 },
            refs: ["C3 default seclist 3.1"],
            provenance: "c3-doc",
        },
    ];
}

/** The worker-seclist rules of the compliant network. */
export function workerIngress(): RuleSpec[] {
    return [
        { ...tcp(22), peer: VCN, description: "bastion SSH" },
        { ...tcp(30000, 32767), peer: CLIENTS, description: "NodePorts" },
    ];
}

/** The compliant network: Oracle's example subnets and routes with rules for exactly {@link compliantFlows}. */
export function compliantModel(): NetworkModel {
    const model = oracleModel();
    // A bastion at vcn_cidr and ICMP errors from 0.0.0.0/0 come from hosts in every subnet too, so every
    // subnet needs their egress half (the flow holds only from every part of its source range).
    setList(
        model,
        "default",
        [{ protocol: "1", peer: "0.0.0.0/0", icmp: { type: 3 } }],
        [
            { protocol: "1", peer: "0.0.0.0/0", icmp: { type: 3 } },
            { ...tcp(22), peer: "172.31.253.0/24" },
        ],
    );
    setList(model, "worker-seclist", workerIngress(), [{ ...tcp(443), peer: "0.0.0.0/0" }]);
    return model;
}
