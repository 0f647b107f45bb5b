import { CommandNotFound, runCommand } from "./run-command";
import { UserError } from "./user-error";

/** Where the Pulumi project sits: the repository's top level and the project's path inside it. */
export interface Repository {
  readonly root: string;
  /** The project directory relative to `root`, "" or ending in "/" (git's `--show-prefix`). */
  readonly prefix: string;
}

/** Runs git for its output; a missing git binary is a user error, not a crash. */
async function git(cwd: string, env: NodeJS.ProcessEnv, args: readonly string[]) {
  try {
    return await runCommand("git", args, { cwd, env, capture: true });
  } catch (error) {
    if (error instanceof CommandNotFound) throw new UserError("git is not installed or not on PATH");
    throw error;
  }
}

/** Fails when a git command that must work does not, with git's own message. */
export async function gitOrThrow(cwd: string, env: NodeJS.ProcessEnv, args: readonly string[]): Promise<string> {
  const result = await git(cwd, env, args);
  if (result.code !== 0) throw new Error(`git ${args.join(" ")} failed: ${result.stderr.trim()}`);
  return result.stdout.trim();
}

export async function locateRepository(cwd: string, env: NodeJS.ProcessEnv): Promise<Repository> {
  const result = await git(cwd, env, ["rev-parse", "--show-toplevel", "--show-prefix"]);
  if (result.code !== 0) throw new UserError(`${cwd} is not inside a git repository`);
  const [root, prefix = ""] = result.stdout.split("\n");
  return { root, prefix };
}

/** The full SHA of the commit `ref` names, or undefined when it names none in this repository. */
export async function commitOf(repo: string, env: NodeJS.ProcessEnv, ref: string): Promise<string | undefined> {
  const result = await git(repo, env, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
  return result.code === 0 ? result.stdout.trim() : undefined;
}

/** When `sha` was committed (its committer date), or undefined when git cannot say. */
export async function committedAt(repo: string, env: NodeJS.ProcessEnv, sha: string): Promise<Date | undefined> {
  const result = await git(repo, env, ["show", "-s", "--format=%cI", sha]);
  const date = new Date(result.stdout.trim());
  return result.code === 0 && !Number.isNaN(date.getTime()) ? date : undefined;
}

/**
 * The newest commit at or below `ref` that changed any of `paths`, or undefined when none did (or outside a
 * checkout). `git log` takes pathspecs relative to `repo`, so a project in a subdirectory works too.
 */
export async function lastCommitTouching(repo: string, env: NodeJS.ProcessEnv, ref: string, paths: readonly string[]): Promise<string | undefined> {
  const result = await git(repo, env, ["log", "-1", "--format=%H", ref, "--", ...paths]);
  const sha = result.stdout.trim();
  return result.code === 0 && sha ? sha : undefined;
}

/**
 * Uncommitted edits are never part of a rollback; knowing they exist lets us say so instead of surprising.
 * `--no-optional-locks` keeps this read-only check from rewriting the index under a concurrent git command.
 */
export async function hasUncommittedChanges(repo: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  return (await gitOrThrow(repo, env, ["--no-optional-locks", "status", "--porcelain"])) !== "";
}
