/**
 * `npm run bench [-- --runs N] [-- --only <text>]`: times each row of bench/rows.ts as a child process
 * (wall clock, what a user waits for), after one discarded warm-up run that fills the file cache, and
 * prints median, min and max. Exits 1 when a row fails or its median is over budget. A benchmark, not a
 * test: timings depend on the machine and its load, so `npm test` never runs it.
 */
import { spawnSync } from "node:child_process";
import { cpus, loadavg } from "node:os";
import Table from "cli-table3";
import { Command } from "commander";
import { BenchRow, REPO, ROWS } from "./rows";

interface Result {
  row: BenchRow;
  timesMs: number[];
  /** Set when a run exited with an unexpected code. */
  failure?: string;
}

function timeOnce(row: BenchRow): { ms: number; failure?: string } {
  const [file, ...args] = row.command;
  const start = process.hrtime.bigint();
  const child = spawnSync(file, args, { cwd: REPO, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const ok = row.okExitCodes ?? [0];
  if (child.error) return { ms, failure: child.error.message };
  if (child.status === null || !ok.includes(child.status)) return { ms, failure: `exit ${child.status ?? child.signal}: ${child.stderr.trim().split("\n")[0]}` };
  return { ms };
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

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function verdict(r: Result): string {
  if (r.failure) return `FAILED: ${r.failure}`;
  if (r.row.budgetMs === undefined) return "";
  return median(r.timesMs) <= r.row.budgetMs ? "ok" : "OVER BUDGET";
}

function main(argv: string[]): number {
  const opts = new Command()
    .name("bench")
    .option("--runs <n>", "timed runs per row (after one warm-up)", (v) => Number.parseInt(v, 10), 5)
    .option("--only <text>", "only rows whose name contains text")
    .parse(argv, { from: "user" })
    .opts<{ runs: number; only?: string }>();
  const rows = ROWS.filter((r) => opts.only === undefined || r.name.includes(opts.only));
  const results = rows.map((row) => measure(row, opts.runs));

  const table = new Table({ head: ["Command", "Median", "Min", "Max", "Budget", ""], colAligns: ["left", "right", "right", "right", "right", "left"], style: { head: [], border: [], compact: true } });
  for (const r of results) {
    const t = r.timesMs;
    table.push([r.row.name, t.length ? seconds(median(t)) : "-", t.length ? seconds(Math.min(...t)) : "-", t.length ? seconds(Math.max(...t)) : "-", r.row.budgetMs ? seconds(r.row.budgetMs) : "-", verdict(r)]);
  }
  // Wall time on a busy machine measures the machine: say how busy it was.
  const load = loadavg()[0].toFixed(1);
  process.stdout.write(`${opts.runs} runs per row after a warm-up; ${cpus().length} CPUs, load average ${load}, node ${process.version}\n${table.toString()}\n`);
  return results.some((r) => r.failure || verdict(r) === "OVER BUDGET") ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
