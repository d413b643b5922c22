import * as policySdk from "@pulumi/policy";
import type {
    EnforcementLevel,
    PolicyResource,
    PolicyResourceOptions,
    ReportViolation,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import type { ResourceRecord } from "../../src/analysis/model/resources";
import { policies } from "../../src/policy";

/*
 * An in-process stand-in for @pulumi/policy's analyzer (server.js `makeAnalyzeStackRpcFun`): it builds the
 * PolicyResource and StackValidationArgs objects the analyzer builds (props behind the same unknown-checking
 * proxy, parent and propertyDependencies as resource objects, isType/asType, getConfig, notApplicable,
 * stackTags) and collects what the policies report, including the per-report enforcement level of the
 * object form of reportViolation. `real-server.test.ts` checks these assumptions against the real analyzer.
 */

/** Runtime exports of @pulumi/policy that its declarations omit (its proxy.d.ts is empty). */
interface PolicyRuntime {
    unknownCheckingProxy: <T>(value: T) => T;
    UnknownValueError: new (...args: never[]) => Error;
}

const { unknownCheckingProxy, UnknownValueError } = policySdk as unknown as PolicyRuntime;

/** What the engine sends: a preview (new resources' ids unknown) or an update (every id known). */
export type Shape = "preview" | "update";

/** The engine's unknown-string sentinel, as a preview delivers unknown values. */
export const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** A mock engine OCID (`ocid1.<kind>.mock.<name>`): in a real preview every new resource's OCID is unknown. */
const MOCK_OCID = /^ocid1\.[a-z]+\.mock\./;

/** Outputs OCI computes that the engine would show after an update (the mock engine's computed state). */
function computedOutputs(record: ResourceRecord): Record<string, unknown> {
    if (record.type !== "oci:Core/vcn:Vcn") return {};
    return {
        defaultSecurityListId: `ocid1.securitylist.mock.${record.name}-default`,
        defaultRouteTableId: `ocid1.routetable.mock.${record.name}-default`,
    };
}

/** A value as the engine would send it in `shape`: unknowns (and, in a preview, new OCIDs) as the sentinel. */
function wireValue(value: unknown, shape: Shape): unknown {
    if (typeof value === "string")
        return shape === "preview" && MOCK_OCID.test(value) ? UNKNOWN_STRING : value;
    if (Array.isArray(value)) return value.map((v) => wireValue(v, shape));
    if (typeof value !== "object" || value === null) return value;
    if ((value as Record<string, unknown>).__pulumiUnknown === true) return UNKNOWN_STRING;
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) {
        // The analyzer drops properties whose value is undefined (deserializeProperties).
        if (field !== undefined) out[key] = wireValue(field, shape);
    }
    return out;
}

/** Extra outputs of a resource (e.g. a component's registered outputs), by record. */
export type ExtraOutputs = (record: ResourceRecord) => Record<string, unknown> | undefined;

/** A resource's outputs as the engine would send them in `shape` (plain JSON with unknown sentinels). */
export function wireProps(
    record: ResourceRecord,
    shape: Shape,
    extra?: ExtraOutputs,
): Record<string, unknown> {
    const outputs: Record<string, unknown> = { ...record.inputs, ...(extra?.(record) ?? {}) };
    if (shape === "update") {
        Object.assign(outputs, computedOutputs(record));
        if (record.id !== undefined) outputs.id = record.id;
    }
    return wireValue(outputs, shape) as Record<string, unknown>;
}

const OPTIONS: PolicyResourceOptions = {
    protect: false,
    ignoreChanges: [],
    aliases: [],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    additionalSecretOutputs: [],
};

/** @pulumi/policy's `isTypeOf`: the class's static `__pulumiType`, else its `isInstance`. */
function isTypeOf(type: string, resourceClass: object): boolean {
    const pulumiType = (resourceClass as { __pulumiType?: unknown }).__pulumiType;
    if (typeof pulumiType === "string") return pulumiType === type;
    const isInstance = (resourceClass as { isInstance?: (o: unknown) => boolean }).isInstance;
    return typeof isInstance === "function" && isInstance({ __pulumiType: type }) === true;
}

/**
 * The PolicyResources the analyzer would hand a stack policy for these records. A preview has no ids and
 * unknown OCIDs (references resolve only through propertyDependencies); an update has every id.
 */
export function policyResources(
    records: ResourceRecord[],
    shape: Shape,
    extra?: ExtraOutputs,
    options: { dropDependencies?: boolean } = {},
): PolicyResource[] {
    const resources = records.map((record) => {
        const props = unknownCheckingProxy(wireProps(record, shape, extra));
        const resource: PolicyResource = {
            type: record.type,
            props,
            urn: record.urn,
            name: record.name,
            opts: record.parent === undefined ? { ...OPTIONS } : { ...OPTIONS, parent: record.parent },
            dependencies: [],
            propertyDependencies: {},
            isType: (resourceClass: object) => isTypeOf(record.type, resourceClass),
            asType: ((resourceClass: object) =>
                isTypeOf(record.type, resourceClass) ? props : undefined) as PolicyResource["asType"],
        };
        return resource;
    });
    const byUrn = new Map(resources.map((r) => [r.urn, r] as const));
    records.forEach((record, i) => {
        const resource = resources[i];
        if (record.parent !== undefined) resource.parent = byUrn.get(record.parent);
        if (options.dropDependencies === true) return;
        const all = new Set<PolicyResource>();
        for (const [property, urns] of Object.entries(record.propertyDependencies ?? {})) {
            const targets = urns.map((u) => byUrn.get(u)).filter((r): r is PolicyResource => r !== undefined);
            resource.propertyDependencies[property] = targets;
            targets.forEach((t) => all.add(t));
        }
        resource.dependencies = [...all];
    });
    return resources;
}

/** One diagnostic as the engine would receive it. */
export interface Diagnostic {
    /** The policy that reported it. */
    policyName: string;
    /** The message (for the string form: the policy's description, a newline, then the text). */
    message: string;
    /** The resource blamed. */
    urn?: string;
    /** The level the engine applies to this report. */
    enforcementLevel: EnforcementLevel;
}

/** What running policies produced. */
export interface PolicyRun {
    /** Every report. */
    diagnostics: Diagnostic[];
    /** Policies that said they do not apply, with their reason. */
    notApplicable: Record<string, string>;
}

class NotApplicableError extends Error {
    constructor(readonly reason: string | undefined) {
        super(reason ?? "Policy does not apply");
    }
}

/** The report function of @pulumi/policy's analyzer (string form and object form). */
function reporter(
    policy: StackValidationPolicy,
    level: EnforcementLevel,
    out: Diagnostic[],
): ReportViolation {
    return (message: unknown, urn?: string) => {
        if (typeof message === "object" && message !== null) {
            const info = message as { message?: string; urn?: string; enforcementLevel?: EnforcementLevel };
            out.push({
                policyName: policy.name,
                message: info.message ?? policy.description,
                ...(info.urn === undefined ? {} : { urn: info.urn }),
                enforcementLevel: info.enforcementLevel ?? level,
            });
            return;
        }
        const text = typeof message === "string" && message !== "" ? `\n${message}` : "";
        out.push({
            policyName: policy.name,
            message: `${policy.description}${text}`,
            ...(urn === undefined ? {} : { urn }),
            enforcementLevel: level,
        });
    };
}

/** Runs one stack policy as the analyzer does; `config` is the policy's entry of the pack config. */
export async function runStackPolicy(
    policy: StackValidationPolicy,
    resources: PolicyResource[],
    config: object = {},
    run: PolicyRun = { diagnostics: [], notApplicable: {} },
): Promise<PolicyRun> {
    const level = policy.enforcementLevel ?? "advisory";
    const args: StackValidationArgs = {
        resources,
        stackTags: new Map<string, string>(),
        getConfig: <T extends object>(): T => config as T,
        notApplicable: (reason?: string): never => {
            throw new NotApplicableError(reason);
        },
    };
    try {
        await Promise.resolve(policy.validateStack(args, reporter(policy, level, run.diagnostics)));
    } catch (e) {
        if (e instanceof NotApplicableError) run.notApplicable[policy.name] = e.reason ?? "";
        else if (e instanceof UnknownValueError)
            run.diagnostics.push({
                policyName: policy.name,
                message: `can't run policy '${policy.name}' during preview: ${e.message}`,
                enforcementLevel: "advisory",
            });
        else throw e;
    }
    return run;
}

/** Runs every policy of the pack; `config` maps policy names to their config. */
export async function runPack(
    resources: PolicyResource[],
    config: Record<string, object> = {},
): Promise<PolicyRun> {
    const run: PolicyRun = { diagnostics: [], notApplicable: {} };
    for (const policy of policies) {
        if ("validateStack" in policy)
            await runStackPolicy(policy, resources, config[policy.name] ?? {}, run);
    }
    return run;
}

/** The pack's advisory statement of what the required flows assume (Oracle's own design always has some). */
export const ROUTE_ASSUMPTIONS = "oke-c3-route-assumptions";

/** The run without `oke-c3-route-assumptions`: tests of what the other policies report set it apart. */
export function apartFromAssumptions(run: PolicyRun): PolicyRun {
    return { ...run, diagnostics: run.diagnostics.filter((d) => d.policyName !== ROUTE_ASSUMPTIONS) };
}

/** The flows each `oke-c3-route-assumptions` message names, sorted, with its level. */
export function assumedFlows(run: PolicyRun): string[] {
    return run.diagnostics
        .filter((d) => d.policyName === ROUTE_ASSUMPTIONS)
        .flatMap((d) => {
            const ids = /required flows? ([a-z0-9-]+(?:, [a-z0-9-]+)*) holds? only if/.exec(d.message)?.[1];
            return (ids ?? "?").split(", ").map((id) => `${d.enforcementLevel} ${id}`);
        })
        .sort();
}

/** Reports that are not advisory "could not be decided" ones. */
export function violations(run: PolicyRun): Diagnostic[] {
    return run.diagnostics.filter((d) => !d.message.startsWith("could not be decided"));
}

/** The advisory "could not be decided" reports. */
export function undecided(run: PolicyRun): Diagnostic[] {
    return run.diagnostics.filter((d) => d.message.startsWith("could not be decided"));
}

/** A readable dump for assertion messages. */
export function dump(run: PolicyRun): string {
    return run.diagnostics.map((d) => `[${d.enforcementLevel}] ${d.policyName}: ${d.message}`).join("\n");
}
