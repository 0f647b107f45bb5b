/**
 * The handover's header grades: for each host `npm run verify` graded, the grade and score a client's own
 * MDN HTTP Observatory scan gives its page (verifier/checks/header-grade.ts), whether it meets the bar
 * (judged by rules/header-grade-bar.ts, as verify judges it: below B fails in prod, warns in staging naming
 * what staging is allowed), and what costs it points, so whoever takes the portal over knows what a client's security review will
 * see before the client runs it. Read from the saved verify result's grade rows.
 */
import { gradeVerdict, HEADER_GRADE_BAR } from "../../rules/header-grade-bar";
import type { Environment } from "../../rules/tls";
import { code, table } from "./markdown";
import type { LiveResult, LiveRow } from "./verify-result";

type GradedRow = LiveRow & { grade: NonNullable<LiveRow["grade"]> };

function costs(row: GradedRow): string {
  const lost = row.grade.tests.filter((t) => t.modifier < 0).sort((a, b) => a.modifier - b.modifier);
  return lost.length === 0 ? "nothing" : lost.map((t) => `${t.title}: ${t.description} (${t.modifier})`).join("; ");
}

/** The "Meets the bar" cell: yes, no, or in staging below the bar, what of it staging is allowed. */
function meets(row: GradedRow, environment: Environment): string {
  const verdict = gradeVerdict(row.grade, environment);
  if (verdict.status === "pass") return "✅ yes";
  if (verdict.status === "fail") return `❌ no (${row.criteria})`;
  const allowed = verdict.allowed.map((a) => `${a.title} ${a.modifier}: ${a.why}`).join("; ");
  return `⚠️ no, a warning in ${environment}${allowed ? ` (staging is allowed: ${allowed})` : ""}`;
}

export function headerGradesSection(live: LiveResult | undefined, stack: string, environment: Environment): string[] {
  const heading = ["## Header grades (MDN HTTP Observatory)", ""];
  if (!live) return [...heading, `Not graded: no live audit. ${code(`npm run verify -- --stack ${stack} --json`)} grades the canonical and app hosts as the Observatory would; pass its result with ${code("--verify")}.`];
  const rows = live.rows.filter((r): r is GradedRow => r.grade !== undefined);
  const ungraded = live.rows.filter((r) => r.check.startsWith("Observatory grade ") && r.grade === undefined);
  if (rows.length === 0 && ungraded.length === 0) return [...heading, "Not graded: the live audit has no header grade rows (a verifier older than this handover, or run with --only)."];
  const version = rows[0]?.grade.algorithmVersion;
  return [
    ...heading,
    `What a client's own scan at https://developer.mozilla.org/en-US/observatory shows for each host's page, as the live audit graded it${version ? ` (the Observatory's tests and scoring, version ${version})` : ""}. Below the bar (${HEADER_GRADE_BAR}) the audit fails in prod; in staging it warns, naming the deductions staging's own settings cause.`,
    "",
    ...table(
      ["Host", "Grade", "Score", "Tests passed", "Meets the bar", "What costs points"],
      [
        ...rows.map((r) => [r.grade.host, r.grade.grade, r.grade.score, `${r.grade.testsPassed} of ${r.grade.testsQuantity}`, meets(r, environment), costs(r)]),
        ...ungraded.map((r) => [r.check.replace(/^Observatory grade /, ""), "none", "—", "—", "❌ no", r.detail.split("\n")[0]]),
      ],
    ),
  ];
}
