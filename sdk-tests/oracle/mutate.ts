import fc from "fast-check";
import type { ResourceRecord } from "../../src/analysis/model/resources";
import { formatAddress, parseBlock } from "./ipv4";

/*
 * Random edits of a registered network, so the differential also compares the two evaluators on networks
 * the component would never render: stateless rules (with and without their replies), dropped rules, port
 * ranges one short, narrowed peers, missing routes, disabled gateways. Both evaluators read the same edited
 * records. (`flip-public` is kept out of the random mix: a private subnet made public behind a NAT route is a
 * case where the two evaluators' documented models legitimately differ; see KNOWN-DISAGREEMENTS.md.)
 */

/** One edit; `index` picks the rule, route table or subnet (modulo how many there are). */
export interface Mutation {
    /** What to change. */
    readonly kind:
        | "stateless"
        | "drop-rule"
        | "port-min-up"
        | "port-max-down"
        | "narrow-peer"
        | "drop-routes"
        | "ghost-route"
        | "disable-gateway"
        | "flip-public";
    /** Which one. */
    readonly index: number;
}

/** One to three random edits. */
export const mutationsArb: fc.Arbitrary<Mutation[]> = fc.array(
    fc.record({
        kind: fc.constantFrom<Mutation["kind"]>(
            "stateless",
            "stateless",
            "drop-rule",
            "port-min-up",
            "port-max-down",
            "narrow-peer",
            "drop-routes",
            "ghost-route",
            "disable-gateway",
        ),
        index: fc.nat(1000),
    }),
    { minLength: 1, maxLength: 3 },
);

type Json = Record<string, unknown>;

/** A rule wherever it lives: an entry of a security list's array, or an NSG rule record's inputs. */
interface Slot {
    readonly fields: Json;
    readonly remove: () => void;
    readonly text: string;
}

function slots(records: ResourceRecord[]): Slot[] {
    const out: Slot[] = [];
    for (const r of records) {
        if (r.type === "oci:Core/securityList:SecurityList") {
            for (const key of ["ingressSecurityRules", "egressSecurityRules"]) {
                const rules = r.inputs[key] as Json[] | undefined;
                (rules ?? []).forEach((fields, i) =>
                    out.push({
                        fields,
                        remove: () => rules?.splice(rules.indexOf(fields), 1),
                        text: `${String(r.inputs.displayName)} ${key} #${i + 1}`,
                    }),
                );
            }
        }
        if (r.type === "oci:Core/networkSecurityGroupSecurityRule:NetworkSecurityGroupSecurityRule") {
            out.push({
                fields: r.inputs,
                remove: () => records.splice(records.indexOf(r), 1),
                text: `NSG rule ${r.name}`,
            });
        }
    }
    return out;
}

/** The port range object of a rule (security-list or NSG shape), if it has one. */
function portRange(fields: Json): Json | undefined {
    const options = (fields.tcpOptions ?? fields.udpOptions) as Json | undefined;
    if (options === undefined) return undefined;
    return (options.destinationPortRange as Json | undefined) ?? options;
}

function narrowed(cidr: string): string | undefined {
    const block = parseBlock(cidr);
    return block.prefix >= 32 ? undefined : `${formatAddress(block.first)}/${block.prefix + 1}`;
}

function editRule(slot: Slot, kind: Mutation["kind"]): string | undefined {
    const f = slot.fields;
    const range = portRange(f);
    switch (kind) {
        case "stateless":
            f.stateless = true;
            return `${slot.text} made stateless`;
        case "drop-rule":
            slot.remove();
            return `${slot.text} dropped`;
        case "port-min-up":
        case "port-max-down": {
            if (range === undefined || typeof range.min !== "number" || typeof range.max !== "number")
                return undefined;
            if (range.min >= range.max) return undefined;
            if (kind === "port-min-up") range.min += 1;
            else range.max -= 1;
            return `${slot.text} ports now ${range.min}-${range.max}`;
        }
        case "narrow-peer": {
            const key = typeof f.source === "string" ? "source" : "destination";
            const next = typeof f[key] === "string" ? narrowed(f[key]) : undefined;
            if (next === undefined) return undefined;
            f[key] = next;
            return `${slot.text} ${key} narrowed to ${next}`;
        }
        default:
            return undefined;
    }
}

function editNetwork(records: ResourceRecord[], m: Mutation): string | undefined {
    if (m.kind === "drop-routes" || m.kind === "ghost-route") {
        const tables = records.filter((r) => r.type === "oci:Core/routeTable:RouteTable");
        const table = tables[m.index % Math.max(tables.length, 1)];
        const rules = table?.inputs.routeRules as Json[] | undefined;
        if (table === undefined || rules === undefined || rules.length === 0) return undefined;
        if (m.kind === "drop-routes") table.inputs.routeRules = [];
        else rules[0].networkEntityId = "ocid1.privateip.oc1..ghost";
        return `${String(table.inputs.displayName)} ${m.kind === "drop-routes" ? "emptied" : "routes to a private IP nobody declared"}`;
    }
    if (m.kind === "disable-gateway") {
        const gateways = records.filter(
            (r) =>
                r.type === "oci:Core/natGateway:NatGateway" ||
                r.type === "oci:Core/internetGateway:InternetGateway",
        );
        const gateway = gateways[m.index % Math.max(gateways.length, 1)];
        if (gateway === undefined) return undefined;
        if (gateway.type === "oci:Core/natGateway:NatGateway") gateway.inputs.blockTraffic = true;
        else gateway.inputs.enabled = false;
        return `${gateway.name} ${gateway.type.endsWith("NatGateway") ? "blocks traffic" : "disabled"}`;
    }
    const subnets = records.filter((r) => r.type === "oci:Core/subnet:Subnet");
    const subnet = subnets[m.index % Math.max(subnets.length, 1)];
    if (subnet === undefined) return undefined;
    subnet.inputs.prohibitPublicIpOnVnic = subnet.inputs.prohibitPublicIpOnVnic !== true;
    return `${String(subnet.inputs.displayName)} prohibitPublicIpOnVnic = ${String(subnet.inputs.prohibitPublicIpOnVnic)}`;
}

/** A deep copy of `records` with the edits applied, and what each edit did (skipped edits say nothing). */
export function mutateRecords(
    records: readonly ResourceRecord[],
    mutations: readonly Mutation[],
): { records: ResourceRecord[]; applied: string[] } {
    const copy = structuredClone(records) as ResourceRecord[];
    const applied: string[] = [];
    for (const m of mutations) {
        const ruleSlots = slots(copy);
        const done = ["drop-routes", "ghost-route", "disable-gateway", "flip-public"].includes(m.kind)
            ? editNetwork(copy, m)
            : ruleSlots.length === 0
              ? undefined
              : editRule(ruleSlots[m.index % ruleSlots.length], m.kind);
        if (done !== undefined) applied.push(done);
    }
    return { records: copy, applied };
}
