/**
 * The header grade a client's own scan gives: one row per graded host with the MDN HTTP Observatory's
 * grade and score (rules/observatory/, scoring version 6), the tests that cost or earned points, and the
 * grade in the row's `grade` field for `--json` and the handover.
 *
 * Graded hosts: the canonical host and the app host, the pages people open in a browser and so the ones a
 * client's security team puts into the Observatory. API and other hosts still get their header row
 * (headers.ts); graded as a page, a JSON API would lose points for a CSP it has no use for.
 *
 * The bar is B (a score of 70): the best grade a page reaches without a Content-Security-Policy, which the
 * stack cannot write for an app it does not know (`edge.securityHeaders.contentSecurityPolicy` is optional).
 * Missing CSP costs 25 and, by the Observatory's bonus rule, keeps every bonus from counting: 75 at most.
 * Every edge header the stack sets (HSTS, nosniff, frame options, Referrer-Policy) is needed to stay at B,
 * so below B is a launch that lost one of them, sets cookies without Secure or HttpOnly, loads foreign
 * scripts over http://, or grants CORS with credentials: what a client's scan reports as a finding. Below
 * the bar the row fails in prod and warns in staging, naming the deductions staging's own settings cause
 * (rules/header-grade-bar.ts decides); at or above it passes, listing what would raise the grade.
 *
 * Not known offline: Chromium's HSTS preload list, which the Observatory downloads; a preloaded domain
 * scores 5 more there (its HSTS result is "preloaded").
 */
import { gradeVerdict, HEADER_GRADE_BAR } from "../../rules/header-grade-bar";
import { gradeScan, HostGrade, MINIMUM_SCORE_FOR_EXTRA_CREDIT, UngradableScan } from "../../rules/observatory/grade";
import type { Environment } from "../../rules/tls";
import type { Check } from "../check";
import type { Expectations } from "../expectations";
import { collectScan } from "../observatory-scan";

function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}

/** The row's detail: grade and score first, then each test that moved the score, worst first. */
export function gradeDetail(g: HostGrade): string {
  const penalties = g.tests.reduce((sum, t) => sum + Math.min(t.modifier, 0), 0);
  const bonusesCount = 100 + penalties >= MINIMUM_SCORE_FOR_EXTRA_CREDIT;
  const moved = g.tests.filter((t) => t.modifier !== 0).sort((a, b) => a.modifier - b.modifier);
  return [
    `${g.grade}, score ${g.score} (MDN HTTP Observatory scoring v${g.algorithmVersion}; ${g.testsPassed} of ${g.testsQuantity} tests pass)`,
    ...moved.map((t) => `${signed(t.modifier)} ${t.title}: ${t.description}${t.modifier > 0 && !bonusesCount ? " (not counted: bonuses count from 90 without them)" : ""}`),
  ].join("\n");
}

/** `loginUrl`: where the host's root may send a logged-out visitor (an authenticated host), planned if-redirected. */
function headerGrade(host: string, environment: Environment, loginUrl: string | undefined): Check {
  return {
    area: "Headers",
    name: `Observatory grade ${host}`,
    criteria: `MDN HTTP Observatory grade ${HEADER_GRADE_BAR} or better${environment === "prod" ? "" : ` (prod's bar: below it warns in ${environment})`}`,
    // https:// with its redirect, then the preflight; http:// runs alongside.
    sequentialRequests: 3,
    // The https:// GET (shared) and the preflight, and the http:// GET; where a redirect leads is known only as it runs.
    // A portal's root answering a logged-out visitor with its login page: the scan then GETs that page (the
    // run's shared answer) and sends its preflight there, both counted by the login route's rule.
    demands: [
      { url: `https://${host}/`, count: 1, kind: "proof", shared: true },
      { url: `https://${host}/`, count: 1, kind: "proof" },
      { url: `http://${host}/`, count: 1, kind: "proof", shared: true },
      ...(loginUrl ? [{ url: loginUrl, count: 1, kind: "if-redirected" as const, shared: true }, { url: loginUrl, count: 1, kind: "if-redirected" as const }] : []),
    ],
    async run(probes) {
      const scan = await collectScan(probes, host);
      let grade: HostGrade;
      try {
        grade = gradeScan(scan);
      } catch (e) {
        if (e instanceof UngradableScan) return { status: "fail", detail: `no grade: ${e.message}` };
        throw e;
      }
      const verdict = gradeVerdict(grade, environment);
      return { status: verdict.status, detail: verdict.note ? `${gradeDetail(grade)}\n${verdict.note}` : gradeDetail(grade), grade };
    },
  };
}

export function headerGradeChecks(e: Expectations): Check[] {
  return e.headerGrades.hosts.map((h) => headerGrade(h, e.environment, e.headerGrades.loginUrls[h]));
}
