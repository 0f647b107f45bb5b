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
 * Removes the worktree and git's record of it. `--force` because `npm ci` filled it with files; if git
 * itself fails (for instance killed by a second Ctrl-C) the directory is deleted anyway and `prune`
 * forgets the registration, so no stale checkout outlives the rollback.
 */
export async function removeWorktree(repoRoot: string, dir: string, env: NodeJS.ProcessEnv): Promise<void> {
  try {
    await gitOrThrow(repoRoot, env, ["worktree", "remove", "--force", dir]);
  } finally {
    await rm(dir, { recursive: true, force: true });
    await gitOrThrow(repoRoot, env, ["worktree", "prune"]);
  }
}
