/**
 * `npm run plan -- --diff` stops a mass change with its own exit code (4), after printing the plan and
 * what tripped, and lets it pass with --allow-mass-change. The base is the shipped prod plan with twenty
 * more records in example.com, so the head deletes twenty of that zone's records.
 */
import { strict as assert } from "node:assert";
import { copyFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { main } from "../../cli/plan";
import { EXIT } from "../../cli/plan/exit";
import { REPO } from "../support/harness";
import { Captured, runInProcess, tempDir } from "./plan-fixture";

describe("npm run plan -- --diff with a mass change", () => {
  let dir: string;
  let held: Captured;
  let allowed: Captured;
  let json: { brake: { trips: string[]; allowed: boolean } };
  before(async function () {
    this.timeout(90_000);
    dir = tempDir("plan-brake");
    copyFileSync(join(REPO, "Pulumi.prod.yaml"), join(dir, "Pulumi.prod.yaml"));
    const head = JSON.parse((await runInProcess(main, ["--stack", "prod", "--json"])).stdout);
    const apex = head.resources.find((r: { type: string; inputs: { name?: string } }) => r.type === "cloudflare:index/dnsRecord:DnsRecord" && r.inputs.name === "example.com");
    const extra = Array.from({ length: 20 }, (_, i) => ({ ...apex, name: `old-${i}`, urn: apex.urn.replace(/::[^:]+$/, `::old-${i}`), inputs: { ...apex.inputs, name: `old-${i}.example.com` } }));
    writeFileSync(join(dir, "base.json"), JSON.stringify({ ...head, resources: [...head.resources, ...extra] }));
    // One at a time: the mock runtime is per process. base.json is relative to where npm ran (INIT_CWD).
    const env = { ...process.env, INIT_CWD: dir };
    held = await runInProcess(main, ["--stack", "prod", "--cwd", dir, "--diff", "base.json"], {}, env);
    allowed = await runInProcess(main, ["--stack", "prod", "--cwd", dir, "--diff", "base.json", "--allow-mass-change"], {}, env);
    json = JSON.parse((await runInProcess(main, ["--stack", "prod", "--cwd", dir, "--diff", "base.json", "--json"], {}, env)).stdout);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("exits 4 after printing the plan and one line per trip", () => {
    assert.equal(held.code, EXIT.massChange, held.stderr);
    assert.match(held.stdout, /Changes against base\.json: 0 to add, 20 to delete, 0 to update\n/);
    assert.match(held.stdout, /\n {2}✋ stack prod, zone example\.com: deletes or replaces 20 of its \d+ DNS records \(\d+ %\), over the 30 % limit \(launch-stack:changeSafety\)\n$/);
    assert.equal(held.stderr, "plan: mass change in stack prod: 1 trip; see above, or pass --allow-mass-change\n");
  });

  it("passes with --allow-mass-change, still showing what tripped", () => {
    assert.equal(allowed.code, EXIT.ok, allowed.stderr);
    assert.match(allowed.stdout, /Mass change allowed by --allow-mass-change:\n {2}✋ stack prod, zone example\.com: deletes or replaces 20/);
  });

  it("puts the verdict in the --json document, beside the diff", () => {
    assert.equal(json.brake.allowed, false);
    assert.equal(json.brake.trips.length, 1);
  });
});
