/**
 * `--verify <file>`: a saved `npm run verify -- --stack <s> --json` result (verifier/scorecard.ts), read
 * back for the handover's "as live" column. Only the fields the scorecard uses are checked, and unknown
 * ones are kept out of the way, so rows a newer verifier adds still read. A file that is not such a result,
 * or belongs to another stack, is a usage error naming the file and the fix. A result too old to be live
 * evidence (audit-age.ts) is read but marked stale, so the scorecard counts it as no live audit and says why.
 */
import { readFileSync, statSync } from "node:fs";
import { z } from "zod";
import { UserError } from "../shared/user-error";
import { AuditAgeContext, staleAudit } from "./audit-age";

/** A header grade row's grade (verifier/checks/header-grade.ts): the fields the handover shows. */
const gradeSchema = z.object({
  host: z.string(),
  grade: z.string(),
  score: z.number(),
  algorithmVersion: z.number(),
  testsPassed: z.number(),
  testsQuantity: z.number(),
  tests: z.array(z.object({ name: z.string(), title: z.string(), result: z.string(), modifier: z.number(), description: z.string(), pass: z.boolean() })),
});

const rowSchema = z.object({
  area: z.string(),
  check: z.string(),
  criteria: z.string(),
  status: z.enum(["pass", "warn", "fail"]),
  detail: z.string(),
  grade: gradeSchema.optional(),
});

const resultSchema = z.object({
  stack: z.string(),
  environment: z.string(),
  passed: z.boolean(),
  /** When the audit ran (ISO 8601); older results lack it and are dated by their file. */
  checkedAt: z.iso.datetime({ offset: true }).optional(),
  rows: z.array(rowSchema),
});

export type LiveRow = z.output<typeof rowSchema>;

export interface LiveResult {
  stack: string;
  /** The file it was read from, as given. */
  file: string;
  /** When the audit ran, ISO 8601. */
  checkedAt: string;
  /** true when the date is the file's modification time, not the audit's own. */
  datedByFile: boolean;
  /** Why the result is not live evidence any more (too old, older than the last change to what the stack declares, dated ahead); undefined when it is. */
  stale?: string;
  rows: LiveRow[];
}

function pathOf(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join("") || "(top level)";
}

/** Reads and checks a verify result for `stack`; throws UserError with one line when it cannot be used. */
export function readLiveResult(file: string, resolved: string, stack: string, age: AuditAgeContext): LiveResult {
  const fix = `save one with npm run verify -- --stack ${stack} --json > ${file}`;
  let text: string;
  try {
    text = readFileSync(resolved, "utf8");
  } catch (e) {
    throw new UserError(`--verify ${file}: ${(e as { code?: string }).code === "ENOENT" ? "no such file" : (e as Error).message}; ${fix}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UserError(`--verify ${file}: not JSON; ${fix}`);
  }
  const parsed = resultSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserError(`--verify ${file}: not a verify --json result (${pathOf(issue.path)}: ${issue.message}); ${fix}`);
  }
  if (parsed.data.stack !== stack) {
    throw new UserError(`--verify ${file}: is the audit of stack ${parsed.data.stack}, not ${stack}; ${fix}`);
  }
  const checkedAt = parsed.data.checkedAt === undefined ? statSync(resolved).mtime : new Date(parsed.data.checkedAt);
  const stale = staleAudit(checkedAt, age);
  return {
    stack,
    file,
    checkedAt: checkedAt.toISOString(),
    datedByFile: parsed.data.checkedAt === undefined,
    ...(stale ? { stale } : {}),
    rows: parsed.data.rows,
  };
}
