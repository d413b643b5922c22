/* Checks of public/private subnets (docs/oracle-c3-network.md §4-§5): worker and control plane are always private; a public subnet needs an internet-gateway route; a private one must not route to it. */
import type { ModelSubnet, NetworkModel } from "../model/model";
import { routeTableOf } from "../evaluate/routes";
import type { SubnetRole } from "../../c3/roles";
import { subnetSubject, type Finding } from "./finding";

/** Roles Oracle always makes private (docs/oracle-c3-network.md §5, "Public and Private Clusters"). */
const ALWAYS_PRIVATE: readonly SubnetRole[] = ["worker", "controlPlane", "pod"];
const LB_ROLES: readonly SubnetRole[] = ["serviceLb", "controlPlaneEndpoint"];

/** Whether the subnet's route table has a rule to an internet gateway; undefined when unknown. */
function routesToIgw(model: NetworkModel, subnet: ModelSubnet): boolean | undefined {
    const table = routeTableOf(model, subnet);
    if (table === undefined || table.rules.some((r) => r.unknown === true)) return undefined;
    return table.rules.some(
        (r) => r.targetKey !== undefined && model.gateways[r.targetKey]?.kind === "internet",
    );
}

/**
 * Public/private mismatches. `clusterAccess` says whether the two load-balancer subnets are meant to be
 * public; without it only the always-private roles are checked for public IPs.
 */
export function accessFindings(model: NetworkModel, clusterAccess?: "public" | "private"): Finding[] {
    const out: Finding[] = [];
    for (const subnet of model.subnets) {
        const igw = routesToIgw(model, subnet);
        const meantPrivate =
            subnet.role !== undefined &&
            (ALWAYS_PRIVATE.includes(subnet.role) ||
                (clusterAccess === "private" && LB_ROLES.includes(subnet.role)));
        if (subnet.public === true && meantPrivate) out.push(publicIpsFinding(subnet));
        if (subnet.public === true && igw === false) out.push(noIgwFinding(subnet));
        if (subnet.public === false && igw === true) out.push(privateIgwFinding(subnet));
    }
    return out;
}

function publicIpsFinding(subnet: ModelSubnet): Finding {
    return {
        kind: "private-subnet-allows-public-ips",
        severity: "high",
        subject: subnetSubject(subnet),
        message: `subnet ${subnet.name} (role ${subnet.role ?? "?"}) must be private, but its VNICs may get public IPs`,
        fix: "set prohibitPublicIpOnVnic: true (Oracle: worker and control-plane subnets are always private)",
    };
}

function noIgwFinding(subnet: ModelSubnet): Finding {
    return {
        kind: "public-subnet-without-igw-route",
        severity: "medium",
        subject: subnetSubject(subnet),
        message: `subnet ${subnet.name} is public (VNICs may get public IPs) but its route table has no route to an internet gateway`,
        fix: "route 0.0.0.0/0 to the internet gateway (Oracle's `public` table), or make the subnet private",
    };
}

function privateIgwFinding(subnet: ModelSubnet): Finding {
    return {
        kind: "private-subnet-routes-to-igw",
        severity: "medium",
        subject: subnetSubject(subnet),
        message: `subnet ${subnet.name} is private but routes to an internet gateway, which only carries traffic of VNICs with public IPs`,
        fix: "route it through the NAT gateway (Oracle's nat_private table) or keep it within the VCN (vcn_private)",
    };
}
