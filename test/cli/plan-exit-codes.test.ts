/**
 * The real `cli/plan.ts` as a child process, the way CI and `npm run rollback` run it: its exit code is
 * the verdict (1: a mandatory policy is violated, 2: the config is invalid), and errors are one line per
 * problem without a stack trace.
 */
import { strict as assert } from "node:assert";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { wafManagedRules } from "../../policies/edge";
import { shippedStackDoc, spawnCli, tempDir, writeStackDoc } from "./plan-fixture";

describe("npm run plan as a process", function () {
  // Each test starts node, ts-node and the whole program: seconds, more on a busy machine.
  this.timeout(60_000);
  let dir: string;
  before(() => {
    dir = tempDir("plan-exit");
    const bad = shippedStackDoc("prod");
    // Passes the config gate, which lets a Pro zone turn its managed WAF rulesets off; the pack objects.
    bad.config["launch-stack:zones"][0].edge.managedRulesets = false;
    writeStackDoc(dir, "prod", bad);
    const broken = shippedStackDoc("prod");
    broken.config["launch-stack:zones"][0].plan = "platinum";
    broken.config["launch-stack:cloudflareAccountId"] = "not-an-id";
    writeStackDoc(dir, "broken", broken);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("exits 1 and prints the violation when a mandatory policy is violated", () => {
    const run = spawnCli("cli/plan.ts", ["--stack", "prod", "--cwd", dir]);
    assert.equal(run.code, 1, run.stderr);
    assert.ok(run.stdout.endsWith([
      "Policy: 2 mandatory policy violations",
      "  Edge protection (2)",
      "    ✖ [mandatory, high] waf-managed-rules: Every zone that serves pages on a plan that includes them (Pro and up) must execute the Cloudflare Managed and OWASP Core rulesets on all traffic: they block known exploits before they reach the origin.",
      "        example.com (pro plan): the Cloudflare Managed Ruleset is not executed on all traffic; add an enabled http_request_firewall_managed rule with action \"execute\", actionParameters.id \"efb7b8c949ac4650a09736fc376e9aee\" and expression \"true\"",
      "        example.com (pro plan): the Cloudflare OWASP Core Ruleset is not executed on all traffic; add an enabled http_request_firewall_managed rule with action \"execute\", actionParameters.id \"4814384a9e5d4991b9815dcfc25d2f1f\" and expression \"true\"",
      `        how to fix: ${wafManagedRules.remediationSteps}`,
      "",
    ].join("\n")), run.stdout.slice(-2000));
  });

  it("exits 2 with one line per config problem and no stack trace when the config is invalid", () => {
    const run = spawnCli("cli/plan.ts", ["--stack", "broken", "--cwd", dir]);
    assert.equal(run.code, 2);
    assert.equal(run.stdout, "");
    assert.equal(
      run.stderr,
      [
        "error: Invalid stack configuration (2 problems):",
        "  launch-stack:cloudflareAccountId: must be the 32-character hex account id from the Cloudflare dashboard",
        '  launch-stack:zones[0].plan: must be one of "free", "pro", "business", "enterprise"; got "platinum"',
        "",
      ].join("\n"),
    );
  });

  it("exits 2 naming the stack file's line when its YAML is malformed", () => {
    writeFileSync(join(dir, "Pulumi.repeated.yaml"), "config:\n  launch-stack:environment: staging\n  launch-stack:environment: prod\n");
    const run = spawnCli("cli/plan.ts", ["--stack", "repeated", "--cwd", dir]);
    assert.equal(run.code, 2);
    assert.equal(run.stderr, "error: Invalid stack configuration (1 problem):\n  Pulumi.repeated.yaml line 3: YAML repeats a key: Map keys must be unique; fix the YAML there\n");
  });
});
