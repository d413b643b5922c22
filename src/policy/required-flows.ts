import type { ResolvedFlow } from "../catalogue/types";
import { evaluateFlow, flowQueries, type FlowVerdict } from "../analysis/evaluate/evaluate";
import { describeMissingRole } from "../analysis/evaluate/locate";
import type { NetworkModel } from "../analysis/model/model";
import { effectiveRules } from "../analysis/evaluate/sides";
import {
    CNI_SCHEMA,
    cidrListSchema,
    KUBE_CLIENT_CIDRS_SCHEMA,
    KUBERNETES_API_PORT_SCHEMA,
    readBoolean,
    readChoice,
    readInteger,
    readStrings,
    readSubnetNames,
    SUBNET_NAMES_SCHEMA,
    type SubnetNames,
} from "./config";
import { stackPolicy, type CheckOutcome, type StackCheck } from "./define";
import { describeFlow, describeRefs, invalidPeerMessage, urnOf } from "./format";
import { kubeClientsOf } from "./kube-clients";
import { checkEachNetwork, detectCni, unnamedSubnets, type OkeNetwork } from "./networks";
import { emptyResult, mergeInto, type CheckResult } from "./report";
import { requiredFlowsForModel, type FlowRequirements } from "./required-flows-for-model";
import type { StackView } from "./stack";
import {
    INCLUDE_UNVERIFIED_BY_DEFAULT,
    NAT_GATEWAY_BY_DEFAULT,
    DEFAULT_KUBERNETES_API_PORT,
} from "../c3/defaults";
/*
 * oke-c3-required-flows: every flow Oracle documents for an OKE cluster on C3 is open, end to end, in OCI's
 * semantics (ingress at the destination, egress at the source, the reply of stateless rules, a route for
 * traffic that leaves the VCN). The flows are the seed rows of C3's port table plus Oracle's security-list
 * rules for the network's CNI, or the component's own `requiredFlows` for a network it built.
 */

/** The config of {@link requiredFlowsPolicy}. */
export interface RequiredFlowsConfig {
    /** Oracle's `kube_client_cidr`; default from the component or the control-plane-endpoint's rules. */
    kubeClientCidrs?: string[];
    /** The bastion's networks; default Oracle's `vcn_cidr`. */
    bastionCidrs?: string[];
    /** Oracle's `kubernetes_api_port`. */
    kubernetesApiPort: number;
    /** Force the CNI instead of detecting it. */
    cni?: "flannel" | "vcn-native";
    /** Force public or private instead of reading the control-plane-endpoint subnet. */
    clusterAccess?: "public" | "private";
    /** Whether private subnets reach the outside through a NAT gateway (port table rows 3-5). */
    natGateway: boolean;
    /** Also require flows no Oracle page states. */
    includeUnverified: boolean;
    /** Flow ids not to require. */
    skipFlows: string[];
    /** Renamed subnets. */
    subnetNames: SubnetNames;
}

const DEFINITION: StackCheck<RequiredFlowsConfig> = {
    name: "oke-c3-required-flows",
    description:
        "Every flow of C3's OKE port table and of Oracle's security lists for the network's CNI is open end to end.",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Add the missing rule on the side the message names (ingress at the destination, egress at the source, " +
        "a reply rule for a stateless rule, or a route), or build the network with WorkloadClusterNetwork.",
    configSchema: {
        properties: {
            kubeClientCidrs: KUBE_CLIENT_CIDRS_SCHEMA,
            bastionCidrs: cidrListSchema(
                "Where the bastion host lives (port table rows 1-2). Default: vcn_cidr.",
            ),
            kubernetesApiPort: KUBERNETES_API_PORT_SCHEMA,
            cni: CNI_SCHEMA,
            clusterAccess: { type: "string", enum: ["public", "private"] },
            natGateway: {
                type: "boolean",
                default: NAT_GATEWAY_BY_DEFAULT,
                description:
                    "false for air-gapped sites: port table rows 3-5 (yum, registry via NAT) are not required.",
            },
            includeUnverified: {
                type: "boolean",
                default: INCLUDE_UNVERIFIED_BY_DEFAULT,
                description:
                    "Also require flows that no Oracle page available states (provenance 'unverified').",
            },
            skipFlows: {
                type: "array",
                items: { type: "string" },
                description: "Catalogue flow ids not to require, e.g. control-plane-ssh-from-bastion.",
            },
            subnetNames: SUBNET_NAMES_SCHEMA,
        },
    },
    readConfig: (raw) => {
        const config: RequiredFlowsConfig = {
            kubernetesApiPort: readInteger(raw, "kubernetesApiPort", DEFAULT_KUBERNETES_API_PORT, 1, 65535),
            natGateway: readBoolean(raw, "natGateway", NAT_GATEWAY_BY_DEFAULT),
            includeUnverified: readBoolean(raw, "includeUnverified", INCLUDE_UNVERIFIED_BY_DEFAULT),
            skipFlows: readStrings(raw, "skipFlows") ?? [],
            subnetNames: readSubnetNames(raw),
        };
        const kubeClientCidrs = readStrings(raw, "kubeClientCidrs");
        const bastionCidrs = readStrings(raw, "bastionCidrs");
        const cni = readChoice(raw, "cni", ["flannel", "vcn-native"] as const);
        const access = readChoice(raw, "clusterAccess", ["public", "private"] as const);
        if (kubeClientCidrs !== undefined) config.kubeClientCidrs = kubeClientCidrs;
        if (bastionCidrs !== undefined) config.bastionCidrs = bastionCidrs;
        if (cni !== undefined) config.cni = cni;
        if (access !== undefined) config.clusterAccess = access;
        return config;
    },
    check: checkRequiredFlows,
};

/** The check of {@link requiredFlowsPolicy}, on a stack view. */
export function checkRequiredFlows(view: StackView, config: RequiredFlowsConfig): CheckOutcome {
    return checkEachNetwork(view, { subnetNames: config.subnetNames }, (network) =>
        checkNetwork(network, config),
    );
}

/** The flows one network is held to, with the policy config's choices (shared with `oke-c3-route-assumptions`). */
export function requirementsOf(network: OkeNetwork, config: RequiredFlowsConfig): FlowRequirements {
    return requiredFlowsForModel(network, {
        cni: detectCni(network, config.cni),
        ...(config.clusterAccess === undefined ? {} : { clusterAccess: config.clusterAccess }),
        natGateway: config.natGateway,
        kubeClients: kubeClientsOf(network, config.kubeClientCidrs, config.kubernetesApiPort),
        ...(config.bastionCidrs === undefined ? {} : { bastionCidrs: config.bastionCidrs }),
        kubernetesApiPort: config.kubernetesApiPort,
        includeUnverified: config.includeUnverified,
        skipFlows: config.skipFlows,
    });
}

/** Some subnets could not be placed in any VCN: what this network seems to lack may be among them. */
const INCOMPLETE =
    "some subnets of the stack could not be linked to their VCN (no ids and no propertyDependencies), so they may belong to it";

function checkNetwork(network: OkeNetwork, config: RequiredFlowsConfig): CheckResult {
    if (network.incomplete && network.model.subnets.length === 0) {
        const urn = network.vcn?.urn;
        return {
            violations: [],
            undecided: [
                { message: `${network.label}: ${INCOMPLETE}`, ...(urn === undefined ? {} : { urn }) },
            ],
        };
    }
    const result = checkFlows(network, config);
    if (!network.incomplete) return result;
    // Nothing this network seems to lack is certain: report it, but as undecided.
    const downgraded = result.violations.map((v) => ({ ...v, message: `${v.message} (${INCOMPLETE})` }));
    return { violations: [], undecided: [...downgraded, ...result.undecided] };
}

function checkFlows(network: OkeNetwork, config: RequiredFlowsConfig): CheckResult {
    const result = emptyResult();
    const requirements = requirementsOf(network, config);
    const vcnUrn = network.vcn?.urn;
    // A subnet whose display name is unknown (preview) may be the one with the role the network seems to lack.
    const unnamed = unnamedSubnets(network);
    for (const { flow, role } of requirements.missingRoles) {
        const head = `${network.label}: required flow ${flow.id} (${flow.refs.join(", ")})`;
        const report = { ...(vcnUrn === undefined ? {} : { urn: vcnUrn }) };
        if (unnamed.length > 0)
            result.undecided.push({
                message: `${head}: ${describeMissingRole(role)}, but the display names of ${unnamed.join(", ")} are unknown (preview)`,
                ...report,
            });
        else
            result.violations.push({
                message: `${head} cannot be open: ${describeMissingRole(role)}. Name the subnet as Oracle does, or set subnetNames in the policy config.`,
                ...report,
            });
    }
    for (const { flow, why } of requirements.unresolved) {
        result.undecided.push({
            message: `${network.label}: required flow ${flow.id} (${flow.refs.join(", ")}): ${why}`,
            ...(vcnUrn === undefined ? {} : { urn: vcnUrn }),
        });
    }
    for (const flow of requirements.flows) mergeInto(result, checkFlow(network, flow));
    result.violations.push(...invalidPeers(network));
    return result;
}

/** The rules at the network's subnets whose peer is not a CIDR: the evaluator cannot place what they admit. */
function invalidPeers(network: OkeNetwork): CheckResult["violations"] {
    const seen = new Set<string>();
    const out: CheckResult["violations"] = [];
    for (const subnet of network.model.subnets)
        for (const direction of ["ingress", "egress"] as const)
            for (const rule of effectiveRules(network.model, subnet, direction).rules) {
                const key = `${rule.origin.key}#${rule.direction}#${rule.origin.index}`;
                const message = invalidPeerMessage(network.label, rule, "the required flows through it");
                if (message === undefined || seen.has(key)) continue;
                seen.add(key);
                const urn = urnOf(rule.origin.key);
                out.push({ message, ...(urn === undefined ? {} : { urn }) });
            }
    return out;
}

/** One violation per flow that some query denies; undecided when none is denied but some is unknown. */
function checkFlow(network: OkeNetwork, flow: ResolvedFlow): CheckResult {
    const result = emptyResult();
    const verdicts = flowQueries(network.model, flow).map((q) => evaluateFlow(network.model, q));
    const head = `${network.label}: required flow ${flow.id} (${describeRefs(flow)}): ${describeFlow(flow)}`;
    const denied = verdicts.filter((v) => v.status === "denied");
    if (denied.length > 0) {
        const urn = blamedUrn(network.model, denied[0]);
        result.violations.push({
            message: `${head} is not open. ${denied.map(describeDenial).join(" ")}`,
            ...(urn === undefined ? {} : { urn }),
        });
        return result;
    }
    const unknown = verdicts.filter((v) => v.status === "unknown");
    if (verdicts.length === 0) result.undecided.push({ message: `${head}: no subnet to check it on` });
    else if (unknown.length > 0) {
        const reasons = new Set(
            unknown.flatMap((v) => v.reasons).filter((r) => !NOT_APPLICABLE_REASON.test(r)),
        );
        const urn = urnOf(network.model.subnets.find((s) => s.name === unknown[0].ingress.subnet)?.key);
        result.undecided.push({
            message: `${head}: ${[...reasons].join("; ")}`,
            ...(urn === undefined ? {} : { urn }),
        });
    }
    return result;
}

/**
 * "From 172.31.252.0/23 to 172.31.252.224/28: missing side: ingress at control-plane (TCP port 22 from …).
 * Why: …"; for a flow whose ends were split, one such sentence per failing part, naming the part.
 */
function describeDenial(verdict: FlowVerdict): string {
    const q = verdict.query;
    const assumes = verdict.route.assumptions ?? [];
    const assumptions = assumes.length === 0 ? "" : ` Assumptions: ${assumes.join("; ")}.`;
    const parts = (verdict.parts ?? []).filter((p) => p.status === "denied");
    if (parts.length === 0)
        return `${denialSentence(`From ${q.source.cidr} to ${q.destination.cidr}`, verdict)}${assumptions}`;
    const sentences = parts.map((p) =>
        denialSentence(`${capitalize(p.label)} (${q.source.cidr} to ${q.destination.cidr})`, p),
    );
    return `${sentences.join(" ")}${assumptions}`;
}

function capitalize(text: string): string {
    return text.charAt(0).toUpperCase() + text.slice(1);
}

function denialSentence(
    head: string,
    verdict: Pick<FlowVerdict, "ingress" | "egress" | "reply" | "route" | "reasons">,
): string {
    const sides: string[] = [];
    const side = (what: string, subnet: string | undefined, missing: string | undefined): string =>
        `${what}${subnet === undefined || subnet === "" ? "" : ` at ${subnet}`}${missing === undefined ? "" : ` (${missing})`}`;
    if (verdict.ingress.status === "denied")
        sides.push(side("ingress", verdict.ingress.subnet, verdict.ingress.missing));
    if (verdict.egress.status === "denied")
        sides.push(side("egress", verdict.egress.subnet, verdict.egress.missing));
    if (verdict.reply.status === "denied")
        sides.push(side("the reply", verdict.reply.subnet, verdict.reply.missing));
    if (verdict.route.status === "no-route")
        sides.push(`a route (route table ${verdict.route.routeTable ?? "?"})`);
    const why = verdict.reasons.filter((r) => !NOT_APPLICABLE_REASON.test(r));
    return `${head}: missing side: ${sides.join("; ")}. Why: ${why.join("; ")}.`;
}

/** The evaluator's sentences about parts that do not apply (an outside source's egress, a VCN-local route). */
const NOT_APPLICABLE_REASON =
    /is not checked|not modelled|no VCN route is involved|reachable only from inside the VCN/;

/** The subnet to point at: the destination when ingress is missing, else the source. */
function blamedUrn(model: NetworkModel, verdict: FlowVerdict): string | undefined {
    const side =
        verdict.ingress.status === "denied"
            ? verdict.ingress
            : verdict.egress.status === "denied"
              ? verdict.egress
              : verdict.reply;
    const name = side.subnet?.split(", ")[0];
    return urnOf(model.subnets.find((s) => s.name === name)?.key) ?? urnOf(model.key);
}

/** oke-c3-required-flows (stack policy, mandatory by default). */
export const requiredFlowsPolicy = stackPolicy(DEFINITION);

/** The definition behind {@link requiredFlowsPolicy}, for offline runs. */
export const requiredFlowsCheck = DEFINITION;
