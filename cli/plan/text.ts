/** The default, terminal output of `npm run plan`: the tree, counts, alerting, the diff, then the verdict last. */
import type { PlanDiff } from "./diff";
import { renderDiff } from "./diff";
import type { PlanDocument } from "./document";
import { alerting, renderAlerting, renderCounts } from "./summary";
import { renderTree } from "./tree";
import { renderViolations } from "./violations";

export function renderText(doc: PlanDocument, diff?: PlanDiff): string {
  return [
    `Offline plan of stack ${doc.stack} (mock runtime: secrets shown as [secret], computed values known after apply)`,
    "",
    renderTree(doc.resources),
    "",
    renderCounts(doc),
    "",
    renderAlerting(alerting(doc.outputs)),
    "",
    ...(doc.warnings.length > 0 ? [`Warnings (${doc.warnings.length}):`, ...doc.warnings.map((w) => `  ⚠ ${w}`), ""] : []),
    ...(diff ? [renderDiff(diff), ""] : []),
    renderViolations(doc.violations),
    "",
  ].join("\n");
}
