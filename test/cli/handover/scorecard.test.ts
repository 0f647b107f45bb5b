/**
 * The handover's launch scorecard and verdict (`npm run handover -- --stack prod [--verify verify.json]`):
 * one row per checklist area, as declared, as live, as checked by people, and what blocks the launch.
 */
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { copyFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { main } from "../../../cli/handover";
import { CHECKLIST_AREAS } from "../../../rules/checklist";
import type { Row } from "../../../verifier/check";
import { editedConfig, REPO } from "../../support/harness";
import { Captured, gitIn, runInProcess, tempDir } from "../plan-fixture";
import { AUDITED_AT, printedDate, verifyRows, writeVerifyJson } from "./verify-fixture";

/** The scorecard table's rows, by area title: [declared, live, people] marks. */
function marks(doc: string): Map<string, string[]> {
  const start = doc.indexOf("| Area | Pass criteria | Declared | Live | People |");
  const lines = doc.slice(start).split("\n").slice(2);
  const rows = lines.slice(0, lines.findIndex((l) => !l.startsWith("|")));
  return new Map(rows.map((r) => {
    const cells = r.split(" | ");
    return [cells[0].replace(/^\| /, ""), cells.slice(2, 5)];
  }));
}

function verdict(doc: string): string {
  const start = doc.indexOf("### Verdict\n\n");
  return doc.slice(start + 13, doc.indexOf("\n## ", start)).trim();
}

describe("the handover's launch scorecard", () => {
  const firstCors = verifyRows("prod").find((r) => r.area === "Access" && r.check.startsWith("CORS "))!.check;
  const dir = tempDir("scorecard");
  const files = {
    passing: writeVerifyJson(dir, "verify-pass.json", "prod", verifyRows("prod")),
    // One TLS row and the first CORS row fail.
    failing: writeVerifyJson(dir, "verify-fail.json", "prod", verifyRows("prod", (r) => (r.area === "TLS" && r.check === "app.example.com") || r.check === firstCors ? "fail" : "pass")),
    staging: writeVerifyJson(dir, "verify-staging.json", "staging", verifyRows("staging")),
  };
  // The project is a copy of the shipped prod stack outside git, so no commit can make a fresh audit stale mid-run.
  copyFileSync(join(REPO, "Pulumi.prod.yaml"), join(dir, "Pulumi.prod.yaml"));
  const handover = (args: string[], configs = {}, cwd = dir) => runInProcess(main, ["--stack", "prod", "--out", "-", "--cwd", cwd, ...args.map((a) => (a in files ? `${dir}/${files[a as keyof typeof files]}` : a))], configs);
  after(() => rmSync(dir, { recursive: true, force: true }));

  describe("without a live audit", () => {
    let run: Captured;
    before(async () => (run = await handover([])));

    it("opens the document with the scorecard, one row per checklist area in the checklist's order", () => {
      assert.match(run.stdout, /^# Handover: launch-stack, stack `prod`\n\n[^\n]+\n\n## Launch scorecard\n/);
      assert.deepEqual([...marks(run.stdout).keys()], CHECKLIST_AREAS.map((a) => a.title));
    });

    it("gives each row its pass criteria and what breaks, in the checklist's words", () => {
      const tls = CHECKLIST_AREAS.find((a) => a.id === "tls")!;
      assert.ok(run.stdout.includes(`| ${tls.title} | ${tls.criteria} | ✅ pass | ⏳ not checked | — | `), run.stdout.slice(0, 3000));
      assert.ok(run.stdout.includes(` | ${tls.breaks} |\n`));
    });

    it("shows which sources alarm on the p95 bar and how often, below the table", () => {
      assert.ok(run.stdout.includes([
        "p95 latency (performance bar) is alarmed by:",
        "",
        "| Watched by | Measures | Alarm | How often |",
        "|---|---|---|---|",
        "| canary ls-prod-api-health | https://api.example.com/api/health | LaunchStack/Canaries ResponseTime p95 > 500 ms | one request every 1 minute from us-east-1; alarm on 2 of 3 300-s windows |",
      ].join("\n")), run.stdout.slice(0, 6000));
    });

    it("names the p95 sources in the performance row's evidence, apart from the Route 53 averages", () => {
      assert.match(run.stdout, /\| Performance \|[^\n]*\| p95 alarmed by 3 API canaries \(one request every 1 minute from us-east-1\), at 500 ms; 3 Route 53 average time-to-first-byte alarms; /);
    });

    it("names the people counted toward two humans in the monitoring row's evidence, and the routes that count as nobody", () => {
      assert.match(run.stdout, /\| Monitoring \|[^\n]*\| 6 uptime checks; alert within 2 min 30 s \(150 s\) to 4 routes, reaching 3 people \(Dana Whitfield \(dana\.whitfield@example\.com\); Sam Okafor \(sam\.okafor@example\.com\); whoever is on call in PagerDuty \(service Portal production\)\); Slack #portal-alerts counts as nobody\. /);
    });

    it("is not ready in production, with the missing live audit as the one blocking item", () => {
      assert.equal(verdict(run.stdout).split("\n")[0], "❌ **Not ready: 1 blocking item**");
      assert.match(verdict(run.stdout), /\n1\. No live audit: run npm run verify -- --stack prod --json > verify-prod\.json, then npm run handover -- --stack prod --verify verify-prod\.json$/);
    });
  });

  describe("with a passing verify --json result", () => {
    let run: Captured;
    before(async () => (run = await handover(["--verify", "passing"])));

    it("is ready for production traffic", () => {
      assert.equal(run.code, 0, run.stderr);
      assert.equal(verdict(run.stdout).split("\n")[0], "✅ **Ready for production traffic**");
    });

    it("dates the live column by the audit's own time and names the file", () => {
      assert.ok(run.stdout.includes(`- As live: \`npm run verify\` of ${printedDate(AUDITED_AT)}, from \`${dir}/${files.passing}\``), run.stdout.slice(0, 1500));
    });

    it("marks every area the verifier audits as passing live, and the rest as having no live check", () => {
      const live = new Map([...marks(run.stdout)].map(([area, m]) => [area, m[1]]));
      assert.deepEqual(Object.fromEntries(live), {
        "DNS and hostnames": "✅ pass", "Canonical redirects": "✅ pass", "SSL/TLS": "✅ pass", "Edge protection": "✅ pass", "Rate limiting": "—",
        Caching: "—", "Security headers": "✅ pass", "Email authentication": "✅ pass", Secrets: "✅ pass", Environments: "—", Monitoring: "—",
        Performance: "✅ pass", "Access control (probed from outside)": "✅ pass", Exposure: "✅ pass", "Rollback and handover": "—",
      });
    });
  });

  describe("with a failing verify --json result", () => {
    let run: Captured;
    before(async () => (run = await handover(["--verify", "failing"])));

    it("flips the live column of exactly the areas whose rows failed", () => {
      const failed = [...marks(run.stdout)].filter(([, m]) => m[1] === "❌ fail").map(([area]) => area);
      assert.deepEqual(failed, ["SSL/TLS", "Access control (probed from outside)"]);
    });

    it("is not ready, listing each failed live check with its detail", () => {
      const text = verdict(run.stdout);
      assert.equal(text.split("\n")[0], "❌ **Not ready: 2 blocking items**");
      assert.ok(text.includes('\n1. SSL/TLS: live check "app.example.com" failed: app.example.com failed on purpose'), text);
      assert.ok(text.endsWith(`\n2. Access control (probed from outside): live check "${firstCors}" failed: ${firstCors} failed on purpose`), text);
    });

    it("says so in the line it prints after writing the file", async () => {
      const out = tempDir("scorecard-out");
      try {
        const written = await runInProcess(main, ["--stack", "prod", "--cwd", dir, "--out", `${out}/h.md`, "--verify", `${dir}/${files.failing}`]);
        assert.equal(written.stdout, `wrote ${out}/h.md\nNot ready: 2 blocking items (see its launch scorecard)\n`);
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    });
  });

  describe("with a verify --json result too old to be live evidence", () => {
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);
    const old = writeVerifyJson(dir, "verify-old.json", "prod", verifyRows("prod"), hoursAgo(25));
    let run: Captured;
    before(async () => (run = await handover(["--verify", `${dir}/${old}`])));

    it("counts a result older than 24 hours as no live audit, with the reason and the fix", () => {
      assert.equal(verdict(run.stdout).split("\n")[0], "❌ **Not ready: 1 blocking item**");
      assert.match(verdict(run.stdout), new RegExp(`\\n1\\. No live audit: ${dir}/${old} is 25 h old \\([^)]+\\), older than --max-verify-age 24 h; run npm run verify again: npm run verify -- --stack prod --json > ${dir}/${old}, then npm run handover -- --stack prod --verify ${dir}/${old}$`));
    });

    it("marks no area as passing live and says in the sources line that the result is not counted", () => {
      const live = [...marks(run.stdout)].map(([, m]) => m[1]);
      assert.deepEqual(new Set(live), new Set(["⏳ not checked", "—"]));
      assert.match(run.stdout, new RegExp(`\\n- As live: none: \`${dir}/${old}\` is 25 h old [^\\n]+, so it is not counted; run \`npm run verify -- --stack prod --json > ${dir}/${old}\` again\\n`));
    });

    it("warns on stderr that the result was not counted", () => {
      assert.match(run.stderr, new RegExp(`^warning: --verify ${dir}/${old} is 25 h old .*; run npm run verify -- --stack prod --json > ${dir}/${old} again$`, "m"));
    });

    it("accepts the same result under a longer --max-verify-age", async () => {
      const longer = await handover(["--verify", `${dir}/${old}`, "--max-verify-age", "48"]);
      assert.equal(verdict(longer.stdout).split("\n")[0], "✅ **Ready for production traffic**");
      assert.equal(longer.stderr, "");
    });

    describe("in a git checkout, against the last commit that changed what the stack declares", () => {
      // A project whose stack file was committed 3 h ago, with a docs-only commit 1 h ago on top.
      let project = "";
      const git = gitIn(() => project);
      const at = (h: number) => ({ ...process.env, GIT_COMMITTER_DATE: hoursAgo(h).toISOString(), GIT_AUTHOR_DATE: hoursAgo(h).toISOString() });
      const commitAll = (h: number, message: string) => execFileSync("git", ["-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "-qam", message], { cwd: project, env: at(h) });
      before(() => {
        project = tempDir("scorecard-git");
        copyFileSync(join(REPO, "Pulumi.prod.yaml"), join(project, "Pulumi.prod.yaml"));
        writeFileSync(join(project, "README.md"), "portal\n");
        git("init", "-q");
        git("add", ".");
        commitAll(3, "stack");
        writeFileSync(join(project, "README.md"), "portal, with notes\n");
        commitAll(1, "docs");
      });
      after(() => rmSync(project, { recursive: true, force: true }));

      it("counts a result taken after the stack's last change as live, though a docs commit came later", async () => {
        const audit = writeVerifyJson(dir, "verify-between.json", "prod", verifyRows("prod"), hoursAgo(2));
        const result = await handover(["--verify", `${dir}/${audit}`], {}, project);
        assert.equal(verdict(result.stdout).split("\n")[0], "✅ **Ready for production traffic**");
      });

      it("counts a result from before the stack's last change as no live audit, naming that commit", async () => {
        const audit = writeVerifyJson(dir, "verify-before-commit.json", "prod", verifyRows("prod"), hoursAgo(4));
        const stackCommit = git("log", "-1", "--format=%H", "--", "Pulumi.prod.yaml").trim();
        const result = await handover(["--verify", `${dir}/${audit}`], {}, project);
        assert.ok(verdict(result.stdout).includes(`\n1. No live audit: ${dir}/${audit} predates commit ${stackCommit.slice(0, 12)} of `), verdict(result.stdout));
        assert.ok(verdict(result.stdout).includes(", the last change to what this stack declares;"), verdict(result.stdout));
      });
    });

    it("counts a result dated in the future as no live audit", async () => {
      const ahead = writeVerifyJson(dir, "verify-ahead.json", "prod", verifyRows("prod"), hoursAgo(-2));
      const result = await handover(["--verify", `${dir}/${ahead}`]);
      assert.match(verdict(result.stdout), /\n1\. No live audit: \S+verify-ahead\.json is dated [^,]+, in the future \(check the clock of the machine that ran it\); run npm run verify again: /);
    });

    it("refuses a --max-verify-age that is not a positive number of hours", async () => {
      const result = await handover(["--verify", "passing", "--max-verify-age", "a day"]);
      assert.equal(result.code, 2);
      assert.match(result.stderr, /option '--max-verify-age <hours>' argument 'a day' is invalid\. give a number of hours above 0, e\.g\. 24/);
    });
  });

  describe("with people's checks", () => {
    it("blocks production on a check nobody recorded, naming its config key", async () => {
      const raw = editedConfig("prod", (c) => delete c.readiness.humanChecks.tenantIsolation);
      const run = await handover(["--verify", "passing"], { prod: raw });
      assert.equal(verdict(run.stdout), [
        "❌ **Not ready: 1 blocking item**",
        "",
        '1. Access control (probed from outside): people check "Tenant isolation with two accounts of different clients" is not recorded: do it and record it under launch-stack:readiness.humanChecks.tenantIsolation',
      ].join("\n"));
    });

    it("blocks on a check recorded as failed, with who found it and when", async () => {
      const raw = editedConfig("prod", (c) => (c.readiness.humanChecks.controlledOutage = { checkedBy: "Dana Whitfield", checkedOn: "2026-11-26", result: "fail" }));
      const run = await handover(["--verify", "passing"], { prod: raw });
      assert.ok(verdict(run.stdout).endsWith('1. Monitoring: people check "A controlled outage reaches both people within five minutes" failed (Dana Whitfield, 2026-11-26): fix it and redo it'));
      assert.deepEqual(marks(run.stdout).get("Monitoring"), ["✅ pass", "—", "❌ fail"]);
    });
  });

  it("fails an area's declared column on a mandatory violation and lists the policy as blocking", async () => {
    const raw = editedConfig("prod", (c) => (c.zones[0].edge.managedRulesets = false));
    const run = await handover(["--verify", "passing"], { prod: raw });
    assert.deepEqual(marks(run.stdout).get("Edge protection"), ["❌ fail", "✅ pass", "—"]);
    assert.ok(verdict(run.stdout).includes("\n1. Edge protection: policy waf-managed-rules is violated (mandatory): npm run plan -- --stack prod says how to fix it"));
  });

  it("counts a failed verify row no checklist area claims, in an Other checks row", async () => {
    // An area today's verifier does not have, as a newer one might write it.
    const newer = { area: "Quantum", check: "entanglement", criteria: "none", status: "fail", detail: "decohered", durationMs: 1 } as unknown as Row;
    const rows = [...verifyRows("prod"), newer];
    const run = await handover(["--verify", `${dir}/${writeVerifyJson(dir, "verify-other.json", "prod", rows)}`]);
    assert.deepEqual(marks(run.stdout).get("Other checks"), ["—", "❌ fail", "—"]);
    assert.ok(verdict(run.stdout).endsWith('\n1. Other checks: live check "entanglement" failed: decohered'), verdict(run.stdout));
  });

  it("refuses the verify result of another stack with one line naming the file and the fix", async () => {
    const run = await handover(["--verify", "staging"]);
    assert.equal(run.code, 2);
    assert.equal(run.stderr, `error: --verify ${dir}/${files.staging}: is the audit of stack staging, not prod; save one with npm run verify -- --stack prod --json > ${dir}/${files.staging}\n`);
  });

  it("refuses a file that is not a verify --json result, naming the field", async () => {
    const notVerify = "odd.json";
    writeFileSync(`${dir}/${notVerify}`, JSON.stringify({ stack: "prod", environment: "prod", passed: true, rows: [{ area: "TLS", check: "x", criteria: "y", status: "maybe", detail: "" }] }));
    const run = await handover(["--verify", `${dir}/${notVerify}`]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^error: --verify [^ ]+odd\.json: not a verify --json result \(rows\[0\]\.status: [^)]+\); save one with npm run verify -- --stack prod --json > /);
  });
});
