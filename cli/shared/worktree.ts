import { mkdtemp, realpath, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gitOrThrow } from "./git";

/**
 * Checks `sha` out, detached, into a new directory under the system temp dir. A linked worktree shares the
 * object store, so nothing is cloned or fetched, and the user's working copy (branch, index, uncommitted
 * edits) is never touched. The path is resolved through symlinks (macOS's /var → /private/var) so it reads
 * the same in our output and in Pulumi's.
 */
export async function addWorktree(repoRoot: string, sha: string, env: NodeJS.ProcessEnv): Promise<string> {
  const dir = await realpath(await mkdtemp(join(tmpdir(), "launch-stack-rollback-")));
  try {
    await gitOrThrow(repoRoot, env, ["worktree", "add", "--detach", dir, sha]);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return dir;
}

/**
 * Removes this command's own worktree and git's record of it, and nothing else. `--force` because `npm ci`
 * filled it with files. Never `git worktree prune`: that also forgets every other worktree whose directory
 * is missing at the moment (a user's checkout on a detached drive). If git fails, the directory is deleted
 * anyway and the error (with the command to finish by hand) reaches the caller.
 */
export async function removeWorktree(repoRoot: string, dir: string, env: NodeJS.ProcessEnv): Promise<void> {
  try {
    await gitOrThrow(repoRoot, env, ["worktree", "remove", "--force", dir]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
