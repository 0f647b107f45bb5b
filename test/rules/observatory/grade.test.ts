import { strict as assert } from "node:assert";
import { atLeast, gradeForScore, gradeScan, UngradableScan } from "../../../rules/observatory/grade";
import { SCORE_TABLE } from "../../../rules/observatory/score-table";
import { GRADE_CASES } from "./grade-cases";
import { scanOf } from "./support";

describe("the Observatory's grade of a whole scan", () => {
  for (const c of GRADE_CASES) {
    it(`grades ${c.name} ${c.grade} with a score of ${c.score}`, () => {
      const g = gradeScan(c.scan);
      assert.deepEqual([g.grade, g.score, g.testsPassed, g.testsQuantity, g.algorithmVersion], [c.grade, c.score, c.testsPassed, 12, 6]);
    });
  }

  it("counts no bonus when the score without bonuses is under 90 (the bonus rule)", () => {
    // CSP default-src 'none' (+10), COOP (+10), frame options (+5), Referrer-Policy (+5), but no HSTS (-20).
    const g = gradeScan(scanOf({ headers: { "content-security-policy": "default-src 'none'", "cross-origin-opener-policy": "same-origin", "x-content-type-options": "nosniff", "x-frame-options": "DENY", "referrer-policy": "no-referrer" } }));
    assert.deepEqual([g.grade, g.score], ["B+", 80]);
  });

  it("counts every bonus once the score without them is 90", () => {
    const g = gradeScan(scanOf({ headers: { "strict-transport-security": "max-age=86400", "content-security-policy": "default-src 'none'", "cross-origin-opener-policy": "same-origin", "x-content-type-options": "nosniff", "x-frame-options": "DENY", "referrer-policy": "no-referrer" } }));
    assert.deepEqual([g.grade, g.score], ["A+", 120]);
  });

  it("lists every test with its result, modifier and pass", () => {
    const g = gradeScan(scanOf());
    assert.deepEqual(g.tests.map((t) => t.name), ["content-security-policy", "cookies", "cross-origin-embedder-policy", "cross-origin-opener-policy", "cross-origin-resource-sharing", "redirection", "referrer-policy", "strict-transport-security", "subresource-integrity", "x-content-type-options", "x-frame-options", "cross-origin-resource-policy"]);
    assert.deepEqual(g.tests[0], { name: "content-security-policy", title: "Content Security Policy (CSP)", result: "csp-not-implemented", modifier: -25, description: "no Content-Security-Policy", pass: false });
  });

  it("grades a 401 or 403 page, as the Observatory does", () => {
    const scan = scanOf();
    scan.https = [{ ...scan.https![0], status: 401 }];
    assert.equal(gradeScan(scan).statusCode, 401);
  });

  it("refuses to grade a 404, as the Observatory does", () => {
    const scan = scanOf();
    scan.https = [{ ...scan.https![0], status: 404 }];
    assert.throws(() => gradeScan(scan), (e: unknown) => e instanceof UngradableScan && e.message === "https://mozilla.org/ answered 404; the Observatory grades only 2xx, 3xx, 401 and 403");
  });

  it("refuses to grade a host that answered nothing", () => {
    assert.throws(() => gradeScan({ host: "example.com", verified: true, body: "" }), UngradableScan);
  });
});

describe("the Observatory's grade chart", () => {
  // grader.test.js lines 41-64, then the chart (charts.js lines 6-28) at each band's lower edge.
  const cases: [number, string, number][] = [
    [100, "A+", 100], [0, "F", 0], [120, "A+", 120], [-10, "F", 0],
    [95, "A", 95], [90, "A", 90], [89, "A-", 89], [85, "A-", 85], [80, "B+", 80], [75, "B", 75], [70, "B", 70], [69, "B-", 69], [65, "B-", 65],
    [60, "C+", 60], [55, "C", 55], [50, "C", 50], [45, "C-", 45], [40, "D+", 40], [35, "D", 35], [30, "D", 30], [25, "D-", 25], [24, "F", 24],
  ];
  for (const [raw, grade, score] of cases) {
    it(`grades a raw score of ${raw} ${grade}`, () => {
      assert.deepEqual(gradeForScore(raw), { score, grade });
    });
  }

  it("orders grades so that B passes a bar of B and B- does not", () => {
    assert.deepEqual([atLeast("A+", "B"), atLeast("B", "B"), atLeast("B-", "B"), atLeast("F", "B")], [true, true, false, false]);
  });
});

describe("the Observatory's score table", () => {
  it("gives a missing CSP -25 (grader.test.js line 21)", () => {
    assert.equal(SCORE_TABLE["csp-not-implemented"].modifier, -25);
  });

  // A checksum of charts.js SCORE_TABLE (94042bb): 77 entries, bonuses summing to 120, penalties to -665.
  it("has the modifiers of charts.js for every result, summed by sign", () => {
    const values = Object.values(SCORE_TABLE).map((v): number => v.modifier);
    assert.deepEqual([Object.keys(SCORE_TABLE).length, values.filter((v) => v > 0).reduce((a, b) => a + b, 0), values.filter((v) => v < 0).reduce((a, b) => a + b, 0)], [77, 120, -665]);
  });
});
