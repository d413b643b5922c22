import { analyzeNetwork } from "../analysis/analyze";
import type { AcknowledgedTraffic, TrafficException } from "../analysis/checks/findings";
import { modelsFromResources } from "../analysis/model/from-resources";
import { recordProgram, valueOf } from "../testing/mock-run";
import type { NetworkModel } from "../analysis/model/model";
import type { AnalysisReport } from "../analysis/report/report";
import { resolvedFlowsFromOutput } from "../analysis/requirements/flows-for-model";
import type { ResourceRecord } from "../analysis/model/resources";
import type { ResolvedFlow } from "../catalogue/types";
import { WorkloadClusterNetwork } from "../component/workload-cluster-network";
import type { ResolvedConfig, WorkloadClusterNetworkArgs } from "../config/types";
import { resolveNetwork } from "../config/resolve";
import { planNetwork } from "../plan/plan";
import type { LoadedInput } from "./input";

/*
 * One offline plan: the config is validated and planned exactly as the component does it (so a refused
 * config fails here with the component's own NetworkConfigError), then the component runs under Pulumi's
 * mock engine and the analyzer reads what it REGISTERED, not what it meant to.
 */

/** Everything the renderers need about one planned network. */
export interface OfflinePlan {
    /** Where the config came from. */
    input: LoadedInput;
    /** The validated config. */
    config: ResolvedConfig;
    /** The component's `requiredFlows`. */
    flows: ResolvedFlow[];
    /** The model built from the registered resources. */
    model: NetworkModel;
    /** The analysis. */
    report: AnalysisReport;
}

/**
 * Validates, runs the component under mocks and analyses the result.
 *
 * @throws NetworkConfigError when the component would refuse the config.
 */
export async function planOffline(input: LoadedInput, exceptions: TrafficException[]): Promise<OfflinePlan> {
    const args = input.args;
    // The component derives the VCN DNS label from its name the same way.
    const config = resolveNetwork(input.name, args);
    const plan = planNetwork(config);
    const run = await recordProgram(() => new WorkloadClusterNetwork(input.name, args), {
        project: input.name,
        stack: "plan",
    });
    const flows = resolvedFlowsFromOutput(await valueOf(run.result.requiredFlows)) ?? plan.flows;
    const models = modelsFromResources(withExistingVcn(run.records, args, config));
    if (models.length !== 1)
        throw new Error(`oke-c3-network: expected one VCN, the component registered ${models.length}`);
    const report = analyzeNetwork(models[0], flows, {
        anywhereExceptions: exceptions,
        // The acknowledgements tie flows to config fields, which only the plan knows (the output leaves them out).
        acknowledgedAnywhere: acknowledgedTraffic(config, plan.flows),
        clusterAccess: config.clusterAccess,
    });
    return { input, config, flows, model: models[0], report };
}

/**
 * An existing VCN is not registered by the component. Like a `pulumi` `get` would, the plan tells the
 * analyzer about it, with the CIDR the config states (validation requires `cidrs.vcn` to be its CIDR).
 */
function withExistingVcn(
    records: ResourceRecord[],
    args: WorkloadClusterNetworkArgs,
    config: ResolvedConfig,
): ResourceRecord[] {
    const id = args.existingVcn?.id;
    if (typeof id !== "string") return records;
    const vcn: ResourceRecord = {
        type: "oci:Core/vcn:Vcn",
        name: "existing-vcn",
        urn: `urn:pulumi:plan::existing::oci:Core/vcn:Vcn::existing-vcn`,
        id,
        inputs: { cidrBlocks: [config.layout.vcn], displayName: `existing VCN ${id}` },
    };
    return [vcn, ...records];
}

/**
 * The traffic of every flow whose world-wide sources the config acknowledges: still reported as world-open,
 * at severity info with the reason, since the user said so in the config itself.
 */
export function acknowledgedTraffic(
    config: ResolvedConfig,
    flows: readonly ResolvedFlow[],
): AcknowledgedTraffic[] {
    return config.worldWideSources.flatMap((ack) =>
        flows
            .filter((flow) => flow.sourceFields?.includes(ack.field) === true)
            .map((flow): AcknowledgedTraffic => {
                const reason = `${ack.field}: ${ack.reason}`;
                if (flow.protocol === "icmp")
                    return { protocol: "icmp", reason, ...(flow.icmp && { icmpType: flow.icmp.type }) };
                return { protocol: flow.protocol, reason, ...(flow.ports && { ports: flow.ports }) };
            }),
    );
}
