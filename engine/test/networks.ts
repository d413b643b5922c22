import type { PulumiFn } from "@pulumi/pulumi/automation";
import { declareNetwork, oracleNetwork, type HandWrittenNetwork } from "../../sdk-tests/policy/hand-written";

/*
 * The hand-written Oracle-layout networks the engine suite previews with the pack: plain @pulumi/oci resources
 * (sdk-tests/policy/hand-written.ts declares them; the harness records the same declaration under mocks), each a
 * single fault away from Oracle's example.
 */

/** A documentation-range peer that is neither a kube client, nor the VCN, nor a cluster subnet. */
export const STRANGER = "192.0.2.0/24";

/** Oracle's example without the port table's row 2 (bastion host, vcn_cidr → kmi_cidr, TCP 22). */
export function bastionSshMissing(): HandWrittenNetwork {
    const net = oracleNetwork();
    const before = net.lists.kmi.ingress.length;
    net.lists.kmi.ingress = net.lists.kmi.ingress.filter(
        (r) => !(r.protocol === "6" && r.ports?.[0] === 22 && r.ports[1] === 22),
    );
    if (net.lists.kmi.ingress.length !== before - 1)
        throw new Error("kmi-seclist has no single SSH rule to drop");
    return net;
}

/** Oracle's example plus a worker-seclist rule opening the NodePort range to a stranger. */
export function nodePortsToStranger(): HandWrittenNetwork {
    const net = oracleNetwork();
    net.lists.worker.ingress.push({
        protocol: "6",
        peer: STRANGER,
        ports: [30000, 32767],
        description: "NodePorts for a partner network (the fault under test).",
    });
    return net;
}

/** The inline program that declares `net`. */
export function declare(net: HandWrittenNetwork): PulumiFn {
    return () => {
        declareNetwork(net);
        return Promise.resolve({});
    };
}
