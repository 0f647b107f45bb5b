import { strict as assert } from "node:assert";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { discoverStacks } from "../../../cli/stacks/discover";
import { ConfigError } from "../../../config/errors";
import { REPO } from "../../support/harness";

/** What the workflows' matrices are built from (npm run stacks -- --github-output). */
describe("npm run stacks", () => {
  it("finds the shipped stacks: prod behind approval, staging at once, each with its pack config", () => {
    assert.deepEqual(discoverStacks(REPO), [
      { stack: "prod", environment: "prod", githubEnvironment: "production", gated: true, packConfig: "policies/config/prod.json" },
      { stack: "staging", environment: "staging", githubEnvironment: "staging", gated: false, packConfig: "policies/config/staging.json" },
    ]);
  });

  it("finds any other Pulumi.<stack>.yaml, gates it by its environment key, and gives it no pack config it does not have", () => {
    const dir = mkdtempSync(join(tmpdir(), "launch-stack-stacks-"));
    try {
      mkdirSync(join(dir, "policies", "config"), { recursive: true });
      writeFileSync(join(dir, "Pulumi.yaml"), "name: launch-stack\n");
      writeFileSync(join(dir, "Pulumi.coaching-live.yaml"), "config:\n  launch-stack:environment: prod\n");
      writeFileSync(join(dir, "Pulumi.qa.yaml"), "config:\n  launch-stack:environment: staging\n");
      writeFileSync(join(dir, "policies", "config", "qa.json"), "{}\n");
      assert.deepEqual(discoverStacks(dir), [
        { stack: "coaching-live", environment: "prod", githubEnvironment: "production", gated: true, packConfig: "" },
        { stack: "qa", environment: "staging", githubEnvironment: "staging", gated: false, packConfig: "policies/config/qa.json" },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("stops on a malformed stack file with its name and line, instead of a YAML stack trace", () => {
    const dir = mkdtempSync(join(tmpdir(), "launch-stack-stacks-"));
    try {
      writeFileSync(join(dir, "Pulumi.bad.yaml"), "config:\n  launch-stack:environment: staging\n  launch-stack:environment: prod\n");
      assert.throws(() => discoverStacks(dir), (e: unknown) => e instanceof ConfigError && /^Pulumi\.bad\.yaml line 3: YAML repeats a key/.test(e.problems[0]));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
