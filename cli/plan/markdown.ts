/**
 * `--markdown`: one stack's plan as a compact pull-request comment part, opening with its own heading.
 * `npm run plan-comment` (comment.ts) folds one part per stack into the comment CI posts and fits the
 * whole within GitHub's limit; long sections here fold into <details> so the verdict and the diff stay
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
 * The resource tree is the first thing a long part gives up: a reviewer needs the verdict and the diff, and
 * the tree is one `npm run plan` away. A part that would pass this size leaves it out, whole, rather than
 * leave comment.ts to cut it off mid-tree. The size is a little under half of GitHub's 65,536-character
 * comment limit, a part's fair share when a comment holds the two shipped stacks (prod and staging). It
 * only decides when the tree goes whole: comment.ts shares the limit between any number of stacks and cuts
 * a part that is still too long.
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
