/**
 * The pull-request comment for every stack's plan, within GitHub's limit on a comment body (65,536
 * characters; a longer one is refused, and the reviewer sees nothing). A summary table comes first, one row
 * per stack; then each stack's plan (`--markdown`) folded in its own <details>. When the whole does not fit,
 * each stack gets a fair share of what is left (a short stack's unused share goes to the others) and a
 * longer part is cut at a line, with any open code fence and <details> closed, and a pointer to the full
 * plan kept as a workflow artifact.
 */
import { renderBrake, type BrakeVerdict } from "./brake";
import { diffHeadline, type PlanDiff } from "./diff";
import type { PlanDocument } from "./document";
import { renderMarkdown } from "./markdown";
import { blocksDeployment, verdict } from "./violations";

/** GitHub's limit on an issue or pull-request comment body. */
export const GITHUB_COMMENT_LIMIT = 65_536;

/** One stack's outcome: its plan (with the diff, as `--json --diff` prints it), or why there is none. */
export type StackPlan =
  | { readonly stack: string; readonly doc: PlanDocument; readonly diff?: PlanDiff; readonly brake?: BrakeVerdict }
  | { readonly stack: string; readonly error: string };

export interface CommentOptions {
  /** Where the full plans are, e.g. "artifact `plan` of [this run](https://github.com/...)". */
  readonly fullPlan: string;
  readonly limit?: number;
}

/** Leaves room for the closing lines a cut part needs, and for GitHub counting some characters as two. */
const SAFETY = 1_000;

function summaryRow(plan: StackPlan): string {
  if ("error" in plan) return `| ❌ \`${plan.stack}\` | the plan failed | |`;
  const held = (plan.brake?.trips.length ?? 0) > 0 && !plan.brake?.allowed;
  const mark = blocksDeployment(plan.doc.violations) || held ? "❌" : "✅";
  const brake = plan.brake?.trips.length ? `; ✋ mass change${plan.brake.allowed ? " (allowed)" : ""}` : "";
  return `| ${mark} \`${plan.stack}\` | ${verdict(plan.doc.violations)} | ${plan.diff ? diffHeadline(plan.diff) : "no diff"}${brake} |`;
}

function stackPart(plan: StackPlan): string {
  if ("error" in plan) return ["<details open>", `<summary>❌ <b>${plan.stack}</b>: the plan failed</summary>`, "", "```", plan.error.trim(), "```", "", "</details>", ""].join("\n");
  const headline = plan.diff ? diffHeadline(plan.diff) : `${plan.doc.resources.length} resources`;
  // The brake's lines stay outside the fold: a reviewer must see a mass change without opening anything.
  const brake = plan.brake ? renderBrake(plan.brake).map((l) => l.replace(/^  ✋ /, "- ✋ ")) : [];
  return [
    ...(brake.length > 0 ? [`**${plan.stack}** ${brake[0]}`, "", ...brake.slice(1), ""] : []),
    "<details>", `<summary><b>${plan.stack}</b>: ${headline}</summary>`, "", renderMarkdown(plan.doc, plan.diff), "</details>", "",
  ].join("\n");
}

/**
 * `text` cut to at most `max` characters at a line boundary, closing an open code fence and every open
 * <details>, then the pointer. Unchanged when it fits.
 */
export function cutMarkdown(text: string, max: number, pointer: string): string {
  if (text.length <= max) return text;
  const kept: string[] = [];
  let length = 0;
  let fenceOpen = false;
  let detailsOpen = 0;
  const closing = () => [...(fenceOpen ? ["```"] : []), "", `**Cut to fit a comment.** ${pointer}`, ...Array(detailsOpen).fill("</details>"), ""].join("\n");
  for (const line of text.split("\n")) {
    const before = { fenceOpen, detailsOpen };
    if (line.startsWith("```")) fenceOpen = !fenceOpen;
    detailsOpen += (line.match(/<details[\s>]/g) ?? []).length - (line.match(/<\/details>/g) ?? []).length;
    if (length + line.length + 1 + closing().length > max) {
      ({ fenceOpen, detailsOpen } = before);
      break;
    }
    kept.push(line);
    length += line.length + 1;
  }
  return `${kept.join("\n")}\n${closing()}`;
}

/** The whole comment: summary first, then every stack's part, never longer than the limit. */
export function renderComment(plans: readonly StackPlan[], options: CommentOptions): string {
  const limit = options.limit ?? GITHUB_COMMENT_LIMIT;
  const head = [
    "## Offline plan",
    "",
    "| Stack | Policy verdict | Changes |",
    "|---|---|---|",
    ...plans.map(summaryRow),
    "",
    `Full plans: ${options.fullPlan}.`,
    "",
  ].join("\n");
  const parts = plans.map(stackPart);
  let budget = limit - head.length - SAFETY;
  // Fair shares, smallest first, so a stack that needs less than its share leaves the rest to the others.
  const order = parts.map((part, i) => ({ part, i })).sort((a, b) => a.part.length - b.part.length);
  const fitted: string[] = [];
  order.forEach(({ part, i }, n) => {
    const share = Math.floor(budget / (order.length - n));
    fitted[i] = cutMarkdown(part, Math.max(share, 0), `The full plan of this stack is in ${options.fullPlan}.`);
    budget -= fitted[i].length;
  });
  return `${head}${fitted.join("\n")}`;
}
