/**
 * A `npm run verify -- --stack <s> --json` result as the verifier writes it: every check the real verifier
 * builds for the shipped stack (buildChecks over its expectations), each with the given status, through
 * the verifier's own scorecard() and renderJson(), so the handover reads exactly what verify saves.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseStackConfig } from "../../../gate/load";
import type { Row, Status } from "../../../verifier/check";
import { buildChecks } from "../../../verifier/checks";
import { expectationsFor } from "../../../verifier/expectations";
import { renderJson, scorecard } from "../../../verifier/scorecard";
import { shippedConfig } from "../../support/harness";

/**
 * Just now: a fresh audit, younger than --max-verify-age. Tests that need it counted run the handover
 * outside git (a temporary project), so a commit made while they run cannot make it older than HEAD.
 */
export const AUDITED_AT = new Date();

/** A date as the handover prints it: 2026-11-30 14:05 UTC. */
export function printedDate(date: Date): string {
  return date.toISOString().replace("T", " ").replace(/:\d\d\.\d+Z$/, " UTC");
}

/** Every verify row of the shipped stack, passing unless `statusOf` says otherwise. */
export function verifyRows(stack: "prod" | "staging", statusOf: (row: Row) => Status = () => "pass"): Row[] {
  const checks = buildChecks(expectationsFor(parseStackConfig(shippedConfig(stack))));
  return checks.map((c) => {
    const row: Row = { area: c.area, check: c.name, criteria: c.criteria, status: "pass", detail: "ok", durationMs: 12 };
    const status = statusOf(row);
    return { ...row, status, detail: status === "pass" ? "ok" : `${c.name} failed on purpose` };
  });
}

/** Writes the verify --json document of `rows`, audited at `checkedAt`, into `dir`; returns its file name. */
export function writeVerifyJson(dir: string, name: string, stack: string, rows: readonly Row[], checkedAt = AUDITED_AT): string {
  writeFileSync(join(dir, name), renderJson(scorecard(stack, stack, rows, 2500, checkedAt)));
  return name;
}
