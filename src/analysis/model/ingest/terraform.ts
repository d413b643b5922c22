import type { ResourceRecord } from "../resources";
import { FieldReader, IngestError, isObject, put, shown, UNKNOWN, type Unknown } from "./common";
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
 * `terraform show -json` as analyzer input, for a state (`values.root_module`) or a saved plan
 * (`planned_values.root_module`, with `resource_changes[].change.after_unknown` marking values not known
 * until apply). Child modules are walked. Resources keep their Terraform address as name and key, so every
 * verdict and finding names the address. In a plan, an id that is unknown is resolved through the
 * `configuration` section's references (through `var.` into the calling module and `module.X.Y` into the
 * called module's outputs); a reference that leads nowhere (a local, a data source, a count ambiguity) is
 * said in the notes and left unknown, so the flows that depend on it are undecided, never guessed. A
 * computed id with no expression at all (a subnet without `route_table_id`) is OCI's default, as in state.
 */

/** Terraform resource types read, with their Pulumi tokens. */
export const TERRAFORM_TYPES: Readonly<Record<string, string>> = {
    oci_core_vcn: TOKENS.vcn,
    oci_core_subnet: TOKENS.subnet,
    oci_core_security_list: TOKENS.securityList,
    oci_core_default_security_list: TOKENS.defaultSecurityList,
    oci_core_route_table: TOKENS.routeTable,
    oci_core_default_route_table: TOKENS.defaultRouteTable,
    oci_core_network_security_group: TOKENS.nsg,
    oci_core_network_security_group_security_rule: TOKENS.nsgRule,
    oci_core_nat_gateway: TOKENS.natGateway,
    oci_core_internet_gateway: TOKENS.internetGateway,
    oci_core_service_gateway: TOKENS.serviceGateway,
    oci_core_drg: TOKENS.drg,
    oci_core_local_peering_gateway: TOKENS.localPeeringGateway,
};

/** Types that change what the read resources mean (attachments), read but not turned into records. */
const ATTACHMENT_TYPES = new Set(["oci_core_route_table_attachment", "oci_core_drg_attachment"]);

const WHAT =
    "the JSON that `terraform show -json` prints (of a state, or of a saved plan: `terraform show -json tfplan`)";

/** One resource instance of the JSON, with its module path. */
interface TfResource {
    address: string;
    /** `module.a.module.b` or "" for the root. */
    module: string;
    type: string;
    raw: Record<string, unknown>;
    values: Record<string, unknown>;
}

/** The reading state. */
interface Reading {
    file: string;
    plan: boolean;
    resources: TfResource[];
    byAddress: Map<string, TfResource>;
    configuration: Record<string, unknown> | undefined;
    notes: string[];
}

/**
 * Reads `terraform show -json` output into resource records (keys and names are Terraform addresses).
 *
 * @throws IngestError when the JSON is not that output, or a resource's field is missing or wrongly typed.
 */
export function recordsFromTerraform(json: unknown, file: string): IngestedNetwork {
    if (!isObject(json)) throw new IngestError(`${file} is ${shown(json)}, not ${WHAT}`);
    if (json.lineage !== undefined && Array.isArray(json.resources))
        throw new IngestError(
            `${file} is a raw terraform.tfstate file, not ${WHAT}; run \`terraform show -json > ${file}.json\``,
        );
    const plan = json.planned_values !== undefined;
    const values = plan ? json.planned_values : json.values;
    if (values === undefined && json.format_version === undefined)
        throw new IngestError(
            `${file} has no "values" (state) or "planned_values" (saved plan): it is not ${WHAT}`,
        );
    const reading: Reading = {
        file,
        plan,
        resources: [],
        byAddress: new Map(),
        configuration: isObject(json.configuration) ? json.configuration : undefined,
        notes: [],
    };
    // An empty state prints no "values" at all.
    if (values !== undefined) {
        if (!isObject(values))
            throw new IngestError(
                `${file}: ${plan ? "planned_values" : "values"} is ${shown(values)}, expected an object`,
            );
        const unknowns = plan ? afterUnknowns(json, file) : new Map<string, unknown>();
        walkModule(
            reading,
            values.root_module,
            `${plan ? "planned_values" : "values"}.root_module`,
            unknowns,
        );
    }
    const records: ResourceRecord[] = [];
    const labels: Record<string, string> = {};
    for (const resource of reading.resources) {
        const record = toRecord(reading, resource);
        if (record === undefined) continue;
        records.push(record);
        labels[record.urn] = resource.address;
    }
    applyRouteTableAttachments(reading, records);
    return { source: plan ? "terraform-plan" : "terraform-state", records, labels, notes: reading.notes };
}

/** `resource_changes[].change.after_unknown` by address. */
function afterUnknowns(json: Record<string, unknown>, file: string): Map<string, unknown> {
    const out = new Map<string, unknown>();
    const changes = json.resource_changes;
    if (changes === undefined) return out;
    if (!Array.isArray(changes))
        throw new IngestError(`${file}: resource_changes is ${shown(changes)}, expected a list`);
    for (const change of changes) {
        if (!isObject(change) || typeof change.address !== "string" || !isObject(change.change)) continue;
        out.set(change.address, change.change.after_unknown);
    }
    return out;
}

/** Replaces every value `after_unknown` marks with the unknown marker. */
function withUnknowns(values: unknown, unknown: unknown): unknown {
    if (unknown === true) return UNKNOWN;
    if (Array.isArray(unknown)) {
        const list = Array.isArray(values) ? [...(values as unknown[])] : [];
        unknown.forEach((u, i) => {
            list[i] = withUnknowns(list[i], u);
        });
        return list;
    }
    if (isObject(unknown)) {
        const object: Record<string, unknown> = isObject(values) ? { ...values } : {};
        for (const [key, u] of Object.entries(unknown)) {
            const merged = withUnknowns(object[key], u);
            if (merged !== undefined) object[key] = merged;
        }
        return object;
    }
    return values;
}

function walkModule(reading: Reading, module: unknown, path: string, unknowns: Map<string, unknown>): void {
    if (module === undefined) return;
    if (!isObject(module))
        throw new IngestError(`${reading.file}: ${path} is ${shown(module)}, expected an object`);
    const moduleAddress = typeof module.address === "string" ? module.address : "";
    const resources = module.resources ?? [];
    if (!Array.isArray(resources))
        throw new IngestError(`${reading.file}: ${path}.resources is ${shown(resources)}, expected a list`);
    resources.forEach((raw, i) =>
        readResource(reading, raw, `${path}.resources[${i}]`, moduleAddress, unknowns),
    );
    const children = module.child_modules ?? [];
    if (!Array.isArray(children))
        throw new IngestError(
            `${reading.file}: ${path}.child_modules is ${shown(children)}, expected a list`,
        );
    children.forEach((child, i) => walkModule(reading, child, `${path}.child_modules[${i}]`, unknowns));
}

function readResource(
    reading: Reading,
    raw: unknown,
    path: string,
    module: string,
    unknowns: Map<string, unknown>,
): void {
    if (!isObject(raw))
        throw new IngestError(`${reading.file}: ${path} is ${shown(raw)}, expected a resource object`);
    const address = raw.address;
    const type = raw.type;
    if (typeof address !== "string" || typeof type !== "string")
        throw new IngestError(`${reading.file}: ${path} has no "address" and "type"; it is not ${WHAT}`);
    if (raw.mode !== "managed") return;
    if (TERRAFORM_TYPES[type] === undefined && !ATTACHMENT_TYPES.has(type)) return;
    if (!isObject(raw.values))
        throw new IngestError(
            `${reading.file}: ${address}: values is ${shown(raw.values)}, expected an object`,
        );
    const values = reading.plan
        ? (withUnknowns(raw.values, unknowns.get(address)) as Record<string, unknown>)
        : raw.values;
    const resource: TfResource = { address, module, type, raw, values };
    reading.resources.push(resource);
    reading.byAddress.set(address, resource);
}

/** Reads one resource's fields by name, with unknown ids resolved through the configuration. */
class TfFields {
    readonly r: FieldReader;
    readonly deps: Record<string, string[]> = {};
    constructor(
        readonly reading: Reading,
        readonly resource: TfResource,
    ) {
        this.r = new FieldReader(reading.file, resource.address, "");
    }

    get(name: string): unknown {
        return this.resource.values[name];
    }

    /**
     * A reference field (an OCID). Unknown in a plan: its configuration references name the target, which
     * becomes a dependency; none at all means OCI's default (absent); unresolvable stays unknown, said.
     */
    reference(name: string, property: string, inputs: Record<string, unknown>, list = false): void {
        const value = list ? this.r.stringList(this.get(name), name) : this.r.string(this.get(name), name);
        const unknownList = Array.isArray(value) && value.includes(UNKNOWN);
        if (value !== UNKNOWN && !unknownList) {
            put(inputs, property, value);
            return;
        }
        const expression = configExpression(this.reading, this.resource, name);
        if (expression === undefined) return;
        const targets = resolveReferences(this.reading, this.resource.module, referencesOf(expression), 0);
        if (targets === undefined) {
            this.reading.notes.push(
                `${this.resource.address}: ${name} is not known until apply and its references cannot be resolved from the plan; what depends on it is undecided`,
            );
            inputs[property] = UNKNOWN;
            return;
        }
        // The dependencies name every element (Terraform records references per attribute, not per element).
        delete inputs[property];
        this.deps[property] = targets;
    }
}

function toRecord(reading: Reading, resource: TfResource): ResourceRecord | undefined {
    const token = TERRAFORM_TYPES[resource.type];
    if (token === undefined) return undefined;
    const f = new TfFields(reading, resource);
    const inputs: Record<string, unknown> = {};
    put(inputs, "displayName", f.r.string(f.get("display_name"), "display_name"));
    const readers: Record<string, (f: TfFields, inputs: Record<string, unknown>) => void> = {
        oci_core_vcn: readVcn,
        oci_core_subnet: readSubnet,
        oci_core_security_list: readSecurityList,
        oci_core_default_security_list: readSecurityList,
        oci_core_route_table: readRouteTable,
        oci_core_default_route_table: readRouteTable,
        oci_core_network_security_group_security_rule: readNsgRule,
    };
    if (resource.type !== "oci_core_drg") f.reference("vcn_id", "vcnId", inputs);
    readers[resource.type]?.(f, inputs);
    const record: ResourceRecord = { type: token, name: resource.address, urn: resource.address, inputs };
    const id = f.get("id");
    if (typeof id === "string" && id !== UNKNOWN && id !== "") record.id = id;
    if (Object.keys(f.deps).length > 0) record.propertyDependencies = f.deps;
    return record;
}

function readVcn(f: TfFields, inputs: Record<string, unknown>): void {
    delete inputs.vcnId;
    put(inputs, "cidrBlock", f.r.string(f.get("cidr_block"), "cidr_block"));
    put(inputs, "cidrBlocks", f.r.stringList(f.get("cidr_blocks"), "cidr_blocks"));
    put(inputs, "dnsLabel", f.r.string(f.get("dns_label"), "dns_label"));
    put(
        inputs,
        "defaultSecurityListId",
        f.r.string(f.get("default_security_list_id"), "default_security_list_id"),
    );
    put(inputs, "defaultRouteTableId", f.r.string(f.get("default_route_table_id"), "default_route_table_id"));
    if (inputs.cidrBlock === undefined && inputs.cidrBlocks === undefined)
        f.r.fail(
            "cidr_blocks",
            undefined,
            "the VCN's CIDR",
            "read the state again with `terraform show -json`",
        );
}

function readSubnet(f: TfFields, inputs: Record<string, unknown>): void {
    put(inputs, "cidrBlock", f.r.requiredString(f.get("cidr_block"), "cidr_block"));
    put(inputs, "dnsLabel", f.r.string(f.get("dns_label"), "dns_label"));
    put(
        inputs,
        "prohibitPublicIpOnVnic",
        f.r.boolean(f.get("prohibit_public_ip_on_vnic"), "prohibit_public_ip_on_vnic"),
    );
    f.reference("route_table_id", "routeTableId", inputs);
    f.reference("security_list_ids", "securityListIds", inputs, true);
}

function readSecurityList(f: TfFields, inputs: Record<string, unknown>): void {
    if (f.resource.type === "oci_core_default_security_list") {
        delete inputs.vcnId;
        f.reference("manage_default_resource_id", "manageDefaultResourceId", inputs);
    }
    for (const [field, property, direction] of [
        ["ingress_security_rules", "ingressSecurityRules", "ingress"],
        ["egress_security_rules", "egressSecurityRules", "egress"],
    ] as const) {
        const rules = f.r.list(f.get(field), field);
        if (rules === UNKNOWN) inputs[property] = UNKNOWN;
        else
            inputs[property] = (rules ?? []).map((raw, i) =>
                securityListInput(readRule(f.r, raw, `${field}[${i}]`, direction, "list")),
            );
    }
}

function readNsgRule(f: TfFields, inputs: Record<string, unknown>): void {
    delete inputs.vcnId;
    delete inputs.displayName;
    f.reference("network_security_group_id", "networkSecurityGroupId", inputs);
    const direction = f.r.requiredString(f.get("direction"), "direction");
    if (direction !== "INGRESS" && direction !== "EGRESS" && direction !== UNKNOWN)
        f.r.fail("direction", direction, `"INGRESS" or "EGRESS"`);
    if (direction === UNKNOWN) {
        inputs.direction = UNKNOWN;
        return;
    }
    const rule = readRule(f.r, f.resource.values, "", direction === "INGRESS" ? "ingress" : "egress", "nsg");
    Object.assign(inputs, nsgRuleInput(rule));
}

function readRouteTable(f: TfFields, inputs: Record<string, unknown>): void {
    if (f.resource.type === "oci_core_default_route_table") {
        delete inputs.vcnId;
        f.reference("manage_default_resource_id", "manageDefaultResourceId", inputs);
    }
    const rules = f.r.list(f.get("route_rules"), "route_rules");
    if (rules === UNKNOWN) {
        inputs.routeRules = UNKNOWN;
        return;
    }
    const out: Record<string, unknown>[] = [];
    let unknownTargets = false;
    (rules ?? []).forEach((raw, i) => {
        const path = `route_rules[${i}]`;
        const rule = f.r.object(raw, path);
        if (rule === undefined || rule === UNKNOWN) {
            out.push({ destination: UNKNOWN });
            return;
        }
        const item: Record<string, unknown> = {};
        put(
            item,
            "destination",
            f.r.string(rule.destination, `${path}.destination`) ??
                f.r.string(rule.cidr_block, `${path}.cidr_block`),
        );
        put(item, "destinationType", f.r.string(rule.destination_type, `${path}.destination_type`));
        const target = f.r.string(rule.network_entity_id, `${path}.network_entity_id`);
        if (target === UNKNOWN) unknownTargets = true;
        else put(item, "networkEntityId", f.r.requiredString(target, `${path}.network_entity_id`));
        if (item.destination === undefined) f.r.fail(`${path}.destination`, undefined, "a destination CIDR");
        out.push(item);
    });
    inputs.routeRules = out;
    if (unknownTargets) routeTargetsFromConfiguration(f);
}

/** Unknown route targets: the gateways the `route_rules` blocks reference become the property's dependencies. */
function routeTargetsFromConfiguration(f: TfFields): void {
    const expression = configExpression(f.reading, f.resource, "route_rules");
    const blocks = Array.isArray(expression) ? expression : [];
    const references = blocks.flatMap((block) =>
        isObject(block) ? referencesOf(block.network_entity_id) : [],
    );
    const targets = resolveReferences(f.reading, f.resource.module, references, 0);
    if (targets === undefined || references.length === 0) {
        f.reading.notes.push(
            `${f.resource.address}: a route rule's network_entity_id is not known until apply and cannot be resolved from the plan; routes through it are undecided`,
        );
        return;
    }
    f.deps.routeRules = targets;
}

/** Reads one rule of a security list (`list`) or an NSG rule resource (`nsg`), Terraform's shapes. */
function readRule(
    r: FieldReader,
    raw: unknown,
    path: string,
    direction: "ingress" | "egress",
    shape: "list" | "nsg",
): ReadRule {
    const at = (field: string): string => (path === "" ? field : `${path}.${field}`);
    const value = r.object(raw, path);
    if (value === undefined) r.fail(path, raw, "a rule object");
    if (value === UNKNOWN) return { direction, protocol: UNKNOWN, peer: UNKNOWN };
    const peerField = direction === "ingress" ? "source" : "destination";
    const rule: ReadRule = {
        direction,
        protocol: checkProtocol(r, value.protocol, at("protocol")),
        peer: r.requiredString(value[peerField], at(peerField)),
    };
    put(rule, "peerType", r.string(value[`${peerField}_type`], at(`${peerField}_type`)));
    put(rule, "stateless", r.boolean(value.stateless, at("stateless")));
    put(rule, "description", r.string(value.description, at("description")));
    put(rule, "tcp", portOptions(r, value.tcp_options, at("tcp_options"), shape));
    put(rule, "udp", portOptions(r, value.udp_options, at("udp_options"), shape));
    const icmp = block(r, value.icmp_options, at("icmp_options"));
    if (icmp === UNKNOWN) rule.icmp = UNKNOWN;
    else if (icmp !== undefined) {
        const type = r.integer(icmp.value.type, `${icmp.path}.type`, 0, 255);
        if (type === undefined) r.fail(`${icmp.path}.type`, icmp.value.type, "an ICMP type 0-255");
        const code = r.integer(icmp.value.code, `${icmp.path}.code`, 0, 255);
        rule.icmp = code === undefined ? { type } : { type, code };
    }
    return rule;
}

/** A Terraform nested block: a list of at most one object; empty means "not set". */
function block(
    r: FieldReader,
    raw: unknown,
    path: string,
): { value: Record<string, unknown>; path: string } | Unknown | undefined {
    const items = r.list(raw, path);
    if (items === UNKNOWN) return UNKNOWN;
    if (items === undefined || items.length === 0) return undefined;
    if (items.length > 1) r.fail(path, raw, "at most one block (the OCI provider allows one)");
    const value = r.object(items[0], `${path}[0]`);
    if (value === UNKNOWN) return UNKNOWN;
    if (value === undefined) r.fail(`${path}[0]`, items[0], "an object");
    return { value, path: `${path}[0]` };
}

function range(r: FieldReader, raw: unknown, path: string): ReadRange | Unknown | undefined {
    const b = block(r, raw, path);
    if (b === undefined || b === UNKNOWN) return b;
    return rangeOf(r, b.value, b.path);
}

function rangeOf(r: FieldReader, value: Record<string, unknown>, path: string): ReadRange {
    const min = r.integer(value.min, `${path}.min`, 1, 65535);
    const max = r.integer(value.max, `${path}.max`, 1, 65535);
    if (min === undefined || max === undefined)
        r.fail(path, value, "both min and max (ports 1-65535)", "OCI needs both ends of a port range");
    if (typeof min === "number" && typeof max === "number" && min > max) r.fail(path, value, "min <= max");
    return { min, max };
}

function portOptions(
    r: FieldReader,
    raw: unknown,
    path: string,
    shape: "list" | "nsg",
): ReadPortOptions | Unknown | undefined {
    const b = block(r, raw, path);
    if (b === undefined || b === UNKNOWN) return b;
    const options: ReadPortOptions = {};
    if (shape === "list") {
        // A security list's destination range is the block's own min/max; both absent means every port.
        if (b.value.min !== undefined && b.value.min !== null)
            options.destination = rangeOf(r, b.value, b.path);
        else if (b.value.max !== undefined && b.value.max !== null) rangeOf(r, b.value, b.path);
    } else
        put(
            options,
            "destination",
            range(r, b.value.destination_port_range, `${b.path}.destination_port_range`),
        );
    put(options, "source", range(r, b.value.source_port_range, `${b.path}.source_port_range`));
    return options;
}

/** `oci_core_route_table_attachment` moves a subnet onto another route table: the attachment wins. */
function applyRouteTableAttachments(reading: Reading, records: ResourceRecord[]): void {
    for (const resource of reading.resources.filter((r) => r.type === "oci_core_route_table_attachment")) {
        const f = new TfFields(reading, resource);
        const inputs: Record<string, unknown> = {};
        f.reference("subnet_id", "subnetId", inputs);
        f.reference("route_table_id", "routeTableId", inputs);
        const subnet = records.find(
            (r) =>
                r.type === TOKENS.subnet &&
                ((inputs.subnetId !== undefined && r.id === inputs.subnetId) ||
                    (f.deps.subnetId?.length === 1 && r.urn === f.deps.subnetId[0])),
        );
        if (subnet === undefined) {
            reading.notes.push(
                `${resource.address}: its subnet is not among the resources read; it was ignored`,
            );
            continue;
        }
        subnet.inputs.routeTableId = inputs.routeTableId ?? UNKNOWN;
        const deps = { ...(subnet.propertyDependencies ?? {}) };
        if (f.deps.routeTableId !== undefined) deps.routeTableId = f.deps.routeTableId;
        else delete deps.routeTableId;
        subnet.propertyDependencies = deps;
        reading.notes.push(`${subnet.urn}: its route table is set by ${resource.address}`);
    }
}

// ---- configuration references (saved plans) ----

/** The configuration module for a module path such as `module.a[0].module.b`. */
function configModule(reading: Reading, module: string): Record<string, unknown> | undefined {
    let current = isObject(reading.configuration?.root_module)
        ? reading.configuration.root_module
        : undefined;
    const names = [...module.matchAll(/module\.([^.[\]]+)(\[[^\]]*\])?/g)].map((m) => m[1]);
    for (const name of names) {
        const calls = isObject(current?.module_calls) ? current.module_calls : undefined;
        const call = isObject(calls?.[name]) ? calls[name] : undefined;
        current = isObject(call?.module) ? call.module : undefined;
    }
    return current;
}

/** The module call that instantiates `module`, and the module path it is called from. */
function callOf(
    reading: Reading,
    module: string,
): { call: Record<string, unknown>; parent: string } | undefined {
    const match = /^(.*?)\.?module\.([^.[\]]+)(\[[^\]]*\])?$/.exec(module);
    if (match === null) return undefined;
    const parent = match[1];
    const calls = configModule(reading, parent)?.module_calls;
    const call = isObject(calls) ? calls[match[2]] : undefined;
    return isObject(call) ? { call, parent } : undefined;
}

/** The configuration expression of one attribute of a resource; undefined when the configuration sets none. */
function configExpression(reading: Reading, resource: TfResource, attribute: string): unknown {
    const module = configModule(reading, resource.module);
    const relative = resource.address
        .slice(resource.module === "" ? 0 : resource.module.length + 1)
        .replace(/\[[^\]]*\]$/, "");
    const resources: unknown[] = Array.isArray(module?.resources) ? (module.resources as unknown[]) : [];
    const config = resources.find((r) => isObject(r) && r.address === relative);
    if (!isObject(config) || !isObject(config.expressions)) return undefined;
    return config.expressions[attribute];
}

function referencesOf(expression: unknown): string[] {
    if (!isObject(expression) || !Array.isArray(expression.references)) return [];
    return expression.references.filter((r): r is string => typeof r === "string");
}

/**
 * The resource addresses a set of references names, in the given module's scope. Terraform lists both
 * `oci_core_vcn.x.id` and `oci_core_vcn.x`; both lead to the same address. Undefined when one leads nowhere.
 */
function resolveReferences(
    reading: Reading,
    module: string,
    references: string[],
    depth: number,
): string[] | undefined {
    if (depth > 8) return undefined;
    const out = new Set<string>();
    for (const reference of references) {
        const targets = resolveReference(reading, module, reference, depth);
        if (targets === undefined) return undefined;
        targets.forEach((t) => out.add(t));
    }
    return out.size === 0 ? undefined : [...out];
}

function resolveReference(
    reading: Reading,
    module: string,
    reference: string,
    depth: number,
): string[] | undefined {
    const prefix = module === "" ? "" : `${module}.`;
    const parts = reference.split(".");
    if (parts[0] === "var") {
        const call = callOf(reading, module);
        const expressions = isObject(call?.call.expressions) ? call.call.expressions : undefined;
        const refs = referencesOf(expressions?.[parts[1]]);
        return call === undefined || refs.length === 0
            ? undefined
            : resolveReferences(reading, call.parent, refs, depth + 1);
    }
    if (parts[0] === "module" && parts.length >= 3) {
        const name = parts[1].replace(/\[.*$/, "");
        const called = `${prefix}module.${name}`;
        const outputs = configModule(reading, called)?.outputs;
        const output = isObject(outputs) ? outputs[parts[2]] : undefined;
        const refs = referencesOf(isObject(output) ? output.expression : undefined);
        const instance = [...reading.byAddress.values()].find((r) => r.module.startsWith(called));
        return refs.length === 0 || instance === undefined
            ? undefined
            : resolveReferences(reading, instance.module, refs, depth + 1);
    }
    if (parts[0] === "module") return [];
    if (parts.length < 2 || TERRAFORM_TYPES[parts[0]] === undefined)
        return parts[0] === "each" || parts[0] === "count" ? [] : undefined;
    const base = `${prefix}${parts[0]}.${parts[1]}`;
    if (reading.byAddress.has(base)) return [base];
    const instances = [...reading.byAddress.keys()].filter((a) => a.startsWith(`${base}[`));
    return instances.length === 1 ? instances : undefined;
}
