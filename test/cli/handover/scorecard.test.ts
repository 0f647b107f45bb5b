/**
 * The handover's launch scorecard and verdict (`npm run handover -- --stack prod [--verify verify.json]`):
 * one row per checklist area, as declared, as live, as checked by people, and what blocks the launch.
 */
import { strict as assert } from "node:assert";
import { rmSync, writeFileSync } from "node:fs";
import { main } from "../../../cli/handover";
import { CHECKLIST_AREAS } from "../../../rules/checklist";
import type { Row } from "../../../verifier/check";
import { editedConfig } from "../../support/harness";
import { Captured, runInProcess, tempDir } from "../plan-fixture";
import { verifyRows, writeVerifyJson } from "./verify-fixture";

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
  const handover = (args: string[], configs = {}) => runInProcess(main, ["--stack", "prod", "--out", "-", "--cwd", process.cwd(), ...args.map((a) => (a in files ? `${dir}/${files[a as keyof typeof files]}` : a))], configs);
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
      assert.ok(run.stdout.includes(`- As live: \`npm run verify\` of 2026-11-30 14:05 UTC, from \`${dir}/${files.passing}\``), run.stdout.slice(0, 1500));
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
        const written = await runInProcess(main, ["--stack", "prod", "--out", `${out}/h.md`, "--verify", `${dir}/${files.failing}`]);
        assert.equal(written.stdout, `wrote ${out}/h.md\nNot ready: 2 blocking items (see its launch scorecard)\n`);
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
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
