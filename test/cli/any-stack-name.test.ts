/**
 * Any stack name works end to end: the `environment` key, not the name, decides the bars, and a stack
 * without policies/config/<stack>.json runs every policy at the pack's own level.
 */
import { strict as assert } from "node:assert";
import { main as handover } from "../../cli/handover";
import { main as plan } from "../../cli/plan";
import { pulumiArgs } from "../../cli/rollback/pulumi-cli";
import { parseStackName } from "../../cli/shared/stack-name";
import { packConfigArgs } from "../../policies/pack-config-file";
import { editedConfig, shippedConfig } from "../support/harness";
import { runInProcess } from "./plan-fixture";

describe("any stack name", () => {
  it("plans a prod-environment stack named coaching-live with exit 0 and prod's bars", async () => {
    const run = await runInProcess(plan, ["--stack", "coaching-live", "--json"], { "coaching-live": shippedConfig("prod") });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(JSON.parse(run.stdout).outputs.environment, "prod");
  });

  it("judges a stack named like staging by its environment key, prod", async () => {
    const run = await runInProcess(plan, ["--stack", "coaching-staging"], { "coaching-staging": editedConfig("prod", (c) => { c.zones[0].edge.hsts.maxAge = 86400; }) });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /launch-stack:zones\[0\]\.edge\.hsts/);
  });

  it("passes no --policy-pack-config for a stack without a pack config file", () => {
    assert.deepEqual(packConfigArgs("coaching-live"), []);
    assert.deepEqual(packConfigArgs("prod"), ["--policy-pack-config", "policies/config/prod.json"]);
  });

  it("gives the rollback's pulumi up no pack config file that does not exist", () => {
    const target = { stack: parseStackName("coaching-live"), projectDir: process.cwd() };
    assert.deepEqual(pulumiArgs.up(target, "plan.json", "rollback"), ["up", "--stack", "coaching-live", "--yes", "--policy-pack", "policies", "--plan", "plan.json", "--message", "rollback"]);
  });

  it("writes a handover whose redeploy command runs for the stack as named", async () => {
    const run = await runInProcess(handover, ["--stack", "coaching-live", "--out", "-"], { "coaching-live": shippedConfig("prod") });
    assert.equal(run.code, 0, run.stderr);
    assert.ok(run.stdout.includes("pulumi up --stack coaching-live --policy-pack policies\n"), run.stdout.slice(run.stdout.indexOf("git checkout <ref>"), run.stdout.indexOf("git checkout <ref>") + 200));
  });
});
