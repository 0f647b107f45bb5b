/**
 * The header grade's verdict, in one place for verify's grade rows and the handover: B or better passes.
 * B is a production bar (verifier/checks/header-grade.ts says why B): below it a prod row fails. Staging
 * runs the same edge with settings rules/tls.ts allows outside prod, and one of them costs Observatory
 * points: an HSTS max-age under six months (staging's 86400 lets a bad HSTS rollout expire in a day) is
 * -10, which takes a clean launch from B to C+. So below B a staging row warns instead, naming the
 * deductions that come from what staging is allowed, so a reader tells a staging setting from a lost header.
 */
import type { Environment } from "./tls";
import { atLeast, Grade, GRADES } from "./observatory/grade";
import type { ObservatoryResult } from "./observatory/score-table";

export const HEADER_GRADE_BAR: Grade = "B";

/** Results that only settings rules/tls.ts allows outside prod produce, and why staging may have them. */
const ALLOWED_OUTSIDE_PROD: Partial<Record<ObservatoryResult, string>> = {
  "hsts-implemented-max-age-less-than-six-months": "staging may set a short HSTS max-age (prod needs a year, rules/tls.ts)",
};

export interface GradeVerdict {
  status: "pass" | "warn" | "fail";
  /** For a staging grade below the bar: the deductions that come from what staging is allowed. */
  allowed: { title: string; modifier: number; why: string }[];
  /** One line saying why the grade is not a pass; undefined when it passes. */
  note?: string;
}

/** A graded host as verify computes it (HostGrade) or as the handover reads it back from saved JSON. */
export interface GradeSeen {
  grade: string;
  tests: readonly { title: string; result: string; modifier: number }[];
}

/** Deductions in `grade` that come from settings `environment` is allowed (none in prod). */
export function allowedDeductions(grade: Pick<GradeSeen, "tests">, environment: Environment): GradeVerdict["allowed"] {
  if (environment === "prod") return [];
  return grade.tests.flatMap((t) => {
    const why = ALLOWED_OUTSIDE_PROD[t.result as ObservatoryResult];
    return why !== undefined && t.modifier < 0 ? [{ title: t.title, modifier: t.modifier, why }] : [];
  });
}

/** B or better passes; below it fails in prod and warns in staging, naming what staging is allowed. */
export function gradeVerdict(grade: GradeSeen, environment: Environment): GradeVerdict {
  if ((GRADES as readonly string[]).includes(grade.grade) && atLeast(grade.grade as Grade, HEADER_GRADE_BAR)) return { status: "pass", allowed: [] };
  if (environment === "prod") return { status: "fail", allowed: [], note: `below the bar ${HEADER_GRADE_BAR}` };
  const allowed = allowedDeductions(grade, environment);
  const named = allowed.length ? `; of its deductions, ${allowed.map((a) => `${a.title} (${a.modifier}): ${a.why}`).join("; ")}` : "";
  return { status: "warn", allowed, note: `below prod's bar ${HEADER_GRADE_BAR}, a warning in ${environment}${named}` };
}
