/*
 * This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0. If a copy of the MPL
 * was not distributed with this file, You can obtain one at https://mozilla.org/MPL/2.0/.
 * It follows mdn/mdn-http-observatory (MPL-2.0) closely enough to be a derived work of it; see README "Licence".
 */
/**
 * The MDN HTTP Observatory's grade for one host, computed as its scanner does (mdn/mdn-http-observatory
 * src/scanner/index.js `analyzeScan` lines 23-101, src/grader/grader.js `getGradeForScore` lines 16-31,
 * src/grader/charts.js `GRADE_CHART` lines 6-28 and `MINIMUM_SCORE_FOR_EXTRA_CREDIT` line 30; commit
 * 94042bb, algorithm version 6 in src/constants.js line 76):
 *
 * - Only a final response with status 2xx, 3xx, 401 or 403 is graded (index.js lines 29-35).
 * - Every test's result carries a modifier (score-table.ts). The baseline is 100.
 * - Bonus rule: the positive modifiers count only when 100 plus the negative ones is at least 90 (an A
 *   without them); otherwise the score is 100 plus the negative modifiers (lines 52-74).
 * - The score is floored at 0 and not capped (A+ pages score over 100); the grade is the chart's entry for
 *   the score rounded down to a multiple of 5, 100 and over being A+.
 */
import { contentSecurityPolicy } from "./content-security-policy";
import { cookies } from "./cookies";
import { crossOriginEmbedderPolicy } from "./cross-origin-embedder-policy";
import { crossOriginOpenerPolicy } from "./cross-origin-opener-policy";
import { crossOriginResourcePolicy } from "./cross-origin-resource-policy";
import { crossOriginResourceSharing } from "./cross-origin-resource-sharing";
import { redirection } from "./redirection";
import { referrerPolicy } from "./referrer-policy";
import { GradedTest, ObservatoryScan, viewOf } from "./scan";
import { ObservatoryResult, SCORE_TABLE } from "./score-table";
import { strictTransportSecurity } from "./strict-transport-security";
import { subresourceIntegrity } from "./subresource-integrity";
import { xContentTypeOptions } from "./x-content-type-options";
import { xFrameOptions } from "./x-frame-options";

export const ALGORITHM_VERSION = 6;
export const MINIMUM_SCORE_FOR_EXTRA_CREDIT = 90;

/** The tests, in the Observatory's order (src/constants.js `ALL_TESTS`, lines 44-57). */
export const GRADED_TESTS: readonly GradedTest[] = [
  contentSecurityPolicy,
  cookies,
  crossOriginEmbedderPolicy,
  crossOriginOpenerPolicy,
  crossOriginResourceSharing,
  redirection,
  referrerPolicy,
  strictTransportSecurity,
  subresourceIntegrity,
  xContentTypeOptions,
  xFrameOptions,
  crossOriginResourcePolicy,
];

export const GRADES = ["A+", "A", "A-", "B+", "B", "B-", "C+", "C", "C-", "D+", "D", "D-", "F"] as const;
export type Grade = (typeof GRADES)[number];

/** GRADE_CHART: the grade of a multiple of 5 from 0 to 100. */
const CHART: ReadonlyMap<number, Grade> = new Map<number, Grade>([
  [100, "A+"], [95, "A"], [90, "A"], [85, "A-"], [80, "B+"], [75, "B"], [70, "B"], [65, "B-"], [60, "C+"], [55, "C"], [50, "C"],
  [45, "C-"], [40, "D+"], [35, "D"], [30, "D"], [25, "D-"], [20, "F"], [15, "F"], [10, "F"], [5, "F"], [0, "F"],
]);

export function gradeForScore(raw: number): { score: number; grade: Grade } {
  const score = Math.max(raw, 0);
  return { score, grade: CHART.get(Math.min(score - (score % 5), 100))! };
}

export interface TestGrade {
  /** The Observatory's test name, e.g. "content-security-policy". */
  name: string;
  title: string;
  result: ObservatoryResult;
  modifier: number;
  description: string;
  pass: boolean;
}

export interface HostGrade {
  host: string;
  grade: Grade;
  score: number;
  algorithmVersion: number;
  /** The graded response's status. */
  statusCode: number;
  testsPassed: number;
  testsQuantity: number;
  tests: TestGrade[];
}

/** Why a host gets no grade: nothing answered, or the final status is one the Observatory refuses to grade. */
export class UngradableScan extends Error {}

export function gradeScan(scan: ObservatoryScan): HostGrade {
  const view = viewOf(scan);
  if (!view.auto) throw new UngradableScan(`${scan.host} did not answer`);
  const status = view.auto.status;
  if (status < 200 || (status >= 400 && status !== 401 && status !== 403)) {
    throw new UngradableScan(`${view.auto.url} answered ${status}; the Observatory grades only 2xx, 3xx, 401 and 403`);
  }
  const tests = GRADED_TESTS.map((t): TestGrade => {
    const { result, pass } = t.run(view);
    return { name: t.name, title: t.title, result, pass, ...SCORE_TABLE[result] };
  });
  const withBonus = 100 + tests.reduce((sum, t) => sum + t.modifier, 0);
  const penaltiesOnly = 100 + tests.reduce((sum, t) => sum + Math.min(t.modifier, 0), 0);
  const { score, grade } = gradeForScore(penaltiesOnly >= MINIMUM_SCORE_FOR_EXTRA_CREDIT ? withBonus : penaltiesOnly);
  return {
    host: scan.host,
    grade,
    score,
    algorithmVersion: ALGORITHM_VERSION,
    statusCode: status,
    testsPassed: tests.filter((t) => t.pass).length,
    testsQuantity: tests.length,
    tests,
  };
}

/** Whether `grade` is `bar` or better. */
export function atLeast(grade: Grade, bar: Grade): boolean {
  return GRADES.indexOf(grade) <= GRADES.indexOf(bar);
}
