/*
 * The repository's own Pulumi program: `pulumi up` at the repository root builds one OKE workload-cluster
 * network on C3 from the stack's config (see Pulumi.yaml for the keys and Oracle's example defaults).
 */
import * as pulumi from "@pulumi/pulumi";
import { argsFromConfig, unknownStackConfigKeys } from "../src/config/stack-config";
import { NetworkConfigError } from "../src/config/types";
import { WorkloadClusterNetwork } from "../src/component/workload-cluster-network";

// A misspelt key (`vcnCIDR`) would be ignored by pulumi.Config and plan the default network instead.
const unknown = unknownStackConfigKeys(Object.keys(pulumi.runtime.allConfig()), [pulumi.getProject()]);
if (unknown.length > 0) throw new NetworkConfigError(unknown);

const config = new pulumi.Config();

/**
 * One key as the CLI stores it: structured values (lists, objects, numbers, booleans) are JSON, strings are
 * plain text, on which `getObject` throws (found by the engine suite: `pulumi config set compartmentId ocid1...`).
 */
function read(key: string): unknown {
    try {
        return config.getObject<unknown>(key);
    } catch {
        return config.get(key);
    }
}

const network = new WorkloadClusterNetwork(pulumi.getProject(), argsFromConfig(read));

export const vcnId = network.vcnId;
export const subnetIds = network.subnetIds;
export const securityListIds = network.securityListIds;
export const routeTableIds = network.routeTableIds;
export const nsgIds = network.nsgIds;
export const cidrs = network.cidrs;
export const requiredFlows = network.requiredFlows;
