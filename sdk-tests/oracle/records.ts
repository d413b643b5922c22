import type { ResourceRecord } from "../../src/analysis/model/resources";

/*
 * Hand-written resource records for the oracle's own tests: the same shapes a Pulumi engine records for OCI
 * (`oci:Core/...` types, OCI's input field names), written out by hand so the oracle's tests depend on
 * nothing the component renders.
 */

/** A security rule as OCI's API spells it (security-list shape: ports at `tcpOptions.min/max`). */
export type RuleFields = Record<string, unknown>;

function record(type: string, name: string, inputs: Record<string, unknown>): ResourceRecord {
    const kind = type.split(":").pop()?.toLowerCase() ?? "resource";
    return {
        type,
        name,
        urn: `urn:pulumi:test::oracle::${type}::${name}`,
        id: `ocid1.${kind}.test.${name}`,
        inputs,
    };
}

/** The OCID {@link record} gives a resource of `type` named `name`. */
export function idOf(type: string, name: string): string {
    return `ocid1.${type.split(":").pop()?.toLowerCase() ?? "resource"}.test.${name}`;
}

/** A VCN. */
export function vcn(cidr: string): ResourceRecord {
    return record("oci:Core/vcn:Vcn", "vcn", { cidrBlocks: [cidr], displayName: "vcn" });
}

/** A NAT gateway named `nat`. */
export function natGateway(): ResourceRecord {
    return record("oci:Core/natGateway:NatGateway", "nat", { displayName: "nat" });
}

/** An internet gateway named `igw`. */
export function internetGateway(enabled = true): ResourceRecord {
    return record("oci:Core/internetGateway:InternetGateway", "igw", { displayName: "igw", enabled });
}

/** The id of the NAT gateway / internet gateway built above. */
export const NAT_ID = idOf("oci:Core/natGateway:NatGateway", "nat");
/** The internet gateway's id. */
export const IGW_ID = idOf("oci:Core/internetGateway:InternetGateway", "igw");

/** A route table of `destination → target id` rules. */
export function routeTable(name: string, rules: readonly [string, string][]): ResourceRecord {
    return record("oci:Core/routeTable:RouteTable", name, {
        displayName: name,
        routeRules: rules.map(([destination, networkEntityId]) => ({
            destination,
            destinationType: "CIDR_BLOCK",
            networkEntityId,
        })),
    });
}

/** A security list. */
export function securityList(name: string, ingress: RuleFields[], egress: RuleFields[]): ResourceRecord {
    return record("oci:Core/securityList:SecurityList", name, {
        displayName: name,
        ingressSecurityRules: ingress,
        egressSecurityRules: egress,
    });
}

/** A subnet with its lists and route table (by record name). */
export function subnet(
    name: string,
    cidr: string,
    lists: readonly string[],
    table: string | undefined,
    prohibitPublicIpOnVnic = true,
): ResourceRecord {
    return record("oci:Core/subnet:Subnet", name, {
        displayName: name,
        cidrBlock: cidr,
        prohibitPublicIpOnVnic,
        securityListIds: lists.map((l) => idOf("oci:Core/securityList:SecurityList", l)),
        ...(table === undefined ? {} : { routeTableId: idOf("oci:Core/routeTable:RouteTable", table) }),
    });
}

/** An NSG (display name `<subnet>-nsg` attaches it to that subnet's VNICs) and its rules, NSG-shaped. */
export function nsg(
    displayName: string,
    rules: (RuleFields & { direction: "INGRESS" | "EGRESS" })[],
): ResourceRecord[] {
    const group = record("oci:Core/networkSecurityGroup:NetworkSecurityGroup", displayName, { displayName });
    return [
        group,
        ...rules.map((fields, i) =>
            record(
                "oci:Core/networkSecurityGroupSecurityRule:NetworkSecurityGroupSecurityRule",
                `${displayName}-r${i}`,
                {
                    networkSecurityGroupId: group.id,
                    ...fields,
                },
            ),
        ),
    ];
}

/** A stateful TCP rule to/from `peer` on destination ports `min`-`max` (security-list shape). */
export function tcp(peer: string, min: number, max = min, extra: RuleFields = {}): RuleFields {
    return {
        protocol: "6",
        source: peer,
        destination: peer,
        stateless: false,
        tcpOptions: { min, max },
        ...extra,
    };
}

/** A stateful rule for every protocol. */
export function all(peer: string, extra: RuleFields = {}): RuleFields {
    return { protocol: "all", source: peer, destination: peer, stateless: false, ...extra };
}

/** A stateful ICMP rule. */
export function icmp(peer: string, type?: number, code?: number): RuleFields {
    const options = type === undefined ? {} : { icmpOptions: code === undefined ? { type } : { type, code } };
    return { protocol: "1", source: peer, destination: peer, stateless: false, ...options };
}
