/**
 * What `npm run bench` measures: one row per command, each with an optional budget. Add a row here to
 * benchmark another command; the runner (bench/run.ts) spawns it, times it and prints the table.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface BenchRow {
  /** What the row measures, e.g. "plan prod". */
  name: string;
  /** The command, as an argument vector run from the repository root (no shell). */
  command: string[];
  /** Wall-time budget of the median run, in milliseconds; over budget fails the bench. */
  budgetMs?: number;
  /** Exit codes that count as a successful run (default: 0). */
  okExitCodes?: number[];
}

export const REPO = join(__dirname, "..");

/**
 * An npm script's command line without npm's own start-up (~0.3 s, the same for every script), so a row
 * times the script itself and follows the runtime package.json chooses.
 */
export function npmScript(name: string, ...args: string[]): string[] {
  const scripts = (JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
  return [...scripts[name].split(/\s+/), ...args];
}

/** Every stack shipped with the repository (Pulumi.<stack>.yaml at the root). */
export const SHIPPED_STACKS = readdirSync(REPO).flatMap((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1] ?? []).sort();

/** The bar: the prod plan in under 3 s wall on a 2-core machine. */
const PLAN_BUDGET_MS: Record<string, number> = { prod: 3000 };

export const ROWS: BenchRow[] = [
  ...SHIPPED_STACKS.map((stack) => ({ name: `plan ${stack}`, command: npmScript("plan", "--stack", stack), budgetMs: PLAN_BUDGET_MS[stack] })),
];
