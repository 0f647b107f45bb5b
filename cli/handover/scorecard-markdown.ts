/**
 * The handover's opening: the launch scorecard as a table a founder reads in a minute (one row per
 * checklist area), then the verdict and what blocks it; and the checks only people can do, each with its
 * steps and who recorded it.
 */
import { HUMAN_CHECKS } from "../../rules/human-checks";
import type { HumanCheckRecord } from "../../config/readiness";
import { code, markText, table } from "./markdown";
import type { LaunchScorecard } from "./scorecard";

function liveSource(card: LaunchScorecard): string {
  if (!card.live) {
    return `not given: run ${code(`npm run verify -- --stack ${card.stack} --json > verify-${card.stack}.json`)} after a deploy and pass ${code(`--verify verify-${card.stack}.json`)}`;
  }
  const when = card.live.checkedAt.replace("T", " ").replace(/:\d\d(\.\d+)?Z$/, " UTC");
  return `${code("npm run verify")} of ${when}${card.live.datedByFile ? " (the file's date: the result has no checkedAt)" : ""}, from ${code(card.live.file)}`;
}

/** The verdict in words; only the production stack can be "ready for production traffic". */
export function verdictText(card: Pick<LaunchScorecard, "ready" | "blocking" | "environment">): string {
  if (!card.ready) return `Not ready: ${card.blocking.length} blocking item${card.blocking.length === 1 ? "" : "s"}`;
  return card.environment === "prod" ? "Ready for production traffic" : `No blocking items for ${card.environment} (the verdict on production traffic is the prod stack's)`;
}

export function verdictLine(card: LaunchScorecard): string {
  return `${card.ready ? "✅" : "❌"} **${verdictText(card)}**`;
}

export function scorecardSection(card: LaunchScorecard): string[] {
  const rows = card.rows.map((r) => [
    r.title,
    r.criteria,
    markText(r.declared.mark),
    markText(r.live.mark),
    markText(r.people.mark),
    `${r.evidence}. Policies: ${r.declared.summary}. Live: ${r.live.summary}. People: ${r.people.summary}.`,
    r.breaks,
  ]);
  return [
    "## Launch scorecard",
    "",
    `Verdict: ${verdictLine(card)}${card.ready ? "" : " (listed below the table)"}`,
    "",
    `- As declared: this stack's offline plan and the policy pack's verdicts on it`,
    `- As live: ${liveSource(card)}`,
    `- People: the checks below, recorded under ${code("launch-stack:readiness.humanChecks")}${card.environment === "prod" ? " (an unrecorded one blocks production)" : ""}`,
    "",
    ...table(["Area", "Pass criteria", "Declared", "Live", "People", "Evidence", "What breaks if it fails"], rows),
    "",
    "### Verdict",
    "",
    verdictLine(card),
    ...(card.ready ? ["", "Every checklist area passes as declared, as live and as checked by people."] : ["", ...card.blocking.map((b, i) => `${i + 1}. ${b}`)]),
  ];
}

function recordText(record: HumanCheckRecord | undefined, prod: boolean): string {
  if (!record) return prod ? "⏳ **Not recorded**: blocks production until done and recorded." : "⏳ Not recorded.";
  const outcome = record.result === "pass" ? "✅ Passed" : "❌ **Failed**";
  return `${outcome}: checked by ${record.checkedBy} on ${record.checkedOn}${record.note ? ` (${record.note})` : ""}.`;
}

export function humanChecksSection(card: LaunchScorecard, records: Partial<Record<string, HumanCheckRecord>>): string[] {
  const prod = card.environment === "prod";
  return [
    "## Checks only people can do",
    "",
    "No probe from outside can prove these. Do each one on this stack, then record who did it and when in",
    `${code(`Pulumi.${card.stack}.yaml`)} (it is reviewed with the next PR), for example:`,
    "",
    "```yaml",
    "  launch-stack:readiness:",
    "    humanChecks:",
    `      ${HUMAN_CHECKS[0].id}: { checkedBy: <name>, checkedOn: <YYYY-MM-DD>, result: pass, note: <what was covered> }`,
    "```",
    ...HUMAN_CHECKS.flatMap((c, i) => [
      "",
      `### ${i + 1}. ${c.title}`,
      "",
      `${recordText(records[c.id], prod)} Key: ${code(`readiness.humanChecks.${c.id}`)}.`,
      "",
      ...c.steps.map((s, n) => `${n + 1}. ${s}`),
    ]),
  ];
}
