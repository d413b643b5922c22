import type { ModelRouteTable, ModelRule, ModelSubnet, NetworkModel } from "../model/model";
import { orderedLists, orderedNsgs, orderedSubnets } from "../model/order";
import type {
    ContainerSummary,
    NetworkSummary,
    RouteTableSummary,
    RuleSummary,
    SubnetSummary,
} from "./report";
import { routeTableOf } from "../evaluate/routes";
import { protocolName } from "../../net/rules";

/*
 * The network as a reviewer reads it: subnets with their access and attachments, route tables, and every
 * security list and NSG with its rules. Built from the model, so it shows what OCI would enforce, including
 * the VCN defaults a subnet falls back to.
 */

/** The summary of a model, in the model's order. */
export function summarizeModel(model: NetworkModel): NetworkSummary {
    return {
        name: model.name,
        vcnCidrs: [...model.vcnCidrs],
        subnets: orderedSubnets(model).map((s) => subnetSummary(model, s)),
        routeTables: routeTableSummaries(model),
        containers: containerSummaries(model),
    };
}

function subnetSummary(model: NetworkModel, subnet: ModelSubnet): SubnetSummary {
    const table = routeTableOf(model, subnet);
    // Built in the documented key order (name, role, cidr, access, routeTable, ...) for stable JSON.
    return {
        name: subnet.name,
        ...(subnet.role === undefined ? {} : { role: subnet.role }),
        ...(subnet.cidr === undefined ? {} : { cidr: subnet.cidr }),
        access: subnet.public === undefined ? "unknown" : subnet.public ? "public" : "private",
        ...(table === undefined ? {} : { routeTable: table.name }),
        securityLists: subnet.securityListKeys.map((k) => model.securityLists[k]?.name ?? k),
        nsgs: subnet.nsgKeys.map((k) => model.nsgs[k]?.name ?? k),
    };
}

/** The tables subnets use (in subnet order), then the model's other tables. */
function routeTableSummaries(model: NetworkModel): RouteTableSummary[] {
    const tables = new Map<string, { table: ModelRouteTable; usedBy: string[] }>();
    for (const subnet of orderedSubnets(model)) {
        const table = routeTableOf(model, subnet);
        if (table === undefined) continue;
        const seen = tables.get(table.key) ?? { table, usedBy: [] };
        seen.usedBy.push(subnet.name);
        tables.set(table.key, seen);
    }
    for (const table of Object.values(model.routeTables))
        if (!tables.has(table.key)) tables.set(table.key, { table, usedBy: [] });
    return [...tables.values()].map(({ table, usedBy }) => ({
        name: table.name,
        usedBy,
        rules: table.rules.map((r) => {
            const gateway = r.targetKey === undefined ? undefined : model.gateways[r.targetKey];
            return {
                destination: r.destination || "unknown",
                target: gateway?.name ?? r.targetKey ?? "unknown",
                targetKind: gateway?.kind ?? "unknown",
            };
        }),
    }));
}

function containerSummaries(model: NetworkModel): ContainerSummary[] {
    const lists = orderedLists(model).map((list) => ({
        type: "securityList" as const,
        name: list.name,
        key: list.key,
        appliesTo: orderedSubnets(model)
            .filter((s) => s.securityListKeys.includes(list.key))
            .map((s) => s.name),
        rules: [...list.ingress, ...list.egress].map(ruleSummary),
    }));
    const nsgs = orderedNsgs(model).map((nsg) => ({
        type: "nsg" as const,
        name: nsg.name,
        key: nsg.key,
        appliesTo: orderedSubnets(model)
            .filter((s) => s.nsgKeys.includes(nsg.key))
            .map((s) => s.name),
        rules: nsg.rules.map(ruleSummary),
    }));
    return [...lists, ...nsgs];
}

/** A rule as plain data, protocol by name, keys in a fixed order. */
export function ruleSummary(rule: ModelRule): RuleSummary {
    return {
        index: rule.origin.index,
        direction: rule.direction,
        protocol: protocolName(rule) ?? (rule.protocol === "" ? "unknown" : rule.protocol),
        peer: rule.peer === "" ? "unknown" : rule.peer,
        ...(rule.dstPorts === undefined ? {} : { ports: { ...rule.dstPorts } }),
        ...(rule.srcPorts === undefined ? {} : { sourcePorts: { ...rule.srcPorts } }),
        ...(rule.icmp === undefined ? {} : { icmp: { ...rule.icmp } }),
        stateless: rule.stateless,
        ...(rule.description === undefined ? {} : { description: rule.description }),
    };
}
