/**
 * `--markdown`: one stack's plan as a compact pull-request comment. The CI job concatenates one per stack,
 * so each starts with its own heading; long parts fold into <details> so the verdict and the diff stay
 * on screen.
 */
import type { PlanDiff } from "./diff";
import { diffHeadline, diffLines } from "./diff";
import type { PlanDocument } from "./document";
import { hostnameDiagramSection } from "./hostname-diagram";
import { alerting, countsByType } from "./summary";
import { renderTree } from "./tree";
import { blocksDeployment, markdownViolations, verdict } from "./violations";

/** Table cells must not break the row. */
function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function fenced(text: string, lang = ""): string[] {
  return ["```" + lang, text, "```"];
}

function details(summary: string, body: string[]): string[] {
  return ["<details>", `<summary>${summary}</summary>`, "", ...body, "", "</details>"];
}

/**
 * GitHub refuses a comment over 65,536 characters and the CI comment holds two stacks, so one stack's part
 * stays under half of that: the full tree is left out when it would not fit (the diff above is what a
 * reviewer needs; the tree is one `npm run plan` away).
 */
const MAX_CHARS_PER_STACK = 32_000;

export function renderMarkdown(doc: PlanDocument, diff?: PlanDiff): string {
  const mark = blocksDeployment(doc.violations) ? "❌" : "✅";
  const counts = countsByType(doc);
  const total = counts.reduce((n, [, c]) => n + c, 0);
  const alert = alerting(doc.outputs);
  const lines = [
    `### ${mark} \`${doc.stack}\`: ${total} resources, ${verdict(doc.violations)}`,
    "",
    `**Time to alert:** ${alert.timeToAlert ?? "no uptime checks declared"} · **Alerted:** ${alert.recipients.length > 0 ? alert.recipients.join(", ") : "nobody"}`,
    "",
  ];
  lines.push(...markdownViolations(doc.violations));
  if (doc.warnings.length > 0) lines.push("**Warnings**", "", ...doc.warnings.map((w) => `- ${w}`), "");
  if (diff) {
    const body = diffLines(diff);
    lines.push(`**${diffHeadline(diff)}**`, "");
    if (body.length > 0) lines.push(...fenced(body.join("\n"), "diff"), "");
    lines.push(...hostnameDiagramSection(doc, diff));
  }
  lines.push(...details(`Resources by type (${total})`, ["| Type | Count |", "|---|---:|", ...counts.map(([t, c]) => `| ${cell(t)} | ${c} |`)]), "");
  const tree = [...details("Resource tree", fenced(renderTree(doc.resources))), ""];
  const withTree = [...lines, ...tree].join("\n");
  if (withTree.length <= MAX_CHARS_PER_STACK) return withTree;
  return [...lines, `The resource tree is too long for a comment: \`npm run plan -- --stack ${doc.stack}\` prints it.`, ""].join("\n");
}
