import type { ReportViolation } from "@pulumi/policy";

/*
 * What a check found, and how it reaches the engine.
 *
 * A preview leaves some values unknown (new resources' OCIDs, computed fields). A check that cannot decide
 * must neither pass silently nor fail a mandatory policy on something the user cannot fix before `up`. So
 * each check returns decided violations and undecided findings separately: violations are reported at the
 * policy's enforcement level; undecided findings are reported by the same policy, with the message prefix
 * {@link UNDECIDED_PREFIX} and the enforcement level `advisory` set on that one report (the object form of
 * `reportViolation`, which @pulumi/policy 1.21's analyzer honours per report). A preview therefore shows
 * them as warnings and does not fail; after `pulumi up` the values are known and the check decides.
 */

/** The prefix of every undecided report, so CI logs and tests can tell them from violations. */
export const UNDECIDED_PREFIX = "could not be decided";

/** One report of a policy (a violation or an undecided check): a sentence for the user and, when one resource is to blame, its URN. The analyzer's findings are `Finding` (oke-c3-network/analysis). */
export interface PolicyReport {
    /** What is wrong (or undecided) and what to do. */
    message: string;
    /** The resource to point at. */
    urn?: string;
}

/** A check's outcome. */
export interface CheckResult {
    /** Decided violations: reported at the policy's enforcement level. */
    violations: PolicyReport[];
    /** What could not be decided (unknown values): reported as advisory. */
    undecided: PolicyReport[];
}

/** An empty outcome to fill. */
export function emptyResult(): CheckResult {
    return { violations: [], undecided: [] };
}

/** Appends one outcome to another. */
export function mergeInto(target: CheckResult, more: CheckResult): void {
    target.violations.push(...more.violations);
    target.undecided.push(...more.undecided);
}

/**
 * The object form of `reportViolation` in @pulumi/policy's analyzer (`makeReportViolationFun`): its
 * `enforcementLevel` overrides the policy's for this one report. 1.21 accepts it at run time although its
 * `ReportViolation` type only declares the string form.
 */
interface LeveledReport {
    message: string;
    urn?: string;
    enforcementLevel: "advisory";
}

/** Reports a check's outcome: violations at the policy's level, undecided findings as advisory. */
export function reportResult(reportViolation: ReportViolation, result: CheckResult): void {
    for (const violation of result.violations) reportViolation(violation.message, violation.urn);
    const reportLeveled = reportViolation as unknown as (report: LeveledReport) => void;
    for (const finding of dedupe(result.undecided)) {
        const report: LeveledReport = {
            message: `${UNDECIDED_PREFIX}: ${finding.message}`,
            enforcementLevel: "advisory",
        };
        if (finding.urn !== undefined) report.urn = finding.urn;
        reportLeveled(report);
    }
}

/** The same undecided sentence about the same resource is said once. */
function dedupe(findings: PolicyReport[]): PolicyReport[] {
    const seen = new Set<string>();
    return findings.filter((f) => {
        const key = `${f.urn ?? ""}\n${f.message}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
    });
}
