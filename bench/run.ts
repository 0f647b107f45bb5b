/**
 * `npm run bench [-- --runs N] [-- --only <text>]`: runs each row of bench/rows.ts as a child process
 * after one discarded warm-up run that fills the file cache, times it (wall clock, what a user waits for,
 * or the phase a self-timed row reports) and prints median, min and max, then the targets judged across
 * rows. Exits 1 when a row fails, a median is over budget or a target is missed. A benchmark, not a test:
 * timings depend on the machine and its load, so `npm test` never runs it.
 */
import { spawnSync } from "node:child_process";
import { cpus, loadavg } from "node:os";
import Table from "cli-table3";
import { Command } from "commander";
import { BenchRow, BenchTarget, REPO, ROWS, TARGETS } from "./rows";

interface Result {
  row: BenchRow;
  timesMs: number[];
  /** Set when a run exited with an unexpected code. */
  failure?: string;
}

function timeOnce(row: BenchRow): { ms: number; failure?: string } {
  const [file, ...args] = row.command;
  const start = process.hrtime.bigint();
  const child = spawnSync(file, args, { cwd: REPO, env: { ...process.env, ...row.env }, stdio: ["ignore", row.selfTimed ? "pipe" : "ignore", "pipe"], encoding: "utf8" });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  const ok = row.okExitCodes ?? [0];
  if (child.error) return { ms: wall, failure: child.error.message };
  if (child.status === null || !ok.includes(child.status)) return { ms: wall, failure: `exit ${child.status ?? child.signal}: ${child.stderr.trim().split("\n")[0]}` };
  if (!row.selfTimed) return { ms: wall };
  const reported = Number(child.stdout.trim().split("\n").pop());
  return Number.isFinite(reported) ? { ms: reported } : { ms: wall, failure: "printed no time on its last line" };
}

function measure(row: BenchRow, runs: number): Result {
  const warmUp = timeOnce(row);
  if (warmUp.failure) return { row, timesMs: [], failure: warmUp.failure };
  const timesMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const { ms, failure } = timeOnce(row);
    if (failure) return { row, timesMs, failure };
    timesMs.push(ms);
  }
  return { row, timesMs };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const shown = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);

function verdict(r: Result): string {
  if (r.failure) return `FAILED: ${r.failure}`;
  if (r.row.budgetMs === undefined) return "";
  return median(r.timesMs) <= r.row.budgetMs ? "ok" : "OVER BUDGET";
}

/** A target over rows that all ran; one whose rows were filtered out or failed is not judged. */
function judge(target: BenchTarget, results: readonly Result[]): { measured: string; ok: boolean } | undefined {
  const medians = new Map(results.filter((r) => !r.failure).map((r) => [r.row.name, median(r.timesMs)]));
  try {
    return target.judge((name) => {
      const m = medians.get(name);
      if (m === undefined) throw new Error(`row ${name} did not run`);
      return m;
    });
  } catch {
    return undefined;
  }
}

function main(argv: string[]): number {
  const opts = new Command()
    .name("bench")
    .option("--runs <n>", "timed runs per row (after one warm-up)", (v) => Number.parseInt(v, 10), 5)
    .option("--only <text>", "only rows whose name contains text")
    .parse(argv, { from: "user" })
    .opts<{ runs: number; only?: string }>();
  const rows = ROWS.filter((r) => opts.only === undefined || r.name.includes(opts.only));
  const results = rows.map((row) => {
    process.stderr.write(`${row.name} ...\n`);
    return measure(row, opts.runs);
  });
  const judged = TARGETS.map((t) => ({ target: t, outcome: judge(t, results) })).filter((j) => j.outcome !== undefined);

  const table = new Table({ head: ["Measured", "Median", "Min", "Max", "Budget", ""], colAligns: ["left", "right", "right", "right", "right", "left"], style: { head: [], border: [], compact: true } });
  for (const r of results) {
    const t = r.timesMs;
    table.push([r.row.name, t.length ? shown(median(t)) : "-", t.length ? shown(Math.min(...t)) : "-", t.length ? shown(Math.max(...t)) : "-", r.row.budgetMs ? shown(r.row.budgetMs) : "-", verdict(r)]);
  }
  for (const { target, outcome } of judged) table.push([target.name, outcome!.measured, "", "", target.budget, outcome!.ok ? "ok" : "MISSED"]);
  // Wall time on a busy machine measures the machine: say how busy it was.
  const load = loadavg()[0].toFixed(1);
  process.stdout.write(`${opts.runs} runs per row after a warm-up; ${cpus().length} CPUs, load average ${load} at the end, node ${process.version}\n${table.toString()}\n`);
  return results.some((r) => r.failure || verdict(r) === "OVER BUDGET") || judged.some((j) => !j.outcome!.ok) ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
