import { recordProgram, valueOf, type RecordedRun } from "../../src/testing/mock-run";
import type { ResourceRecord } from "../../src/analysis/model/resources";
import type { ResolvedFlow } from "../../src/catalogue/types";
import { WorkloadClusterNetwork } from "../../src/component/workload-cluster-network";
import type { WorkloadClusterNetworkArgs } from "../../src/config/types";
import { compareNetwork, type Comparison } from "./compare";
import type { ConfigCase } from "./configs";

/** A config run once under the mock engine: what it registered and its `requiredFlows` output. */
export interface RecordedCase {
    /** Every registered resource. */
    readonly records: ResourceRecord[];
    /** The component's `requiredFlows`. */
    readonly required: ResolvedFlow[];
}

/**
 * Records one config under the mock engine; undefined when the component refuses the config. Pulumi stamps
 * a stack trace on every promise it makes (`debuggablePromise`), and under ts-node each trace is
 * source-mapped: about 8× the CPU of the run itself. The traces only feed Pulumi's leak messages, so they
 * are switched off while recording.
 */
export async function recordCase(args: WorkloadClusterNetworkArgs): Promise<RecordedCase | undefined> {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    let run: RecordedRun<WorkloadClusterNetwork>;
    try {
        run = await recordProgram(() => new WorkloadClusterNetwork("oke", args));
    } catch (error) {
        if (error instanceof Error && error.name === "NetworkConfigError") return undefined;
        throw error;
    } finally {
        Error.stackTraceLimit = limit;
    }
    // `requiredFlows` is the component's output of plain ResolvedFlow data, its enums widened to strings.
    const required = (await valueOf(run.result.requiredFlows)) as unknown as ResolvedFlow[];
    return { records: run.records, required };
}

/** Records a config and compares everything; throws when the config is refused. */
export async function compareCase(
    c: ConfigCase,
): Promise<{ recorded: RecordedCase; comparisons: Comparison[] }> {
    const recorded = await recordCase(c.args);
    if (recorded === undefined) throw new Error(`the component refused ${JSON.stringify(c.args)}`);
    return { recorded, comparisons: compareNetwork(c, recorded.records, recorded.required) };
}
