import type { ModelNsg, ModelSecurityList, ModelSubnet, NetworkModel } from "./model";
import { SUBNET_ROLES } from "../../c3/roles";

/*
 * Reading order for reports. A model keeps resources in registration order, which is deterministic but
 * arbitrary; a reviewer expects Oracle's order: the subnets by role, and each list or NSG next to the first
 * subnet it applies to.
 */

/** Subnets in Oracle's role order (worker, service-lb, control plane, endpoint, pod), then the others by name. */
export function orderedSubnets(model: NetworkModel): ModelSubnet[] {
    const rank = (s: ModelSubnet): number =>
        s.role === undefined ? SUBNET_ROLES.length : SUBNET_ROLES.indexOf(s.role);
    return [...model.subnets].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}

/**
 * Security lists then NSGs, each in the order of the first (ordered) subnet they apply to, so a reader
 * meets the containers in the order of the subnets; containers no subnet uses come last, by name.
 */
export function orderedContainers<T extends { key: string; name: string }>(
    model: NetworkModel,
    items: readonly T[],
    attached: (subnet: ModelSubnet, key: string) => boolean,
): T[] {
    const subnets = orderedSubnets(model);
    const rank = (item: T): number => {
        const i = subnets.findIndex((s) => attached(s, item.key));
        return i < 0 ? subnets.length : i;
    };
    return [...items].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}

/** The model's security lists in reading order. */
export function orderedLists(model: NetworkModel): ModelSecurityList[] {
    return orderedContainers(model, Object.values(model.securityLists), (s, k) =>
        s.securityListKeys.includes(k),
    );
}

/** The model's NSGs in reading order. */
export function orderedNsgs(model: NetworkModel): ModelNsg[] {
    return orderedContainers(model, Object.values(model.nsgs), (s, k) => s.nsgKeys.includes(k));
}
