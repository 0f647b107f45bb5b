/**
 * Helpers for the plan and handover CLI tests: run a command in-process with a chosen config (captured
 * output), spawn the real entry point for exit codes, and write stack files into a temporary project.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import type { RawConfig } from "../../gate/load";
import type { CliIO } from "../../cli/plan/io";
import { readStackConfig } from "../../cli/plan/io";
import { REPO } from "../support/harness";

export interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

type Main = (argv: readonly string[], io: CliIO) => Promise<number>;

/**
 * Runs a command's `main` in this process. `configs` replaces stack files by name (the only way to plan a
 * config holding a plaintext secret); other stacks are read from disk. The program's own console output
 * (Pulumi log warnings) is captured into stderr too, as a terminal would show it.
 */
export async function runInProcess(main: Main, argv: string[], configs: Record<string, RawConfig> = {}): Promise<Captured> {
  let stdout = "";
  let stderr = "";
  const io: CliIO = {
    out: (t) => void (stdout += t),
    err: (t) => void (stderr += t),
    readConfig: (stack, dir) => configs[stack] ?? readStackConfig(stack, dir),
    env: process.env,
  };
  const saved = { log: console.log, warn: console.warn, error: console.error };
  const toStderr = (...args: unknown[]) => void (stderr += `${args.join(" ")}\n`);
  Object.assign(console, { log: toStderr, warn: toStderr, error: toStderr });
  try {
    const code = await main(argv, io);
    return { code, stdout, stderr };
  } finally {
    Object.assign(console, saved);
  }
}

/** Spawns an entry point the way `npm run` does (same node flags as package.json), from the repository. */
export function spawnCli(entry: "cli/plan.ts" | "cli/handover.ts", args: string[]): Captured {
  const child = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", entry, ...args], { cwd: REPO, encoding: "utf8", timeout: 60_000 });
  return { code: child.status ?? -1, stdout: child.stdout, stderr: child.stderr };
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `launch-stack-${prefix}-`));
}

/** The shipped stack file as a YAML document, to edit and write elsewhere. */
export function shippedStackDoc(stack: "staging" | "prod"): { config: Record<string, any> } {
  return parse(readFileSync(join(REPO, `Pulumi.${stack}.yaml`), "utf8"));
}

export function writeStackDoc(dir: string, stack: string, doc: unknown): void {
  writeFileSync(join(dir, `Pulumi.${stack}.yaml`), stringify(doc));
}
