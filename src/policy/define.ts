import type {
    EnforcementLevel,
    PolicyConfigSchema,
    ReportViolation,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import { configRecord } from "./config";
import { reportResult, type CheckResult } from "./report";
import { stackViewOf, type StackView } from "./stack";

/*
 * Every policy of the pack is a stack policy: OCI security only makes sense across resources (a subnet, the
 * lists it carries, the NSGs of its VNICs, its route table, the gateways), and in a preview those links are
 * known only through propertyDependencies, which per-resource policies never see. Each policy is a pure
 * check over the stack's records plus this thin adapter, so the checks can be run and tested without a
 * policy server.
 */

/** "This policy does not apply to this stack", with the reason Pulumi shows. */
export interface NotApplicable {
    /** Why. */
    notApplicable: string;
}

/** A check's answer: findings, or not applicable. */
export type CheckOutcome = CheckResult | NotApplicable;

/** A policy of this pack: metadata, how it reads its config, and its check. */
export interface StackCheck<C> {
    /** Kebab-case policy name, unique in the pack. */
    name: string;
    /** One sentence: what the policy guarantees. */
    description: string;
    /** Default enforcement level; users override it in the pack config. */
    enforcementLevel: EnforcementLevel;
    /** What users may tune. */
    configSchema: PolicyConfigSchema;
    /** What to do about a violation. */
    remediationSteps: string;
    /** Reads the (possibly empty) config, applying defaults. */
    readConfig(raw: Record<string, unknown>): C;
    /** The check itself. */
    check(view: StackView, config: C): CheckOutcome;
}

/** Turns a check into a `StackValidationPolicy`. */
export function stackPolicy<C>(def: StackCheck<C>): StackValidationPolicy {
    return {
        name: def.name,
        description: def.description,
        enforcementLevel: def.enforcementLevel,
        configSchema: def.configSchema,
        remediationSteps: def.remediationSteps,
        validateStack: (args: StackValidationArgs, reportViolation: ReportViolation): void => {
            const config = def.readConfig(configRecord(args.getConfig<object>()));
            const outcome = def.check(stackViewOf(args.resources), config);
            if ("notApplicable" in outcome) args.notApplicable(outcome.notApplicable);
            else reportResult(reportViolation, outcome);
        },
    };
}

/** Runs a check on records directly (offline use and tests), with the config applied as a policy would. */
export function runCheck<C>(def: StackCheck<C>, view: StackView, raw: unknown = {}): CheckOutcome {
    return def.check(view, def.readConfig(configRecord(raw)));
}

/** The reason every network policy gives when the stack has no OKE network. */
export const NO_OKE_NETWORK =
    "the stack has no OKE network (no subnet with Oracle's names such as control-plane, no WorkloadClusterNetwork, no OKE cluster)";
