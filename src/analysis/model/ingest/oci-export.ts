import { join } from "node:path";
import type { ResourceRecord } from "../resources";
import {
    didYouMean,
    FieldReader,
    IngestError,
    isObject,
    listDirectory,
    put,
    readJsonFile,
    shown,
    UNKNOWN,
} from "./common";
import { TOKENS, type IngestedNetwork } from "./records";
import {
    checkProtocol,
    nsgRuleInput,
    securityListInput,
    type ReadPortOptions,
    type ReadRange,
    type ReadRule,
} from "./rules";

/*
 * What the OCI CLI reports about a live network, as analyzer input: one directory holding the JSON output
 * (`{ "data": [...] }`, kebab-case keys as the CLI prints the API's models) of the commands below, run for
 * one compartment (scripts/oci-export.sh runs them). The API's shapes are read as the API defines them:
 * `tcp-options.destination-port-range`, `source-port-range`, `icmp-options.type/code`, `is-stateless`
 * (absent = stateful), `source-type`/`destination-type` (absent = CIDR_BLOCK). A VCN's default security
 * list and route table are the ones its `default-security-list-id` and `default-route-table-id` name.
 * Resources being terminated are left out. Keys are OCIDs.
 */

/** The export's files: name → the OCI CLI command that writes it, and whether it must be there. */
export const OCI_EXPORT_FILES: Readonly<Record<string, { command: string; required: boolean }>> = {
    "vcns.json": { command: "oci network vcn list --compartment-id $C --all", required: true },
    "subnets.json": { command: "oci network subnet list --compartment-id $C --all", required: true },
    "security-lists.json": {
        command: "oci network security-list list --compartment-id $C --all",
        required: true,
    },
    "route-tables.json": {
        command: "oci network route-table list --compartment-id $C --all",
        required: true,
    },
    "nat-gateways.json": {
        command: "oci network nat-gateway list --compartment-id $C --all",
        required: false,
    },
    "internet-gateways.json": {
        command: "oci network internet-gateway list --compartment-id $C --all",
        required: false,
    },
    "service-gateways.json": {
        command: "oci network service-gateway list --compartment-id $C --all",
        required: false,
    },
    "nsgs.json": { command: "oci network nsg list --compartment-id $C --all", required: false },
    "vnic-attachments.json": {
        command: "oci compute vnic-attachment list --compartment-id $C --all",
        required: false,
    },
};

/** Per-NSG files, named by the NSG's OCID: its rules, and the VNICs that carry it. */
export const OCI_EXPORT_DIRS: Readonly<Record<string, string>> = {
    "nsg-rules": "oci network nsg rules list --nsg-id $NSG --all > nsg-rules/$NSG.json",
    "nsg-vnics": "oci network nsg vnics list --nsg-id $NSG --all > nsg-vnics/$NSG.json",
};

const WHAT =
    "a directory of OCI CLI JSON outputs (vcns.json, subnets.json, security-lists.json, route-tables.json, ...)";
const GONE = new Set(["TERMINATED", "TERMINATING"]);

/** One listed item and how to name it in errors. */
interface Item {
    id: string;
    value: Record<string, unknown>;
    r: FieldReader;
}

/** An export read into records, plus which subnets each NSG's VNICs are in (for the NSG's role). */
export interface IngestedExport extends IngestedNetwork {
    /** NSG key → keys of the subnets its VNICs are in (from nsg-vnics and vnic-attachments). */
    nsgSubnets: Record<string, string[]>;
}

/**
 * Reads an OCI CLI export directory into resource records (keys are OCIDs).
 *
 * @throws IngestError when the directory is not an export, or an item is missing a field or has a wrong type.
 */
export function recordsFromOciExport(dir: string, shownAs: string): IngestedExport {
    const entries = listDirectory(dir, shownAs, WHAT);
    for (const entry of entries) {
        if (entry.endsWith(".json") && OCI_EXPORT_FILES[entry] === undefined)
            throw new IngestError(
                `${shownAs}/${entry}: not a file of an OCI export${didYouMean(entry, Object.keys(OCI_EXPORT_FILES))}; the files are ${Object.keys(OCI_EXPORT_FILES).join(", ")}`,
            );
    }
    const read = (name: string): Item[] => items(dir, shownAs, name, entries.includes(name));
    const notes: string[] = [];
    const records: ResourceRecord[] = [];
    const labels: Record<string, string> = {};
    const add = (record: ResourceRecord): void => {
        records.push(record);
        labels[record.urn] = record.urn;
    };
    const vcns = read("vcns.json");
    if (vcns.length === 0)
        throw new IngestError(`${shownAs}/vcns.json lists no VCN; export the compartment that holds it`);
    const defaultLists = new Set(
        vcns.map((v) => v.r.string(v.value["default-security-list-id"], "default-security-list-id")),
    );
    const defaultTables = new Set(
        vcns.map((v) => v.r.string(v.value["default-route-table-id"], "default-route-table-id")),
    );
    vcns.forEach((v) => add(vcnRecord(v)));
    read("security-lists.json").forEach((item) => add(listRecord(item, defaultLists.has(item.id))));
    read("route-tables.json").forEach((item) => add(tableRecord(item, defaultTables.has(item.id))));
    const gateways: [string, string][] = [
        ["nat-gateways.json", TOKENS.natGateway],
        ["internet-gateways.json", TOKENS.internetGateway],
        ["service-gateways.json", TOKENS.serviceGateway],
    ];
    for (const [file, token] of gateways) read(file).forEach((item) => add(placed(item, token)));
    const nsgs = read("nsgs.json");
    nsgs.forEach((item) => add(placed(item, TOKENS.nsg)));
    for (const nsg of nsgs) nsgRuleRecords(dir, shownAs, entries, nsg, notes).forEach(add);
    read("subnets.json").forEach((item) => add(subnetRecord(item)));
    const nsgSubnets = membership(dir, shownAs, entries, nsgs, read("vnic-attachments.json"), notes);
    return { source: "oci-export", records, labels, notes, nsgSubnets };
}

/** The live items of one listing file (`{ "data": [...] }`; a blank file is an empty list). */
function items(
    dir: string,
    shownAs: string,
    name: string,
    present: boolean,
    required = OCI_EXPORT_FILES[name]?.required,
    idField = "id",
): Item[] {
    const shownFile = `${shownAs}/${name}`;
    if (!present) {
        if (required === true)
            throw new IngestError(
                `${shownFile} is missing; write it with \`${OCI_EXPORT_FILES[name]?.command ?? name} > ${name}\``,
            );
        return [];
    }
    const doc = readJsonFile(
        join(dir, name),
        shownFile,
        `the output of \`${OCI_EXPORT_FILES[name]?.command ?? "oci ..."}\``,
        { data: [] },
    );
    if (!isObject(doc) || !Array.isArray(doc.data))
        throw new IngestError(
            `${shownFile} is ${shown(doc)}, not OCI CLI output: expected { "data": [ ... ] }`,
        );
    const out: Item[] = [];
    (doc.data as unknown[]).forEach((value, i) => {
        const at: FieldReader = new FieldReader(shownFile, `data[${i}]`, "");
        if (!isObject(value)) at.fail("", value, "an object");
        const id = at.requiredString(value[idField], idField);
        if (GONE.has(String(value["lifecycle-state"]))) return;
        out.push({ id, value, r: new FieldReader(shownFile, `data[${i}] (${id})`, "") });
    });
    return out;
}

function base(item: Item, token: string): ResourceRecord {
    const inputs: Record<string, unknown> = {};
    put(inputs, "displayName", item.r.string(item.value["display-name"], "display-name"));
    return { type: token, name: item.id, urn: item.id, id: item.id, inputs };
}

function placed(item: Item, token: string): ResourceRecord {
    const record = base(item, token);
    put(record.inputs, "vcnId", item.r.requiredString(item.value["vcn-id"], "vcn-id"));
    return record;
}

function vcnRecord(item: Item): ResourceRecord {
    const record = base(item, TOKENS.vcn);
    const r = item.r;
    put(record.inputs, "cidrBlock", r.string(item.value["cidr-block"], "cidr-block"));
    put(record.inputs, "cidrBlocks", r.stringList(item.value["cidr-blocks"], "cidr-blocks"));
    put(record.inputs, "dnsLabel", r.string(item.value["dns-label"], "dns-label"));
    put(
        record.inputs,
        "defaultSecurityListId",
        r.requiredString(item.value["default-security-list-id"], "default-security-list-id"),
    );
    put(
        record.inputs,
        "defaultRouteTableId",
        r.requiredString(item.value["default-route-table-id"], "default-route-table-id"),
    );
    if (record.inputs.cidrBlock === undefined && record.inputs.cidrBlocks === undefined)
        r.fail("cidr-blocks", undefined, "the VCN's CIDR");
    return record;
}

function subnetRecord(item: Item): ResourceRecord {
    const record = placed(item, TOKENS.subnet);
    const r = item.r;
    put(record.inputs, "cidrBlock", r.requiredString(item.value["cidr-block"], "cidr-block"));
    put(record.inputs, "dnsLabel", r.string(item.value["dns-label"], "dns-label"));
    put(
        record.inputs,
        "prohibitPublicIpOnVnic",
        r.boolean(item.value["prohibit-public-ip-on-vnic"], "prohibit-public-ip-on-vnic"),
    );
    // The API always reports these (OCI filled in the VCN's defaults at creation).
    put(record.inputs, "routeTableId", r.requiredString(item.value["route-table-id"], "route-table-id"));
    const lists = r.stringList(item.value["security-list-ids"], "security-list-ids");
    if (lists === undefined) r.fail("security-list-ids", undefined, "a list of security list OCIDs");
    record.inputs.securityListIds = lists;
    return record;
}

function listRecord(item: Item, isDefault: boolean): ResourceRecord {
    const record = isDefault ? base(item, TOKENS.defaultSecurityList) : placed(item, TOKENS.securityList);
    if (isDefault) record.inputs.manageDefaultResourceId = item.id;
    for (const [field, property, direction] of [
        ["ingress-security-rules", "ingressSecurityRules", "ingress"],
        ["egress-security-rules", "egressSecurityRules", "egress"],
    ] as const) {
        const rules = item.r.list(item.value[field], field) ?? [];
        record.inputs[property] = (rules === UNKNOWN ? [] : rules).map((raw, i) =>
            securityListInput(readApiRule(item.r, raw, `${field}[${i}]`, direction)),
        );
    }
    return record;
}

function tableRecord(item: Item, isDefault: boolean): ResourceRecord {
    const record = isDefault ? base(item, TOKENS.defaultRouteTable) : placed(item, TOKENS.routeTable);
    if (isDefault) record.inputs.manageDefaultResourceId = item.id;
    const rules = item.r.list(item.value["route-rules"], "route-rules") ?? [];
    record.inputs.routeRules = (rules === UNKNOWN ? [] : rules).map((raw, i) => {
        const path = `route-rules[${i}]`;
        const rule = item.r.object(raw, path);
        if (rule === undefined || rule === UNKNOWN) item.r.fail(path, raw, "a route rule object");
        const out: Record<string, unknown> = {};
        const destination =
            item.r.string(rule.destination, `${path}.destination`) ??
            item.r.string(rule["cidr-block"], `${path}.cidr-block`);
        if (destination === undefined) item.r.fail(`${path}.destination`, undefined, "a destination CIDR");
        out.destination = destination;
        put(out, "destinationType", item.r.string(rule["destination-type"], `${path}.destination-type`));
        out.networkEntityId = item.r.requiredString(rule["network-entity-id"], `${path}.network-entity-id`);
        return out;
    });
    return record;
}

/** Reads one rule in the API's shape (security lists and NSG rules share it). */
function readApiRule(r: FieldReader, raw: unknown, path: string, direction: "ingress" | "egress"): ReadRule {
    const at = (field: string): string => (path === "" ? field : `${path}.${field}`);
    const value = r.object(raw, path);
    if (value === undefined || value === UNKNOWN) r.fail(path, raw, "a rule object");
    const peerField = direction === "ingress" ? "source" : "destination";
    const rule: ReadRule = {
        direction,
        protocol: checkProtocol(r, value.protocol, at("protocol")),
        peer: r.requiredString(value[peerField], at(peerField)),
    };
    put(rule, "peerType", r.string(value[`${peerField}-type`], at(`${peerField}-type`)));
    put(rule, "stateless", r.boolean(value["is-stateless"], at("is-stateless")));
    put(rule, "description", r.string(value.description, at("description")));
    put(rule, "tcp", portOptions(r, value["tcp-options"], at("tcp-options")));
    put(rule, "udp", portOptions(r, value["udp-options"], at("udp-options")));
    const icmp = r.object(value["icmp-options"], at("icmp-options"));
    if (icmp !== undefined && icmp !== UNKNOWN) {
        const type = r.integer(icmp.type, `${at("icmp-options")}.type`, 0, 255);
        if (type === undefined) r.fail(`${at("icmp-options")}.type`, icmp.type, "an ICMP type 0-255");
        const code = r.integer(icmp.code, `${at("icmp-options")}.code`, 0, 255);
        rule.icmp = code === undefined ? { type } : { type, code };
    }
    return rule;
}

function range(r: FieldReader, raw: unknown, path: string): ReadRange | undefined {
    const value = r.object(raw, path);
    if (value === undefined) return undefined;
    if (value === UNKNOWN) r.fail(path, raw, "a port range");
    const min = r.integer(value.min, `${path}.min`, 1, 65535);
    const max = r.integer(value.max, `${path}.max`, 1, 65535);
    if (typeof min !== "number" || typeof max !== "number" || min > max)
        r.fail(path, raw, "{ min, max } with ports 1-65535, min <= max");
    return { min, max };
}

function portOptions(r: FieldReader, raw: unknown, path: string): ReadPortOptions | undefined {
    const value = r.object(raw, path);
    if (value === undefined) return undefined;
    if (value === UNKNOWN) r.fail(path, raw, "port options");
    const options: ReadPortOptions = {};
    put(options, "destination", range(r, value["destination-port-range"], `${path}.destination-port-range`));
    put(options, "source", range(r, value["source-port-range"], `${path}.source-port-range`));
    return options;
}

/** The rules of one NSG, from nsg-rules/<NSG OCID>.json; without that file its rules are unknown (said). */
function nsgRuleRecords(
    dir: string,
    shownAs: string,
    entries: string[],
    nsg: Item,
    notes: string[],
): ResourceRecord[] {
    const name = `${nsg.id}.json`;
    const files = entries.includes("nsg-rules")
        ? listDirectory(join(dir, "nsg-rules"), `${shownAs}/nsg-rules`, WHAT)
        : [];
    if (!files.includes(name)) {
        notes.push(
            `NSG ${nsg.id}: nsg-rules/${name} is missing, so its rules are unknown; write it with \`${OCI_EXPORT_DIRS["nsg-rules"].replace(/\$NSG/g, nsg.id)}\``,
        );
        return [
            {
                type: TOKENS.nsgRule,
                name: `${nsg.id}/rules`,
                urn: `${nsg.id}/rules`,
                inputs: { networkSecurityGroupId: nsg.id, direction: UNKNOWN },
            },
        ];
    }
    return items(join(dir, "nsg-rules"), `${shownAs}/nsg-rules`, name, true, true).map((rule) => {
        const direction = rule.r.requiredString(rule.value.direction, "direction");
        if (direction !== "INGRESS" && direction !== "EGRESS")
            rule.r.fail("direction", direction, `"INGRESS" or "EGRESS"`);
        const read = readApiRule(rule.r, rule.value, "", direction === "INGRESS" ? "ingress" : "egress");
        return {
            type: TOKENS.nsgRule,
            name: rule.id,
            urn: `${nsg.id}/${rule.id}`,
            inputs: { networkSecurityGroupId: nsg.id, ...nsgRuleInput(read) },
        };
    });
}

/** NSG → the subnets of its VNICs: nsg-vnics/<NSG>.json gives the VNICs, vnic-attachments.json their subnets. */
function membership(
    dir: string,
    shownAs: string,
    entries: string[],
    nsgs: Item[],
    attachments: Item[],
    notes: string[],
): Record<string, string[]> {
    const subnetOf = new Map<string, string>();
    for (const a of attachments) {
        const vnic = a.r.string(a.value["vnic-id"], "vnic-id");
        const subnet = a.r.string(a.value["subnet-id"], "subnet-id");
        if (vnic !== undefined && subnet !== undefined) subnetOf.set(vnic, subnet);
    }
    const files = entries.includes("nsg-vnics")
        ? listDirectory(join(dir, "nsg-vnics"), `${shownAs}/nsg-vnics`, WHAT)
        : [];
    const out: Record<string, string[]> = {};
    for (const nsg of nsgs) {
        const name = `${nsg.id}.json`;
        if (!files.includes(name)) continue;
        const vnics = items(join(dir, "nsg-vnics"), `${shownAs}/nsg-vnics`, name, true, true, "vnic-id");
        const subnets = new Set<string>();
        for (const v of vnics) {
            const subnet = subnetOf.get(v.id);
            if (subnet === undefined)
                notes.push(
                    `NSG ${nsg.id}: VNIC ${v.id} is not in vnic-attachments.json, so its subnet is unknown`,
                );
            else subnets.add(subnet);
        }
        out[nsg.id] = [...subnets];
    }
    return out;
}
