/* The CLI's exit codes and one-line verdict, shared by `plan` and `verify` (the README lists the codes). */
import type { AnalysisReport } from "../analysis/report/report";
import { severityAtLeast, type Severity } from "../analysis/checks/finding";

/** Where the command reads and writes; injectable so tests can run it in-process too. */
export interface CliIo {
    /** Directory that relative file names are resolved against. */
    cwd: string;
    /** Environment (NO_COLOR). */
    env: Readonly<Record<string, string | undefined>>;
    /** Standard output. */
    stdout: { write(text: string): unknown; isTTY?: boolean };
    /** Standard error. */
    stderr: { write(text: string): unknown };
}

/** Exit code when the plan is fine, when a flow fails or a finding reaches --fail-on, and for bad input. */
export const EXIT = { ok: 0, failed: 1, badInput: 2 } as const;

/** Findings at or above the --fail-on threshold. */
function breaches(report: AnalysisReport, failOn: Severity | undefined): number {
    return failOn === undefined
        ? 0
        : report.findings.filter((f) => severityAtLeast(f.severity, failOn)).length;
}

/** The exit code and the one-line verdict for a report. */
export function verdictOf(
    report: AnalysisReport,
    failOn: Severity | undefined,
): { code: number; text: string } {
    const s = report.summary;
    const notHolding = report.flows.filter((f) => f.status !== "allowed").map((f) => f.id);
    const found = `findings: ${s.findings.high} high, ${s.findings.medium} medium, ${s.findings.low} low, ${s.findings.info} info`;
    if (notHolding.length > 0) {
        return {
            code: EXIT.failed,
            text: `✘ ${notHolding.length} of ${s.flows} required flows do not hold (${notHolding.join(", ")}); ${found}`,
        };
    }
    const over = breaches(report, failOn);
    if (over > 0)
        return {
            code: EXIT.failed,
            text: `✘ every required flow holds (${s.flows}), but ${over} finding(s) reach --fail-on ${failOn}; ${found}`,
        };
    return { code: EXIT.ok, text: `✔ every required flow holds (${s.flows}/${s.flows}); ${found}` };
}
