/**
 * Live records at a name and type the stack declares that the first `pulumi up` does not keep as they are,
 * for both readers: one paired with a planned record but holding another value ("will be replaced": with
 * --zone it is imported and updated in place; from a zone file a person imports it by hand or deletes it
 * first), or one the stack's set leaves out ("delete before the first up", with what it breaks meanwhile,
 * rules/stray-records.ts). The zone must end with the stack's set only. Pure: no I/O.
 */
import type { LiveRecord } from "../../model/live-zone";
import { comparable, fitColumns, liveComparable, wrappedTable } from "./report";

export interface RecordSetRow {
  record: string;
  /** The record id (API) or where the export holds it (`file:line`). */
  where: string;
  live: string;
  verdict: "will be replaced" | "delete before the first up";
  why: string;
}

/** `imported`: the import file adopts the pairs (--zone); otherwise a person imports them by hand. Sorted by record, then live value. */
export function recordSetRows(pairs: readonly { record: LiveRecord; inputs: Record<string, any> }[], strays: readonly { record: LiveRecord; stray: string }[], imported: boolean): RecordSetRow[] {
  const rows: RecordSetRow[] = [];
  const where = (r: LiveRecord) => r.id ?? r.source;
  for (const { record, inputs } of pairs) {
    const live = liveComparable({ ...record, proxied: false });
    const after = comparable(String(inputs.type), { ...inputs, proxied: false });
    if (live === after) continue;
    rows.push({ record: `${record.type} ${record.name}`, where: where(record), live, verdict: "will be replaced", why: imported ? `imported, then updated in place to ${after}` : `the stack declares ${after} here: import this record by hand (docs/import.md) so the up updates it in place, or delete it before the first up` });
  }
  for (const { record, stray } of strays) rows.push({ record: `${record.type} ${record.name}`, where: where(record), live: liveComparable({ ...record, proxied: false }), verdict: "delete before the first up", why: `${stray}; delete it in DNS > Records` });
  return rows.sort((a, b) => a.record.localeCompare(b.record) || a.live.localeCompare(b.live, "en", { numeric: true }));
}

export function renderRecordSets(rows: readonly RecordSetRow[], imported: boolean, width = 120): string {
  if (rows.length === 0) return "";
  // The record id stays on one line (a person searches the dashboard for it): 32 characters plus padding.
  const [record, ...rest] = fitColumns([24, 30, 16, 44], width - 35);
  const head = "Live records at a name and type the stack declares, which the first pulumi up does not keep as they are (the zone must end with the stack's set only):";
  return `\n${head}\n${wrappedTable(["Record", imported ? "Id" : "Line", "Live", "First pulumi up", "Why"], rows.map((r) => [r.record, r.where, r.live, r.verdict, r.why]), [record, 34, ...rest])}
`;
}
