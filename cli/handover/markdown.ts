/** Markdown pieces the handover sections share: tables whose cells cannot break a row, code spans, status marks. */
import type { Mark } from "./scorecard";

/** A table cell: plain text, pipes escaped, on one line. Callers pass text, never objects (no JSON in cells). */
export function cell(text: string | number): string {
  return String(text).replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

export function table(head: readonly string[], rows: readonly (readonly (string | number)[])[]): string[] {
  return [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`)];
}

export function code(text: string): string {
  return `\`${text}\``;
}

const MARKS: Record<Mark, string> = {
  pass: "✅ pass",
  warn: "⚠️ warn",
  fail: "❌ fail",
  unverified: "⏳ not checked",
  none: "—",
};

export function markText(mark: Mark): string {
  return MARKS[mark];
}
