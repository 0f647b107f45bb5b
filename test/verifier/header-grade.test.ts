import { strict as assert } from "node:assert";
import { HEADER_GRADE_BAR } from "../../rules/header-grade-bar";
import { parseStackConfig } from "../../gate/load";
import { renderJson, renderTable, Scorecard } from "../../verifier/scorecard";
import { shippedConfig } from "../support/harness";
import { startProdFixture, Fixture } from "./fixture/harness";

function gradeRow(card: Scorecard, host: string) {
  const row = card.rows.find((r) => r.check === `Observatory grade ${host}`);
  assert.ok(row, `no grade row for ${host}; have ${card.rows.map((r) => r.check).join(", ")}`);
  return row;
}

/** The headers a launch that lost its edge security headers sends: no HSTS, nosniff, frame options or Referrer-Policy. */
function weaken(fx: Fixture, host: string): void {
  const h = fx.world.hosts[host].headers;
  for (const name of ["strict-transport-security", "x-content-type-options", "x-frame-options", "referrer-policy"]) delete h[name];
}

describe("verifier header grade rows (MDN HTTP Observatory) against the loopback prod launch", function () {
  let fx: Fixture;

  before(async function () {
    fx = await startProdFixture();
  });
  after(async () => fx?.stop());
  afterEach(() => fx.reset());

  it("grades the canonical host and the app host, and the clean launch reaches the bar", async () => {
    const card = await fx.audit(["Headers"]);
    const graded = card.rows.filter((r) => r.check.startsWith("Observatory grade"));
    assert.deepEqual(graded.map((r) => [r.check, r.status, r.grade?.grade, r.grade?.score]), [
      ["Observatory grade example.com", "pass", "B", 70],
      ["Observatory grade app.example.com", "pass", "B", 70],
    ]);
    assert.equal(HEADER_GRADE_BAR, "B");
  });

  it("says what cost the clean launch its points: no CSP, and a foreign script without integrity", async () => {
    const card = await fx.audit(["Headers"]);
    assert.equal(
      gradeRow(card, "example.com").detail,
      [
        "B, score 70 (MDN HTTP Observatory scoring v6; 10 of 12 tests pass)",
        "-25 Content Security Policy (CSP): no Content-Security-Policy",
        "-5 Subresource Integrity: a foreign script without integrity (over https://)",
        "+5 Referrer Policy: Referrer-Policy keeps paths private (not counted: bonuses count from 90 without them)",
        "+5 X-Frame-Options: X-Frame-Options DENY or SAMEORIGIN (not counted: bonuses count from 90 without them)",
      ].join("\n"),
    );
  });

  it("fails the prod bar at C+ when a host's HSTS max-age is short, as staging's is", async () => {
    fx.world.hosts["example.com"].headers["strict-transport-security"] = "max-age=86400";
    const card = await fx.audit(["Headers"]);
    const row = gradeRow(card, "example.com");
    assert.deepEqual([row.status, row.grade?.grade], ["fail", "C+"]);
    assert.match(row.detail, /\nbelow the bar B$/);
  });

  it("fails a host whose responses lost the edge's security headers", async () => {
    weaken(fx, "example.com");
    const card = await fx.audit(["Headers"]);
    const row = gradeRow(card, "example.com");
    assert.equal(row.status, "fail");
    assert.deepEqual([row.grade?.grade, row.grade?.score], ["D-", 25]);
    assert.match(row.detail, /^D-, score 25 /);
    assert.match(row.detail, /-20 Strict Transport Security \(HSTS\): no Strict-Transport-Security/);
    assert.equal(gradeRow(card, "app.example.com").status, "pass");
  });

  it("grades a strict launch A+ with its bonuses counted", async () => {
    const h = fx.world.hosts["app.example.com"].headers;
    h["content-security-policy"] = "default-src 'none'; script-src 'self' https://js.stripe.com; connect-src 'self'; img-src 'self'; style-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
    h["cross-origin-opener-policy"] = "same-origin";
    h["cross-origin-resource-policy"] = "same-site";
    fx.world.hosts["app.example.com"].pages["/"] = { status: 200, type: "text/html; charset=utf-8", body: '<!doctype html><script src="https://js.stripe.com/v3/" integrity="sha384-abc" crossorigin="anonymous"></script>' };
    const card = await fx.audit(["Headers"]);
    const row = gradeRow(card, "app.example.com");
    assert.deepEqual([row.status, row.grade?.grade, row.grade?.score], ["pass", "A+", 145]);
  });

  it("counts the session cookie the app sets without Secure and HttpOnly", async () => {
    fx.world.hosts["app.example.com"].headers["set-cookie"] = "portal_session=abc; Path=/; SameSite=Lax";
    const card = await fx.audit(["Headers"]);
    const row = gradeRow(card, "app.example.com");
    assert.equal(row.grade?.tests.find((t) => t.name === "cookies")?.result, "cookies-session-without-httponly-flag");
    assert.deepEqual([row.status, row.grade?.grade, row.grade?.score], ["fail", "D+", 40]);
  });

  it("counts a CORS preflight that grants the Observatory's own origin with credentials", async () => {
    fx.world.hosts["app.example.com"].corsBug = "reflect";
    const card = await fx.audit(["Headers"]);
    const row = gradeRow(card, "app.example.com");
    assert.equal(row.grade?.tests.find((t) => t.name === "cross-origin-resource-sharing")?.result, "cross-origin-resource-sharing-implemented-with-universal-access");
    assert.deepEqual([row.status, row.grade?.score], ["fail", 20]);
  });

  it("grades the http:// route: a host that answers plain HTTP without redirecting loses 20", async () => {
    fx.world.override = (req) => (req.scheme === "http" && req.host === "example.com" ? { status: 200, headers: { "content-type": "text/html" }, body: "plain" } : undefined);
    const card = await fx.audit(["Headers"]);
    const row = gradeRow(card, "example.com");
    assert.equal(row.grade?.tests.find((t) => t.name === "redirection")?.result, "redirection-missing");
    assert.deepEqual([row.status, row.grade?.score], ["fail", 50]);
  });

  it("fails with the reason when the page answers a status the Observatory does not grade", async () => {
    fx.world.override = (req) => (req.scheme === "https" && req.host === "example.com" && req.path === "/" ? { status: 500, body: "boom" } : undefined);
    const card = await fx.audit(["Headers"]);
    const row = gradeRow(card, "example.com");
    assert.equal(row.status, "fail");
    assert.equal(row.detail, "no grade: https://example.com/ answered 500; the Observatory grades only 2xx, 3xx, 401 and 403");
  });

  it("shows the grade and score in the table and the whole grade in --json", async () => {
    weaken(fx, "example.com");
    const card = await fx.audit(["Headers"]);
    const table = renderTable(card, { width: 200, color: false });
    assert.match(table, /Observatory grade example\.com.*MDN HTTP Observatory grade B or better.*✘ fail.*D-, score 25/);
    const json = JSON.parse(renderJson(card)) as Scorecard;
    const graded = json.rows.find((r) => r.check === "Observatory grade example.com");
    assert.deepEqual([graded?.grade?.grade, graded?.grade?.score, graded?.grade?.algorithmVersion, graded?.grade?.tests.length], ["D-", 25, 6, 12]);
  });
});

describe("verifier header grade rows against the loopback staging launch", function () {
  let fx: Fixture;

  before(async function () {
    fx = await startProdFixture({ config: parseStackConfig(shippedConfig("staging")) });
  });
  after(async () => fx?.stop());

  it("warns at C+ rather than failing, naming staging's short HSTS max-age as what staging is allowed", async () => {
    const card = await fx.audit(["Headers"]);
    const graded = card.rows.filter((r) => r.check.startsWith("Observatory grade"));
    assert.deepEqual(graded.map((r) => [r.status, r.grade?.grade]), [["warn", "C+"], ["warn", "C+"]]);
    for (const r of graded) assert.match(r.detail, /\nbelow prod's bar B, a warning in staging; of its deductions, Strict Transport Security \(HSTS\) \(-10\): staging may set a short HSTS max-age/);
  });
});
