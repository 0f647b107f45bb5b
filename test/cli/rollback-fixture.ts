import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";

/**
 * A throwaway git repository shaped like this project (Pulumi.yaml, Pulumi.prod.yaml with its pack config,
 * Pulumi.qa.yaml without one, a lockfile `npm ci`
 * installs offline, and a `plan` script whose exit code each commit decides), a stand-in `pulumi` on PATH,
 * a realistic `pulumi stack history --json`, and a private TMPDIR so the tests can see every worktree the
 * rollback creates and check that it is gone.
 */

const PROJECT_ROOT = join(__dirname, "..", "..");
const CLI = join(PROJECT_ROOT, "cli", "rollback.ts");

/** One invocation recorded by the stand-in `pulumi` or by the fixture's plan script. */
export interface Invocation {
  readonly args: string[];
  readonly cwd: string;
  /** The plan script also records which commit's RELEASE file it saw. */
  readonly release?: string;
}

export interface RollbackRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly pulumi: Invocation[];
  readonly plans: Invocation[];
  /** Every SIGINT or SIGTERM the stand-in `pulumi` received, and which command it was running. */
  readonly signals: { signal: string; during: string }[];
  /** The stacks a `pulumi up` finished deploying. */
  readonly deployed: string[];
}

export interface Fixture {
  readonly repo: string;
  /** The commits, oldest first: RELEASE 1, 2, 3 (rejected by its plan script), 4 (HEAD). */
  readonly commits: readonly string[];
  /** TMPDIR of the rollback process: the only place its worktrees can appear. */
  readonly tmp: string;
  run(args: readonly string[], options?: RunOptions): Promise<RollbackRun>;
  /** Paths under `tmp` that a rollback created and left behind. */
  leftoverWorktrees(): string[];
  git(...args: string[]): string;
  /** Deletes the repository, the logs and the private TMPDIR. */
  dispose(): void;
}

export interface RunOptions {
  readonly env?: Readonly<Record<string, string>>;
  /** Leave the stand-in `pulumi` off PATH. */
  readonly withoutPulumi?: boolean;
  /** Called once the stand-in has logged a command whose first word is `onPulumi.command`. */
  readonly onPulumi?: { readonly command: string; readonly then: (child: ChildProcess) => void };
  /**
   * Start it as a person does, `npm run rollback -- <args>` from the repository (npm --prefix names this
   * project, so npm's own cwd, INIT_CWD, is the repository), instead of node directly.
   */
  readonly viaNpm?: boolean;
}

const PLAN_SCRIPT = (exitCode: number) => `"use strict";
const fs = require("node:fs");
const record = { args: process.argv.slice(2), cwd: process.cwd(), release: fs.readFileSync("RELEASE", "utf8").trim() };
fs.appendFileSync(process.env.PLAN_STAND_IN_LOG, JSON.stringify(record) + "\\n");
process.exitCode = ${exitCode};
`;

const PACKAGE_JSON = JSON.stringify({ name: "x", version: "1.0.0", private: true, scripts: { plan: "node plan.js" } }, null, 2);
const PACKAGE_LOCK = JSON.stringify(
  { name: "x", version: "1.0.0", lockfileVersion: 3, requires: true, packages: { "": { name: "x", version: "1.0.0" } } },
  null,
  2,
);

export function createFixture(): Fixture {
  const root = realpathSync(mkdtempSync(join(tmpdir(), "launch-stack-rollback-test-")));
  const repo = join(root, "repo");
  const bin = join(root, "bin");
  const tmp = join(root, "tmp");
  for (const dir of [repo, bin, tmp]) mkdirSync(dir);
  copyFileSync(join(__dirname, "pulumi-stand-in.js"), join(bin, "pulumi"));
  chmodSync(join(bin, "pulumi"), 0o755);

  const gitEnv = { ...process.env, GIT_AUTHOR_NAME: "Ana Ops", GIT_AUTHOR_EMAIL: "ana@example.com", GIT_COMMITTER_NAME: "Ana Ops", GIT_COMMITTER_EMAIL: "ana@example.com" };
  const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, env: gitEnv, encoding: "utf8" }).trim();
  const write = (file: string, text: string) => writeFileSync(join(repo, file), text);
  const commit = (release: number, planExit: number, message: string) => {
    write("RELEASE", `${release}\n`);
    write("plan.js", PLAN_SCRIPT(planExit));
    git("add", "-A");
    git("commit", "--quiet", "-m", message);
    return git("rev-parse", "HEAD");
  };

  git("init", "--quiet", "-b", "main");
  write(".gitignore", "node_modules/\n");
  write("package.json", PACKAGE_JSON);
  write("package-lock.json", PACKAGE_LOCK);
  write("Pulumi.yaml", "name: launch-stack\nruntime: nodejs\n");
  write("Pulumi.prod.yaml", "config:\n  launch-stack:domain: example.com\n");
  // A third stack with no pack config of its own: its preview and up run the pack with its defaults.
  write("Pulumi.qa.yaml", "config:\n  launch-stack:domain: qa.example.com\n");
  mkdirSync(join(repo, "policies", "config"), { recursive: true });
  write("policies/config/prod.json", "{}\n");
  const commits = [
    commit(1, 0, "Launch example.com"),
    commit(2, 0, "Tighten the login rate limit"),
    commit(3, 1, "Switch SSL mode to flexible"),
    commit(4, 0, "Restore strict SSL"),
  ];
  git("tag", "release-2", commits[1]);

  // Uncommitted work that a rollback must leave exactly as it is.
  write("RELEASE", "4 with a local edit\n");
  write("notes.txt", "untracked\n");

  const historyFile = join(root, "history.json");
  writeFileSync(historyFile, JSON.stringify(stackHistory(commits), null, 4));

  return {
    repo,
    commits,
    tmp,
    git,
    leftoverWorktrees: () => readdirSync(tmp).filter((name) => name.startsWith("launch-stack-rollback-")),
    run: (args, options = {}) => runRollback(args, options, { root, repo, bin, tmp, historyFile }),
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** The directory holding `name` on this machine's PATH, so the child's PATH can be built without the real one. */
function directoryOf(name: string): string {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (dir && existsSync(join(dir, name))) return dir;
  }
  throw new Error(`${name} is not on PATH`);
}

let runCount = 0;

/**
 * At most this many rollbacks at once per test file: each is npm, node, git, npm ci and a plan, and a
 * burst of many starves the loopback servers other test files time.
 */
const MAX_CONCURRENT = 2;
let running = 0;
const queue: (() => void)[] = [];

async function runRollback(
  args: readonly string[],
  options: RunOptions,
  paths: { root: string; repo: string; bin: string; tmp: string; historyFile: string },
): Promise<RollbackRun> {
  if (running >= MAX_CONCURRENT) await new Promise<void>((resolve) => queue.push(resolve));
  running++;
  try {
    return await startRollback(args, options, paths);
  } finally {
    running--;
    queue.shift()?.();
  }
}

function startRollback(
  args: readonly string[],
  options: RunOptions,
  paths: { root: string; repo: string; bin: string; tmp: string; historyFile: string },
): Promise<RollbackRun> {
  const id = ++runCount;
  const pulumiLog = join(paths.root, `pulumi-${id}.jsonl`);
  const planLog = join(paths.root, `plan-${id}.jsonl`);
  const path = [...(options.withoutPulumi ? [] : [paths.bin]), dirname(process.execPath), directoryOf("npm"), directoryOf("git")];
  const env = {
    PATH: [...new Set(path)].join(delimiter),
    HOME: process.env.HOME ?? paths.root,
    TMPDIR: paths.tmp,
    TS_NODE_PROJECT: join(PROJECT_ROOT, "tsconfig.json"),
    PULUMI_STAND_IN_LOG: pulumiLog,
    PULUMI_STAND_IN_HISTORY: paths.historyFile,
    PLAN_STAND_IN_LOG: planLog,
    npm_config_offline: "true",
    npm_config_update_notifier: "false",
    ...options.env,
  };
  const command = options.viaNpm
    ? ["npm", ["--prefix", PROJECT_ROOT, "run", "rollback", "--", ...args]] as const
    : [process.execPath, ["-r", require.resolve("ts-node/register/transpile-only"), CLI, ...args]] as const;
  const child = spawn(command[0], command[1], {
    cwd: paths.repo,
    env,
    stdio: ["pipe", "pipe", "pipe"],
    // Its own process group, so a test can deliver Ctrl-C to the CLI and its children as a terminal would.
    detached: true,
  });
  child.stdin.end();
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));

  const watcher = options.onPulumi && setInterval(() => {
    const started = readLog(pulumiLog).some((entry) => entry.args?.[0] === options.onPulumi?.command);
    if (started) {
      clearInterval(watcher);
      options.onPulumi?.then(child);
    }
  }, 20);

  return new Promise((resolve) => {
    child.on("close", (code) => {
      if (watcher) clearInterval(watcher);
      const log = readLog(pulumiLog);
      resolve({
        code,
        stdout,
        stderr,
        pulumi: log.filter((entry) => entry.args),
        plans: readLog(planLog),
        signals: log.flatMap((entry) => (entry.signal ? [{ signal: entry.signal, during: entry.during as string }] : [])),
        deployed: log.flatMap((entry) => (entry.deployed ? [entry.deployed] : [])),
      });
    });
  });
}

type LogEntry = Invocation & { signal?: string; during?: string; deployed?: string };

function readLog(file: string): LogEntry[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as LogEntry);
}

/**
 * What `pulumi stack history --json` prints for a stack with 105 updates, newest first, in the shape of the
 * CLI's `updateInfoJSON`. The newest entries carry the cases a rollback must refuse; versions 1 to 99 are
 * ordinary deploys of the first two commits, so reaching version 2 takes a second page.
 */
export function stackHistory(commits: readonly string[]): object[] {
  const [c1, c2, c3, c4] = commits;
  const notable: Record<number, { head?: string; kind?: string; result?: string; dirty?: boolean; message: string }> = {
    105: { head: c4, message: "Restore strict SSL" },
    104: { head: c4, kind: "refresh", message: "Restore strict SSL" },
    103: { head: c3, result: "failed", message: "Switch SSL mode to flexible" },
    102: { head: c2, dirty: true, message: "Try a lower rate limit" },
    101: { message: "Deployed from a release tarball" },
    100: { head: "9f1c2e7a4b3d5c6e8f0a1b2c3d4e5f6a7b8c9d0e", message: "Deployed from a branch that was never pushed" },
  };
  const updates: object[] = [];
  for (let version = 105; version >= 1; version--) {
    const entry = notable[version] ?? { head: version <= 2 ? c1 : c2, message: version <= 2 ? "Launch example.com" : "Tighten the login rate limit" };
    const start = Date.UTC(2025, 0, 1) + version * 3_600_000;
    updates.push({
      version,
      kind: entry.kind ?? "update",
      startTime: new Date(start).toISOString().replace(".000", ""),
      message: entry.message,
      environment: {
        "exec.kind": "cli",
        "pulumi.arch": "amd64",
        "pulumi.os": "linux",
        "pulumi.version": "v3.205.0",
        updatePlan: "false",
        ...(entry.head && {
          "git.author": "Ana Ops",
          "git.author.email": "ana@example.com",
          "git.committer": "Ana Ops",
          "git.committer.email": "ana@example.com",
          "git.dirty": String(entry.dirty ?? false),
          "git.head": entry.head,
          "git.headName": "refs/heads/main",
          "vcs.kind": "github.com",
          "vcs.owner": "acme",
          "vcs.repo": "launch-stack",
          "vcs.root": ".",
        }),
      },
      config: {
        "launch-stack:domain": { value: "example.com", secret: false },
        "cloudflare:apiToken": { secret: true },
      },
      result: entry.result ?? "succeeded",
      endTime: new Date(start + 51_000).toISOString().replace(".000", ""),
      resourceChanges: { same: 41, update: 2 },
    });
  }
  return updates;
}
