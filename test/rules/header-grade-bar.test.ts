import { strict as assert } from "node:assert";
import { gradeVerdict, HEADER_GRADE_BAR } from "../../rules/header-grade-bar";
import { gradeScan } from "../../rules/observatory/grade";
import { scanOf } from "./observatory/support";

const page = '<script src="https://js.stripe.com/v3/"></script>';
const edge = { "x-content-type-options": "nosniff", "x-frame-options": "DENY", "referrer-policy": "strict-origin-when-cross-origin" };
/** The clean shipped launch's page, with the HSTS max-age each environment declares. */
const clean = (maxAge: number) => gradeScan(scanOf({ host: "example.com", headers: { ...edge, "strict-transport-security": `max-age=${maxAge}` }, body: page }));

describe("the header grade's verdict (B, a production bar)", () => {
  it("sets the bar at B", () => {
    assert.equal(HEADER_GRADE_BAR, "B");
  });

  it("passes a clean launch at B in either environment", () => {
    const b = clean(31536000);
    assert.equal(b.grade, "B");
    assert.deepEqual([gradeVerdict(b, "prod").status, gradeVerdict(b, "staging").status], ["pass", "pass"]);
  });

  it("fails C+ in prod, even when a short HSTS max-age is all that cost the points", () => {
    const cPlus = clean(86400);
    assert.equal(cPlus.grade, "C+");
    assert.deepEqual(gradeVerdict(cPlus, "prod"), { status: "fail", allowed: [], note: "below the bar B" });
  });

  it("warns at C+ in staging, naming staging's short HSTS max-age as the deduction staging is allowed", () => {
    assert.deepEqual(gradeVerdict(clean(86400), "staging"), {
      status: "warn",
      allowed: [{ title: "Strict Transport Security (HSTS)", modifier: -10, why: "staging may set a short HSTS max-age (prod needs a year, rules/tls.ts)" }],
      note: "below prod's bar B, a warning in staging; of its deductions, Strict Transport Security (HSTS) (-10): staging may set a short HSTS max-age (prod needs a year, rules/tls.ts)",
    });
  });

  it("names only what staging is allowed when a staging page also lost a header", () => {
    const lost = gradeScan(scanOf({ host: "example.com", headers: { "strict-transport-security": "max-age=86400", "referrer-policy": "strict-origin-when-cross-origin" }, body: page }));
    const verdict = gradeVerdict(lost, "staging");
    assert.equal(verdict.status, "warn");
    assert.deepEqual(verdict.allowed.map((a) => a.title), ["Strict Transport Security (HSTS)"]);
  });
});
