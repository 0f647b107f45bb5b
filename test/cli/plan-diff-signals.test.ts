/**
 * `npm run plan -- --diff <ref>` interrupted while the ref's own plan runs in its temporary worktree: the
 * signal reaches the command through npm (package.json's `exec`), the base's plan is stopped, the worktree
 * is removed, and the exit code says which signal it was.
 */
import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import { readdirSync, rmSync } from "node:fs";
import { REPO } from "../support/harness";
import { gitIn, projectCopy, tempDir } from "./plan-fixture";

describe("npm run plan -- --diff <ref>, interrupted", function () {
  let repo: string;
  let tmp: string;
  const git = gitIn(() => repo);

  before(function () {
    this.timeout(60_000);
    repo = projectCopy("plan-diff-signal");
    tmp = tempDir("plan-diff-signal-tmp");
    git("init", "--quiet");
    git("add", "--all");
    git("commit", "--quiet", "-m", "base");
  });
  after(function () {
    rmSync(repo, { recursive: true, force: true });
    rmSync(tmp, { recursive: true, force: true });
  });

  it("stops the base's plan, removes its worktree and exits 143 on SIGTERM to npm", async function () {
    this.timeout(120_000);
    const child = spawn("npm", ["run", "plan", "--", "--stack", "prod", "--cwd", repo, "--diff", "HEAD"], {
      cwd: REPO, env: { ...process.env, TMPDIR: tmp }, stdio: ["ignore", "pipe", "pipe"], detached: true,
    });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const worktrees = () => readdirSync(tmp).filter((name) => name.startsWith("launch-stack-rollback-"));
    const watcher = setInterval(() => {
      if (worktrees().length > 0) {
        clearInterval(watcher);
        process.kill(child.pid as number, "SIGTERM");
      }
    }, 50);
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    clearInterval(watcher);
    assert.equal(code, 143, stderr);
    assert.match(stderr, /plan: interrupted by SIGTERM\n/);
    assert.deepEqual(worktrees(), []);
    assert.equal(git("worktree", "list", "--porcelain").match(/^worktree /gm)?.length, 1);
  });
});
