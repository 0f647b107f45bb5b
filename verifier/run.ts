/**
 * Runs every check at once, each under its own timeout, so the whole audit takes about as long as its
 * slowest check. The checks with the longest chains of HTTP requests start first: started last, their waits
 * would queue behind every other check's TLS handshakes on the one event loop (50 hostnames: 560 ms rather
 * than 640 ms, bench/). A check that throws (a network fault) or outlives its timeout becomes a failed row
 * with the reason (one whose request the rate-limit budget held back, a warning); nothing escapes as an exception. Checks marked `runsLast` (the rate-limit burst) run
 * afterwards, one at a time.
 */
import { setMaxListeners } from "node:events";
import { OverBudget } from "./budget";
import { Check, fromFindings, Outcome, Row } from "./check";
import { faultReason } from "./faults";
import type { Probes } from "./probes";

export interface RunOptions {
  /** Per-check timeout in ms. */
  timeoutMs: number;
  /** Builds the probes a check uses, bound to the check's abort signal (and its part of the rate-limit budget). */
  probes(signal: AbortSignal, check: Check): Probes;
  /** Called as each check settles, in completion order. */
  onSettled?(row: Row): void;
}

async function runOne(check: Check, options: RunOptions): Promise<Row> {
  const controller = new AbortController();
  // One check may have many requests in flight on its signal (CORS sends each untrusted Origin twice).
  setMaxListeners(200, controller.signal);
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<Outcome>((resolve) => {
    timer = setTimeout(() => resolve({ status: "fail", detail: `timed out after ${options.timeoutMs} ms` }), options.timeoutMs);
  });
  const work = Promise.resolve()
    .then(() => check.run(options.probes(controller.signal, check)))
    // A request the rate-limit budget did not send leaves the row unproven, not failed.
    .catch((error: unknown): Outcome => (error instanceof OverBudget ? fromFindings([error.finding], "") : { status: "fail", detail: faultReason(error) }));
  try {
    const outcome = await Promise.race([work, timedOut]);
    return { area: check.area, check: check.name, criteria: check.criteria, ...outcome, durationMs: Math.round(performance.now() - started) };
  } finally {
    clearTimeout(timer);
    // Closes whatever the check still has open (sockets, DNS queries) once its row is decided.
    controller.abort();
  }
}

/** Rows in the order of `checks`, whatever order they start and finish in. */
export async function runChecks(checks: readonly Check[], options: RunOptions): Promise<Row[]> {
  const chain = (i: number) => checks[i].sequentialRequests ?? 1;
  const settle = (i: number) =>
    runOne(checks[i], options).then((row) => {
      options.onSettled?.(row);
      return row;
    });
  const together = [...checks.keys()].filter((i) => !checks[i].runsLast).sort((a, b) => chain(b) - chain(a));
  const running = new Map(together.map((i) => [i, settle(i)]));
  await Promise.allSettled(running.values());
  for (const i of checks.keys()) {
    if (!checks[i].runsLast) continue;
    const last = settle(i);
    running.set(i, last);
    await last.catch(() => undefined);
  }
  const settled = await Promise.allSettled(checks.map((_, i) => running.get(i)!));
  return settled.map((s, i) =>
    s.status === "fulfilled" ? s.value : { area: checks[i].area, check: checks[i].name, criteria: checks[i].criteria, status: "fail", detail: faultReason(s.reason), durationMs: 0 },
  );
}
