import { protocolName } from "../net/rules";
import { type Cidr, isCidrError, parseCidr } from "../net/cidr";
import { coverage, interval, type Box } from "../net/coverage";
import { describeAddresses } from "../net/describe";
import type { ModelRule, ModelSubnet } from "../analysis/model/model";
import { effectiveRules } from "../analysis/evaluate/sides";
import {
    KUBE_CLIENT_CIDRS_SCHEMA,
    KUBERNETES_API_PORT_SCHEMA,
    readInteger,
    readStrings,
    readSubnetNames,
    SUBNET_NAMES_SCHEMA,
    type SubnetNames,
} from "./config";
import { stackPolicy, type CheckOutcome, type StackCheck } from "./define";
import { describeRule, describeSubnet, invalidPeerMessage, listWords, urnOf } from "./format";
import { kubeClientsOf, type KubeClients } from "./kube-clients";
import { checkEachNetwork, subnetsWithRole, unnamedSubnets, type OkeNetwork } from "./networks";
import { emptyResult, type CheckResult } from "./report";
import type { StackView } from "./stack";
import { type SubnetRole, SUBNET_DISPLAY_NAMES } from "../c3/roles";
import { DEFAULT_KUBERNETES_API_PORT } from "../c3/defaults";
import { CIDR_BLOCK } from "../net/rules";

/*
 * oke-c3-nodeport-exposure: the NodePort range 30000-32767 on the `worker` subnet is reachable only from
 * `kube_client_cidr` and the `service-lb` subnet (docs/oracle-c3-network.md §3.2 rules 2 and 3, port table row 10), plus the
 * cluster's own nodes: Oracle's worker-seclist rule 5 lets the control plane reach 22-65535 on the workers,
 * and VCN-native clusters let workers and pods reach each other on every port (docs/oracle-c3-network.md §9.7), so by default the
 * control-plane, worker and pod subnets may reach NodePorts too. Every rule the worker VNICs carry counts:
 * their security lists and the NSGs of their role, TCP and UDP alike (NodePorts exist for both).
 */

/** The NodePort range (Kubernetes default; Oracle's docs/oracle-c3-network.md §3.2). */
const NODE_PORTS = { min: 30000, max: 32767 } as const;

/** The config of {@link nodePortExposurePolicy}. */
export interface NodePortExposureConfig {
    /** Oracle's `kube_client_cidr`; default from the component or the control-plane-endpoint's rules. */
    kubeClientCidrs?: string[];
    /** Oracle's `kubernetes_api_port`, to find the clients on the control-plane-endpoint's rules. */
    kubernetesApiPort: number;
    /** Subnet roles whose addresses may reach the NodePorts. */
    allowedSourceRoles: SubnetRole[];
    /** Renamed subnets. */
    subnetNames: SubnetNames;
}

const ROLES: readonly SubnetRole[] = ["serviceLb", "controlPlane", "worker", "pod", "controlPlaneEndpoint"];
const DEFAULT_ROLES: SubnetRole[] = ["serviceLb", "controlPlane", "worker", "pod"];

const DEFINITION: StackCheck<NodePortExposureConfig> = {
    name: "oke-c3-nodeport-exposure",
    description:
        "NodePorts 30000-32767 on the worker subnet are reachable only from kube_client_cidr, the service-lb subnet and the cluster's own nodes.",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Narrow the rule's source to kube_client_cidr or the service-lb subnet, or keep the rule's ports outside " +
        "30000-32767; expose applications through a Service of type LoadBalancer instead.",
    configSchema: {
        properties: {
            kubeClientCidrs: KUBE_CLIENT_CIDRS_SCHEMA,
            kubernetesApiPort: KUBERNETES_API_PORT_SCHEMA,
            allowedSourceRoles: {
                type: "array",
                items: { type: "string", enum: [...ROLES] },
                default: DEFAULT_ROLES,
                description:
                    "Subnet roles that may reach the NodePorts. Default: serviceLb, controlPlane (Oracle's kmi_cidr → 22-65535), worker and pod.",
            },
            subnetNames: SUBNET_NAMES_SCHEMA,
        },
    },
    readConfig: (raw) => {
        const config: NodePortExposureConfig = {
            kubernetesApiPort: readInteger(raw, "kubernetesApiPort", DEFAULT_KUBERNETES_API_PORT, 1, 65535),
            allowedSourceRoles: (readStrings(raw, "allowedSourceRoles") ?? DEFAULT_ROLES).filter(
                (r): r is SubnetRole => ROLES.includes(r as SubnetRole),
            ),
            subnetNames: readSubnetNames(raw),
        };
        const clients = readStrings(raw, "kubeClientCidrs");
        if (clients !== undefined) config.kubeClientCidrs = clients;
        return config;
    },
    check: checkNodePortExposure,
};

/** The check of {@link nodePortExposurePolicy}. */
export function checkNodePortExposure(view: StackView, config: NodePortExposureConfig): CheckOutcome {
    return checkEachNetwork(view, { subnetNames: config.subnetNames }, (network) =>
        checkNetwork(network, config),
    );
}

/** Who may reach the NodePorts, as address intervals, with words for messages and any doubt. */
interface Allowed {
    boxes: Box[];
    words: string;
    clients: KubeClients;
    unknownSubnets: string[];
}

function allowedSources(network: OkeNetwork, config: NodePortExposureConfig): Allowed {
    const clients = kubeClientsOf(network, config.kubeClientCidrs, config.kubernetesApiPort);
    const boxes: Box[] = [];
    const add = (cidr: Cidr): number => boxes.push([interval(cidr.start, cidr.end)]);
    for (const text of clients.cidrs) {
        const cidr = parseCidr(text);
        if (!isCidrError(cidr)) add(cidr);
    }
    // A subnet whose display name is unknown (preview) may have an allowed role.
    const unknownSubnets: string[] = unnamedSubnets(network);
    for (const role of config.allowedSourceRoles) {
        for (const subnet of subnetsWithRole(network, role)) {
            const cidr = subnet.cidr === undefined ? undefined : parseCidr(subnet.cidr);
            if (cidr === undefined || isCidrError(cidr)) unknownSubnets.push(subnet.name);
            else add(cidr);
        }
    }
    const clientWords =
        clients.cidrs.length === 0
            ? "the kube client CIDRs (unknown)"
            : `the kube client CIDRs (${clients.cidrs.join(", ")}, from ${clients.source})`;
    const roleWords = config.allowedSourceRoles.map((r) => SUBNET_DISPLAY_NAMES[r]);
    return {
        boxes,
        words: `${clientWords} and the ${listWords(roleWords)} subnets`,
        clients,
        unknownSubnets,
    };
}

function checkNetwork(network: OkeNetwork, config: NodePortExposureConfig): CheckResult {
    const result = emptyResult();
    const workers = subnetsWithRole(network, "worker");
    if (workers.length === 0) return result;
    const allowed = allowedSources(network, config);
    for (const worker of workers) {
        const effective = effectiveRules(network.model, worker, "ingress");
        for (const rule of effective.rules) checkRule(network, worker, rule, allowed, result);
        for (const doubt of effective.incomplete)
            result.undecided.push({
                message: `${network.label}: NodePort exposure of ${describeSubnet(worker)}: ${doubt}`,
                ...at(worker.key),
            });
    }
    return result;
}

/** Whether a rule admits some NodePort traffic: yes, no, or unknown (preview). */
function touchesNodePorts(rule: ModelRule): "yes" | "no" | "unknown" {
    if (rule.peerType !== CIDR_BLOCK && rule.unknown !== true) return "no"; // C3 only implements CIDR_BLOCK.
    const protocol = protocolName(rule);
    if (rule.protocol !== "" && protocol !== "all" && protocol !== "tcp" && protocol !== "udp") return "no";
    const ports = rule.dstPorts;
    if (ports !== undefined && (ports.max < NODE_PORTS.min || ports.min > NODE_PORTS.max)) return "no";
    return rule.unknown === true ? "unknown" : "yes";
}

function checkRule(
    network: OkeNetwork,
    worker: ModelSubnet,
    rule: ModelRule,
    allowed: Allowed,
    result: CheckResult,
): void {
    const where = `NodePorts ${NODE_PORTS.min}-${NODE_PORTS.max} on ${describeSubnet(worker)}`;
    const touches = touchesNodePorts(rule);
    if (touches === "no") return;
    const peer = rule.peer === "" ? undefined : parseCidr(rule.peer);
    if (touches === "unknown" || peer === undefined || isCidrError(peer)) {
        const invalid = invalidPeerMessage(network.label, rule, `whether it exposes ${where}`);
        if (invalid !== undefined) result.violations.push({ message: invalid, ...at(rule.origin.key) });
        else
            result.undecided.push({
                message: `${network.label}: ${where}: ${describeRule(rule)} is unknown (preview)`,
                ...at(rule.origin.key),
            });
        return;
    }
    const gap = coverage(allowed.boxes, [interval(peer.start, peer.end)]).gap;
    if (gap === undefined) return;
    const message =
        `${network.label}: ${where} are reachable from ${describeAddresses(gap[0])} through ${describeRule(rule)}. ` +
        `Only ${allowed.words} may reach them.`;
    const doubtful =
        (allowed.clients.cidrs.length === 0 ||
            allowed.clients.doubt !== undefined ||
            allowed.unknownSubnets.length > 0) &&
        peer.prefix > 0;
    if (doubtful)
        result.undecided.push({
            message: `${message} (${allowed.clients.doubt ?? `unknown CIDRs: ${allowed.unknownSubnets.join(", ")}`})`,
            ...at(rule.origin.key),
        });
    else result.violations.push({ message, ...at(rule.origin.key) });
}

function at(key: string): { urn?: string } {
    const urn = urnOf(key);
    return urn === undefined ? {} : { urn };
}

/** oke-c3-nodeport-exposure (stack policy, mandatory by default). */
export const nodePortExposurePolicy = stackPolicy(DEFINITION);

/** The definition behind {@link nodePortExposurePolicy}, for offline runs. */
export const nodePortExposureCheck = DEFINITION;
