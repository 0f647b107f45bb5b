/** `npm run plan` and `npm run handover` take every stack name form Pulumi accepts, or refuse it at once. */
import { strict as assert } from "node:assert";
import { main as handover } from "../../cli/handover";
import { main as plan } from "../../cli/plan";
import { REPO } from "../support/harness";
import { runInProcess } from "./plan-fixture";

describe("stack names in npm run plan and handover", () => {
  for (const stack of ["acme/prod", "acme/launch-stack/prod"]) {
    it(`plans ${stack} from Pulumi.prod.yaml, as the stack prod`, async () => {
      const run = await runInProcess(plan, ["--stack", stack, "--cwd", REPO, "--json"]);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(JSON.parse(run.stdout).stack, "prod");
    });
  }

  it("refuses a project that is not this one, in one line, naming both", async () => {
    const run = await runInProcess(plan, ["--stack", "acme/other/prod", "--cwd", REPO]);
    assert.equal(run.code, 2);
    assert.equal(run.stderr, `error: --stack acme/other/prod names project other, but ${REPO}/Pulumi.yaml is project launch-stack; use launch-stack/prod or just prod\n`);
  });

  it("writes the handover of acme/staging from Pulumi.staging.yaml", async () => {
    const run = await runInProcess(handover, ["--stack", "acme/staging", "--cwd", REPO, "--out", "-"]);
    assert.ok(run.code === 0 || run.code === 1, run.stderr);
    assert.match(run.stdout, /^# Handover: launch-stack, stack `staging`\n/);
  });
});
