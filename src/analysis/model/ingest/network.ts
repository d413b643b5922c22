import { modelsFromResources } from "../from-resources";
import type { NetworkModel, RuleOrigin } from "../model";
import type { ResourceRecord } from "../resources";
import { isRecord, knownString } from "../resource-values";
import { recordsFromStackExport } from "../stack-export";
import { didYouMean, IngestError, readJsonFile } from "./common";
import { TOKENS, type IngestedNetwork } from "./records";
import { SUBNET_DISPLAY_NAMES, SUBNET_ROLES, type SubnetRole } from "../../../c3/roles";

/*
 * From an ingested network to the analyzer's models: subnet roles (Oracle's display names, or the user's
 * `role=name` pairs), NSG roles (the subnets their VNICs are in, when the source says), one model per VCN,
 * and names that carry the source's own handle (Terraform address, OCID, logical name) so every verdict
 * and finding can be traced to the resource to fix.
 */

/** Options of {@link modelsFromIngested}. */
export interface IngestedModelOptions {
    /** Role → subnet display name, for networks that do not use Oracle's names. */
    subnetNames?: Partial<Record<SubnetRole, string>>;
    /** NSG key → subnet keys of its VNICs (OCI export). */
    nsgSubnets?: Record<string, string[]>;
}

/** One VCN's model, with the VCN's own display name (before labelling) for pairing in diffs. */
export interface IngestedModel {
    /** The VCN's display name as the source gives it. */
    vcnName: string;
    /** The model, names labelled with the source's handles. */
    model: NetworkModel;
}

/**
 * Reads a `pulumi stack export` file into records (labels are logical names).
 *
 * @throws IngestError when the file is not a stack export.
 */
export function recordsFromStackExportFile(path: string, shownAs: string): IngestedNetwork {
    const what = "the JSON that `pulumi stack export` prints";
    const doc = readJsonFile(path, shownAs, what);
    if (!isRecord(doc) || !isRecord(doc.deployment))
        throw new IngestError(`${shownAs} has no "deployment" object: it is not ${what}`);
    if (doc.deployment.resources !== undefined && !Array.isArray(doc.deployment.resources))
        throw new IngestError(`${shownAs}: deployment.resources is not a list: it is not ${what}`);
    const records = recordsFromStackExport(doc);
    const labels = Object.fromEntries(records.map((r) => [r.urn, r.name]));
    return { source: "stack-export", records, labels, notes: [] };
}

/** Oracle's role for a subnet display name. */
function oracleRole(name: string | undefined): SubnetRole | undefined {
    return SUBNET_ROLES.find((role) => SUBNET_DISPLAY_NAMES[role] === name);
}

/** Subnet key → role, from the user's names (refused when no subnet has one) and Oracle's. */
function subnetRoles(
    records: ResourceRecord[],
    names: Partial<Record<SubnetRole, string>>,
): Record<string, SubnetRole> {
    const subnets = records.filter((r) => r.type === TOKENS.subnet);
    const nameOf = (r: ResourceRecord): string | undefined => knownString(r.inputs.displayName);
    const roles: Record<string, SubnetRole> = {};
    for (const subnet of subnets) {
        const role = oracleRole(nameOf(subnet));
        if (role !== undefined && names[role] === undefined) roles[subnet.urn] = role;
    }
    for (const [role, name] of Object.entries(names) as [SubnetRole, string][]) {
        const matches = subnets.filter((s) => nameOf(s) === name);
        if (matches.length === 0) {
            const known = subnets.map(nameOf).filter((n): n is string => n !== undefined);
            throw new IngestError(
                `--subnet-name ${role}=${name}: no subnet is named "${name}"${didYouMean(name, known)}; the subnets are ${known.join(", ") || "none"}`,
            );
        }
        // The model builder would give Oracle's name its role too: two subnets of one role is never meant.
        const oracle = SUBNET_DISPLAY_NAMES[role];
        if (name !== oracle && subnets.some((s) => nameOf(s) === oracle))
            throw new IngestError(
                `--subnet-name ${role}=${name}: another subnet is named "${oracle}", Oracle's name for that role; name that one instead, or rename it`,
            );
        for (const m of matches) roles[m.urn] = role;
    }
    return roles;
}

/** NSG key → role, when all its VNICs are in subnets of one role. */
function nsgRoles(
    nsgSubnets: Record<string, string[]>,
    roles: Record<string, SubnetRole>,
    notes: string[],
): Record<string, SubnetRole> {
    const out: Record<string, SubnetRole> = {};
    for (const [nsg, subnets] of Object.entries(nsgSubnets)) {
        const found = [...new Set(subnets.map((s) => roles[s]))];
        if (found.length === 1 && found[0] !== undefined) out[nsg] = found[0];
        else if (subnets.length > 0)
            notes.push(
                `NSG ${nsg}: its VNICs are in subnets of ${found.length} roles; its rules are shown but not applied to any role`,
            );
    }
    return out;
}

/**
 * One model per VCN from an ingested network, with roles assigned and names labelled.
 *
 * @throws IngestError when a `--subnet-name` names no subnet.
 */
export function modelsFromIngested(
    ingested: IngestedNetwork,
    options: IngestedModelOptions = {},
): IngestedModel[] {
    const roles = subnetRoles(ingested.records, options.subnetNames ?? {});
    const notes = [...ingested.notes];
    const nsg = nsgRoles(options.nsgSubnets ?? {}, roles, notes);
    const models = modelsFromResources(ingested.records, { roles, nsgRoles: nsg });
    return models.map((model) => {
        const vcnName = model.name;
        model.notes = [...notes, ...(model.notes ?? [])];
        labelModel(model, ingested.labels);
        return { vcnName, model };
    });
}

/** `name (handle)` when the source's handle says more than the display name. */
function labelled(name: string, key: string, labels: Record<string, string>): string {
    const label = labels[key];
    return label === undefined || label === name ? name : `${name} (${label})`;
}

/** Puts the source's handle next to every name, rules' origins included. */
function labelModel(model: NetworkModel, labels: Record<string, string>): void {
    model.name = labelled(model.name, model.key, labels);
    for (const subnet of model.subnets) subnet.name = labelled(subnet.name, subnet.key, labels);
    const relabel = (origin: RuleOrigin, name: string): void => {
        origin.name = name;
    };
    for (const list of Object.values(model.securityLists)) {
        list.name = labelled(list.name, list.key, labels);
        for (const rule of [...list.ingress, ...list.egress]) relabel(rule.origin, list.name);
    }
    for (const nsg of Object.values(model.nsgs)) {
        nsg.name = labelled(nsg.name, nsg.key, labels);
        for (const rule of nsg.rules) relabel(rule.origin, nsg.name);
    }
    for (const table of Object.values(model.routeTables))
        table.name = labelled(table.name, table.key, labels);
    for (const gateway of Object.values(model.gateways))
        gateway.name = labelled(gateway.name, gateway.key, labels);
}
