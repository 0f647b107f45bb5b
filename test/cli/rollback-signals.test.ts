import assert from "node:assert/strict";
import { createFixture, type Fixture, type RollbackRun } from "./rollback-fixture";

/**
 * `npm run rollback` interrupted the ways people and machines interrupt it: SIGINT (Ctrl-C) and SIGTERM
 * (`kill`, a CI runner, a container stop), sent to the npm process alone or to its whole process group
 * (`kill -- -PGID`, timeout, systemd), while `pulumi preview` and while `pulumi up` run. The stand-in `pulumi`
 * cancels on its first signal and treats a second as "stop now", like the real CLI.
 */
describe("npm run rollback, interrupted", function () {
  const phases = ["preview", "up"] as const;
  const signals = ["SIGINT", "SIGTERM"] as const;
  const targets = ["the npm process", "its process group"] as const;
  const cases = phases.flatMap((phase) => signals.flatMap((signal) => targets.map((target) => ({ phase, signal, target }))));
  const runs = new Map<string, { run: RollbackRun; fixture: Fixture }>();
  const key = (c: (typeof cases)[number]) => `${c.signal} to ${c.target} during ${c.phase}`;

  // Each case has its own repository, so all of them run at once and the suite stays quick.
  before(async function () {
    this.timeout(120_000);
    await Promise.all(cases.map(async (c) => {
      const fixture = createFixture();
      const run = await fixture.run(["--stack", "prod", "--to", "release-2", "--yes", "--cwd", "."], {
        viaNpm: true,
        env: c.phase === "preview" ? { PULUMI_STAND_IN_PREVIEW_DELAY_MS: "20000" } : { PULUMI_STAND_IN_UP_DELAY_MS: "20000" },
        onPulumi: { command: c.phase, then: (npm) => process.kill(c.target === "the npm process" ? (npm.pid as number) : -(npm.pid as number), c.signal) },
      });
      runs.set(key(c), { run, fixture });
    }));
  });

  after(function () {
    for (const { fixture } of runs.values()) fixture.dispose();
  });

  for (const c of cases) {
    describe(key(c), function () {
      const get = () => runs.get(key(c)) as { run: RollbackRun; fixture: Fixture };

      it(`exits ${c.signal === "SIGINT" ? 130 : 143}`, function () {
        assert.equal(get().run.code, c.signal === "SIGINT" ? 130 : 143, get().run.stderr);
      });

      it("delivers exactly one signal to pulumi", function () {
        assert.deepEqual(get().run.signals, [{ signal: c.signal, during: c.phase }]);
      });

      it(c.phase === "preview" ? "never runs pulumi up" : "deploys nothing", function () {
        const { run } = get();
        assert.deepEqual(run.deployed, []);
        assert.deepEqual(run.pulumi.map((call) => call.args[0]), c.phase === "preview" ? ["preview"] : ["preview", "up"]);
      });

      it("removes its worktree and only its worktree", function () {
        const { fixture } = get();
        assert.deepEqual(fixture.leftoverWorktrees(), []);
        assert.equal(fixture.git("worktree", "list", "--porcelain").match(/^worktree /gm)?.length, 1);
      });
    });
  }
});
