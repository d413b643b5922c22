import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { evaluateFlows } from "../../src/analysis/evaluate/evaluate";
import { valueOf } from "../../src/testing/mock-run";
import type { WorkloadClusterNetworkArgs } from "../../src/config/types";
import { validateConfig } from "../../src/config/validate";
import { WORKLOAD_CLUSTER_NETWORK_TYPE } from "../../src/component/workload-cluster-network";
import {
    componentSchema,
    type PackageSchema,
    type SchemaObject,
    type SchemaProperty,
} from "../fixtures/component-schema";
import { deploy } from "../fixtures/harness";
import {
    EXAMPLES_DIR,
    REPO_ROOT,
    asResolvedFlows,
    projectOf,
    stackValues,
    type ProjectFile,
} from "./harness";

/*
 * The Pulumi YAML example consumes the component through the package schema other languages get. Its
 * resource type, every property (nested objects and lists included) and every output it reads are checked
 * against `ComponentProvider.getSchema()`, so renaming an arg or output breaks this test; then the values
 * it passes are validated and deployed under mocks like a TypeScript program's.
 */

const EXAMPLE = "yaml";

const EXPRESSION = /^\$\{([^}]+)\}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The object type a `$ref` names, or undefined for refs outside the package (e.g. `pulumi.json#/Any`). */
function refType(schema: PackageSchema, ref: string): SchemaObject | undefined {
    const prefix = "#/types/";
    if (!ref.startsWith(prefix)) return undefined;
    const type = schema.types?.[ref.slice(prefix.length)];
    assert.ok(type, `the schema defines ${ref}`);
    return type;
}

/** Checks an object's keys against the schema's properties and required list; returns the problems. */
function checkObject(
    schema: PackageSchema,
    props: Record<string, SchemaProperty>,
    required: readonly string[],
    value: Record<string, unknown>,
    at: string,
): string[] {
    const problems = required.filter((k) => !(k in value)).map((k) => `${at}.${k}: required, missing`);
    for (const [key, item] of Object.entries(value)) {
        const prop = props[key];
        if (prop === undefined)
            problems.push(`${at}.${key}: not in the schema (${Object.keys(props).join(", ")})`);
        else problems.push(...checkValue(schema, prop, item, `${at}.${key}`));
    }
    return problems;
}

/** Checks one value against its schema property; `${...}` expressions are typed by Pulumi at run time. */
function checkValue(schema: PackageSchema, prop: SchemaProperty, value: unknown, at: string): string[] {
    if (typeof value === "string" && EXPRESSION.test(value)) return [];
    if (prop.$ref !== undefined) {
        const type = refType(schema, prop.$ref);
        if (type === undefined) return [];
        if (!isRecord(value)) return [`${at}: expected an object`];
        return checkObject(schema, type.properties ?? {}, type.required ?? [], value, at);
    }
    switch (prop.type) {
        case "string":
            return typeof value === "string" ? [] : [`${at}: expected a string`];
        case "integer":
        case "number":
            return typeof value === "number" ? [] : [`${at}: expected a number`];
        case "boolean":
            return typeof value === "boolean" ? [] : [`${at}: expected a boolean`];
        case "array":
            if (!Array.isArray(value)) return [`${at}: expected a list`];
            return value.flatMap((v, i) =>
                prop.items ? checkValue(schema, prop.items, v, `${at}[${i}]`) : [],
            );
        case "object":
            if (!isRecord(value)) return [`${at}: expected a map`];
            return Object.entries(value).flatMap(([k, v]) =>
                prop.additionalProperties
                    ? checkValue(schema, prop.additionalProperties, v, `${at}.${k}`)
                    : [],
            );
        default:
            return [];
    }
}

/** Every `${...}` expression in a YAML value. */
function expressions(value: unknown): string[] {
    if (typeof value === "string") return [...value.matchAll(/\$\{([^}]+)\}/g)].map((m) => m[1]);
    if (Array.isArray(value)) return value.flatMap(expressions);
    if (isRecord(value)) return Object.values(value).flatMap(expressions);
    return [];
}

/** The YAML program's config values for the dev stack: the stack file's, else Pulumi.yaml's defaults. */
function configValues(project: ProjectFile): Record<string, unknown> {
    const stack = stackValues(EXAMPLE);
    const out: Record<string, unknown> = {};
    for (const [key, decl] of Object.entries(project.config ?? {})) {
        const value = stack[`${project.name}:${key}`] ?? decl.default;
        if (value !== undefined) out[key] = value;
    }
    return out;
}

/** Replaces whole-value `${config}` expressions with the config's values, as Pulumi YAML does. */
function substitute(value: unknown, config: Record<string, unknown>): unknown {
    if (typeof value === "string") {
        const name = EXPRESSION.exec(value)?.[1];
        return name !== undefined && name in config ? config[name] : value;
    }
    if (Array.isArray(value)) return value.map((v) => substitute(v, config));
    if (isRecord(value))
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, config)]));
    return value;
}

describe("example yaml: the component from Pulumi YAML, checked against the package schema", () => {
    const project = projectOf(EXAMPLE);
    const resources = Object.entries(project.resources ?? {});
    const components = resources.filter(([, r]) => r.type === WORKLOAD_CLUSTER_NETWORK_TYPE);
    let schema: PackageSchema;
    let resource: SchemaObject;

    before(async function () {
        this.timeout(90_000);
        schema = await componentSchema();
        const found = schema.resources[WORKLOAD_CLUSTER_NETWORK_TYPE];
        assert.ok(found, `the schema has ${WORKLOAD_CLUSTER_NETWORK_TYPE}`);
        resource = found;
    });

    it("is a YAML program that takes the package from the repository root, a nodejs source plugin", () => {
        assert.equal(project.runtime, "yaml");
        const source = project.packages?.["oke-c3-network"];
        assert.ok(source, "packages: oke-c3-network");
        assert.equal(path.resolve(EXAMPLES_DIR, EXAMPLE, source), REPO_ROOT);
        const plugin = parse(fs.readFileSync(path.join(REPO_ROOT, "PulumiPlugin.yaml"), "utf8")) as {
            runtime: string;
        };
        assert.equal(plugin.runtime, "nodejs");
        assert.equal(schema.name, "oke-c3-network");
        assert.equal(resource.isComponent, true);
    });

    it("declares one WorkloadClusterNetwork with the schema's type token", () => {
        assert.equal(components.length, 1);
    });

    it("passes only properties the schema has, with the right shapes, and every required one", () => {
        for (const [name, r] of components) {
            const problems = checkObject(
                schema,
                resource.inputProperties ?? {},
                resource.requiredInputs ?? [],
                r.properties ?? {},
                name,
            );
            assert.deepEqual(problems, []);
        }
    });

    it("the check is not vacuous: a renamed, a misplaced nested or a mistyped property is caught", () => {
        const [[name, r]] = components;
        const props = { ...r.properties, kubeClientCidr: ["10.0.0.0/8"], cidrs: { vcnCidr: "10.0.0.0/16" } };
        const problems = checkObject(
            schema,
            resource.inputProperties ?? {},
            resource.requiredInputs ?? [],
            { ...props, kubernetesApiPort: "6443" },
            name,
        );
        assert.deepEqual(problems.map((p) => p.replace(/ \(.*\)$/, "")).sort(), [
            `${name}.cidrs.vcn: required, missing`,
            `${name}.cidrs.vcnCidr: not in the schema`,
            `${name}.kubeClientCidr: not in the schema`,
            `${name}.kubernetesApiPort: expected a number`,
        ]);
    });

    it("reads only outputs the schema has", () => {
        const names = new Set(components.map(([name]) => name));
        const used = expressions(project.outputs).filter((e) => names.has(e.split(".")[0]));
        assert.ok(used.length >= 3);
        for (const e of used) {
            const output = e.split(".")[1];
            assert.ok(resource.properties?.[output], `${e}: ${output} is an output of the component`);
        }
    });

    it("refers only to declared config and resources", () => {
        const known = new Set([...Object.keys(project.config ?? {}), ...resources.map(([n]) => n)]);
        for (const e of expressions([project.resources, project.outputs]))
            assert.ok(known.has(e.split(".")[0]), `\${${e}} is declared`);
    });

    it("its dev-stack values are a valid config whose required flows all hold under mocks", async () => {
        const [[name, r]] = components;
        const args = substitute(r.properties, configValues(project)) as WorkloadClusterNetworkArgs;
        assert.deepEqual(validateConfig(args), []);
        const d = await deploy(args, name);
        const flows = asResolvedFlows(await valueOf(d.network.requiredFlows));
        const failed = evaluateFlows(d.model, flows).filter((v) => v.status !== "allowed");
        assert.deepEqual(
            failed.map((v) => v.query.id),
            [],
        );
        assert.equal((await valueOf(d.network.cidrs)).worker, "172.31.253.0/24");
    });
});
