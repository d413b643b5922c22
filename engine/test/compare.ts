import * as pulumi from "@pulumi/pulumi";
import type { Deployment } from "@pulumi/pulumi/automation";
import { recordProgram, valueOf } from "../../src/testing/mock-run";
import type { ResourceRecord } from "../../src/analysis/model/resources";
import { typeAndName } from "./engine";

/*
 * What the real engine kept in its state and what the mock engine recorded for the same program, side by side.
 * Ids differ by construction (`ocid1.<kind>.mock.<name>` vs the stand-in's `ocid1.<kind>.stand-in.<hash>`), so
 * every id is replaced by the identity of the resource it belongs to (`type::name`, or `type::name#field` for
 * the ids OCI computes on a VCN) before comparing: a reference wired to the wrong resource still differs.
 */

/** The ids OCI computes on a VCN that programs read back. */
const VCN_COMPUTED = ["defaultSecurityListId", "defaultRouteTableId", "defaultDhcpOptionsId"] as const;
const VCN = "oci:Core/vcn:Vcn";

/** One registered resource, ids replaced by identities. */
export interface Registered {
    /** `type::name`. */
    key: string;
    /** The parent's `type::name`; undefined for children of the stack. */
    parent?: string;
    /** The inputs, ids replaced. */
    inputs: unknown;
}

/** Replaces every id string found in `ids` by its identity, recursively. */
export function identify(value: unknown, ids: Map<string, string>): unknown {
    if (typeof value === "string") return ids.get(value) ?? value;
    if (Array.isArray(value)) return value.map((v) => identify(v, ids));
    if (typeof value !== "object" || value === null) return value;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
        const field = (value as Record<string, unknown>)[key];
        if (field !== undefined) out[key] = identify(field, ids);
    }
    return out;
}

function parentKey(urn: string | undefined): string | undefined {
    if (urn === undefined || urn === "") return undefined;
    const key = typeAndName(urn);
    return key.startsWith("pulumi:pulumi:Stack::") ? undefined : key;
}

/** What one side registered, and its stack outputs, in comparable form. */
export interface Side {
    resources: Registered[];
    outputs: unknown;
}

/** The mock engine's side: the records of `recordProgram` and the program's resolved exports. */
export function mockSide(records: ResourceRecord[], exports: Record<string, unknown>): Side {
    const ids = new Map<string, string>();
    for (const r of records) {
        const key = `${r.type}::${r.name}`;
        if (r.id !== undefined) ids.set(r.id, key);
        // The mock engine's computed state (src/testing/mock-run.ts computedState).
        if (r.type === VCN) {
            ids.set(`ocid1.securitylist.mock.${r.name}-default`, `${key}#defaultSecurityListId`);
            ids.set(`ocid1.routetable.mock.${r.name}-default`, `${key}#defaultRouteTableId`);
            ids.set(`ocid1.dhcpoptions.mock.${r.name}-default`, `${key}#defaultDhcpOptionsId`);
        }
    }
    return {
        resources: records.map((r) => ({
            key: `${r.type}::${r.name}`,
            ...(parentKey(r.parent) === undefined ? {} : { parent: parentKey(r.parent) }),
            inputs: identify(r.inputs, ids),
        })),
        outputs: identify(exports, ids),
    };
}

interface StateResource {
    urn: string;
    type: string;
    id?: string;
    parent?: string;
    inputs?: Record<string, unknown>;
    outputs?: Record<string, unknown>;
}

/** The real engine's side: the exported deployment (stack and provider resources left out) and the outputs. */
export function engineSide(deployment: Deployment, outputs: Record<string, { value: unknown }>): Side {
    const state = (deployment.deployment as { resources?: StateResource[] }).resources ?? [];
    const own = state.filter(
        (r) => r.type !== "pulumi:pulumi:Stack" && !r.type.startsWith("pulumi:providers:"),
    );
    const ids = new Map<string, string>();
    for (const r of own) {
        const key = typeAndName(r.urn);
        if (r.id !== undefined && r.id !== "") ids.set(r.id, key);
        if (r.type === VCN)
            for (const field of VCN_COMPUTED) {
                const id = r.outputs?.[field];
                if (typeof id === "string") ids.set(id, `${key}#${field}`);
            }
    }
    const values: Record<string, unknown> = {};
    for (const [key, output] of Object.entries(outputs)) values[key] = output.value;
    return {
        resources: own.map((r) => ({
            key: typeAndName(r.urn),
            ...(parentKey(r.parent) === undefined ? {} : { parent: parentKey(r.parent) }),
            inputs: identify(r.inputs ?? {}, ids),
        })),
        outputs: identify(values, ids),
    };
}

/** Sorted `type::name` keys. */
export function keys(side: Side): string[] {
    return side.resources.map((r) => r.key).sort();
}

/** Runs a program under the mock engine (an update) with `config` and resolves its exports. */
export async function mockRun(
    program: () => Record<string, unknown>,
    config: Record<string, string>,
    project: string,
    stack: string,
): Promise<Side & { records: ResourceRecord[] }> {
    try {
        const run = await recordProgram(
            () => {
                pulumi.runtime.setAllConfig(config);
                return program();
            },
            { project, stack },
        );
        const exports: Record<string, unknown> = {};
        for (const [key, value] of Object.entries(run.result))
            exports[key] = pulumi.Output.isInstance(value) ? await valueOf(value) : value;
        return { ...mockSide(run.records, exports), records: run.records };
    } finally {
        pulumi.runtime.setAllConfig({});
    }
}

/** The changes between two mock runs, as the steps an update of the first to the second should take. */
export function expectedSteps(before: Side, after: Side): string[] {
    const old = new Map(before.resources.map((r) => [r.key, JSON.stringify(r.inputs)] as const));
    const steps: string[] = [];
    for (const r of after.resources) {
        const was = old.get(r.key);
        if (was === undefined) steps.push(`create ${r.key}`);
        else if (was !== JSON.stringify(r.inputs)) steps.push(`update ${r.key}`);
        old.delete(r.key);
    }
    for (const key of old.keys()) steps.push(`delete ${key}`);
    return steps.sort();
}
