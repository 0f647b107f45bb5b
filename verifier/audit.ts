/** The whole audit: every check the expectations call for, all at once, and the scorecard. */
import type { Area, Row } from "./check";
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
  const checks = buildChecks(expectations).filter((c) => !options.areas || options.areas.includes(c.area));
  options.onStart?.(checks.length);
  const started = performance.now();
  const rows = await runChecks(checks, { timeoutMs: options.timeoutMs, probes: (signal) => createProbes(options.network, signal), onSettled: options.onSettled });
  return { ...scorecard(options.stack, expectations.environment, rows, performance.now() - started), p95Watch: expectations.latency.alarmedBy };
}
