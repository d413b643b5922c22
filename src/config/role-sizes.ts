import { cidrSize, parseCidr, isCidrError } from "../net/cidr";
import type { ConfigProblem, ResolvedLayout } from "./types";
import { SUBNET_DISPLAY_NAMES, type SubnetRole } from "../c3/roles";

/*
 * A subnet too small for its role passes every CIDR check and fails only when OKE tries to place nodes in
 * it. Each role's minimum is counted in usable addresses: OCI keeps 3 of every subnet (network, gateway,
 * broadcast).
 */

/** Addresses OCI keeps in every subnet. */
export const OCI_RESERVED_PER_SUBNET = 3;

/** The smallest useful subnet of a role, and where the number comes from. */
export interface RoleMinimum {
    /** Usable addresses the role needs at least. */
    readonly usable: number;
    /** Why, with the source (Oracle's, or this package's own where Oracle gives no number). */
    readonly why: string;
}

/** Per-role minimums. The VCN-native pod subnet has Oracle's own rules (`podSubnetProblems`). */
export const ROLE_MINIMUMS: Readonly<Record<Exclude<SubnetRole, "pod">, RoleMinimum>> = {
    controlPlane: {
        usable: 5,
        why: "a control plane has 1, 3 or 5 nodes (Oracle, Resource Limits; docs/oracle-c3-network.md §2d)",
    },
    controlPlaneEndpoint: {
        usable: 1,
        why: "the API network load balancer takes an address (Oracle: cluster creation builds it, §2d)",
    },
    serviceLb: {
        usable: 1,
        why: "each Service of type LoadBalancer takes an address (this package's minimum; Oracle gives none)",
    },
    worker: {
        usable: 3,
        why: "a node pool of 3 workers (this package's minimum; Oracle allows up to 128 workers per cluster, §2d)",
    },
};

/** The smallest prefix whose block holds `usable` addresses after OCI's 3. */
function prefixFor(usable: number): number {
    let prefix = 30;
    while (2 ** (32 - prefix) - OCI_RESERVED_PER_SUBNET < usable) prefix--;
    return prefix;
}

/** A problem for each subnet of the layout smaller than its role's minimum. */
export function roleSizeProblems(layout: ResolvedLayout): ConfigProblem[] {
    const out: ConfigProblem[] = [];
    for (const [role, minimum] of Object.entries(ROLE_MINIMUMS) as [
        keyof typeof ROLE_MINIMUMS,
        RoleMinimum,
    ][]) {
        const block = parseCidr(layout[role]);
        if (isCidrError(block)) continue;
        const usable = Number(cidrSize(block)) - OCI_RESERVED_PER_SUBNET;
        if (usable >= minimum.usable) continue;
        const message =
            `has ${usable} usable address${usable === 1 ? "" : "es"} (after OCI's ${OCI_RESERVED_PER_SUBNET}); ` +
            `the ${SUBNET_DISPLAY_NAMES[role]} subnet needs at least ${minimum.usable}: ${minimum.why}`;
        const fix = `use a /${prefixFor(minimum.usable)} or larger block, or omit cidrs.${role} to carve it`;
        out.push({ path: `cidrs.${role}`, value: block.text, message, fix });
    }
    return out;
}
