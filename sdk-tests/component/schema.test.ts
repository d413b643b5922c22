import * as assert from "node:assert/strict";
import type * as pulumi from "@pulumi/pulumi";
import type { RequiredFlow, RequiredFlowEndpoint, RequiredFlowIcmp } from "../../src/catalogue/types";
import type { PortRange } from "../../src/net/ports";
import type { RoleIds } from "../../src/component/children";
import type { WorkloadClusterNetwork } from "../../src/component/workload-cluster-network";
import type {
    ExistingVcn,
    ExtraRule,
    NetworkCidrs,
    ResolvedLayout,
    RouteRule,
    ServiceLbIngressRule,
    WorkloadClusterNetworkArgs,
    WorldWideSource,
} from "../../src/config/types";
import { componentSchema, type PackageSchema, type SchemaProperty } from "../fixtures/component-schema";

/*
 * The schema other languages get (`ComponentProvider.getSchema()`), checked against tables derived from the
 * TypeScript types, never from the schema: each table `satisfies` a type computed from the interface, so an
 * arg, output or field added to the types without a row here does not compile, and a row whose kind,
 * requiredness or plainness disagrees with the type does not compile either. The test then asserts the
 * schema has exactly those properties, with those kinds.
 */

/** A property's kind as the schema spells it: a primitive, `array<…>`, `map<…>` or `ref:<Type>`. */
type Kind<T> = [T] extends [string]
    ? "string"
    : [T] extends [number]
      ? "number"
      : [T] extends [boolean]
        ? "boolean"
        : [T] extends [readonly (infer E)[]]
          ? `array<${Kind<E>}>`
          : string extends keyof T
            ? `map<${Kind<T[keyof T]>}>`
            : `ref:${string}`;

/** The keys a type requires. */
type RequiredKeys<T> = {
    [K in keyof T]-?: Record<never, never> extends Pick<T, K> ? never : K;
}[keyof T];

/** Whether a property takes plain values only (no `pulumi.Input`, which admits a Promise or an Output). */
type IsPlain<T> = Promise<never> extends NonNullable<T> ? false : true;

/** What the schema must say of each property of `T`. */
type Expected<T, WithPlain extends boolean = false> = {
    [K in keyof T]-?: {
        kind: Kind<pulumi.Unwrap<NonNullable<T[K]>>>;
        required: K extends RequiredKeys<T> ? true : false;
    } & (WithPlain extends true ? { plain: IsPlain<T[K]> } : unknown);
};

/** The component's outputs: its `pulumi.Output` properties beyond those of every component resource. */
type OutputKeys = {
    [
        K in Exclude<keyof WorkloadClusterNetwork, keyof pulumi.ComponentResource>
    ]: WorkloadClusterNetwork[K] extends pulumi.Output<unknown> ? K : never;
}[Exclude<keyof WorkloadClusterNetwork, keyof pulumi.ComponentResource>];

type Outputs = { [K in OutputKeys]: pulumi.Unwrap<WorkloadClusterNetwork[K]> };

const ARGS = {
    compartmentId: { kind: "string", required: true, plain: false },
    cidrs: { kind: "ref:NetworkCidrs", required: true, plain: true },
    kubeClientCidrs: { kind: "array<string>", required: true, plain: true },
    kubernetesApiPort: { kind: "number", required: false, plain: true },
    bastionCidrs: { kind: "array<string>", required: false, plain: true },
    cni: { kind: "string", required: false, plain: true },
    clusterAccess: { kind: "string", required: false, plain: true },
    securityRules: { kind: "string", required: false, plain: true },
    egress: { kind: "string", required: false, plain: true },
    serviceLbIngress: { kind: "array<ref:ServiceLbIngressRule>", required: false, plain: true },
    extraRules: { kind: "array<ref:ExtraRule>", required: false, plain: true },
    routeRules: { kind: "array<ref:RouteRule>", required: false, plain: true },
    natGateway: { kind: "boolean", required: false, plain: true },
    existingVcn: { kind: "ref:ExistingVcn", required: false, plain: true },
    dnsLabel: { kind: "string", required: false, plain: true },
    freeformTags: { kind: "map<string>", required: false, plain: true },
    definedTags: { kind: "map<string>", required: false, plain: true },
    worldWideSources: { kind: "array<ref:WorldWideSource>", required: false, plain: true },
} satisfies Expected<WorkloadClusterNetworkArgs, true>;

const OUTPUTS = {
    vcnId: { kind: "string", required: true },
    natGatewayId: { kind: "string", required: true },
    internetGatewayId: { kind: "string", required: true },
    subnetIds: { kind: "ref:RoleIds", required: true },
    securityListIds: { kind: "ref:RoleIds", required: true },
    commonSecurityListId: { kind: "string", required: true },
    routeTableIds: { kind: "ref:RoleIds", required: true },
    nsgIds: { kind: "ref:RoleIds", required: true },
    cidrs: { kind: "ref:ResolvedLayout", required: true },
    requiredFlows: { kind: "array<ref:RequiredFlow>", required: true },
} satisfies Expected<Outputs>;

/** Every object type the schema must define, field by field, each table typed by its interface. */
const TYPES: Record<string, Record<string, { kind: string; required: boolean; plain?: boolean }>> = {
    NetworkCidrs: {
        vcn: { kind: "string", required: true, plain: true },
        worker: { kind: "string", required: false, plain: true },
        serviceLb: { kind: "string", required: false, plain: true },
        controlPlane: { kind: "string", required: false, plain: true },
        controlPlaneEndpoint: { kind: "string", required: false, plain: true },
        pod: { kind: "string", required: false, plain: true },
    } satisfies Expected<NetworkCidrs, true>,
    ServiceLbIngressRule: {
        name: { kind: "string", required: true, plain: true },
        protocol: { kind: "string", required: false, plain: true },
        port: { kind: "number", required: true, plain: true },
        portMax: { kind: "number", required: false, plain: true },
        sources: { kind: "array<string>", required: false, plain: true },
    } satisfies Expected<ServiceLbIngressRule, true>,
    ExtraRule: {
        name: { kind: "string", required: true, plain: true },
        role: { kind: "string", required: true, plain: true },
        direction: { kind: "string", required: true, plain: true },
        protocol: { kind: "string", required: true, plain: true },
        cidr: { kind: "string", required: true, plain: true },
        portMin: { kind: "number", required: false, plain: true },
        portMax: { kind: "number", required: false, plain: true },
        icmpType: { kind: "number", required: false, plain: true },
        icmpCode: { kind: "number", required: false, plain: true },
        description: { kind: "string", required: false, plain: true },
    } satisfies Expected<ExtraRule, true>,
    RouteRule: {
        name: { kind: "string", required: true, plain: true },
        destination: { kind: "string", required: true, plain: true },
        networkEntityId: { kind: "string", required: true, plain: true },
        routeTables: { kind: "array<string>", required: false, plain: true },
        description: { kind: "string", required: false, plain: true },
    } satisfies Expected<RouteRule, true>,
    ExistingVcn: {
        id: { kind: "string", required: true, plain: false },
        natGatewayId: { kind: "string", required: false, plain: false },
        internetGatewayId: { kind: "string", required: false, plain: false },
    } satisfies Expected<ExistingVcn, true>,
    WorldWideSource: {
        field: { kind: "string", required: true, plain: true },
        reason: { kind: "string", required: true, plain: true },
    } satisfies Expected<WorldWideSource, true>,
    RoleIds: {
        worker: { kind: "string", required: true },
        serviceLb: { kind: "string", required: true },
        controlPlane: { kind: "string", required: true },
        controlPlaneEndpoint: { kind: "string", required: true },
        pod: { kind: "string", required: false },
    } satisfies Expected<RoleIds>,
    ResolvedLayout: {
        vcn: { kind: "string", required: true },
        worker: { kind: "string", required: true },
        serviceLb: { kind: "string", required: true },
        controlPlane: { kind: "string", required: true },
        controlPlaneEndpoint: { kind: "string", required: true },
        pod: { kind: "string", required: false },
    } satisfies Expected<ResolvedLayout>,
    RequiredFlow: {
        id: { kind: "string", required: true },
        description: { kind: "string", required: true },
        source: { kind: "ref:RequiredFlowEndpoint", required: true },
        destination: { kind: "ref:RequiredFlowEndpoint", required: true },
        protocol: { kind: "string", required: true },
        ports: { kind: "ref:PortRange", required: false },
        icmp: { kind: "ref:RequiredFlowIcmp", required: false },
        refs: { kind: "array<string>", required: true },
        provenance: { kind: "string", required: true },
    } satisfies Expected<RequiredFlow>,
    RequiredFlowEndpoint: {
        role: { kind: "string", required: false },
        ref: { kind: "string", required: false },
        cidrs: { kind: "array<string>", required: true },
    } satisfies Expected<RequiredFlowEndpoint>,
    PortRange: {
        min: { kind: "number", required: true },
        max: { kind: "number", required: true },
    } satisfies Expected<PortRange>,
    RequiredFlowIcmp: {
        type: { kind: "number", required: true },
        code: { kind: "number", required: false },
    } satisfies Expected<RequiredFlowIcmp>,
};

const TOKEN = "oke-c3-network:index:";

function kindOf(p: SchemaProperty): string {
    if (p.$ref !== undefined) return `ref:${p.$ref.replace(`#/types/${TOKEN}`, "")}`;
    if (p.type === "array" && p.items !== undefined) return `array<${kindOf(p.items)}>`;
    if (p.type === "object" && p.additionalProperties !== undefined)
        return `map<${kindOf(p.additionalProperties)}>`;
    return p.type ?? JSON.stringify(p);
}

/** What the schema says of each property, in the tables' shape. */
function described(
    properties: Record<string, SchemaProperty> | undefined,
    required: readonly string[] | undefined,
    withPlain: boolean,
): Record<string, { kind: string; required: boolean; plain?: boolean }> {
    return Object.fromEntries(
        Object.entries(properties ?? {}).map(([key, p]) => [
            key,
            {
                kind: kindOf(p),
                required: (required ?? []).includes(key),
                ...(withPlain ? { plain: p.plain === true } : {}),
            },
        ]),
    );
}

function sortedKeys<T extends object>(value: T): T {
    return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b))) as T;
}

describe("schema for other languages (ComponentProvider.getSchema), against the TypeScript types", function () {
    this.timeout(60000);
    let schema: PackageSchema;
    before(async () => {
        // The same inference, run once per test run and shared with the YAML example test.
        schema = await componentSchema();
    });
    const resource = () => {
        const found = schema.resources[`${TOKEN}WorkloadClusterNetwork`];
        assert.ok(found, "type token");
        return found;
    };

    it("every arg of WorkloadClusterNetworkArgs, with its kind, requiredness and plainness, and nothing else", () => {
        const r = resource();
        assert.deepEqual(sortedKeys(described(r.inputProperties, r.requiredInputs, true)), sortedKeys(ARGS));
    });

    it("every output of the component, with its kind, and nothing else", () => {
        const r = resource();
        assert.deepEqual(sortedKeys(described(r.properties, r.required, false)), sortedKeys(OUTPUTS));
    });

    it("every object type the args and outputs refer to, field by field", () => {
        const types = schema.types ?? {};
        assert.deepEqual(
            Object.keys(types)
                .map((t) => t.replace(TOKEN, ""))
                .sort(),
            Object.keys(TYPES).sort(),
        );
        for (const [name, fields] of Object.entries(TYPES)) {
            const t = types[`${TOKEN}${name}`];
            const withPlain = Object.values(fields).some((f) => f.plain !== undefined);
            assert.deepEqual(
                sortedKeys(described(t.properties, t.required, withPlain)),
                sortedKeys(fields),
                name,
            );
        }
    });

    it("every arg and output is documented (the doc comment, not an object printed as text)", () => {
        const r = resource();
        for (const [key, p] of [
            ...Object.entries(r.inputProperties ?? {}),
            ...Object.entries(r.properties ?? {}),
        ]) {
            assert.ok((p.description ?? "").length > 10, `doc of ${key}`);
            assert.ok(!String(p.description).includes("[object Object]"), `doc of ${key}`);
        }
    });
});
