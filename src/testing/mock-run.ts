import * as pulumi from "@pulumi/pulumi";
import type { ResourceRecord } from "../analysis/model/resources";

/*
 * Runs Pulumi programs in-process under `pulumi.runtime.setMocks` and records every resource registered with
 * the mock engine, with its URN, parent and property dependencies. This is how the offline `plan` command and
 * the tests see exactly what `pulumi up` would send to OCI, without the Pulumi CLI, the OCI provider plugin or
 * a cloud.
 *
 * Only the SDK's public entry point is used, so the package works with any `@pulumi/pulumi` in its peer
 * range: the mock's `newResource` gives each resource's type, name and inputs; a stack transformation
 * (`registerStackTransformation`, which needs a root stack, hence `runInPulumiStack`) gives the Resource
 * object, its parent and its input values; `Resource.urn` gives the URN the mock engine assigned; and
 * `serializeResourceProperties`, the SDK's own serializer, names the resources each input's Outputs come from.
 */

/** Options for {@link recordProgram}. */
export interface RecordOptions {
    /** Pretend to be `pulumi preview`: ids of new resources are unknown. Default false (an update). */
    preview?: boolean;
    /** Project name in URNs. */
    project?: string;
    /** Stack name in URNs. */
    stack?: string;
}

/** What a recorded run returns. */
export interface RecordedRun<T> {
    /** Every resource registered, in the order the program declared them. */
    records: ResourceRecord[];
    /** The program's return value. */
    result: T;
}

/** A resource the stack transformation saw, with the resources each of its inputs depends on directly. */
interface Seen {
    key: string;
    resource: pulumi.Resource;
    parent: pulumi.Resource | undefined;
    label: string;
    props: pulumi.Inputs;
    /** Read with `get`: recorded, but never given metadata (the engine reads it rather than registering it). */
    read: boolean;
}

const STACK_TYPE = pulumi.runtime.rootPulumiStackTypeName;

/** Deterministic fake OCIDs, so the same program records byte-identical data. */
function mockId(type: string, name: string): string {
    const kind = type.split(":").pop()?.toLowerCase() ?? "resource";
    return `ocid1.${kind}.mock.${name}`;
}

/** Outputs OCI computes that programs read back, such as the VCN's default list and route table ids. */
function computedState(type: string, name: string): Record<string, string> {
    if (type === "oci:Core/vcn:Vcn") {
        return {
            defaultSecurityListId: `ocid1.securitylist.mock.${name}-default`,
            defaultRouteTableId: `ocid1.routetable.mock.${name}-default`,
            defaultDhcpOptionsId: `ocid1.dhcpoptions.mock.${name}-default`,
        };
    }
    return {};
}

/**
 * The URN as a program without a root stack gets it. The mock engine, unlike the real one, puts the root
 * stack's type in its children's type chain (`pulumi:pulumi:Stack$oci:Core/vcn:Vcn`); the recorder's runs
 * never had a stack, so that link is dropped and URNs stay what they always were.
 */
function withoutStack(urn: string): string {
    const parts = urn.split("::");
    const prefix = `${STACK_TYPE}$`;
    if (parts.length >= 4 && parts[2].startsWith(prefix)) parts[2] = parts[2].slice(prefix.length);
    return parts.join("::");
}

function urnOf(resource: pulumi.Resource): Promise<string> {
    return valueOf(resource.urn).then(withoutStack);
}

/** The inputs' direct dependencies, as the SDK's serializer collects them when it registers the resource. */
function directDependencies(label: string, props: pulumi.Inputs): Promise<Map<string, Set<pulumi.Resource>>> {
    return pulumi.runtime.serializeResourceProperties(label, props).then(
        ([, deps]) => deps,
        // The registration itself reports a value that cannot be serialized.
        () => new Map<string, Set<pulumi.Resource>>(),
    );
}

/**
 * The engine's view of a dependency: a component stands for the custom resources it parents, found through
 * nested components (not through custom resources), and a resource never depends on itself.
 */
function customResourcesOf(
    direct: Set<pulumi.Resource>,
    self: pulumi.Resource,
    children: Map<pulumi.Resource, pulumi.Resource[]>,
): pulumi.Resource[] {
    const reached = new Set<pulumi.Resource>();
    const visit = (resource: pulumi.Resource): void => {
        if (reached.has(resource)) return;
        reached.add(resource);
        if (pulumi.ComponentResource.isInstance(resource) && resource !== self) {
            for (const child of children.get(resource) ?? []) visit(child);
        }
    };
    for (const resource of direct) visit(resource);
    return [...reached].filter((r) => pulumi.CustomResource.isInstance(r) && r !== self);
}

async function propertyDependencies(
    seen: Seen,
    children: Map<pulumi.Resource, pulumi.Resource[]>,
): Promise<Record<string, string[]>> {
    const deps: Record<string, string[]> = {};
    // Serialized after the run, not when the resource is constructed, so that the extra awaits cannot change
    // the order in which the engine registers resources.
    for (const [key, direct] of await directDependencies(seen.label, seen.props)) {
        const urns = await Promise.all(customResourcesOf(direct, seen.resource, children).map(urnOf));
        if (urns.length > 0) deps[key] = [...new Set(urns)].sort();
    }
    return deps;
}

/**
 * Waits until every resource the program declared is registered: a URN resolves once the mock engine has
 * registered (and so recorded) the resource. Resources declared later, in an `apply`, join the next round.
 */
async function registered(seen: Seen[]): Promise<string[]> {
    let urns: string[] = [];
    for (let count = -1; count !== seen.length;) {
        count = seen.length;
        urns = await Promise.all(seen.map((s) => urnOf(s.resource)));
        await new Promise((resolve) => setImmediate(resolve));
    }
    return urns;
}

/** Fills in each registered record's URN, parent and property dependencies once every resource has settled. */
async function attachMetadata(seen: Seen[], byKey: Map<string, ResourceRecord>): Promise<void> {
    const children = new Map<pulumi.Resource, pulumi.Resource[]>();
    for (const s of seen) {
        if (s.parent !== undefined) children.set(s.parent, [...(children.get(s.parent) ?? []), s.resource]);
    }
    const urns = await registered(seen);
    for (const [i, s] of seen.entries()) {
        const record = byKey.get(s.key);
        if (record === undefined || s.read) continue;
        record.urn = urns[i];
        if (s.parent !== undefined) record.parent = await urnOf(s.parent);
        record.propertyDependencies = await propertyDependencies(s, children);
    }
}

/**
 * The records in the order the program declared the resources. The order in which the engine receives them
 * follows the SDK's promise scheduling, which differs between SDK versions; the declaration order does not.
 */
function inDeclarationOrder(records: ResourceRecord[], seen: Seen[]): ResourceRecord[] {
    const order = new Map<string, number>();
    for (const [i, s] of seen.entries()) if (!order.has(s.key)) order.set(s.key, i);
    const rank = (r: ResourceRecord): number => order.get(`${r.type}::${r.name}`) ?? seen.length;
    return records
        .map((record, i) => ({ record, i }))
        .sort((a, b) => rank(a.record) - rank(b.record) || a.i - b.i)
        .map(({ record }) => record);
}

function mocks(
    records: ResourceRecord[],
    byKey: Map<string, ResourceRecord>,
    preview: boolean,
): pulumi.runtime.Mocks {
    return {
        newResource(args: pulumi.runtime.MockResourceArgs) {
            if (args.type === STACK_TYPE) return { id: undefined, state: {} };
            const id = args.custom === false ? undefined : mockId(args.type, args.name);
            const inputs = args.inputs as Record<string, unknown>;
            const record: ResourceRecord = { type: args.type, name: args.name, urn: "", inputs };
            if (id !== undefined && !preview) record.id = id;
            records.push(record);
            byKey.set(`${args.type}::${args.name}`, record);
            return {
                id: preview ? undefined : id,
                state: { ...inputs, ...computedState(args.type, args.name) },
            };
        },
        call(args: pulumi.runtime.MockCallArgs) {
            return args.inputs as Record<string, unknown>;
        },
    };
}

/** Registers the stack transformation that notes every resource constructed; it changes nothing. */
function watch(seen: Seen[]): void {
    pulumi.runtime.registerStackTransformation((args) => {
        seen.push({
            key: `${args.type}::${args.name}`,
            resource: args.resource,
            parent: args.opts.parent,
            label: args.name,
            props: args.props,
            read: "id" in args.opts && args.opts.id !== undefined,
        });
        return undefined;
    });
}

/**
 * Runs `program` under Pulumi's mock engine and returns every resource it registered. Custom resources get
 * deterministic fake OCIDs (unknown in preview mode); component resources are recorded too.
 */
export async function recordProgram<T>(
    program: () => T,
    options: RecordOptions = {},
): Promise<RecordedRun<T>> {
    const records: ResourceRecord[] = [];
    const byKey = new Map<string, ResourceRecord>();
    const seen: Seen[] = [];
    await pulumi.runtime.setMocks(
        mocks(records, byKey, options.preview ?? false),
        options.project ?? "oke-c3-network",
        options.stack ?? "plan",
        options.preview ?? false,
    );
    let outcome: { result: T } | undefined;
    await pulumi.runtime.runInPulumiStack(() => {
        watch(seen);
        outcome = { result: program() };
        return Promise.resolve(undefined);
    });
    if (outcome === undefined) throw new Error("oke-c3-network: the program did not run");
    await attachMetadata(seen, byKey);
    return { records: inDeclarationOrder(records, seen), result: outcome.result };
}

/** Resolves an Output's value after a recorded run (mock outputs resolve in-process). */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => output.apply((value) => resolve(value)));
}
