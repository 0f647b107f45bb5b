/** The whole audit: every check the expectations call for, all at once, and the scorecard. */
import { refusedFinding } from "../rules/request-budget";
import { RunBudget } from "./budget";
import { Area, Check, fromFindings, Row } from "./check";
import { buildChecks } from "./checks";
import type { Expectations } from "./expectations";
import { createProbes, NetworkOptions } from "./probes";
import { runChecks } from "./run";
import { Scorecard, scorecard } from "./scorecard";

export interface AuditOptions {
  stack: string;
  network: NetworkOptions;
  /** Per-check timeout in ms. */
  timeoutMs: number;
  /** Run only these areas (all when absent), e.g. to re-check email after a DNS change. */
  areas?: readonly Area[];
  /** The number of checks, before any starts. */
  onStart?(total: number): void;
  onSettled?(row: Row): void;
}

export async function audit(expectations: Expectations, options: AuditOptions): Promise<Scorecard> {
  const selected = buildChecks(expectations).filter((c) => !options.areas || options.areas.includes(c.area));
  // Planned after --only, so a row checked alone gets the whole of verify's share of a rule. Without a
  // browser the browser rows send nothing, so they ask for nothing.
  const browser = options.network.browser;
  const noBrowser = browser === undefined || browser.unavailable() !== undefined;
  const budget = new RunBudget(expectations.rateLimits, selected.map((c) => (c.area === "Browser" && noBrowser ? [] : c.demands ?? [])), options.network.clock);
  // A row whose proof requests do not fit the budget is not run: it warns, naming the rule.
  const checks: Check[] = selected.map((c, i) => {
    const refusedBy = budget.plan(i).refusedBy;
    return refusedBy ? { ...c, sequentialRequests: 0, run: async () => fromFindings([refusedFinding(refusedBy, c.area)], "") } : c;
  });
  const meters = new Map(checks.map((c, i) => [c, budget.meter(i, c.area, c.exemptFromBudget)]));
  options.onStart?.(checks.length);
  const started = performance.now();
  const rows = await runChecks(checks, { timeoutMs: options.timeoutMs, probes: (signal, check) => createProbes(options.network, signal, meters.get(check)), onSettled: options.onSettled });
  return { ...scorecard(options.stack, expectations.environment, rows, performance.now() - started), p95Watch: expectations.latency.alarmedBy };
}
