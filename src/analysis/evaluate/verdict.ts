import type { GatewayKind } from "../model/model";
import type { SubnetRole } from "../../c3/roles";
import type { PortRange } from "../../net/ports";

/*
 * The evaluator's question and answer types. Kept apart from the evaluator so that the side, reply and
 * route checks can share them without import cycles; `evaluate.ts` re-exports them.
 */

/** One end of a {@link FlowQuery}. */
export interface FlowEnd {
    /** The addresses: a managed subnet's CIDR, or an outside network (kube clients, 0.0.0.0/0, ...). */
    cidr: string;
    /** The subnet role when the end is one managed subnet; absent or `"all"`: located by CIDR containment. */
    role?: SubnetRole | "all";
    /**
     * True for a destination that stands for "somewhere outside the VCN" (the catalogue's `anywhere`: Oracle's
     * yum repository and registry, "Allow all outgoing traffic."): only its part outside the VCN is checked.
     * Any other range, 0.0.0.0/0 included, is checked to every part, managed subnets too.
     */
    outsideOnly?: boolean;
}

/** One concrete flow to prove: who opens a connection to whom, on what protocol and ports. */
export interface FlowQuery {
    /** The catalogue flow id (several queries may share it). */
    id: string;
    /** What the flow is for. */
    description?: string;
    /** Who opens the connection. */
    source: FlowEnd;
    /** Who accepts it. */
    destination: FlowEnd;
    /** IP protocol in OCI's terms. */
    protocol: "tcp" | "udp" | "icmp" | "all";
    /** Destination ports (tcp/udp); absent means all ports. */
    ports?: PortRange;
    /** ICMP type and optional code (icmp); absent means every ICMP type. */
    icmp?: { type: number; code?: number };
}

/** A security rule an explanation points at: OCI's security list or NSG, and the rule's place in it. */
export interface RuleRef {
    /** Security list or NSG. */
    container: "securityList" | "nsg";
    /** The container's key. */
    key: string;
    /** The container's display name. */
    name: string;
    /** The rule's 0-based index in its container (per direction for security lists). */
    index: number;
    /** Ingress or egress. */
    direction: "ingress" | "egress";
    /** Whether the rule is stateless (its reply then needs a rule of its own). */
    stateless: boolean;
    /** The rule's description. */
    description?: string;
}

/** The verdict on one side of a flow: the destination's ingress, the source's egress, or the reply. */
export interface SideVerdict {
    /** `not-applicable` when no managed VNIC filters this side (e.g. an outside source's egress). */
    status: "allowed" | "denied" | "not-applicable" | "unknown";
    /** The subnet(s) whose VNICs filter this side, by name. */
    subnet?: string;
    /** The exact rules that allow the traffic (all matching rules that touch it). */
    rules: RuleRef[];
    /** When denied: the part of the traffic no rule allows, e.g. `TCP port 22 from 10.0.0.0/8`. */
    missing?: string;
}

/** The verdict on routing: whether the packets (or their replies) have a path out of or back into the VCN. */
export interface RouteVerdict {
    /**
     * `routed`: the route table rules that carry the traffic are named; `assumed`: the path lies outside this
     * network and `assumption` says what is taken for granted; `not-applicable`: traffic that stays inside
     * the VCN (VCN-local routing, no route table involved).
     */
    status: "routed" | "no-route" | "not-applicable" | "unknown" | "assumed";
    /** The route table consulted. */
    routeTable?: string;
    /** The winning route rule's destination CIDR. */
    rule?: string;
    /** The gateway the rule targets. */
    gateway?: { name: string; kind: GatewayKind };
    /** The route that carries the replies back, when it is another table's rule (traffic entering the VCN). */
    reply?: { routeTable: string; rule: string; gateway: { name: string; kind: GatewayKind } };
    /** What this verdict takes for granted about the path outside this network, in one sentence each. */
    assumptions?: string[];
}

/** Everything the evaluator concluded about one flow query, with the reasons in plain sentences. */
export interface FlowVerdict {
    /** The flow id. */
    flowId: string;
    /** The query evaluated. */
    query: FlowQuery;
    /** Allowed only when ingress, egress, reply and route all are; denied wins over unknown. */
    status: "allowed" | "denied" | "unknown";
    /** Ingress at the destination's VNICs. */
    ingress: SideVerdict;
    /** Egress at the source's VNICs. */
    egress: SideVerdict;
    /** The reply traffic (only constrained when a stateless rule was used). */
    reply: SideVerdict;
    /** Routing. */
    route: RouteVerdict;
    /** Human sentences explaining every denied, unknown or not-applicable part. */
    reasons: string[];
    /**
     * When an end's range overlaps managed subnets: the verdict of each part (a managed subnet, or the rest of
     * the range outside the VCN), in model order. The flow holds only when every part holds.
     */
    parts?: FlowPartVerdict[];
}

/** The verdict of one part of a flow whose source or destination range overlaps managed subnets. */
export interface FlowPartVerdict {
    /** The source part's CIDR (a subnet's CIDR, or the whole range for the part outside the VCN). */
    source: string;
    /** The destination part's CIDR. */
    destination: string;
    /** Which part this is, in words, e.g. `from 172.31.252.0/25 (the part of 172.31.252.0/23 in subnet service-lb)`. */
    label: string;
    /** The part's status. */
    status: "allowed" | "denied" | "unknown";
    /** Egress at the part's source subnet (not-applicable outside the VCN). */
    egress: SideVerdict;
    /** Ingress at the part's destination subnet. */
    ingress: SideVerdict;
    /** The part's reply. */
    reply: SideVerdict;
    /** The part's route. */
    route: RouteVerdict;
    /** The part's reasons. */
    reasons: string[];
}

/** Rule reference text: `kmi-seclist ingress rule 3` (1-based, like Oracle's tables). */
export function ruleRefText(ref: Pick<RuleRef, "name" | "direction" | "index" | "container">): string {
    const kind = ref.container === "nsg" ? "NSG " : "";
    return `${kind}${ref.name} ${ref.direction} rule ${ref.index + 1}`;
}
