/**
 * The launch scorecard: one row per launch-checklist area with its status as declared (the plan and the
 * policy pack's verdicts on it), as live (a saved `npm run verify --json` result, when given) and as
 * checked by people (the stack's `readiness.humanChecks`), then the verdict. Pure: it reads the plan
 * document, the parsed config and the live result, and decides; rendering is scorecard-markdown.ts.
 *
 * What blocks: a mandatory policy violation, a failed live row, a failed human check, and in production
 * also a human check nobody recorded and a live-checkable area the audit did not cover (no audit at all is
 * one item). Advisory violations and live warnings show in the row but do not block.
 */
import type { StackConfig } from "../../config/schema";
import { CHECKLIST_AREAS, ChecklistArea, ChecklistAreaId } from "../../rules/checklist";
import { HUMAN_CHECKS, HumanCheck } from "../../rules/human-checks";
import type { Violation } from "../../offline/run-policies";
import { allPolicies } from "../../policies/all";
import { areaOfPolicy } from "../../policies/checklist";
import type { PlanDocument } from "../plan/document";
import { groupByArea } from "../plan/violations";
import type { HumanCheckRecord } from "../../config/readiness";
import { declaredEvidence } from "./evidence";
import { LIVE_CHECKED_AREAS, liveArea } from "./live-areas";
import type { LiveResult, LiveRow } from "./verify-result";

/** pass/warn/fail as judged; "none": nothing to judge in this column; "unverified": should be judged and was not. */
export type Mark = "pass" | "warn" | "fail" | "none" | "unverified";

export interface Column {
  mark: Mark;
  /** A short phrase for the table cell. */
  summary: string;
}

export interface HumanCheckStatus {
  check: HumanCheck;
  record?: HumanCheckRecord;
  mark: Mark;
}

export interface ScorecardRow {
  /** undefined for "Other live checks": verify rows no area claims. */
  area?: ChecklistArea;
  title: string;
  criteria: string;
  breaks: string;
  /** What the stack declares for the area, in a phrase. */
  evidence: string;
  declared: Column;
  live: Column;
  people: Column;
  humanChecks: HumanCheckStatus[];
  /** What this row contributes to "Not ready", one line each. */
  blocking: string[];
}

export interface LaunchScorecard {
  stack: string;
  environment: string;
  rows: ScorecardRow[];
  live?: Pick<LiveResult, "file" | "checkedAt" | "datedByFile">;
  blocking: string[];
  ready: boolean;
}

const POLICIES_BY_AREA = new Map<ChecklistAreaId, string[]>();
for (const p of allPolicies) {
  const area = areaOfPolicy(p)!;
  POLICIES_BY_AREA.set(area, [...(POLICIES_BY_AREA.get(area) ?? []), p.name]);
}

function plural(n: number, word: "policy"): string {
  return `${n} ${n === 1 ? word : "policies"}`;
}

function declaredColumn(area: ChecklistAreaId, violations: readonly Violation[], stack: string): Column & { blocking: string[] } {
  const policies = POLICIES_BY_AREA.get(area) ?? [];
  if (policies.length === 0) return { mark: "none", summary: "none apply (live and people checks only)", blocking: [] };
  const mandatory = [...new Set(violations.filter((v) => v.enforcementLevel === "mandatory").map((v) => v.policy))];
  const advisory = [...new Set(violations.filter((v) => v.enforcementLevel !== "mandatory").map((v) => v.policy))].filter((p) => !mandatory.includes(p));
  const blocking = mandatory.map((p) => `policy ${p} is violated (mandatory): npm run plan -- --stack ${stack} says how to fix it`);
  if (mandatory.length > 0) return { mark: "fail", summary: `${mandatory.join(", ")} violated (${plural(policies.length, "policy")} judge it)`, blocking };
  if (advisory.length > 0) return { mark: "warn", summary: `${advisory.join(", ")} advisory (${plural(policies.length, "policy")} judge it)`, blocking };
  return { mark: "pass", summary: `${plural(policies.length, "policy")} pass`, blocking };
}

/** First line of a verify detail, short enough for a list item. */
function firstLine(text: string): string {
  const line = text.split("\n")[0];
  return line.length > 160 ? `${line.slice(0, 157)}...` : line;
}

function liveColumn(area: ChecklistAreaId | undefined, rows: readonly LiveRow[], live: LiveResult | undefined, prod: boolean): Column & { blocking: string[] } {
  const checkable = area !== undefined && LIVE_CHECKED_AREAS.has(area);
  if (!live) return { mark: checkable ? "unverified" : "none", summary: checkable ? "not audited: no --verify result" : "no live check", blocking: [] };
  if (rows.length === 0) {
    return checkable
      ? { mark: "unverified", summary: "not in this audit", blocking: prod ? ["not covered by the live audit: run npm run verify without --only"] : [] }
      : { mark: "none", summary: "no live check", blocking: [] };
  }
  const failed = rows.filter((r) => r.status === "fail");
  const warned = rows.filter((r) => r.status === "warn");
  const blocking = failed.map((r) => `live check "${r.check}" failed: ${firstLine(r.detail)}`);
  if (failed.length > 0) return { mark: "fail", summary: `${failed.length} of ${rows.length} live checks fail: ${failed.map((r) => r.check).join(", ")}`, blocking };
  if (warned.length > 0) return { mark: "warn", summary: `${rows.length - warned.length} of ${rows.length} pass, ${warned.length} warn: ${warned.map((r) => r.check).join(", ")}`, blocking };
  return { mark: "pass", summary: `${rows.length} of ${rows.length} live checks pass`, blocking };
}

function peopleColumn(area: ChecklistAreaId, records: Partial<Record<string, HumanCheckRecord>>, prod: boolean): Column & { checks: HumanCheckStatus[]; blocking: string[] } {
  const checks: HumanCheckStatus[] = HUMAN_CHECKS.filter((c) => c.area === area).map((check) => {
    const record = records[check.id];
    return { check, ...(record ? { record } : {}), mark: !record ? "unverified" : record.result === "pass" ? "pass" : "fail" };
  });
  if (checks.length === 0) return { mark: "none", summary: "no people check", checks, blocking: [] };
  const blocking = checks.flatMap((c) => {
    if (c.mark === "fail") return [`people check "${c.check.title}" failed (${c.record!.checkedBy}, ${c.record!.checkedOn}): fix it and redo it`];
    if (c.mark === "unverified" && prod) return [`people check "${c.check.title}" is not recorded: do it and record it under launch-stack:readiness.humanChecks.${c.check.id}`];
    return [];
  });
  const done = checks.filter((c) => c.mark === "pass").length;
  const mark: Mark = checks.some((c) => c.mark === "fail") ? "fail" : done === checks.length ? "pass" : "unverified";
  return { mark, summary: `${done} of ${checks.length} recorded as passed`, checks, blocking };
}

/** The scorecard of one stack. `live` is a verify result of the same stack, when given. */
export function launchScorecard(doc: PlanDocument, config: StackConfig, live?: LiveResult): LaunchScorecard {
  const prod = config.environment === "prod";
  const byArea = new Map(groupByArea(doc.violations));
  const liveRows = new Map<ChecklistAreaId | undefined, LiveRow[]>();
  for (const row of live?.rows ?? []) {
    const key = liveArea(row);
    liveRows.set(key, [...(liveRows.get(key) ?? []), row]);
  }
  const rows: ScorecardRow[] = CHECKLIST_AREAS.map((area) => {
    const declared = declaredColumn(area.id, byArea.get(area.id) ?? [], doc.stack);
    const liveCol = liveColumn(area.id, liveRows.get(area.id) ?? [], live, prod);
    const people = peopleColumn(area.id, config.readiness.humanChecks, prod);
    return {
      area, title: area.title, criteria: area.criteria, breaks: area.breaks, evidence: declaredEvidence(area.id, doc, config),
      declared: { mark: declared.mark, summary: declared.summary },
      live: { mark: liveCol.mark, summary: liveCol.summary },
      people: { mark: people.mark, summary: people.summary },
      humanChecks: people.checks,
      blocking: [...declared.blocking, ...liveCol.blocking, ...people.blocking].map((b) => `${area.title}: ${b}`),
    };
  });
  const unclaimed = liveRows.get(undefined) ?? [];
  const violationsUnclaimed = byArea.get(undefined) ?? [];
  if (unclaimed.length > 0 || violationsUnclaimed.length > 0) {
    const liveCol = liveColumn(undefined, unclaimed, live, prod);
    const mandatory = violationsUnclaimed.filter((v) => v.enforcementLevel === "mandatory").map((v) => v.policy);
    rows.push({
      title: "Other checks",
      criteria: "Checks no checklist area claims (a newer verifier or policy than this scorecard)",
      breaks: "See each check",
      evidence: "rows no checklist area claims",
      declared: mandatory.length > 0 ? { mark: "fail", summary: `${[...new Set(mandatory)].join(", ")} violated` } : { mark: "none", summary: "no policy" },
      live: { mark: liveCol.mark, summary: liveCol.summary },
      people: { mark: "none", summary: "no people check" },
      humanChecks: [],
      blocking: [...new Set(mandatory)].map((p) => `Other checks: policy ${p} is violated (mandatory)`).concat(liveCol.blocking.map((b) => `Other checks: ${b}`)),
    });
  }
  const blocking = [
    ...(prod && !live ? [`No live audit: run npm run verify -- --stack ${doc.stack} --json > verify-${doc.stack}.json, then npm run handover -- --stack ${doc.stack} --verify verify-${doc.stack}.json`] : []),
    ...rows.flatMap((r) => r.blocking),
  ];
  return {
    stack: doc.stack,
    environment: config.environment,
    rows,
    ...(live ? { live: { file: live.file, checkedAt: live.checkedAt, datedByFile: live.datedByFile } } : {}),
    blocking,
    ready: blocking.length === 0,
  };
}
