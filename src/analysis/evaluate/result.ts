/* A required flow's result: the verdict of every check of it, with what failed and why. */
import type { Provenance, ResolvedEndpoint } from "../../catalogue/types";
import type { Protocol } from "../../c3/protocols";
import type { PortRange } from "../../net/ports";
import type { FlowPartVerdict, RouteVerdict, SideVerdict } from "./verdict";

/** Why one concrete flow does not hold, by the side that fails. */
export type FailureKind =
    /** The flow names a subnet role the network does not have. */
    | "missing-subnet"
    /** No ingress rule at the destination lets the traffic in. */
    | "no-ingress"
    /** No egress rule at the source lets the traffic out. */
    | "no-egress"
    /** No route (or an unusable gateway) for traffic leaving or entering the VCN. */
    | "no-route"
    /** A stateless rule allows the traffic, but nothing allows its reply. */
    | "no-reply"
    /** The model cannot decide (unknown values in a preview, CIDRs not known). */
    | "undecided";

/** One failing side of a flow, in words. */
export interface Failure {
    /** Which side fails. */
    kind: FailureKind;
    /** What is missing, e.g. `no ingress at the destination: no ingress rule on control-plane ... allows TCP 22`. */
    message: string;
}

/** One concrete source CIDR → destination CIDR check of a flow. */
export interface FlowCheck {
    /** Source CIDR (or `unknown`). */
    source: string;
    /** Destination CIDR (or `unknown`). */
    destination: string;
    /** Allowed when ingress, egress, reply and route all hold. */
    status: "allowed" | "denied" | "unknown";
    /** Ingress at the destination's VNICs: the rules that let it in. */
    ingress: SideVerdict;
    /** Egress at the source's VNICs. */
    egress: SideVerdict;
    /** Replies (only constrained by stateless rules). */
    reply: SideVerdict;
    /** The route and gateway, for traffic leaving or entering the VCN. */
    route: RouteVerdict;
    /** What the verdict takes for granted about paths outside this network (the route's assumptions). */
    assumptions: string[];
    /** Empty when allowed; otherwise every failing side. */
    failures: Failure[];
    /** One sentence: the rules on each side and the route (✔), or what is missing (✘). */
    explanation: string;
    /**
     * When the source or destination range overlaps managed subnets: each part checked on its own (a managed
     * subnet, or the rest of the range outside the VCN). Absent when the ends were not split.
     */
    parts?: FlowPartVerdict[];
}

/** One required or user-declared flow and its verdict. */
export interface FlowResult {
    /** Catalogue id (`worker-ssh-from-bastion`, `extra-<name>`, ...). */
    id: string;
    /** Oracle's description where Oracle gives one. */
    description: string;
    /** References to docs/oracle-c3-network.md, e.g. `C3 ports 1a#2`. */
    refs: string[];
    /** The rows of Oracle's C3 port table (docs/oracle-c3-network.md §1a) this flow is, e.g. `[6, 9]`; empty for other flows. */
    seedRows: number[];
    /** Where the flow comes from (`c3-doc`, `user`, ...). */
    provenance: Provenance;
    /** Who opens the connection. */
    source: ResolvedEndpoint;
    /** Who accepts it. */
    destination: ResolvedEndpoint;
    /** IP protocol. */
    protocol: Protocol;
    /** Destination ports (tcp/udp); absent means all. */
    ports?: PortRange;
    /** ICMP type/code. */
    icmp?: { type: number; code?: number };
    /** The worst status over the checks: denied, then unknown, else allowed. */
    status: "allowed" | "denied" | "unknown";
    /** One check per concrete source × destination CIDR. */
    checks: FlowCheck[];
}
