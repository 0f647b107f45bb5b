/**
 * When a saved `npm run verify --json` result still counts as live evidence for the handover. An audit is a
 * photograph: DNS, certificates and headers drift, and a result from last month says nothing a reviewer can
 * sign off today. So a result counts only when it is
 * - younger than a bound (default 24 hours, `--max-verify-age <hours>`): a launch-day handover is written
 *   within hours of its audit, and a day is the longest a reviewer would accept without asking for a re-run;
 * - not older than the last commit that changed what the stack declares (its stack file, the program, the
 *   locked providers; cli/handover.ts): an audit taken before it saw an earlier configuration than the one
 *   this document hands over. A later commit of docs, or of the saved result itself, does not date it;
 * - not dated in the future beyond clock skew: such a date cannot be trusted to say anything.
 * A result that fails any of these reads as "no live audit", with the reason and the fix. Pure: the caller
 * supplies the clock and the commit's date.
 */

/** The default bound, in hours. */
export const DEFAULT_MAX_AUDIT_AGE_HOURS = 24;

/** Clocks of two machines disagree a little; more than this ahead is a wrong date, not skew. */
const CLOCK_SKEW_MS = 5 * 60_000;

export interface AuditAgeContext {
  now: Date;
  /** `--max-verify-age`, in hours. */
  maxAgeHours: number;
  /** The last commit that changed what the stack declares, and when, when known (a git checkout). */
  commit?: { sha: string; committedAt: Date };
}

function utc(date: Date): string {
  return date.toISOString().replace("T", " ").replace(/:\d\d(\.\d+)?Z$/, " UTC");
}

function hours(ms: number): string {
  const h = ms / 3_600_000;
  return h >= 10 ? `${Math.floor(h)} h` : `${Math.floor(h * 10) / 10} h`;
}

/** Why an audit of `checkedAt` is not live evidence any more, in a phrase; undefined when it still is. */
export function staleAudit(checkedAt: Date, ctx: AuditAgeContext): string | undefined {
  const age = ctx.now.getTime() - checkedAt.getTime();
  if (age < -CLOCK_SKEW_MS) return `is dated ${utc(checkedAt)}, in the future (check the clock of the machine that ran it)`;
  if (age > ctx.maxAgeHours * 3_600_000) {
    return `is ${hours(age)} old (${utc(checkedAt)}), older than --max-verify-age ${ctx.maxAgeHours} h`;
  }
  if (ctx.commit && checkedAt.getTime() < ctx.commit.committedAt.getTime()) {
    return `predates commit ${ctx.commit.sha.slice(0, 12)} of ${utc(ctx.commit.committedAt)}, the last change to what this stack declares`;
  }
  return undefined;
}
