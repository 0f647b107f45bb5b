import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createFixture, type Fixture, type RollbackRun } from "./rollback-fixture";

/**
 * The rollback CLI end to end, as a child process, against a throwaway repository and a stand-in `pulumi`
 * (the real CLI cannot be installed here; see docs/rollback.md for what only a real account proves).
 */
describe("npm run rollback", function () {
  let fixture: Fixture;
  let workingCopy: { head: string; status: string; release: string };

  before(function () {
    fixture = createFixture();
    workingCopy = snapshotWorkingCopy(fixture);
  });

  after(function () {
    fixture.dispose();
  });

  afterEach(function () {
    assert.deepEqual(fixture.leftoverWorktrees(), [], "a temporary worktree was left behind");
    assert.equal(fixture.git("worktree", "list", "--porcelain").split("\n").filter((line) => line.startsWith("worktree ")).length, 1);
    assert.deepEqual(snapshotWorkingCopy(fixture), workingCopy, "the working copy changed");
  });

  describe("to a stack version older than one page of history", function () {
    let run: RollbackRun;
    before(async function () {
      run = await fixture.run(["--stack", "prod", "--to", "2", "--yes"]);
    });

    it("exits 0 and says which version the stack is at", function () {
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, new RegExp(`✔ stack prod is now at version 2 \\(${fixture.commits[0].slice(0, 12)}\\)`));
    });

    it("pages through pulumi stack history --json from the project directory until it finds the version", function () {
      assert.deepEqual(run.pulumi.slice(0, 2), [
        { args: ["stack", "history", "--stack", "prod", "--json", "--page-size", "100", "--page", "1"], cwd: fixture.repo },
        { args: ["stack", "history", "--stack", "prod", "--json", "--page-size", "100", "--page", "2"], cwd: fixture.repo },
      ]);
    });

    it("runs the offline plan of that version's commit in a temporary worktree", function () {
      assert.equal(run.plans.length, 1);
      const [plan] = run.plans;
      assert.deepEqual(plan.args, ["--stack", "prod"]);
      assert.equal(plan.release, "1");
      assert.match(plan.cwd, new RegExp(`^${escape(fixture.tmp)}/launch-stack-rollback-[^/]+$`));
    });

    it("runs exactly pulumi preview saving its plan, then pulumi up held to that plan, from that worktree", function () {
      const worktree = run.plans[0].cwd;
      const plan = `${worktree}/.launch-stack-rollback-plan.json`;
      const message = `rollback to version 2 (${fixture.commits[0].slice(0, 12)})`;
      assert.deepEqual(run.pulumi.slice(2), [
        { args: ["preview", "--stack", "prod", "--diff", "--policy-pack", "policies", "--policy-pack-config", "policies/config/prod.json", "--save-plan", plan], cwd: worktree },
        { args: ["up", "--stack", "prod", "--yes", "--policy-pack", "policies", "--policy-pack-config", "policies/config/prod.json", "--plan", plan, "--message", message], cwd: worktree },
      ]);
      assert.deepEqual(run.deployed, ["prod"]);
    });

    it("prints each step with ✔ and its duration, and says the uncommitted edits are not deployed", function () {
      assert.match(run.stdout, /✔ pulumi preview --stack prod \(\d+(ms|\.\ds)\)/);
      assert.match(run.stdout, /✔ remove the temporary worktree \(\d+(ms|\.\ds)\)/);
      assert.match(run.stdout, /uncommitted changes; they are not part of the rollback/);
    });

    it("removes the worktree it created", function () {
      assert.equal(existsSync(run.plans[0].cwd), false);
    });
  });

  describe("to a git ref", function () {
    let run: RollbackRun;
    before(async function () {
      run = await fixture.run(["--stack", "prod", "--to", "release-2", "--yes"]);
    });

    it("deploys the ref's commit", function () {
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.plans[0].release, "2");
    });

    it("does not read the stack history", function () {
      assert.deepEqual(run.pulumi.map((call) => call.args[0]), ["preview", "up"]);
    });
  });

  it("stops before pulumi when the policy pack rejects the target commit", async function () {
    const run = await fixture.run(["--stack", "prod", "--to", fixture.commits[2], "--yes"]);
    assert.equal(run.code, 1);
    assert.equal(run.plans[0].release, "3");
    assert.deepEqual(run.pulumi, []);
    assert.match(run.stderr, /the policy pack rejects .* for stack prod; nothing was deployed/);
  });

  it("does not run pulumi up when the preview fails", async function () {
    const run = await fixture.run(["--stack", "prod", "--to", "release-2", "--yes"], { env: { PULUMI_STAND_IN_PREVIEW_EXIT: "255" } });
    assert.equal(run.code, 1);
    assert.deepEqual(run.pulumi.map((call) => call.args[0]), ["preview"]);
    assert.match(run.stderr, /pulumi preview failed \(exit 255\); nothing was deployed/);
  });

  it("unwinds on Ctrl-C during the preview: no up, worktree removed, exit 130", async function () {
    const run = await fixture.run(["--stack", "prod", "--to", "release-2", "--yes"], {
      env: { PULUMI_STAND_IN_PREVIEW_DELAY_MS: "5000" },
      onPulumi: { command: "preview", then: (child) => process.kill(-(child.pid as number), "SIGINT") },
    });
    assert.equal(run.code, 130);
    assert.deepEqual(run.pulumi.map((call) => call.args[0]), ["preview"]);
    assert.match(run.stderr, /^rollback: interrupted by SIGINT; if pulumi up had started, check: pulumi stack history --stack prod$/m);
    assert.match(run.stdout, /✔ remove the temporary worktree/);
  });

  describe("refuses in one line, exit 2, before checking anything out", function () {
    const cases: { title: string; args: string[]; message: RegExp; withoutPulumi?: boolean }[] = [
      { title: "an unknown stack version", args: ["--to", "999", "--yes"], message: /^rollback: stack prod has no version 999; list versions with: pulumi stack history --stack prod$/ },
      { title: "a ref that does not exist", args: ["--to", "no-such-branch", "--yes"], message: /^rollback: git ref "no-such-branch" does not name a commit in / },
      { title: "a version deployed from a dirty working copy", args: ["--to", "102", "--yes"], message: /^rollback: version 102 of stack prod was deployed from a dirty working copy \(git\.dirty\)/ },
      { title: "a version whose commit is not in the repository", args: ["--to", "100", "--yes"], message: /which is not in this repository; run git fetch and retry$/ },
      { title: "no pulumi CLI on PATH", args: ["--to", "2", "--yes"], withoutPulumi: true, message: /^rollback: the pulumi CLI is not on PATH; install it from https:\/\/www\.pulumi\.com\/docs\/install\// },
      { title: "no --yes when stdin is not a terminal", args: ["--to", "2"], message: /^rollback: refusing to deploy without --yes when not interactive$/ },
    ];
    const runs = new Map<string, RollbackRun>();

    // None of these creates a worktree, so they run side by side to keep the suite fast.
    before(async function () {
      await Promise.all(cases.map(async ({ title, args, withoutPulumi }) => runs.set(title, await fixture.run(["--stack", "prod", ...args], { withoutPulumi }))));
    });

    for (const { title, message } of cases) {
      it(title, function () {
        const run = runs.get(title) as RollbackRun;
        assert.equal(run.code, 2, run.stderr);
        assert.match(run.stderr.trimEnd(), message);
        assert.equal(run.stderr.trimEnd().split("\n").length, 1, `not one line:\n${run.stderr}`);
        assert.deepEqual(run.plans, []);
        assert.deepEqual(run.pulumi.filter((call) => call.args[0] !== "stack"), []);
      });
    }

    it("asks pulumi nothing when it refuses for lack of --yes", function () {
      assert.deepEqual(runs.get("no --yes when stdin is not a terminal")?.pulumi, []);
    });
  });
});

function snapshotWorkingCopy(fixture: Fixture) {
  return {
    head: fixture.git("rev-parse", "HEAD"),
    status: fixture.git("status", "--porcelain"),
    release: readFileSync(join(fixture.repo, "RELEASE"), "utf8"),
  };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
