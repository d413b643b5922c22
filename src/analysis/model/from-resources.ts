import type {
    GatewayKind,
    ModelGateway,
    ModelNsg,
    ModelRouteRule,
    ModelRouteTable,
    ModelSecurityList,
    ModelSubnet,
    NetworkModel,
    UnresolvedPart,
} from "./model";
import type { ResourceRecord } from "./resources";
import {
    addTarget,
    depKeys,
    newLookup,
    type RefLookup,
    resolveMany,
    resolveOne,
    type Resolved,
} from "./resource-refs";
import { nsgRules, securityListRules, unknownRule } from "./resource-rules";
import { depsOf, displayName, isAbsent, isRecord, isUnknownMarker, knownString } from "./resource-values";
import { SUBNET_DISPLAY_NAMES, SUBNET_ROLES, type SubnetRole } from "../../c3/roles";

/*
 * Builds NetworkModels from engine-level resource records (`@pulumi/oci` 4.x type tokens and input names),
 * so the same analyzer proves the component's output, hand-written networks, policy previews and stack
 * exports. OCI defaults are applied where OCI applies them: a subnet without `securityListIds` uses the
 * VCN's default security list, one without `routeTableId` the VCN's default route table.
 */

/** The `@pulumi/oci` type tokens the model builder reads. */
export const OCI_TYPES = {
    vcn: "oci:Core/vcn:Vcn",
    subnet: "oci:Core/subnet:Subnet",
    securityList: "oci:Core/securityList:SecurityList",
    defaultSecurityList: "oci:Core/defaultSecurityList:DefaultSecurityList",
    routeTable: "oci:Core/routeTable:RouteTable",
    defaultRouteTable: "oci:Core/defaultRouteTable:DefaultRouteTable",
    nsg: "oci:Core/networkSecurityGroup:NetworkSecurityGroup",
    nsgRule: "oci:Core/networkSecurityGroupSecurityRule:NetworkSecurityGroupSecurityRule",
} as const;

/** Route targets by type token (OCI `networkEntityId` kinds). */
export const GATEWAY_TYPES: Readonly<Record<string, GatewayKind>> = {
    "oci:Core/natGateway:NatGateway": "nat",
    "oci:Core/internetGateway:InternetGateway": "internet",
    "oci:Core/serviceGateway:ServiceGateway": "service",
    "oci:Core/drg:Drg": "drg",
    "oci:Core/localPeeringGateway:LocalPeeringGateway": "lpg",
    "oci:Core/privateIp:PrivateIp": "private-ip",
};

/** Route-target kinds by OCID prefix, for targets that exist outside the records (an existing NAT gateway). */
const OCID_KINDS: readonly [string, GatewayKind][] = [
    ["ocid1.natgateway.", "nat"],
    ["ocid1.internetgateway.", "internet"],
    ["ocid1.servicegateway.", "service"],
    ["ocid1.drg.", "drg"],
    ["ocid1.localpeeringgateway.", "lpg"],
    ["ocid1.privateip.", "private-ip"],
];

/** Options of {@link modelsFromResources}. */
export interface ModelsFromResourcesOptions {
    /** Subnet URN or OCID → role, for networks whose subnet names differ from Oracle's. */
    roles?: Record<string, SubnetRole>;
    /** NSG URN or OCID → the role whose VNICs carry it, when its name is not `<subnet name>-nsg`. */
    nsgRoles?: Record<string, SubnetRole>;
}

/** Something placed in a VCN (list, table, gateway, NSG). */
interface Placed<T> {
    item: T;
    vcnKey?: string;
}

/** The builder's state while reading records. */
interface Builder {
    options: ModelsFromResourcesOptions;
    vcns: RefLookup;
    lists: RefLookup;
    tables: RefLookup;
    gateways: RefLookup;
    nsgLookup: RefLookup;
    models: Map<string, NetworkModel>;
    securityLists: Map<string, Placed<ModelSecurityList>>;
    routeTables: Map<string, Placed<ModelRouteTable>>;
    gatewayItems: Map<string, Placed<ModelGateway>>;
    nsgs: Map<string, Placed<ModelNsg>>;
    subnets: Placed<ModelSubnet>[];
    /** True when a DefaultRouteTable could not be tied to its VCN: any VCN's default table may be it. */
    unplacedDefaultTable: boolean;
}

/**
 * One NetworkModel per VCN (OCI's unit of routing and security lists) from resource records. References are
 * resolved by OCID, else through `propertyDependencies` URNs (previews); what cannot be resolved marks the
 * subnet `unresolved` so the evaluator answers `unknown` instead of guessing. Keys are URNs.
 */
export function modelsFromResources(
    records: ResourceRecord[],
    options: ModelsFromResourcesOptions = {},
): NetworkModel[] {
    const b = newBuilder(options);
    const byType = (type: string): ResourceRecord[] => records.filter((r) => r.type === type);
    byType(OCI_TYPES.vcn).forEach((r) => addVcn(b, r));
    byType(OCI_TYPES.defaultSecurityList).forEach((r) => addDefaultList(b, r));
    byType(OCI_TYPES.securityList).forEach((r) => addList(b, r));
    records.filter((r) => GATEWAY_TYPES[r.type] !== undefined).forEach((r) => addGateway(b, r));
    byType(OCI_TYPES.defaultRouteTable).forEach((r) => addRouteTable(b, r, true));
    byType(OCI_TYPES.routeTable).forEach((r) => addRouteTable(b, r, false));
    byType(OCI_TYPES.nsg).forEach((r) => addNsg(b, r));
    byType(OCI_TYPES.nsgRule).forEach((r) => addNsgRule(b, r));
    byType(OCI_TYPES.subnet).forEach((r) => addSubnet(b, r));
    return assemble(b);
}

function newBuilder(options: ModelsFromResourcesOptions): Builder {
    return {
        options,
        vcns: newLookup(),
        lists: newLookup(),
        tables: newLookup(),
        gateways: newLookup(),
        nsgLookup: newLookup(),
        models: new Map(),
        securityLists: new Map(),
        routeTables: new Map(),
        gatewayItems: new Map(),
        nsgs: new Map(),
        subnets: [],
        unplacedDefaultTable: false,
    };
}

/** Synthetic keys for a VCN's default list and table when no Default* resource manages them. */
const defaultListKey = (vcnKey: string): string => `${vcnKey}#default-security-list`;
const defaultTableKey = (vcnKey: string): string => `${vcnKey}#default-route-table`;

function addVcn(b: Builder, record: ResourceRecord): void {
    const key = record.urn;
    addTarget(b.vcns, record);
    b.models.set(key, emptyModel(key, displayName(record), vcnCidrs(record.inputs)));
    // References to the VCN's default list/table (its output OCIDs, or a dependency on the VCN itself).
    b.lists.byUrn.set(key, defaultListKey(key));
    b.tables.byUrn.set(key, defaultTableKey(key));
    const listId = knownString(record.inputs.defaultSecurityListId);
    const tableId = knownString(record.inputs.defaultRouteTableId);
    if (listId !== undefined) b.lists.byString.set(listId, defaultListKey(key));
    if (tableId !== undefined) b.tables.byString.set(tableId, defaultTableKey(key));
}

function emptyModel(key: string, name: string, cidrs: string[]): NetworkModel {
    return {
        key,
        name,
        vcnCidrs: cidrs,
        subnets: [],
        securityLists: {},
        nsgs: {},
        routeTables: {},
        gateways: {},
        notes: [],
    };
}

/** `cidrBlocks` (or the older `cidrBlock`); empty when any is unknown, so nothing is judged outside by mistake. */
function vcnCidrs(inputs: Record<string, unknown>): string[] {
    const raw: unknown[] = Array.isArray(inputs.cidrBlocks) ? inputs.cidrBlocks : [];
    if (inputs.cidrBlock !== undefined) raw.push(inputs.cidrBlock);
    const known = raw.map(knownString);
    return known.every((c): c is string => c !== undefined) ? [...new Set(known)] : [];
}

/** Which VCN a Default* resource manages: its `manageDefaultResourceId` is the VCN's default OCID. */
function managedVcn(
    b: Builder,
    record: ResourceRecord,
    lookup: RefLookup,
    keyOf: (vcn: string) => string,
): string | undefined {
    const managed = knownString(record.inputs.manageDefaultResourceId);
    for (const vcnKey of b.models.keys()) {
        if (managed !== undefined && lookup.byString.get(managed) === keyOf(vcnKey)) return vcnKey;
    }
    const vcns = depKeys(b.vcns, depsOf(record, "manageDefaultResourceId"));
    return vcns.length === 1 ? vcns[0] : undefined;
}

/** Makes a Default* record stand for its VCN's default: every way of naming that default now leads to it. */
function adoptDefault(
    lookup: RefLookup,
    record: ResourceRecord,
    vcnKey: string | undefined,
    keyOf: (vcn: string) => string,
): void {
    addTarget(lookup, record);
    const managed = knownString(record.inputs.manageDefaultResourceId);
    if (managed !== undefined) lookup.byString.set(managed, record.urn);
    if (vcnKey === undefined) return;
    for (const [text, key] of lookup.byString)
        if (key === keyOf(vcnKey)) lookup.byString.set(text, record.urn);
    lookup.byUrn.set(vcnKey, record.urn);
}

function addDefaultList(b: Builder, record: ResourceRecord): void {
    const vcnKey = managedVcn(b, record, b.lists, defaultListKey);
    adoptDefault(b.lists, record, vcnKey, defaultListKey);
    b.securityLists.set(record.urn, { item: { ...listFromRecord(record), isDefault: true }, vcnKey });
    if (vcnKey === undefined)
        note(b, undefined, `default security list ${displayName(record)}: its VCN could not be resolved`);
}

function addList(b: Builder, record: ResourceRecord): void {
    addTarget(b.lists, record);
    b.securityLists.set(record.urn, { item: listFromRecord(record), vcnKey: vcnKeyOf(b, record) });
}

function listFromRecord(record: ResourceRecord): ModelSecurityList {
    const origin = { container: "securityList" as const, key: record.urn, name: displayName(record) };
    return {
        key: record.urn,
        name: origin.name,
        ingress: securityListRules(record.inputs.ingressSecurityRules, "ingress", origin),
        egress: securityListRules(record.inputs.egressSecurityRules, "egress", origin),
    };
}

/** The VCN a record's `vcnId` names, when it is in the records. */
function vcnKeyOf(b: Builder, record: ResourceRecord): string | undefined {
    const resolved = resolveOne(b.vcns, record.inputs.vcnId, depsOf(record, "vcnId"));
    return resolved.status === "resolved" || resolved.status === "external" ? resolved.key : undefined;
}

/** OCI: a NAT gateway with `blockTraffic: true` and an internet gateway with `enabled: false` carry nothing. */
function gatewayCarries(kind: GatewayKind, inputs: Record<string, unknown>): boolean | "unknown" {
    const field = kind === "nat" ? inputs.blockTraffic : kind === "internet" ? inputs.enabled : undefined;
    if (isUnknownMarker(field)) return "unknown";
    if (kind === "nat") return field !== true;
    if (kind === "internet") return field !== false;
    return true;
}

function addGateway(b: Builder, record: ResourceRecord): void {
    addTarget(b.gateways, record);
    const item: ModelGateway = {
        key: record.urn,
        name: displayName(record),
        kind: GATEWAY_TYPES[record.type],
    };
    const carries = gatewayCarries(item.kind, record.inputs);
    if (carries !== true) item.carries = carries;
    b.gatewayItems.set(record.urn, { item, vcnKey: vcnKeyOf(b, record) });
}

function addRouteTable(b: Builder, record: ResourceRecord, isDefault: boolean): void {
    let vcnKey: string | undefined;
    if (isDefault) {
        vcnKey = managedVcn(b, record, b.tables, defaultTableKey);
        adoptDefault(b.tables, record, vcnKey, defaultTableKey);
        if (vcnKey === undefined) {
            b.unplacedDefaultTable = true;
            note(b, undefined, `default route table ${displayName(record)}: its VCN could not be resolved`);
        }
    } else {
        addTarget(b.tables, record);
        vcnKey = vcnKeyOf(b, record);
    }
    const table: ModelRouteTable = {
        key: record.urn,
        name: displayName(record),
        rules: routeRules(b, record),
    };
    if (isDefault) table.isDefault = true;
    b.routeTables.set(record.urn, { item: table, vcnKey });
}

/**
 * Route rules with their targets. `networkEntityId` resolves by OCID; unknown ones share the dependency URNs
 * Pulumi records for the whole `routeRules` property, so they resolve only when that is unambiguous (one
 * remaining gateway); otherwise the rule is `unknown`.
 */
function routeRules(b: Builder, record: ResourceRecord): ModelRouteRule[] {
    const raw = record.inputs.routeRules;
    if (raw === undefined) return [];
    if (!Array.isArray(raw)) return [{ destination: "", unknown: true }];
    const rules = raw.map((item) => routeRule(b, item));
    const resolved = new Set(rules.map((r) => r.targetKey));
    const remaining = depKeys(b.gateways, depsOf(record, "routeRules")).filter((k) => !resolved.has(k));
    for (const rule of rules) {
        if (rule.targetKey !== undefined || rule.unknown === true) continue;
        if (remaining.length === 1) rule.targetKey = remaining[0];
        else rule.unknown = true;
    }
    return rules;
}

function routeRule(b: Builder, raw: unknown): ModelRouteRule {
    if (!isRecord(raw)) return { destination: "", unknown: true };
    const destination = knownString(raw.destination) ?? knownString(raw.cidrBlock);
    const rule: ModelRouteRule = { destination: destination ?? "" };
    if (destination === undefined) rule.unknown = true;
    const target = knownString(raw.networkEntityId);
    if (target !== undefined) rule.targetKey = b.gateways.byString.get(target) ?? externalGateway(b, target);
    return rule;
}

/** A route target outside the records (e.g. an existing NAT gateway's OCID), typed by its OCID prefix. */
function externalGateway(b: Builder, ocid: string): string {
    const kind = OCID_KINDS.find(([prefix]) => ocid.startsWith(prefix))?.[1] ?? "unknown";
    if (!b.gatewayItems.has(ocid)) b.gatewayItems.set(ocid, { item: { key: ocid, name: ocid, kind } });
    return ocid;
}

function addNsg(b: Builder, record: ResourceRecord): void {
    addTarget(b.nsgLookup, record);
    const nsg: ModelNsg = { key: record.urn, name: displayName(record), rules: [] };
    const role =
        b.options.nsgRoles?.[record.urn] ??
        optionRole(b.options.nsgRoles, record.id) ??
        roleByName(knownString(record.inputs.displayName), "-nsg");
    if (role !== undefined) nsg.role = role;
    b.nsgs.set(record.urn, { item: nsg, vcnKey: vcnKeyOf(b, record) });
}

/** Adds an NSG rule to its NSG; an unresolvable one becomes an unknown rule in every NSG (it could be anywhere). */
function addNsgRule(b: Builder, record: ResourceRecord): void {
    const resolved = resolveOne(
        b.nsgLookup,
        record.inputs.networkSecurityGroupId,
        depsOf(record, "networkSecurityGroupId"),
    );
    const nsg = resolved.status === "resolved" ? b.nsgs.get(resolved.key)?.item : undefined;
    if (nsg !== undefined) {
        nsg.rules.push(
            ...nsgRules(record.inputs, {
                container: "nsg",
                key: nsg.key,
                name: nsg.name,
                index: nsg.rules.length,
            }),
        );
        return;
    }
    note(
        b,
        undefined,
        `NSG rule ${record.name}: its NSG could not be resolved; every NSG is treated as possibly holding it`,
    );
    for (const { item } of b.nsgs.values()) {
        const origin = {
            container: "nsg" as const,
            key: item.key,
            name: item.name,
            index: item.rules.length,
        };
        item.rules.push(
            unknownRule("ingress", origin),
            unknownRule("egress", { ...origin, index: origin.index + 1 }),
        );
    }
}

function addSubnet(b: Builder, record: ResourceRecord): void {
    const vcn = resolveOne(b.vcns, record.inputs.vcnId, depsOf(record, "vcnId"));
    const vcnKey = vcn.status === "resolved" || vcn.status === "external" ? vcn.key : "unresolved-vcn";
    ensureModel(b, vcnKey, vcn);
    const subnet: ModelSubnet = {
        key: record.urn,
        name: displayName(record),
        securityListKeys: [],
        nsgKeys: [],
    };
    const role =
        optionRole(b.options.roles, record.urn) ??
        optionRole(b.options.roles, record.id) ??
        roleByName(knownString(record.inputs.displayName), "");
    if (role !== undefined) subnet.role = role;
    const cidr = knownString(record.inputs.cidrBlock);
    if (cidr !== undefined) subnet.cidr = cidr;
    const isPublic = publicOf(record);
    if (isPublic !== undefined) subnet.public = isPublic;
    const parts: UnresolvedPart[] = [];
    attachLists(b, record, subnet, vcnKey, parts);
    attachRouteTable(b, record, subnet, vcnKey, parts);
    if (parts.length > 0) {
        subnet.unresolved = true;
        subnet.unresolvedParts = parts;
        note(b, vcnKey, `subnet ${subnet.name}: ${parts.join(" and ")} could not be resolved`);
    }
    b.subnets.push({ item: subnet, vcnKey });
}

/** OCI: `prohibitPublicIpOnVnic` defaults to false, so a subnet is public unless it says otherwise. */
function publicOf(record: ResourceRecord): boolean | undefined {
    const value = record.inputs.prohibitPublicIpOnVnic;
    if (typeof value === "boolean") return !value;
    return isAbsent(record, "prohibitPublicIpOnVnic") ? true : undefined;
}

function attachLists(
    b: Builder,
    record: ResourceRecord,
    subnet: ModelSubnet,
    vcnKey: string,
    parts: UnresolvedPart[],
): void {
    const lists = resolveMany(b.lists, record.inputs.securityListIds, depsOf(record, "securityListIds"));
    // OCI: a subnet created without security lists gets the VCN's default security list.
    subnet.securityListKeys = lists.absent
        ? [b.lists.byUrn.get(vcnKey) ?? defaultListKey(vcnKey)]
        : lists.keys;
    if (lists.unresolved) parts.push("securityLists");
}

function attachRouteTable(
    b: Builder,
    record: ResourceRecord,
    subnet: ModelSubnet,
    vcnKey: string,
    parts: UnresolvedPart[],
): void {
    const table: Resolved = resolveOne(b.tables, record.inputs.routeTableId, depsOf(record, "routeTableId"));
    // OCI: a subnet created without a route table uses the VCN's default route table.
    if (table.status === "absent")
        subnet.routeTableKey = b.tables.byUrn.get(vcnKey) ?? defaultTableKey(vcnKey);
    else if (table.status === "unresolved") parts.push("routeTable");
    else subnet.routeTableKey = table.key;
}

function ensureModel(b: Builder, vcnKey: string, vcn: Resolved): void {
    if (b.models.has(vcnKey)) return;
    const model = emptyModel(vcnKey, vcnKey, []);
    model.notes?.push(
        vcn.status === "external"
            ? `VCN ${vcnKey} is not in the records (an existing VCN); its CIDR is unknown`
            : "some subnets' VCN could not be resolved",
    );
    b.models.set(vcnKey, model);
}

function optionRole(
    map: Record<string, SubnetRole> | undefined,
    key: string | undefined,
): SubnetRole | undefined {
    return map === undefined || key === undefined ? undefined : map[key];
}

/** Oracle's display names (docs/oracle-c3-network.md §5): `worker`, `service-lb`, `control-plane`, ...; NSGs add `-nsg`. */
function roleByName(name: string | undefined, suffix: string): SubnetRole | undefined {
    return SUBNET_ROLES.find((role) => `${SUBNET_DISPLAY_NAMES[role]}${suffix}` === name);
}

function note(b: Builder, vcnKey: string | undefined, text: string): void {
    const targets = vcnKey === undefined ? [...b.models.values()] : [b.models.get(vcnKey)];
    for (const model of targets) model?.notes?.push(text);
}

function subnetOrder(a: ModelSubnet, b: ModelSubnet): number {
    const rank = (s: ModelSubnet) =>
        s.role === undefined ? SUBNET_ROLES.length : SUBNET_ROLES.indexOf(s.role);
    const text = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
    return rank(a) - rank(b) || text(a.name, b.name) || text(a.key, b.key);
}

/** Puts every part into its VCN's model: what the VCN owns plus whatever its subnets reference. */
function assemble(b: Builder): NetworkModel[] {
    // Subnets in a fixed order (Oracle's roles, then name, then key), whatever order the records came in: the
    // engine and the mock run deliver resources in different orders, and verdicts name the first failing part.
    for (const { item, vcnKey } of [...b.subnets].sort((x, y) => subnetOrder(x.item, y.item)))
        b.models.get(vcnKey ?? "")?.subnets.push(item);
    for (const model of b.models.values()) {
        const subnets = model.subnets;
        const listKeys = new Set(subnets.flatMap((s) => s.securityListKeys));
        for (const [key, placed] of b.securityLists)
            if (placed.vcnKey === model.key || listKeys.has(key)) model.securityLists[key] = placed.item;
        const tableKeys = new Set(subnets.map((s) => s.routeTableKey));
        for (const [key, placed] of b.routeTables)
            if (placed.vcnKey === model.key || tableKeys.has(key)) model.routeTables[key] = placed.item;
        addSyntheticDefaults(model, listKeys, tableKeys, b.unplacedDefaultTable);
        const targets = new Set(
            Object.values(model.routeTables).flatMap((t) => t.rules.map((r) => r.targetKey)),
        );
        for (const [key, placed] of b.gatewayItems)
            if (placed.vcnKey === model.key || targets.has(key)) model.gateways[key] = placed.item;
        for (const [key, placed] of b.nsgs) if (placed.vcnKey === model.key) model.nsgs[key] = placed.item;
        attachNsgs(model);
    }
    return [...b.models.values()];
}

/**
 * A VCN default that no Default* resource manages still exists in OCI. Its route table starts empty (OCI
 * creates it without rules), unless a DefaultRouteTable could not be placed and may be it. Its security list
 * holds rules OCI chose at creation, which the records do not show, so the model carries an unknown rule in
 * each direction.
 */
function addSyntheticDefaults(
    model: NetworkModel,
    listKeys: Set<string>,
    tableKeys: Set<string | undefined>,
    unplacedDefaultTable: boolean,
): void {
    const listKey = defaultListKey(model.key);
    if (listKeys.has(listKey)) {
        const origin = {
            container: "securityList" as const,
            key: listKey,
            name: `Default Security List for ${model.name}`,
            index: 0,
        };
        model.securityLists[listKey] = {
            key: listKey,
            name: origin.name,
            ingress: [unknownRule("ingress", origin)],
            egress: [unknownRule("egress", origin)],
            isDefault: true,
        };
        model.notes?.push(
            `the default security list of ${model.name} is not managed by these resources; its rules are unknown`,
        );
    }
    const tableKey = defaultTableKey(model.key);
    if (tableKeys.has(tableKey)) {
        // An unplaced DefaultRouteTable may be this one, so its rules are then unknown rather than empty.
        const rules: ModelRouteRule[] = unplacedDefaultTable ? [{ destination: "", unknown: true }] : [];
        model.routeTables[tableKey] = {
            key: tableKey,
            name: `Default Route Table for ${model.name}`,
            rules,
            isDefault: true,
        };
    }
}

/** The VNICs of a role carry the role's NSG: the subnet of that role lists it. */
function attachNsgs(model: NetworkModel): void {
    for (const nsg of Object.values(model.nsgs)) {
        if (nsg.role === undefined) continue;
        for (const subnet of model.subnets)
            if (subnet.role === nsg.role && !subnet.nsgKeys.includes(nsg.key)) subnet.nsgKeys.push(nsg.key);
    }
}
