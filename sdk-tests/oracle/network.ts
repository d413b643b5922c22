import type { ResourceRecord } from "../../src/analysis/model/resources";
import { parseBlock, type Block } from "./ipv4";

/*
 * What OCI enforces, read straight from the registered resource records (a mock run's `ResourceRecord[]`):
 * the VCN, its subnets, the security rules that apply to a VNIC in each subnet (the subnet's security lists
 * plus the NSG of its role) and each subnet's route rules with their targets. Nothing here reuses
 * src/analysis: the record fields are read as OCI's API documents them.
 */

/** One security rule as OCI evaluates it, from a security list or an NSG. */
export interface OracleRule {
    /** INGRESS (to the VNIC) or EGRESS (from the VNIC). */
    readonly direction: "ingress" | "egress";
    /** OCI protocol: "all" or an IANA number as a string ("6" TCP, "17" UDP, "1" ICMP). */
    readonly protocol: string;
    /** The source of an ingress rule, the destination of an egress rule. */
    readonly peer: Block;
    /** Stateless rules are not connection-tracked: the reply needs its own rule. */
    readonly stateless: boolean;
    /** TCP/UDP destination port range (inclusive); absent = all ports. */
    readonly dstPorts?: readonly [number, number];
    /** TCP/UDP source port range (inclusive); absent = all ports. */
    readonly srcPorts?: readonly [number, number];
    /** ICMP type and optional code; absent = every ICMP message. */
    readonly icmp?: { readonly type: number; readonly code?: number };
    /** Where the rule lives, for messages: `worker-seclist ingress #2`, `worker-nsg rule <name>`. */
    readonly origin: string;
}

/**
 * What a route rule points at, as far as the oracle can tell from the records: a gateway; `opaque`, an OCID of
 * something else nobody registered (a private IP, a service gateway), whose forwarding the oracle cannot
 * judge; `unusable`, a registered gateway that is disabled or blocks traffic.
 */
export type RouteTargetKind = "nat" | "internet" | "drg" | "lpg" | "opaque" | "unusable";

/** One route rule of a subnet's route table. */
export interface OracleRoute {
    /** The destination CIDR. */
    readonly destination: Block;
    /** The kind of gateway it targets. */
    readonly target: RouteTargetKind;
    /** The target's OCID, for messages. */
    readonly targetId: string;
    /** The route table's display name. */
    readonly table: string;
}

/** A subnet and what applies to every VNIC in it. */
export interface OracleSubnet {
    /** Display name (`worker`, `service-lb`, ...). */
    readonly name: string;
    /** The subnet CIDR. */
    readonly block: Block;
    /** `prohibitPublicIpOnVnic` false: VNICs may have public IPs, so an internet-gateway route is usable. */
    readonly publicIps: boolean;
    /** The rules of its security lists and (unless detached) its role NSG, both directions. */
    readonly rules: readonly OracleRule[];
    /** The route rules of its route table. */
    readonly routes: readonly OracleRoute[];
}

/** A VCN as the oracle sees it. */
export interface OracleNetwork {
    /** The VCN's CIDR. */
    readonly vcn: Block;
    /** Every subnet of the VCN. */
    readonly subnets: readonly OracleSubnet[];
}

/** Options of {@link networkFromRecords}. */
export interface NetworkOptions {
    /**
     * Subnets whose VNICs do NOT carry their role NSG (e.g. a service load balancer created without the NSG
     * annotation). By default every VNIC of subnet `X` carries the NSG named `X-nsg`, the component's naming.
     */
    readonly withoutNsg?: readonly string[];
}

const TYPES = {
    vcn: "oci:Core/vcn:Vcn",
    subnet: "oci:Core/subnet:Subnet",
    securityList: "oci:Core/securityList:SecurityList",
    defaultSecurityList: "oci:Core/defaultSecurityList:DefaultSecurityList",
    nsg: "oci:Core/networkSecurityGroup:NetworkSecurityGroup",
    nsgRule: "oci:Core/networkSecurityGroupSecurityRule:NetworkSecurityGroupSecurityRule",
    routeTable: "oci:Core/routeTable:RouteTable",
    defaultRouteTable: "oci:Core/defaultRouteTable:DefaultRouteTable",
    nat: "oci:Core/natGateway:NatGateway",
    internet: "oci:Core/internetGateway:InternetGateway",
    drg: "oci:Core/drg:Drg",
    lpg: "oci:Core/localPeeringGateway:LocalPeeringGateway",
} as const;

type Json = Record<string, unknown>;

function isJson(value: unknown): value is Json {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

function str(value: unknown, what: string): string {
    if (typeof value !== "string")
        throw new Error(`oracle: ${what} is not a string: ${JSON.stringify(value)}`);
    return value;
}

function list(value: unknown): unknown[] {
    return Array.isArray(value) ? value : [];
}

function range(value: unknown): [number, number] | undefined {
    if (!isJson(value)) return undefined;
    const { min, max } = value;
    if (typeof min !== "number" || typeof max !== "number") return undefined;
    return [min, max];
}

/** TCP/UDP options: security lists put destination ports at `min`/`max`, NSGs under `destinationPortRange`. */
function portOptions(options: unknown): Pick<OracleRule, "dstPorts" | "srcPorts"> {
    if (!isJson(options)) return {};
    const dst = range(options.destinationPortRange) ?? range(options);
    const src = range(options.sourcePortRange);
    return {
        ...(dst === undefined ? {} : { dstPorts: dst }),
        ...(src === undefined ? {} : { srcPorts: src }),
    };
}

function icmpOption(options: unknown): Pick<OracleRule, "icmp"> {
    if (!isJson(options) || typeof options.type !== "number") return {};
    return {
        icmp:
            typeof options.code === "number"
                ? { type: options.type, code: options.code }
                : { type: options.type },
    };
}

/** One rule from its OCI fields (shared by security-list and NSG rules). */
export function ruleFromFields(fields: Json, direction: "ingress" | "egress", origin: string): OracleRule {
    const protocol = str(fields.protocol, `${origin} protocol`);
    const peerText = str(direction === "ingress" ? fields.source : fields.destination, `${origin} peer`);
    const peerType = direction === "ingress" ? fields.sourceType : fields.destinationType;
    if (peerType !== undefined && peerType !== "CIDR_BLOCK") {
        throw new Error(
            `oracle: ${origin} has peer type ${JSON.stringify(peerType)}; C3 supports CIDR_BLOCK only`,
        );
    }
    const options = protocol === "6" ? fields.tcpOptions : protocol === "17" ? fields.udpOptions : undefined;
    return {
        direction,
        protocol,
        peer: parseBlock(peerText),
        stateless: fields.stateless === true,
        ...portOptions(options),
        ...(protocol === "1" ? icmpOption(fields.icmpOptions) : {}),
        origin,
    };
}

function listRules(record: ResourceRecord): OracleRule[] {
    const name = typeof record.inputs.displayName === "string" ? record.inputs.displayName : record.name;
    const read = (key: string, direction: "ingress" | "egress"): OracleRule[] =>
        list(record.inputs[key])
            .filter(isJson)
            .map((fields, i) => ruleFromFields(fields, direction, `${name} ${direction} #${i + 1}`));
    return [...read("ingressSecurityRules", "ingress"), ...read("egressSecurityRules", "egress")];
}

function nsgRule(record: ResourceRecord, nsgName: string): OracleRule {
    const direction = record.inputs.direction === "INGRESS" ? "ingress" : "egress";
    if (record.inputs.direction !== "INGRESS" && record.inputs.direction !== "EGRESS") {
        throw new Error(`oracle: NSG rule ${record.name} has no direction`);
    }
    return ruleFromFields(record.inputs, direction, `${nsgName} rule ${record.name}`);
}

function byId(records: readonly ResourceRecord[], types: readonly string[]): Map<string, ResourceRecord> {
    const out = new Map<string, ResourceRecord>();
    for (const r of records) {
        if (!types.includes(r.type)) continue;
        if (r.id !== undefined) out.set(r.id, r);
        // The default list and table are known by the VCN-computed id they manage.
        const managed = r.inputs.manageDefaultResourceId;
        if (typeof managed === "string") out.set(managed, r);
    }
    return out;
}

/**
 * The kind of a route target: a registered gateway (unusable when disabled or blocking traffic), or a gateway
 * named by its OCID only (an existing VCN's gateway, a DRG or LPG declared outside the stack), which counts as
 * declared. Anything else is opaque: where it forwards is an assumption.
 */
function targetKind(id: string, records: readonly ResourceRecord[]): RouteTargetKind {
    const gateway = records.find((r) => r.id === id);
    if (gateway !== undefined) {
        if (gateway.type === TYPES.nat) return gateway.inputs.blockTraffic === true ? "unusable" : "nat";
        if (gateway.type === TYPES.internet)
            return gateway.inputs.enabled === false ? "unusable" : "internet";
        if (gateway.type === TYPES.drg) return "drg";
        if (gateway.type === TYPES.lpg) return "lpg";
        return "opaque";
    }
    const prefixes: [string, RouteTargetKind][] = [
        ["ocid1.natgateway.", "nat"],
        ["ocid1.internetgateway.", "internet"],
        ["ocid1.drg.", "drg"],
        ["ocid1.localpeeringgateway.", "lpg"],
    ];
    return prefixes.find(([prefix]) => id.startsWith(prefix))?.[1] ?? "opaque";
}

function routesOf(table: ResourceRecord | undefined, records: readonly ResourceRecord[]): OracleRoute[] {
    if (table === undefined) return [];
    const tableName = typeof table.inputs.displayName === "string" ? table.inputs.displayName : table.name;
    return list(table.inputs.routeRules)
        .filter(isJson)
        .map((rule) => {
            const destination = rule.destination ?? rule.cidrBlock;
            const targetId = str(rule.networkEntityId, `${tableName} route target`);
            if (rule.destinationType !== undefined && rule.destinationType !== "CIDR_BLOCK") {
                throw new Error(`oracle: ${tableName} routes to ${JSON.stringify(rule.destinationType)}`);
            }
            return {
                destination: parseBlock(str(destination, `${tableName} route destination`)),
                target: targetKind(targetId, records),
                targetId,
                table: tableName,
            };
        });
}

function nsgRulesByName(records: readonly ResourceRecord[]): Map<string, OracleRule[]> {
    const out = new Map<string, OracleRule[]>();
    for (const nsg of records.filter((r) => r.type === TYPES.nsg)) {
        const name = str(nsg.inputs.displayName, `NSG ${nsg.name} displayName`);
        const rules = records
            .filter((r) => r.type === TYPES.nsgRule && r.inputs.networkSecurityGroupId === nsg.id)
            .map((r) => nsgRule(r, name));
        out.set(name, rules);
    }
    return out;
}

function vcnOf(records: readonly ResourceRecord[]): ResourceRecord {
    const vcns = records.filter((r) => r.type === TYPES.vcn);
    if (vcns.length !== 1) throw new Error(`oracle: expected exactly one VCN record, got ${vcns.length}`);
    return vcns[0];
}

/** Builds the oracle's view of the single VCN in `records`. */
export function networkFromRecords(
    records: readonly ResourceRecord[],
    options: NetworkOptions = {},
): OracleNetwork {
    const vcnRecord = vcnOf(records);
    const blocks = list(vcnRecord.inputs.cidrBlocks);
    const vcn = parseBlock(str(blocks[0] ?? vcnRecord.inputs.cidrBlock, "VCN CIDR"));
    const lists = byId(records, [TYPES.securityList, TYPES.defaultSecurityList]);
    const tables = byId(records, [TYPES.routeTable, TYPES.defaultRouteTable]);
    const nsgs = nsgRulesByName(records);
    const defaultList = records.find((r) => r.type === TYPES.defaultSecurityList);
    const defaultTable = records.find((r) => r.type === TYPES.defaultRouteTable);
    const subnets = records
        .filter((r) => r.type === TYPES.subnet)
        .map((record): OracleSubnet => {
            const name = str(record.inputs.displayName, `subnet ${record.name} displayName`);
            const listIds = list(record.inputs.securityListIds).map((id) => str(id, `${name} list id`));
            // OCI: a subnet created without lists gets the VCN's default list; without a table, the default table.
            const listRecords = listIds.length > 0 ? listIds.map((id) => lists.get(id)) : [defaultList];
            if (listRecords.some((l) => l === undefined)) {
                throw new Error(`oracle: subnet ${name} names a security list that was not registered`);
            }
            const tableId = record.inputs.routeTableId;
            const table = typeof tableId === "string" ? tables.get(tableId) : defaultTable;
            const attached =
                options.withoutNsg?.includes(name) === true ? [] : (nsgs.get(`${name}-nsg`) ?? []);
            return {
                name,
                block: parseBlock(str(record.inputs.cidrBlock, `${name} cidrBlock`)),
                // OCI's default for prohibitPublicIpOnVnic is false: a subnet is public unless it says otherwise.
                publicIps: record.inputs.prohibitPublicIpOnVnic !== true,
                rules: [...listRecords.flatMap((l) => listRules(l as ResourceRecord)), ...attached],
                routes: routesOf(table, records),
            };
        });
    return { vcn, subnets };
}
