/**
 * The root hook in test/support/temp-leaks.ts fails a run whose test file leaves a launch-stack-*
 * directory in the temporary directory, and passes one that removes what it made.
 */
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { REPO } from "./support/harness";

function runFixture(env: NodeJS.ProcessEnv): { code: number | null; out: string } {
  const child = spawnSync(
    process.execPath,
    [require.resolve("mocha/bin/mocha.js"), "--no-config", "--require", "ts-node/register/transpile-only", "--require", "test/support/temp-leaks.ts", "test/support/temp-leaks/leaky.fixture.ts"],
    { cwd: REPO, env: { ...process.env, ...env }, encoding: "utf8", timeout: 60_000 },
  );
  return { code: child.status, out: child.stdout + child.stderr };
}

describe("the temporary-directory leak check", function () {
  this.timeout(90_000);

  it("fails the run, naming the file and the directory, when a test file leaves a launch-stack-* directory", () => {
    const run = runFixture({ KEEP_TIDY: "" });
    assert.notEqual(run.code, 0, run.out);
    assert.match(run.out, /test\/support\/temp-leaks\/leaky\.fixture\.ts left launch-stack-leak-\w+ in the temporary directory: remove what a test creates in its after or afterEach hook/);
  });

  it("passes a test file that removes what it made", () => {
    const run = runFixture({ KEEP_TIDY: "1" });
    assert.equal(run.code, 0, run.out);
  });
});
