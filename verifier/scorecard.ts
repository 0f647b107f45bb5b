/**
 * The scorecard: a table for people (cli-table3, one row per check: check, pass criteria, result, detail)
 * and one JSON document for machines. Either way the run fails when any row failed.
 */
import Table from "cli-table3";
import type { P95Watcher } from "../model/latency-watch";
import type { Row, Status } from "./check";

export interface Scorecard {
  stack: string;
  environment: string;
  /** When the audit ran (ISO 8601): the handover dates its "as live" column by it. */
  checkedAt: string;
  /** false when any row failed (warnings do not fail the run). */
  passed: boolean;
  summary: Record<Status, number> & { total: number };
  durationMs: number;
  rows: Row[];
  /** Which sources alarm on the p95 bar between audits, and how often (the stack's declaration, not probed). */
  p95Watch?: P95Watcher[];
}

export function scorecard(stack: string, environment: string, rows: readonly Row[], durationMs: number, checkedAt = new Date()): Scorecard {
  const count = (s: Status) => rows.filter((r) => r.status === s).length;
  const summary = { pass: count("pass"), warn: count("warn"), fail: count("fail"), total: rows.length };
  return { stack, environment, checkedAt: checkedAt.toISOString(), passed: summary.fail === 0, summary, durationMs: Math.round(durationMs), rows: [...rows] };
}

const LABEL: Record<Status, string> = { pass: "✔ pass", warn: "! warn", fail: "✘ fail" };
const COLOR: Record<Status, string> = { pass: "\u001b[32m", warn: "\u001b[33m", fail: "\u001b[31m" };

export interface TableOptions {
  /** Terminal width to fit the table into. */
  width: number;
  /** ANSI colours on the result column (only for a terminal). */
  color: boolean;
}

/** The table and a closing summary line, as text. */
export function renderTable(card: Scorecard, options: TableOptions): string {
  // Area, check, criteria, result, detail: fixed small columns, the rest shared by check, criteria and detail.
  const fixed = [11, 10];
  const free = Math.max(60, options.width - fixed.reduce((a, b) => a + b, 0) - 16);
  const widths = [fixed[0], Math.floor(free * 0.3), Math.floor(free * 0.25), fixed[1], Math.floor(free * 0.45)];
  const table = new Table({
    head: ["Area", "Check", "Pass criteria", "Result", "Detail"],
    colWidths: widths,
    wordWrap: true,
    wrapOnWordBoundary: true,
    style: { head: [], border: [] },
  });
  for (const r of card.rows) {
    const label = options.color ? `${COLOR[r.status]}${LABEL[r.status]}\u001b[0m` : LABEL[r.status];
    // The result cell never wraps: cli-table3's hard wrap would cut through the colour codes.
    table.push([r.area, r.check, r.criteria, { content: label, wordWrap: false }, r.detail]);
  }
  const s = card.summary;
  const verdict = card.passed ? "ready for production traffic" : "NOT ready for production traffic";
  const watch = card.p95Watch === undefined ? "" : `${card.p95Watch.length === 0 ? "p95 latency: no source alarms on it" : `p95 latency alarmed by: ${card.p95Watch.map((w) => `${w.watchedBy} (${w.every.split(";")[0]})`).join("; ")}`}\n`;
  return `${table.toString()}\n${watch}${s.total} checks: ${s.pass} passed, ${s.warn} warned, ${s.fail} failed in ${(card.durationMs / 1000).toFixed(1)} s; stack ${card.stack} is ${verdict}\n`;
}

export function renderJson(card: Scorecard): string {
  return `${JSON.stringify(card, null, 2)}\n`;
}
