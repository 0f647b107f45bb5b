/**
 * What the first `pulumi up` does to the parts of an adopted record that are not its answer: the comment,
 * the tags and Cloudflare's per-record settings. The stack writes its own comment on every record (the role
 * the policies read, then the config's note), declares no tags and carries `flattenCname` only on extra
 * CNAME records, so an imported record whose live comment, tags or settings the declared inputs lack shows
 * a diff in the first preview. This lists each one, so the reviewer is not surprised. Pure: no I/O.
 */
import type { LiveRecord } from "../../model/live-zone";
import { fitColumns, wrappedTable } from "./report";

export interface MetadataRow {
  record: string;
  field: string;
  live: string;
  firstUp: string;
}

/** A live record and the inputs of the planned DnsRecord that adopts it. */
export interface AdoptedRecord {
  record: LiveRecord;
  inputs: Record<string, any>;
}

const SETTING_OFF: Record<string, string> = {
  flattenCname: "turned off: resolvers get the CNAME instead of the target's addresses (only extra CNAME records carry flattenCname)",
  ipv4Only: "turned off: Cloudflare answers AAAA for the proxied name again (the config cannot declare ipv4Only)",
  ipv6Only: "turned off: Cloudflare answers A for the proxied name again (the config cannot declare ipv6Only)",
};

/** One row per comment, tag list or setting of an adopted record that the first `up` changes; sorted by record. */
export function metadataRows(adopted: readonly AdoptedRecord[]): MetadataRow[] {
  const rows: MetadataRow[] = [];
  for (const { record, inputs } of adopted) {
    const name = `${record.type} ${record.name}`;
    const planned = typeof inputs.comment === "string" ? inputs.comment : "";
    if (record.comment && record.comment !== planned) rows.push({ record: name, field: "comment", live: record.comment, firstUp: planned ? `becomes "${planned}"` : "cleared" });
    if (record.tags && record.tags.length > 0 && !Array.isArray(inputs.tags)) rows.push({ record: name, field: "tags", live: record.tags.join(", "), firstUp: "cleared (the config declares no record tags; keep ownership notes in the comment)" });
    for (const [setting, on] of Object.entries(record.settings ?? {})) {
      if (on && inputs.settings?.[setting] !== true) rows.push({ record: name, field: setting, live: "on", firstUp: SETTING_OFF[setting] ?? "turned off" });
    }
  }
  return rows.sort((a, b) => a.record.localeCompare(b.record) || a.field.localeCompare(b.field));
}

/** Adopted records without a live comment, which get the stack's role comment: one line, not a row each. */
export function commentsAdded(adopted: readonly AdoptedRecord[]): number {
  return adopted.filter(({ record, inputs }) => !record.comment && typeof inputs.comment === "string" && inputs.comment !== "").length;
}

export function renderMetadataReport(rows: readonly MetadataRow[], added: number, width = 120): string {
  if (rows.length === 0 && added === 0) return "";
  const out = ["", "Record comments, tags and settings the first pulumi up changes (the first preview shows each as a diff):"];
  out.push(rows.length === 0 ? "  none beyond the comments below" : wrappedTable(["Record", "Field", "Live", "First pulumi up"], rows.map((r) => [r.record, r.field, r.live, r.firstUp]), fitColumns([30, 12, 30, 48], width)));
  if (added > 0) out.push(`${added} more adopted record${added === 1 ? "" : "s"} without a comment get${added === 1 ? "s" : ""} the stack's ("web: ...", "mail: ...", "dns-only: ..."): the policies read a record's role there.`);
  return `${out.join("\n")}\n`;
}
