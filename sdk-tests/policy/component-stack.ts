import type { PolicyResource } from "@pulumi/policy";
import {
    WorkloadClusterNetwork,
    WORKLOAD_CLUSTER_NETWORK_TYPE,
} from "../../src/component/workload-cluster-network";
import type { WorkloadClusterNetworkArgs } from "../../src/config/types";
import { recordProgram, valueOf } from "../../src/testing/mock-run";
import type { ResourceRecord } from "../../src/analysis/model/resources";
import { policyResources, type ExtraOutputs, type Shape } from "./harness";

/*
 * The stack a policy sees when a program builds the network with the component: every child the mock engine
 * recorded, plus the component's registered outputs (`requiredFlows`, `cidrs`), which the engine keeps as the
 * component's outputs and hands to stack policies. Those two are plain data, known even in a preview.
 */

/** Oracle's example (docs/oracle-c3-network.md §2a): 172.31.252.0/23 carved into Oracle's layout, kube clients 10.0.0.0/8. */
export const ORACLE_EXAMPLE_ARGS: WorkloadClusterNetworkArgs = {
    compartmentId: "ocid1.compartment.oc1..test",
    cidrs: { vcn: "172.31.252.0/23" },
    kubeClientCidrs: ["10.0.0.0/8"],
};

/** A component run as the policy sees it. */
export interface ComponentStack {
    /** The PolicyResources. */
    resources: PolicyResource[];
    /** The records behind them. */
    records: ResourceRecord[];
    /** The component's registered outputs, for whoever shapes the records again. */
    extra: ExtraOutputs;
}

/** Runs the component under the mock engine and shapes what it registered as a preview or an update. */
export async function componentStack(
    args: WorkloadClusterNetworkArgs,
    shape: Shape,
    options: { dropDependencies?: boolean } = {},
): Promise<ComponentStack> {
    const run = await recordProgram(() => new WorkloadClusterNetwork("oke", args), {
        preview: shape === "preview",
    });
    const outputs = {
        requiredFlows: await valueOf(run.result.requiredFlows),
        cidrs: await valueOf(run.result.cidrs),
    };
    const extra: ExtraOutputs = (record) =>
        record.type === WORKLOAD_CLUSTER_NETWORK_TYPE ? outputs : undefined;
    return { resources: policyResources(run.records, shape, extra, options), records: run.records, extra };
}
