import * as pulumi from "@pulumi/pulumi";
import type { ResourceRecord } from "../../src/analysis/model/resources";

/*
 * Runs Pulumi programs in-process under `pulumi.runtime.setMocks` and records every resource registered with
 * the mock engine, with its parent and property dependencies. This is how the offline `plan` command and
 * the tests see exactly what `pulumi up` would send to OCI, without the Pulumi CLI, the OCI provider
 * plugin or a cloud.
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
    /** Every resource registered, in registration order. */
    records: ResourceRecord[];
    /** The program's return value. */
    result: T;
}

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

interface RegisterRequest {
    getType(): string;
    getName(): string;
    getParent(): string;
    getPropertydependenciesMap(): {
        forEach(cb: (deps: { getUrnsList(): string[] }, key: string) => void): void;
    };
}

interface RegisterResponse {
    getUrn(): string;
}

interface PatchableMonitor {
    registerResource(req: RegisterRequest, cb: (err: unknown, res?: RegisterResponse) => void): void;
}

interface Settings {
    getMonitor(): PatchableMonitor | undefined;
    waitForRPCs?(): Promise<void>;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const settings = require("@pulumi/pulumi/runtime/settings") as Settings;

function dependencies(req: RegisterRequest): Record<string, string[]> {
    const deps: Record<string, string[]> = {};
    req.getPropertydependenciesMap().forEach((value, key) => {
        const urns = value.getUrnsList();
        if (urns.length > 0) deps[key] = [...urns].sort();
    });
    return deps;
}

/** Wraps the mock monitor so each record also gets its URN, parent and property dependencies. */
function captureMetadata(byName: Map<string, ResourceRecord>): void {
    const monitor = settings.getMonitor();
    if (monitor === undefined) throw new Error("oke-c3-network: no mock monitor");
    const original = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, cb) => {
        original(req, (err, res) => {
            const record = byName.get(`${req.getType()}::${req.getName()}`);
            if (record !== undefined && res !== undefined) {
                record.urn = res.getUrn();
                if (req.getParent() !== "") record.parent = req.getParent();
                record.propertyDependencies = dependencies(req);
            }
            cb(err, res);
        });
    };
}

async function settle(): Promise<void> {
    if (settings.waitForRPCs !== undefined) {
        await settings.waitForRPCs();
        return;
    }
    for (let i = 0; i < 50; i++) await new Promise((resolve) => setImmediate(resolve));
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
    const byName = new Map<string, ResourceRecord>();
    const preview = options.preview ?? false;
    await pulumi.runtime.setMocks(
        {
            newResource(args: pulumi.runtime.MockResourceArgs) {
                const id = args.custom === false ? undefined : mockId(args.type, args.name);
                const inputs = args.inputs as Record<string, unknown>;
                const record: ResourceRecord = { type: args.type, name: args.name, urn: "", inputs };
                if (id !== undefined && !preview) record.id = id;
                records.push(record);
                byName.set(`${args.type}::${args.name}`, record);
                return {
                    id: preview ? undefined : id,
                    state: { ...inputs, ...computedState(args.type, args.name) },
                };
            },
            call(args: pulumi.runtime.MockCallArgs) {
                return args.inputs as Record<string, unknown>;
            },
        },
        options.project ?? "oke-c3-network",
        options.stack ?? "plan",
        preview,
    );
    captureMetadata(byName);
    const result = program();
    await settle();
    return { records, result };
}

/** Resolves an Output's value after a recorded run (mock outputs resolve in-process). */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => output.apply((value) => resolve(value)));
}
