/**
 * What `npm run bench` measures: one row per command, each with an optional budget, and the targets
 * judged across rows (how plan time grows per zone, how verify time grows with hostnames). Add a row here
 * to benchmark another command; the runner (bench/run.ts) spawns it, times it and prints the table.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface BenchRow {
  /** What the row measures, e.g. "plan prod". */
  name: string;
  /** The command, as an argument vector run from the repository root (no shell). */
  command: string[];
  /** Extra environment variables for the command. */
  env?: Record<string, string>;
  /**
   * The command times one phase itself and prints its milliseconds as the last line of stdout
   * (bench/measure/measured.ts); otherwise the row is the command's wall time, start-up included.
   */
  selfTimed?: boolean;
  /** Budget of the median run, in milliseconds; over budget fails the bench. */
  budgetMs?: number;
  /** Exit codes that count as a successful run (default: 0). */
  okExitCodes?: number[];
}

/** A bar over several rows' medians, e.g. the cost of one more zone. */
export interface BenchTarget {
  name: string;
  /** The bar, as the table shows it. */
  budget: string;
  /** From the median (ms) of each row by name: what was measured, as shown, and whether it meets the bar. */
  judge(median: (row: string) => number): { measured: string; ok: boolean };
}

export const REPO = join(__dirname, "..");

/**
 * An npm script's command line without npm's own start-up (~0.3 s, the same for every script), so a row
 * times the script itself and follows the runtime package.json chooses.
 */
export function npmScript(name: string, ...args: string[]): string[] {
  const scripts = (JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
  // Scripts start with `exec` so npm's signals reach node (cli/shared/interruption.ts); the bench spawns node itself.
  return [...scripts[name].replace(/^exec\s+/, "").split(/\s+/), ...args];
}

/** A bench/measure script, run the way npm scripts run TypeScript. */
function script(file: string, ...args: string[]): string[] {
  return ["node", "-r", "ts-node/register/transpile-only", join("bench", "measure", file), ...args];
}

/** Every stack shipped with the repository (Pulumi.<stack>.yaml at the root). */
export const SHIPPED_STACKS = readdirSync(REPO).flatMap((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1] ?? []).sort();

/** The issue's bar: the prod plan in under 3 s wall on a 2-core machine. */
const PLAN_BUDGET_MS: Record<string, number> = { prod: 3000 };
const ZONE_COUNTS = [1, 10, 50, 100];
/** Growth per extra zone, and how much steeper the 50→100 half may be than the 1→50 half and still count as linear. */
const MS_PER_ZONE = 50;
const LINEARITY = 1.5;
const VERIFY_HOSTNAMES = [1, 50];
const VERIFY_RATIO = 2;
/** What each HTTP answer costs over a real network (edge plus origin); on bare loopback the audit is CPU-bound. */
const RESPONSE_DELAY_MS = 100;

/** Pack start-up as the engine starts it: the compiled pack (main → policies/dist) against the TypeScript pack it replaced. */
const PACK_COMPILED = "policy pack start-up, as the engine (compiled, main = dist/index.js)";
const PACK_TYPESCRIPT = "policy pack start-up, as the engine (TypeScript sources, type-checked)";
const PACK_START_BUDGET_MS = 2000;
const PACK_START_RATIO = 0.2;

const planGenerated = (zones: number) => `plan, generated stack of ${zones} zone${zones === 1 ? "" : "s"}`;
/** Browser rows may cost the prod audit at most this much more than the same audit without them. */
const BROWSER_RATIO = 2;
const verifyProd = (browser: boolean, delayMs = 0) =>
  `verify prod ${browser ? "with" : "without"} browser rows (loopback${delayMs ? `, answers after ${delayMs} ms` : ""})`;
const verifyHostnames = (hosts: number, delayMs = 0) =>
  `verify, ${hosts} served hostname${hosts === 1 ? "" : "s"} (loopback${delayMs ? `, answers after ${delayMs} ms` : ""})`;

export const ROWS: BenchRow[] = [
  ...SHIPPED_STACKS.map((stack) => ({ name: `plan ${stack} (npm run plan, wall)`, command: npmScript("plan", "--stack", stack), budgetMs: PLAN_BUDGET_MS[stack] })),
  ...ZONE_COUNTS.map((zones) => ({ name: planGenerated(zones), command: script("plan-generated.ts", String(zones)), selfTimed: true })),
  { name: "policies over 10,004 resources (82 copies of prod)", command: script("policy-throughput.ts"), selfTimed: true, budgetMs: 1000 },
  ...[0, RESPONSE_DELAY_MS].flatMap((delayMs) =>
    VERIFY_HOSTNAMES.map((hosts) => ({ name: verifyHostnames(hosts, delayMs), command: script("verify-hostnames.ts", String(hosts), String(delayMs)), selfTimed: true }))),
  // The shipped prod stack, its browser rows in Debian's Chromium beside the same audit without them.
  ...[0, RESPONSE_DELAY_MS].flatMap((delayMs) => [false, true].map((browser) => ({
    name: verifyProd(browser, delayMs),
    command: script("verify-hostnames.ts", "prod", String(delayMs), ...(browser ? ["browser"] : [])),
    selfTimed: true,
  }))),
  // Start-up of the program the way `pulumi up` starts it: ts-node registered with the project's tsconfig.
  { name: "program start-up, transpile-only (SWC, tsconfig)", command: ["node", "-r", "ts-node/register", join("bench", "measure", "program-start.ts")] },
  { name: "program start-up, type-checked (ts-node default)", command: ["node", "-r", "ts-node/register", join("bench", "measure", "program-start.ts")], env: { TS_NODE_PROJECT: join("bench", "tsconfig.type-check.json") } },
  // The program as `pulumi preview` runs it, through cmd/run against a loopback engine, beside `plan prod` above.
  { name: "program through cmd/run to its last registration (prod preview)", command: script("program-engine.ts", "prod"), selfTimed: true },
  { name: PACK_COMPILED, command: script("pack-start.ts", "as-engine"), selfTimed: true, budgetMs: PACK_START_BUDGET_MS },
  { name: PACK_TYPESCRIPT, command: script("pack-start.ts", "typescript-sources"), selfTimed: true },
  { name: "policy pack start-up, TypeScript sources transpile-only (SWC)", command: script("pack-start.ts", "transpile-only"), selfTimed: true },
];

/** Least-squares slope of y over x. */
function slope(points: readonly [number, number][]): number {
  const mx = points.reduce((s, [x]) => s + x, 0) / points.length;
  const my = points.reduce((s, [, y]) => s + y, 0) / points.length;
  return points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0) / points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
}

export const TARGETS: BenchTarget[] = [
  {
    name: "compiled pack start-up vs the TypeScript pack's, both as the engine starts them",
    budget: `≤ ${PACK_START_RATIO}×`,
    judge: (median) => {
      const ratio = median(PACK_COMPILED) / median(PACK_TYPESCRIPT);
      return { measured: `${ratio.toFixed(2)}×`, ok: ratio <= PACK_START_RATIO };
    },
  },
  {
    name: "plan cost per extra zone (least squares, 1-100 zones)",
    budget: `< ${MS_PER_ZONE} ms`,
    judge: (median) => {
      const perZone = slope(ZONE_COUNTS.map((z) => [z, median(planGenerated(z))]));
      return { measured: `${perZone.toFixed(1)} ms`, ok: perZone < MS_PER_ZONE };
    },
  },
  {
    name: "plan growth is linear (per-zone cost 50-100 vs 1-50)",
    budget: `≤ ${LINEARITY}×`,
    judge: (median) => {
      const [a, b, c] = [1, 50, 100].map((z) => median(planGenerated(z)));
      const ratio = (c - b) / 50 / ((b - a) / 49);
      return { measured: `${ratio.toFixed(2)}×`, ok: ratio <= LINEARITY };
    },
  },
  {
    // On bare loopback nothing waits on a network, so no concurrency can hide the checks' CPU work: the
    // bare rows show that cost, and the bar is judged where answers take as long as they do over a network.
    name: `verify ${VERIFY_HOSTNAMES[1]} hostnames vs ${VERIFY_HOSTNAMES[0]}, answers after ${RESPONSE_DELAY_MS} ms`,
    budget: `< ${VERIFY_RATIO}×`,
    judge: (median) => {
      const ratio = median(verifyHostnames(VERIFY_HOSTNAMES[1], RESPONSE_DELAY_MS)) / median(verifyHostnames(VERIFY_HOSTNAMES[0], RESPONSE_DELAY_MS));
      return { measured: `${ratio.toFixed(2)}×`, ok: ratio < VERIFY_RATIO };
    },
  },
  {
    // Judged where answers take as long as over a network, as above: on bare loopback the audit without a
    // browser is a fraction of a second of CPU, less than Chromium takes to start.
    name: `verify prod with browser rows vs without, answers after ${RESPONSE_DELAY_MS} ms`,
    budget: `≤ ${BROWSER_RATIO}×`,
    judge: (median) => {
      const ratio = median(verifyProd(true, RESPONSE_DELAY_MS)) / median(verifyProd(false, RESPONSE_DELAY_MS));
      return { measured: `${ratio.toFixed(2)}×`, ok: ratio <= BROWSER_RATIO };
    },
  },
];
