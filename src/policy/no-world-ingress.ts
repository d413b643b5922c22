import { cidr, isCidrError, parseCidr } from "../net/cidr";
import { isWorldWide } from "../net/world";
import { cellText, worldOpenRules, type TrafficCell } from "../analysis/checks/world-ingress";
import type { ModelRule, NetworkModel } from "../analysis/model/model";
import { configRecord, readIntegers, readSubnetNames, SUBNET_NAMES_SCHEMA, type SubnetNames } from "./config";
import { NO_OKE_NETWORK, stackPolicy, type CheckOutcome, type StackCheck } from "./define";
import { describeRule, invalidPeerMessage, listWords, subnetsCarrying, urnOf } from "./format";
import { okeNetworks } from "./networks";
import { ORPHAN_LABEL, orphanRules } from "./orphans";
import { emptyResult, type CheckResult } from "./report";
import type { StackView } from "./stack";

/*
 * oke-c3-no-world-ingress: nothing in an OKE network accepts connections from 0.0.0.0/0, except what the
 * config allows. Oracle's own lists need only ICMP types 3 (destination unreachable, which carries path-MTU
 * discovery) and 11 (time exceeded) from anywhere (docs/oracle-c3-network.md §3.1); everything else Oracle documents comes from
 * `kube_client_cidr`, the VCN or C3's 253.255.0.0/16. Load-balancer front-ends that really face the world
 * are declared as exceptions, ideally limited to the subnets that carry them.
 */

/** A port range that may be open to the world. */
export interface WorldPortException {
    /** `tcp` or `udp`. */
    protocol: "tcp" | "udp";
    /** First port. */
    port: number;
    /** Last port; default `port`. */
    portMax: number;
    /** Only on rules whose every carrying subnet has one of these display names; absent = any subnet. */
    subnets?: string[];
}

/** The config of {@link noWorldIngressPolicy}. */
export interface NoWorldIngressConfig {
    /** ICMP types allowed from anywhere (any code). */
    allowedIcmpTypes: number[];
    /** Ports allowed from anywhere. */
    allowedPorts: WorldPortException[];
    /** Renamed subnets. */
    subnetNames: SubnetNames;
}

const DEFAULT_ICMP_TYPES = [3, 11];

const DEFINITION: StackCheck<NoWorldIngressConfig> = {
    name: "oke-c3-no-world-ingress",
    description:
        "No security list or NSG of an OKE network accepts ingress from 0.0.0.0/0, except ICMP types 3 and 11 and configured ports.",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Narrow the rule's source to kube_client_cidr (or the networks that need it), or declare the port in " +
        "allowedPorts, limited with `subnets` to the subnet that needs it (e.g. service-lb for a public front-end).",
    configSchema: {
        properties: {
            allowedIcmpTypes: {
                type: "array",
                items: { type: "integer", minimum: 0, maximum: 255 },
                default: DEFAULT_ICMP_TYPES,
                description:
                    "ICMP types allowed from anywhere. Default [3, 11], Oracle's default security list.",
            },
            allowedPorts: {
                type: "array",
                items: {
                    type: "object",
                    properties: {
                        protocol: { type: "string", enum: ["tcp", "udp"] },
                        port: { type: "integer", minimum: 1, maximum: 65535 },
                        portMax: { type: "integer", minimum: 1, maximum: 65535 },
                        subnets: { type: "array", items: { type: "string" } },
                    },
                    required: ["port"],
                    additionalProperties: false,
                },
                description:
                    "Ports that may be open to 0.0.0.0/0, e.g. { port: 443, subnets: [service-lb] } for a public load-balancer front-end.",
            },
            subnetNames: SUBNET_NAMES_SCHEMA,
        },
    },
    readConfig: (raw) => ({
        allowedIcmpTypes: readIntegers(raw, "allowedIcmpTypes") ?? DEFAULT_ICMP_TYPES,
        allowedPorts: readExceptions(raw.allowedPorts),
        subnetNames: readSubnetNames(raw),
    }),
    check: checkNoWorldIngress,
};

function readExceptions(raw: unknown): WorldPortException[] {
    if (!Array.isArray(raw)) return [];
    return raw.flatMap((item): WorldPortException[] => {
        const entry = configRecord(item);
        const port = entry.port;
        if (typeof port !== "number" || !Number.isInteger(port)) return [];
        const portMax = typeof entry.portMax === "number" ? entry.portMax : port;
        const exception: WorldPortException = {
            protocol: entry.protocol === "udp" ? "udp" : "tcp",
            port,
            portMax,
        };
        if (Array.isArray(entry.subnets))
            exception.subnets = entry.subnets.filter((s): s is string => typeof s === "string");
        return [exception];
    });
}

/** The check of {@link noWorldIngressPolicy}. */
export function checkNoWorldIngress(view: StackView, config: NoWorldIngressConfig): CheckOutcome {
    const networks = okeNetworks(view, { subnetNames: config.subnetNames });
    if (networks.length === 0) return { notApplicable: NO_OKE_NETWORK };
    const result = emptyResult();
    const seen = new Set<string>();
    for (const network of networks) {
        // A list shared by two VCNs' models is judged once.
        for (const rules of containers(network.model)) {
            const key = rules[0]?.origin.key;
            if (key === undefined || seen.has(key)) continue;
            seen.add(key);
            checkContainer({ label: network.label, model: network.model }, rules, config, result);
        }
    }
    // Rules no model could place may belong to an OKE network: a world-open one is undecided, never ignored.
    const orphans = emptyResult();
    const byKey = new Map<string, ModelRule[]>();
    for (const rule of orphanRules(view).filter((r) => r.direction === "ingress"))
        byKey.set(rule.origin.key, [...(byKey.get(rule.origin.key) ?? []), rule]);
    for (const rules of byKey.values()) checkContainer({ label: ORPHAN_LABEL }, rules, config, orphans);
    result.undecided.push(...orphans.violations, ...orphans.undecided);
    return result;
}

/** Where a rule sits: its network's label and model (absent for rules no model holds). */
interface Where {
    label: string;
    model?: NetworkModel;
}

/** The ingress rules of each security list and NSG of the model, one array per container. */
function containers(model: NetworkModel): ModelRule[][] {
    return [
        ...Object.values(model.securityLists).map((l) => l.ingress),
        ...Object.values(model.nsgs).map((n) => n.rules.filter((r) => r.direction === "ingress")),
    ];
}

/** True for a source that is the whole address space, or one that may be (unknown, or unparseable). */
function mayBeWorld(peer: string): boolean {
    if (peer === "" || peer === "::/0") return true;
    const cidr = parseCidr(peer);
    return isCidrError(cidr) || isWorldWide([cidr]);
}

function checkContainer(
    where: Where,
    rules: ModelRule[],
    config: NoWorldIngressConfig,
    result: CheckResult,
): void {
    const at = (rule: ModelRule) => {
        const urn = urnOf(rule.origin.key) ?? urnOf(where.model?.key);
        return urn === undefined ? {} : { urn };
    };
    for (const rule of rules) {
        if (rule.peer === "" || (rule.unknown === true && mayBeWorld(rule.peer))) {
            // The source (or, for a wide source, the protocol or ports) is unknown: it may or may not be excepted.
            result.undecided.push({
                message: `${where.label}: ${describeRule(rule)} has unknown fields, so whether it admits traffic from the world is unknown`,
                ...at(rule),
            });
        } else {
            // OCI refuses or misreads such a source; treating it as narrow would be a silent pass.
            const invalid = invalidPeerMessage(where.label, rule, "what it admits");
            if (invalid !== undefined) result.violations.push({ message: invalid, ...at(rule) });
        }
    }
    const allowed = [
        `ICMP types ${listWords(config.allowedIcmpTypes.map(String)) || "(none)"}`,
        ...config.allowedPorts.map(
            (p) => `${p.protocol.toUpperCase()} ${p.port === p.portMax ? p.port : `${p.port}-${p.portMax}`}`,
        ),
    ];
    for (const open of worldOpenRules(rules, (cell, rule) => isExcepted(where.model, rule, cell, config))) {
        const others = open.contributors.filter((r) => r !== open.rule).map((r) => r.peer);
        const what =
            others.length === 0 && cidr(open.rule.peer).prefix === 0
                ? "admits traffic from 0.0.0.0/0"
                : `admits traffic from the world for ${cellText(open.cell)}` +
                  (others.length === 0 ? "" : ` (together with ${listWords(others)} in the same container)`) +
                  ": its sources cover more than a /8 of globally routable addresses";
        result.violations.push({
            message:
                `${where.label}: ${describeRule(open.rule)} ${what}. ` +
                `Only ${listWords(allowed)} may come from anywhere; narrow the source to the networks that need it.`,
            ...at(open.rule),
        });
    }
}

/** True when a configured exception covers the whole cell (and, for ports, every subnet carrying the rule). */
function isExcepted(
    model: NetworkModel | undefined,
    rule: ModelRule,
    cell: TrafficCell,
    config: NoWorldIngressConfig,
): boolean {
    if (cell.protocol === "icmp")
        return cell.icmpType !== undefined && config.allowedIcmpTypes.includes(cell.icmpType);
    if (cell.protocol !== "tcp" && cell.protocol !== "udp") return false;
    const ports = cell.ports;
    if (ports === undefined) return false;
    const carriers = model === undefined ? [] : subnetsCarrying(model, rule).map((s) => s.name);
    return config.allowedPorts.some(
        (e) =>
            e.protocol === cell.protocol &&
            e.port <= ports.min &&
            ports.max <= e.portMax &&
            (e.subnets === undefined ||
                (carriers.length > 0 && carriers.every((n) => e.subnets?.includes(n)))),
    );
}

/** oke-c3-no-world-ingress (stack policy, mandatory by default). */
export const noWorldIngressPolicy = stackPolicy(DEFINITION);

/** The definition behind {@link noWorldIngressPolicy}, for offline runs. */
export const noWorldIngressCheck = DEFINITION;
