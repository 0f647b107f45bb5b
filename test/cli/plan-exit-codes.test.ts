/**
 * The real `cli/plan.ts` as a child process, the way CI and `npm run rollback` run it: its exit code is
 * the verdict (1: a mandatory policy is violated, 2: the config is invalid), and errors are one line per
 * problem without a stack trace.
 */
import { strict as assert } from "node:assert";
import { rmSync } from "node:fs";
import { shippedStackDoc, spawnCli, tempDir, writeStackDoc } from "./plan-fixture";

describe("npm run plan as a process", function () {
  // Each test starts node, ts-node and the whole program: seconds, more on a busy machine.
  this.timeout(60_000);
  let dir: string;
  before(() => {
    dir = tempDir("plan-exit");
    const bad = shippedStackDoc("prod");
    // Passes the config gate, but the pack's prod config says /billing is private: the cache-bypass policy objects.
    bad.config["launch-stack:app"].privatePaths = ["/dashboard", "/account", "/settings"];
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
      "Policy: 1 mandatory policy violation",
      "  critical (1)",
      "    ✖ [mandatory] authenticated-paths-not-cached: Every zone that serves pages must bypass the edge cache for authenticated pages, APIs and auth routes, in its last cache rule: otherwise one client can be served another client's page.",
      "        cloudflare:index:Ruleset::example-com-edge-cache: example.com: the last cache-bypass rule does not cover /billing; add it to that rule's expression",
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
});
