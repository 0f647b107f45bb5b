/**
 * Turning rules/ findings into violations: one line per finding (message, standard, fix), exactly as the
 * config gate and the verifier print them, and the selections policies make from a rule's findings.
 */
import type { ReportViolation } from "@pulumi/policy";
import { Finding, formatFinding } from "../rules/finding";

/** Reports each finding of a rule as one violation line (message, standard, fix), optionally prefixed. */
export function reportFindings(report: ReportViolation, findings: readonly Finding[], opts: { prefix?: string; urn?: string } = {}): void {
  for (const f of findings) report(`${opts.prefix ? `${opts.prefix}: ` : ""}${formatFinding(f)}`, opts.urn);
}

/** Findings a rule reports only under `strict` options: the part of a bar that is production's alone. */
export function onlyUnder<T>(check: (options: T) => Finding[], strict: T, lenient: T): Finding[] {
  const lenientMessages = new Set(check(lenient).map(formatFinding));
  return check(strict).filter((f) => !lenientMessages.has(formatFinding(f)));
}

/** Findings that are errors; warnings are for the plan and verifier output, not a gate. */
export function errors(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.severity !== "warning");
}
