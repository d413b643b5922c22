import { nameProblems } from "./identity";
import { dnsLabelFromName, validateConfig, resolveConfig } from "./validate";
import {
    NetworkConfigError,
    type ConfigProblem,
    type ResolvedConfig,
    type WorkloadClusterNetworkArgs,
} from "./types";

/*
 * The single entry point from a component name and its args to a resolved config. The component, the CLI
 * and the public API all go through it, so the name is checked and the DNS label derived in one place, and
 * a refused config is refused before anything (the component resource included) is registered.
 */

function withDnsLabel(name: string, args: unknown): unknown {
    if (typeof args !== "object" || args === null || Array.isArray(args)) return args;
    const given = args as Record<string, unknown>;
    return given.dnsLabel === undefined ? { ...given, dnsLabel: dnsLabelFromName(name) } : args;
}

/** Every problem with the name and the args, without throwing. Empty when both are valid. */
export function networkProblems(name: unknown, args: unknown): ConfigProblem[] {
    const named = nameProblems(name);
    const label = typeof name === "string" && named.length === 0 ? name : "network";
    return [...named, ...validateConfig(withDnsLabel(label, args) as WorkloadClusterNetworkArgs)];
}

/**
 * Validates the component's name and args, carves the layout and fills every default (the VCN DNS label
 * from the name unless `dnsLabel` is given).
 *
 * @throws NetworkConfigError listing every problem at once; nothing has been registered.
 */
export function resolveNetwork(name: unknown, args: unknown): ResolvedConfig {
    const problems = networkProblems(name, args);
    if (problems.length > 0) throw new NetworkConfigError(problems);
    return resolveConfig(withDnsLabel(name as string, args) as WorkloadClusterNetworkArgs);
}
