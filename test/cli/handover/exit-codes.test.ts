/**
 * `npm run handover`'s exit codes: a written document exits 0 whatever its verdict (the runbook is the
 * product), 1 when a mandatory policy fails, and 5 under `--require-ready` when the verdict is "Not ready",
 * so a CI job can gate a launch on the scorecard.
 */
import { strict as assert } from "node:assert";
import { copyFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { main } from "../../../cli/handover";
import { editedConfig, REPO } from "../../support/harness";
import { runInProcess, spawnCli, tempDir } from "../plan-fixture";
import { verifyRows, writeVerifyJson } from "./verify-fixture";

describe("npm run handover exit codes", () => {
  const dir = tempDir("handover-exit");
  const passing = `${dir}/${writeVerifyJson(dir, "verify-prod.json", "prod", verifyRows("prod"))}`;
  // The shipped prod stack, outside git: no commit made while the tests run can make the fresh audit stale.
  copyFileSync(join(REPO, "Pulumi.prod.yaml"), join(dir, "Pulumi.prod.yaml"));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const handover = (args: string[], configs = {}) => runInProcess(main, ["--stack", "prod", "--out", "-", "--cwd", dir, ...args], configs);

  it("exits 0 for a Not ready document without --require-ready", async () => {
    const run = await handover([]);
    assert.equal(run.code, 0, run.stderr);
    assert.ok(run.stdout.includes("❌ **Not ready: 1 blocking item**"));
  });

  it("exits 5 for a Not ready document under --require-ready, after writing it, saying why on stderr", async () => {
    const run = await handover(["--require-ready"]);
    assert.equal(run.code, 5);
    assert.ok(run.stdout.includes("## Launch scorecard"), "the document was not written");
    assert.equal(run.stderr, "handover: Not ready: 1 blocking item (--require-ready); the document lists them under its Verdict\n");
  });

  it("exits 0 under --require-ready when the verdict is ready", async () => {
    const run = await handover(["--require-ready", "--verify", passing]);
    assert.equal(run.code, 0, run.stderr);
  });

  it("exits 1, not 5, under --require-ready when a mandatory policy fails", async () => {
    const raw = editedConfig("prod", (c) => (c.zones[0].edge.managedRulesets = false));
    const run = await handover(["--require-ready", "--verify", passing], { prod: raw });
    assert.equal(run.code, 1, run.stderr);
  });

  it("sets the process exit code to 5 when run as npm does", () => {
    const run = spawnCli("cli/handover.ts", ["--stack", "prod", "--out", "-", "--cwd", dir, "--require-ready"]);
    assert.equal(run.code, 5, run.stderr);
  });

  it("documents --require-ready and exit code 5 in --help", async () => {
    const run = await handover(["--help"]);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /--require-ready +exit 5 when the verdict is Not ready/);
    assert.match(run.stdout.replace(/\s+/g, " "), /Exit 0: written, whatever the verdict; .* 5: written, and the verdict is Not ready \(only with --require-ready\)\./);
  });
});
