import type { ResourceRecord } from "../analysis/model/resources";
import { knownString } from "../analysis/model/resource-values";
import { CNI_SCHEMA, readChoice, readSubnetNames, SUBNET_NAMES_SCHEMA, type SubnetNames } from "./config";
import { NO_OKE_NETWORK, stackPolicy, type CheckOutcome, type StackCheck } from "./define";
import { urnOf } from "./format";
import { detectCni, okeNetworks, type OkeNetwork } from "./networks";
import { emptyResult, type CheckResult } from "./report";
import type { StackView } from "./stack";

/*
 * oke-c3-required-names: C3 finds the control plane's subnet by its display name, `control-plane`, and a
 * VCN-native cluster's pod subnet by `pod`; cluster creation fails without them (docs/oracle-c3-network.md §5, §7.9). Every other
 * name in Oracle's docs is an example. VCN-native is in use when the config says so, the component's
 * layout has a pod subnet, or an OKE cluster in the VCN sets cniType OCI_VCN_IP_NATIVE.
 */

/** The config of {@link requiredNamesPolicy}. */
export interface RequiredNamesConfig {
    /** Force the CNI instead of detecting it. */
    cni?: "flannel" | "vcn-native";
    /** Renamed subnets (only to recognise the network; `control-plane` and `pod` cannot be renamed). */
    subnetNames: SubnetNames;
}

const CONTROL_PLANE = "control-plane";
const POD = "pod";

const DEFINITION: StackCheck<RequiredNamesConfig> = {
    name: "oke-c3-required-names",
    description:
        "Each OKE network has a subnet named exactly `control-plane`, and one named exactly `pod` when VCN-native pod networking is in use.",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Set the subnet's displayName to `control-plane` (the control plane's subnet) or `pod` (the VCN-native pod subnet); C3 looks them up by name.",
    configSchema: { properties: { cni: CNI_SCHEMA, subnetNames: SUBNET_NAMES_SCHEMA } },
    readConfig: (raw) => {
        const config: RequiredNamesConfig = { subnetNames: readSubnetNames(raw) };
        const cni = readChoice(raw, "cni", ["flannel", "vcn-native"] as const);
        if (cni !== undefined) config.cni = cni;
        return config;
    },
    check: checkRequiredNames,
};

/** The check of {@link requiredNamesPolicy}. */
export function checkRequiredNames(view: StackView, config: RequiredNamesConfig): CheckOutcome {
    const networks = okeNetworks(view, { subnetNames: config.subnetNames });
    if (networks.length === 0) return { notApplicable: NO_OKE_NETWORK };
    const result = emptyResult();
    for (const network of networks) {
        requireName(
            network,
            CONTROL_PLANE,
            "C3 runs the control plane in it and finds it by this name",
            result,
        );
        const cni = detectCni(network, config.cni);
        if (cni.cni === "vcn-native")
            requireName(
                network,
                POD,
                `VCN-native pod networking is in use (${cni.why}) and C3 takes pod IPs from it`,
                result,
            );
    }
    return result;
}

/** Reports a missing name, or an undecided one when some subnet's name is unknown or the VCN is not in the stack. */
function requireName(network: OkeNetwork, name: string, why: string, result: CheckResult): void {
    const records = [...network.subnets.values()];
    if (records.some((r) => knownString(r.inputs.displayName) === name)) return;
    const urn = urnOf(network.vcn?.urn ?? network.model.key);
    const at = urn === undefined ? {} : { urn };
    const head = `${network.label} has no subnet named \`${name}\` (${why}; docs/oracle-c3-network.md §5, §7.9)`;
    const unknownNames = records.filter((r) => knownString(r.inputs.displayName) === undefined);
    if (unknownNames.length > 0) {
        result.undecided.push({
            message: `${head}, but the display names of ${unknownNames.map((r) => r.name).join(", ")} are unknown`,
            ...at,
        });
        return;
    }
    if (network.incomplete) {
        result.undecided.push({
            message: `${head}; some subnets of the stack could not be linked to their VCN and may be it`,
            ...at,
        });
        return;
    }
    if (network.vcn === undefined) {
        result.undecided.push({
            message: `${head} in this stack; the VCN is not in the stack and may have one created elsewhere`,
            ...at,
        });
        return;
    }
    const near = nearMiss(records, name);
    result.violations.push({
        message: `${head}.${near === undefined ? "" : ` Subnet ${near} looks meant to be it: rename it to \`${name}\`.`} Cluster creation fails without it.`,
        ...at,
    });
}

/** A subnet whose name differs from `name` only in case or punctuation, e.g. `Control_Plane`. */
function nearMiss(records: ResourceRecord[], name: string): string | undefined {
    const squash = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]/g, "");
    const target = squash(name);
    const found = records
        .map((r) => knownString(r.inputs.displayName))
        .find((n) => n !== undefined && squash(n) === target);
    return found === undefined ? undefined : `\`${found}\``;
}

/** oke-c3-required-names (stack policy, mandatory by default). */
export const requiredNamesPolicy = stackPolicy(DEFINITION);

/** The definition behind {@link requiredNamesPolicy}, for offline runs. */
export const requiredNamesCheck = DEFINITION;
