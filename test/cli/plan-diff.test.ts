/**
 * `npm run plan -- --diff`: what a pull request changes, against a saved plan or a git ref. The head
 * differs from the base by exactly one added resource (DNSSEC turned on for example.net), one removed
 * (the CAA iodef record) and one changed (the auth rate limit), and carries plaintext app secrets that
 * must neither show nor count as a change.
 */
import { strict as assert } from "node:assert";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { main } from "../../cli/plan";
import type { PlanDiff } from "../../cli/plan/diff";
import type { PlanDocument } from "../../cli/plan/document";
import { editedConfig, shippedConfig } from "../support/harness";
import { Captured, gitIn, projectCopy, runInProcess, shippedStackDoc, tempDir, writeStackDoc } from "./plan-fixture";

const SECRET = "sk_live_Kn0wnDiffSecret9b2f7d3a";

const AUTH_RULE = "auth: %d requests per 60 s per IP on /login, /password/reset, /invitations/accept";

/** The exact difference the head makes, as --json reports it. */
function assertExactDiff(diff: PlanDiff): void {
  assert.deepEqual(diff.added.map((r) => [r.type, r.name]), [["cloudflare:index/zoneDnssec:ZoneDnssec", "example-net-dnssec"]]);
  assert.deepEqual(diff.removed.map((r) => [r.type, r.name]), [["cloudflare:index/dnsRecord:DnsRecord", "example-com-dns-caa-iodef-security-example-com"]]);
  assert.deepEqual(diff.changed, [{
    urn: "urn:pulumi:prod::launch-stack::launch-stack:index:LaunchStack$launch-stack:site:Site$launch-stack:edge:EdgeSecurity$cloudflare:index/ruleset:Ruleset::example-com-edge-rate-limits",
    type: "cloudflare:index/ruleset:Ruleset",
    name: "example-com-edge-rate-limits",
    changes: [
      { path: "rules[rate-limit-auth].description", before: AUTH_RULE.replace("%d", "5"), after: AUTH_RULE.replace("%d", "4") },
      { path: "rules[rate-limit-auth].ratelimit.requestsPerPeriod", before: 5, after: 4 },
    ],
  }]);
}

const baseEdit = (c: Record<string, any>) => (c.zones[1].dnssec = false);
const headEdit = (c: Record<string, any>) => {
  delete c.zones[0].caaIodef;
  c.zones[0].edge.rateLimits[0].requestsPerPeriod = 4;
};

describe("npm run plan -- --diff", () => {
  describe("against a saved plan", () => {
    let dir: string;
    let json: Captured;
    let text: Captured;
    before(async function () {
      this.timeout(90_000); // three evaluations
      dir = tempDir("plan-diff");
      const base = await runInProcess(main, ["--stack", "prod", "--json"], { prod: editedConfig("prod", baseEdit) });
      writeFileSync(join(dir, "base.json"), base.stdout);
      const head = editedConfig("prod", (c) => {
        headEdit(c);
        c.appSecrets = { DATABASE_URL: "postgres://portal:Kn0wnDiffDb@db.internal.example.com/portal", STRIPE_SECRET_KEY: SECRET };
      });
      // base.json is relative to where npm ran (INIT_CWD), like every path flag.
      json = await runInProcess(main, ["--stack", "prod", "--diff", "base.json", "--json"], { prod: head }, { ...process.env, INIT_CWD: dir });
      text = await runInProcess(main, ["--stack", "prod", "--diff", "base.json"], { prod: head }, { ...process.env, INIT_CWD: dir });
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it("reports exactly the added, the removed and the changed resource in --json", () => {
      const doc = JSON.parse(json.stdout) as PlanDocument & { diff: PlanDiff };
      assert.equal(doc.diff.base, "base.json");
      assertExactDiff(doc.diff);
    });

    it("prints them as +, - and ~ lines with the changed inputs", () => {
      const section = text.stdout.slice(text.stdout.indexOf("Changes against"), text.stdout.indexOf("\nPolicy:"));
      assert.equal(section, [
        "Changes against base.json: 1 to add, 1 to delete, 1 to update",
        "  + cloudflare:index:ZoneDnssec  example-net-dnssec",
        "        DNSSEC active",
        "  - cloudflare:index:DnsRecord  example-com-dns-caa-iodef-security-example-com",
        "        CAA example.com → 0 iodef mailto:security@example.com (DNS only)",
        "  ~ cloudflare:index:Ruleset  example-com-edge-rate-limits",
        `        rules[rate-limit-auth].description: ${AUTH_RULE.replace("%d", "5")} → ${AUTH_RULE.replace("%d", "4")}`,
        "        rules[rate-limit-auth].ratelimit.requestsPerPeriod: 5 → 4",
        "",
      ].join("\n"));
    });

    it("never prints a secret value, and a secret that changed is not reported", () => {
      for (const run of [json, text]) assert.ok(!(run.stdout + run.stderr).includes("Kn0wn"), "a secret value was printed");
    });

    it("exits 2 when the file is the plan of another stack", async () => {
      const run = await runInProcess(main, ["--stack", "staging", "--diff", "base.json"], { staging: shippedConfig("staging") }, { ...process.env, INIT_CWD: dir });
      assert.equal(run.code, 2);
      assert.equal(run.stderr, "error: --diff base.json: it is the plan of stack prod, not staging; compare plans of the same stack\n");
    });
  });

  describe("against a git ref", () => {
    let repo: string;
    let run: Captured;
    const git = gitIn(() => repo);

    before(async function () {
      this.timeout(120_000);
      // A repository holding this project's code, with the base config committed and the head config in the working copy.
      repo = projectCopy("plan-diff-git");
      const withEdit = (edit: (c: Record<string, any>) => void) => {
        const doc = shippedStackDoc("prod");
        edit({ zones: doc.config["launch-stack:zones"] });
        return doc;
      };
      writeStackDoc(repo, "prod", withEdit(baseEdit));
      git("init", "--quiet");
      git("add", "--all");
      git("commit", "--quiet", "-m", "base");
      writeStackDoc(repo, "prod", withEdit(headEdit));
      run = await runInProcess(main, ["--stack", "prod", "--cwd", repo, "--diff", "HEAD", "--json"]);
    });
    after(() => rmSync(repo, { recursive: true, force: true }));

    it("plans the ref's own code and config in a worktree and reports exactly what changed", () => {
      assert.equal(run.code, 0, run.stderr);
      const doc = JSON.parse(run.stdout) as PlanDocument & { diff: PlanDiff };
      assert.equal(doc.diff.base, "HEAD");
      assertExactDiff(doc.diff);
    });

    it("removes the temporary worktree afterwards", () => {
      assert.equal(git("worktree", "list", "--porcelain").match(/^worktree /gm)?.length, 1);
    });

    it("exits 2 when the ref names no commit", async () => {
      const bad = await runInProcess(main, ["--stack", "prod", "--cwd", repo, "--diff", "no-such-ref"]);
      assert.equal(bad.code, 2);
      assert.equal(bad.stderr, "error: --diff no-such-ref: neither a plan --json file nor a git commit\n");
    });
  });
});
