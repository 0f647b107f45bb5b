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

export const AUDITED_AT = new Date("2026-11-30T14:05:00Z");

/** Every verify row of the shipped stack, passing unless `statusOf` says otherwise. */
export function verifyRows(stack: "prod" | "staging", statusOf: (row: Row) => Status = () => "pass"): Row[] {
  const checks = buildChecks(expectationsFor(parseStackConfig(shippedConfig(stack))));
  return checks.map((c) => {
    const row: Row = { area: c.area, check: c.name, criteria: c.criteria, status: "pass", detail: "ok", durationMs: 12 };
    const status = statusOf(row);
    return { ...row, status, detail: status === "pass" ? "ok" : `${c.name} failed on purpose` };
  });
}

/** Writes the verify --json document of `rows` into `dir`; returns its file name. */
export function writeVerifyJson(dir: string, name: string, stack: string, rows: readonly Row[]): string {
  writeFileSync(join(dir, name), renderJson(scorecard(stack, stack, rows, 2500, AUDITED_AT)));
  return name;
}
