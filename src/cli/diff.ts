import { diffModels, diffReports, type ModelDiff, type ReportDiff } from "../analysis/report/diff";
import type { OfflinePlan } from "./plan";

/*
 * `plan --diff OTHER`: like `git diff OTHER`, the other config is the baseline and the planned config the
 * change. The probe set is the union of both configs' required flows plus every rule of both networks.
 */

/** What the planned config opens and closes compared with the baseline. */
export interface PlanDiff {
    /** The baseline file, as given. */
    against: string;
    /** Probes opened and closed. */
    model: ModelDiff;
    /** Required flows and findings that changed. */
    report: ReportDiff;
}

/** Compares the planned network with the baseline's. */
export function diffPlans(baseline: OfflinePlan, planned: OfflinePlan, against: string): PlanDiff {
    return {
        against,
        model: diffModels(baseline.model, planned.model, [...baseline.flows, ...planned.flows]),
        report: diffReports(baseline.report, planned.report),
    };
}
