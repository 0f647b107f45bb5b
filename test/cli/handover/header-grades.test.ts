/** The handover's header grades section, read from a saved `npm run verify --json` result's grade rows. */
import { strict as assert } from "node:assert";
import { rmSync } from "node:fs";
import { main } from "../../../cli/handover";
import { gradeScan } from "../../../rules/observatory/grade";
import type { Row } from "../../../verifier/check";
import { scanOf } from "../../rules/observatory/support";
import { runInProcess, tempDir } from "../plan-fixture";
import { verifyRows, writeVerifyJson } from "./verify-fixture";

function section(doc: string): string {
  const start = doc.indexOf("\n## Header grades (MDN HTTP Observatory)\n");
  assert.ok(start >= 0, "no header grades section");
  return doc.slice(start + 1, doc.indexOf("\n## ", start + 4));
}

const page = '<script src="https://js.stripe.com/v3/"></script>';
const edge = { "strict-transport-security": "max-age=31536000", "x-content-type-options": "nosniff", "x-frame-options": "DENY", "referrer-policy": "strict-origin-when-cross-origin" };

/** The verify rows of the shipped prod stack, the grade rows carrying the grades a verify run would save. */
function gradedRows(): Row[] {
  const grades: Record<string, ReturnType<typeof gradeScan>> = {
    "Observatory grade example.com": gradeScan(scanOf({ host: "example.com", headers: edge, body: page })),
    "Observatory grade app.example.com": gradeScan(scanOf({ host: "app.example.com", headers: { "x-content-type-options": "nosniff" }, body: page })),
  };
  return verifyRows("prod", (r) => (r.check === "Observatory grade app.example.com" ? "fail" : "pass")).map((r) => (grades[r.check] ? { ...r, grade: grades[r.check] } : r));
}

describe("the handover's header grades", () => {
  const dir = tempDir("header-grades");
  const file = writeVerifyJson(dir, "verify.json", "prod", gradedRows());
  const handover = (args: string[]) => runInProcess(main, ["--stack", "prod", "--out", "-", "--cwd", process.cwd(), ...args]);
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("shows each graded host's grade, score, bar and what costs it points", async () => {
    const run = await handover(["--verify", `${dir}/${file}`]);
    assert.equal(
      section(run.stdout),
      [
        "## Header grades (MDN HTTP Observatory)",
        "",
        "What a client's own scan at https://developer.mozilla.org/en-US/observatory shows for each host's page, as the live audit graded it (the Observatory's tests and scoring, version 6). Below the bar (B) the audit fails in prod; in staging it warns, naming the deductions staging's own settings cause.",
        "",
        "| Host | Grade | Score | Tests passed | Meets the bar | What costs points |",
        "|---|---|---|---|---|---|",
        "| example.com | B | 70 | 10 of 12 | ✅ yes | Content Security Policy (CSP): no Content-Security-Policy (-25); Subresource Integrity: a foreign script without integrity (over https://) (-5) |",
        "| app.example.com | D | 30 | 8 of 12 | ❌ no (MDN HTTP Observatory grade B or better) | Content Security Policy (CSP): no Content-Security-Policy (-25); Strict Transport Security (HSTS): no Strict-Transport-Security (-20); X-Frame-Options: no X-Frame-Options or frame-ancestors (-20); Subresource Integrity: a foreign script without integrity (over https://) (-5) |",
        "",
      ].join("\n"),
    );
  });

  it("shows staging's grades below the bar as a warning, naming staging's short HSTS max-age as what staging is allowed", async () => {
    const short = gradeScan(scanOf({ host: "example.com", headers: { ...edge, "strict-transport-security": "max-age=86400" }, body: page }));
    const rows = verifyRows("staging", (r) => (r.check.startsWith("Observatory grade") ? "warn" : "pass")).map((r) => (r.check.startsWith("Observatory grade") ? { ...r, grade: { ...short, host: r.check.replace("Observatory grade ", "") } } : r));
    const staging = writeVerifyJson(dir, "verify-staging.json", "staging", rows);
    const run = await runInProcess(main, ["--stack", "staging", "--out", "-", "--cwd", process.cwd(), "--verify", `${dir}/${staging}`]);
    const lines = section(run.stdout).split("\n").filter((l) => l.startsWith("| ") && !l.startsWith("| Host"));
    assert.equal(lines.length, 2, section(run.stdout));
    for (const line of lines) assert.match(line, /^\| [\w.]+ \| C\+ \| 60 \| [^|]+ \| ⚠️ no, a warning in staging \(staging is allowed: Strict Transport Security \(HSTS\) -10: staging may set a short HSTS max-age \(prod needs a year, rules\/tls\.ts\)\) \|/);
  });

  it("says the hosts are not graded without a live audit", async () => {
    const run = await handover([]);
    assert.match(section(run.stdout), /\nNot graded: no live audit\. `npm run verify -- --stack prod --json` grades the canonical and app hosts/);
  });
});
