/**
 * The performance bar measured live: a core endpoint's p95 over a small sample against the same 500 ms
 * threshold the latency alarm uses (rules/alerting.ts).
 */
import { LATENCY_THRESHOLD_MS } from "./alerting";
import { Finding } from "./finding";

/** Nearest-rank percentile: the smallest sample with at least `p`% of samples at or below it. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new RangeError("percentile of no samples");
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function checkP95(url: string, samplesMs: readonly number[], budgetMs = LATENCY_THRESHOLD_MS): Finding[] {
  const p95 = percentile(samplesMs, 95);
  return p95 < budgetMs ? [] : [{
    message: `${url} p95 is ${Math.round(p95)} ms over ${samplesMs.length} requests; the budget is ${budgetMs} ms`,
    ref: "launch checklist: performance",
    fix: "find the slow step (origin, database, cache bypass) before launch traffic arrives",
  }];
}
