/**
 * Every relative path a person types resolves from the directory they ran npm in (INIT_CWD), not from the
 * project directory (`--cwd`): `handover --out` and `--verify`, `plan --diff <file>`. Each case puts the
 * user's directory and the project directory apart, so a path resolved from the wrong one fails.
 */
import { strict as assert } from "node:assert";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { main as handover } from "../../cli/handover";
import { main as plan } from "../../cli/plan";
import { shippedConfig } from "../support/harness";
import { runInProcess, tempDir } from "./plan-fixture";
import { verifyRows, writeVerifyJson } from "./handover/verify-fixture";

describe("relative path flags", () => {
  const root = tempDir("path-flags");
  const user = join(root, "where-npm-ran");
  const project = join(root, "project");
  mkdirSync(user);
  mkdirSync(project);
  const env = { ...process.env, INIT_CWD: user };
  const configs = { prod: shippedConfig("prod") };
  after(() => rmSync(root, { recursive: true, force: true }));

  it("writes handover --out relative to where npm ran, not to --cwd", async () => {
    const run = await runInProcess(handover, ["--stack", "prod", "--cwd", project, "--out", "runbook.md"], configs, env);
    assert.equal(run.code, 0, run.stderr);
    assert.ok(existsSync(join(user, "runbook.md")), run.stdout);
    assert.ok(!existsSync(join(project, "runbook.md")));
  });

  it("reads handover --verify relative to where npm ran, not to --cwd", async () => {
    writeVerifyJson(user, "verify-prod.json", "prod", verifyRows("prod"));
    const run = await runInProcess(handover, ["--stack", "prod", "--cwd", project, "--out", "-", "--verify", "verify-prod.json"], configs, env);
    assert.equal(run.code, 0, run.stderr);
    assert.ok(run.stdout.includes(`from \`verify-prod.json\``), run.stdout.slice(0, 2000));
    assert.ok(run.stdout.includes("✅ **Ready for production traffic**"));
  });

  it("keeps the default handover-<stack>.md in the project directory", async () => {
    const run = await runInProcess(handover, ["--stack", "prod", "--cwd", project], configs, env);
    assert.equal(run.code, 0, run.stderr);
    assert.ok(existsSync(join(project, "handover-prod.md")));
    assert.ok(!existsSync(join(user, "handover-prod.md")));
  });

  it("reads a plan --diff file relative to where npm ran, not to --cwd", async () => {
    const saved = await runInProcess(plan, ["--stack", "prod", "--json"], configs);
    writeFileSync(join(user, "base.json"), saved.stdout);
    const run = await runInProcess(plan, ["--stack", "prod", "--cwd", project, "--diff", "base.json"], configs, env);
    assert.equal(run.code, 0, run.stderr);
    assert.ok(run.stdout.includes("\nNo changes against base.json\n"), run.stdout.slice(-1500));
  });
});
