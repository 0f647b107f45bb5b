import assert from "node:assert/strict";
import { mkdirSync, renameSync } from "node:fs";
import { join } from "node:path";
import { createFixture, type Fixture, type RollbackRun } from "./rollback-fixture";

/**
 * What a rollback may touch in the repository (its own temporary worktree and nothing else), where it
 * looks for the project, and which stack names it takes. Every case has its own repository, so they run
 * at once.
 */
describe("npm run rollback and the repository", function () {
  const fixtures: Fixture[] = [];
  const fixture = () => {
    const made = createFixture();
    fixtures.push(made);
    return made;
  };
  after(function () {
    for (const made of fixtures) made.dispose();
  });

  describe("stack names", function () {
    const runs = new Map<string, RollbackRun>();
    const names = ["acme/prod", "acme/launch-stack/prod", "qa", "acme/other/prod", "acme/launch-stack/prod/extra", "../prod"];
    before(async function () {
      await Promise.all(names.map(async (stack) => runs.set(stack, await fixture().run(["--stack", stack, "--to", "release-2", "--yes"]))));
    });

    for (const stack of ["acme/prod", "acme/launch-stack/prod"]) {
      it(`deploys ${stack}: pulumi gets the name as typed, the plan and pack config the stack's own name`, function () {
        const run = runs.get(stack) as RollbackRun;
        assert.equal(run.code, 0, run.stderr);
        assert.deepEqual(run.plans[0].args, ["--stack", "prod"]);
        const [preview, up] = run.pulumi.map((call) => call.args);
        assert.deepEqual(preview.slice(0, 7), ["preview", "--stack", stack, "--diff", "--policy-pack", "policies", "--policy-pack-config"]);
        assert.equal(preview[7], "policies/config/prod.json");
        assert.deepEqual(up.slice(0, 3), ["up", "--stack", stack]);
        assert.deepEqual(run.deployed, [stack]);
      });
    }

    it("runs the pack with its defaults for a stack without its own pack config", function () {
      const run = runs.get("qa") as RollbackRun;
      assert.equal(run.code, 0, run.stderr);
      assert.deepEqual(run.pulumi[0].args.slice(0, 6), ["preview", "--stack", "qa", "--diff", "--policy-pack", "policies"]);
      assert.equal(run.pulumi.some((call) => call.args.includes("--policy-pack-config")), false);
    });

    const refusals: [string, RegExp][] = [
      ["acme/other/prod", /^rollback: --stack acme\/other\/prod names project other, but .*\/Pulumi\.yaml is project launch-stack; use launch-stack\/prod or just prod$/],
      ["acme/launch-stack/prod/extra", /^rollback: --stack "acme\/launch-stack\/prod\/extra" is not a stack name: use stack, org\/stack or org\/project\/stack, e\.g\. prod or acme\/prod$/],
      ["../prod", /^rollback: --stack "\.\.\/prod" is not a stack name: "\.\." may hold only letters, digits, -, _ and \. and must not start with \.$/],
    ];
    for (const [stack, message] of refusals) {
      it(`refuses ${stack} at once, in one line, before asking pulumi anything`, function () {
        const run = runs.get(stack) as RollbackRun;
        assert.equal(run.code, 2);
        assert.match(run.stderr.trimEnd(), message);
        assert.deepEqual(run.pulumi, []);
        assert.deepEqual(run.plans, []);
      });
    }
  });

  describe("directories", function () {
    let elsewhere: RollbackRun;
    let notProject: RollbackRun;
    let other: { fixture: Fixture; path: string; run?: RollbackRun };
    before(async function () {
      const a = fixture();
      const b = fixture();
      mkdirSync(join(b.repo, "docs"));
      // A user's own worktree whose directory is away (a detached drive) while the rollback runs.
      const c = fixture();
      const path = join(c.tmp, "..", "feature-worktree");
      c.git("worktree", "add", "--quiet", "-b", "feature", path);
      renameSync(path, `${path}-unplugged`);
      other = { fixture: c, path };
      [elsewhere, notProject, other.run] = await Promise.all([
        a.run(["--stack", "prod", "--to", "release-2", "--yes", "--cwd", "."], { viaNpm: true }),
        b.run(["--stack", "prod", "--to", "release-2", "--yes", "--cwd", "docs"], { viaNpm: true }),
        c.run(["--stack", "prod", "--to", "release-2", "--yes"]),
      ]);
      renameSync(`${path}-unplugged`, path);
    });

    it("resolves a relative --cwd against the directory npm was run in, not the package root", function () {
      assert.equal(elsewhere.code, 0, elsewhere.stderr);
      assert.equal(elsewhere.plans[0].release, "2");
    });

    it("refuses a --cwd without Pulumi.yaml as the user's mistake, before checking anything out", function () {
      assert.equal(notProject.code, 2);
      assert.match(notProject.stderr, /rollback: --cwd .*\/docs has no Pulumi\.yaml; run from the project directory or pass --cwd <project directory>\n/);
      assert.deepEqual(notProject.plans, []);
    });

    it("leaves another worktree's registration alone, even while its directory is missing", function () {
      assert.equal(other.run?.code, 0, other.run?.stderr);
      assert.ok(other.fixture.git("worktree", "list", "--porcelain").includes(`worktree ${other.path}`));
      assert.deepEqual(other.fixture.leftoverWorktrees(), []);
    });
  });
});
