/**
 * The adoption report: what the first `pulumi up` of the draft changes in the live zone (records added,
 * changed with before and after, removed), judged on the DNS records the program declares in the offline
 * plan, and what breaks the launch bar in the live zone, each with its fix. Tables, as every report a
 * person reads.
 */
import Table from "cli-table3";
import type { PlanDocument } from "../plan/document";
import type { LiveRecord } from "../../model/live-zone";
import { presentation } from "../../model/records";
import { txtValue } from "../../rules/txt";
import type { Draft } from "./draft";
import { locData } from "./records";

export interface RecordChange {
  kind: "added" | "changed" | "removed";
  name: string;
  type: string;
  before?: string;
  after?: string;
  why?: string;
}

const host = (v: string) => v.replace(/\.$/, "").toLowerCase() || ".";

/** A record's value as resolvers compare it, with its proxied state. */
export function comparable(type: string, fields: { content?: string; data?: Record<string, unknown>; priority?: number; proxied?: boolean }): string {
  let value: string;
  if (fields.data) value = `${fields.priority !== undefined ? `${fields.priority} ` : ""}${presentation(type, fields.data)}`;
  else if (type === "TXT") value = txtValue(fields.content ?? "");
  else if (type === "MX") value = `${fields.priority} ${host(fields.content ?? "")}`;
  else if (["CNAME", "NS", "PTR"].includes(type)) value = host(fields.content ?? "");
  else value = fields.content ?? "";
  return `${value}${fields.proxied ? " (proxied)" : ""}`;
}

/** The live record in the same form: its presentation data parsed the way the draft's converter does. */
export function liveComparable(r: LiveRecord): string {
  const t = r.content.trim().split(/\s+/);
  switch (r.type) {
    case "MX": return comparable("MX", { content: t[1], priority: Number(t[0]), proxied: r.proxied });
    case "SRV": return comparable("SRV", { data: { priority: Number(t[0]), weight: Number(t[1]), port: Number(t[2]), target: host(t[3]) } });
    case "CAA": return comparable("CAA", { data: { flags: Number(t[0]), tag: t[1], value: t.slice(2).join(" ").replace(/^"|"$/g, "") } });
    case "HTTPS": case "SVCB": return comparable(r.type, { data: { priority: Number(t[0]), target: host(t[1]), value: t.slice(2).join(" ") } });
    case "TLSA": case "SMIMEA": return comparable(r.type, { data: { usage: Number(t[0]), selector: Number(t[1]), matchingType: Number(t[2]), certificate: t.slice(3).join("").toLowerCase() } });
    case "SSHFP": return comparable("SSHFP", { data: { algorithm: Number(t[0]), type: Number(t[1]), fingerprint: t.slice(2).join("").toLowerCase() } });
    case "LOC": { const data = locData(r.content); return data ? comparable("LOC", { data }) : comparable("LOC", { content: r.content }); }
    default: return comparable(r.type, { content: r.content, proxied: r.proxied });
  }
}

/** Live records against the plan's DnsRecords, grouped by name and type. */
export function recordChanges(live: readonly LiveRecord[], plan: PlanDocument, draft: Draft): RecordChange[] {
  const declared = plan.resources.filter((r) => r.type === "cloudflare:index/dnsRecord:DnsRecord").map((r) => r.inputs as Record<string, any>);
  const groups = new Map<string, { name: string; type: string; before: string[]; after: string[] }>();
  const group = (name: string, type: string) => {
    const key = `${name} ${type}`;
    return groups.get(key) ?? groups.set(key, { name, type, before: [], after: [] }).get(key)!;
  };
  const skipped = new Set(draft.notDeclared.filter((n) => ["SOA"].includes(n.record.type) || (n.record.type === "NS" && n.reason.startsWith("Cloudflare"))).map((n) => n.record));
  for (const r of live.filter((x) => !skipped.has(x))) group(r.name, r.type).before.push(liveComparable(r));
  for (const i of declared) group(String(i.name), String(i.type)).after.push(comparable(String(i.type), i));
  const why = new Map(draft.notDeclared.map((n) => [`${n.record.name} ${n.record.type}`, n.reason]));
  const out: RecordChange[] = [];
  for (const g of [...groups.values()].sort((a, b) => `${a.name} ${a.type}`.localeCompare(`${b.name} ${b.type}`))) {
    const gone = g.before.filter((v) => !g.after.includes(v));
    const added = g.after.filter((v) => !g.before.includes(v));
    const reason = why.get(`${g.name} ${g.type}`);
    if (gone.length > 0 && added.length > 0) out.push({ kind: "changed", name: g.name, type: g.type, before: gone.join("\n"), after: added.join("\n"), ...(reason ? { why: reason } : {}) });
    else if (gone.length > 0) out.push({ kind: "removed", name: g.name, type: g.type, before: gone.join("\n"), ...(reason ? { why: reason } : {}) });
    else if (added.length > 0) out.push({ kind: "added", name: g.name, type: g.type, after: added.join("\n") });
  }
  return out;
}

/** Column widths (content plus padding) sharing `width` characters by `weights`, none narrower than 10 characters of content. */
export function fitColumns(weights: readonly number[], width: number): number[] {
  // Each column costs its content, one space of padding either side and one border.
  const free = Math.max(weights.length * 10, width - 1 - weights.length * 3);
  const total = weights.reduce((a, b) => a + b, 0);
  const content = weights.map((w) => Math.max(10, Math.floor((free * w) / total)));
  // A narrow column raised to its minimum is paid for by the widest one.
  while (content.reduce((a, b) => a + b, 0) > free && Math.max(...content) > 10) content[content.indexOf(Math.max(...content))]--;
  return content.map((c) => c + 2);
}

/**
 * A table whose cells wrap at word boundaries (cli-table3's word wrap). cli-table3 keeps a word longer than
 * its column whole and cuts it off, so only such words are broken, at the column edge.
 */
export function wrappedTable(head: string[], rows: string[][], colWidths: number[]): string {
  const t = new Table({ head, wordWrap: true, wrapOnWordBoundary: true, colWidths, style: { head: [], border: [] } });
  const breakLong = (cell: string, i: number) => cell.replace(new RegExp(`\\S{${colWidths[i] - 1},}`, "g"), (w) => w.match(new RegExp(`.{1,${colWidths[i] - 2}}`, "g"))!.join("\n"));
  t.push(...rows.map((row) => row.map(breakLong)));
  return t.toString();
}

/** A table at most `width` characters wide, columns shared out by `weights`. */
function table(head: string[], rows: string[][], weights: number[], width: number): string {
  return wrappedTable(head, rows, fitColumns(weights, width));
}

const short = (v: string | undefined) => (v && v.length > 120 ? `${v.slice(0, 117)}...` : v ?? "");

export function renderReport(changes: readonly RecordChange[], draft: Draft, unchanged: number, width = 120): string {
  const out: string[] = [];
  out.push(`Changes the first pulumi up makes to the live zone (${unchanged} record${unchanged === 1 ? "" : "s"} declared exactly as served):`);
  out.push(changes.length === 0 ? "  none" : table(["Change", "Record", "Before", "After", "Why"], changes.map((c) => [c.kind, `${c.type} ${c.name}`, short(c.before), short(c.after), c.why ?? (c.kind === "added" ? "the stack declares it" : "")]), [8, 22, 25, 25, 20], width));
  out.push("", "What breaks the launch bar in the live zone:");
  out.push(draft.problems.length === 0 ? "  nothing" : table(["Problem", "Fix", "By"], draft.problems.map((p) => [p.problem, p.fix, p.applied ? "the generated config" : "a person"]), [45, 45, 10], width));
  const unmanaged = draft.notDeclared.filter((n) => !changes.some((c) => c.name === n.record.name && c.type === n.record.type)).filter((n) => n.record.type !== "SOA" && !(n.record.type === "NS" && n.reason.startsWith("Cloudflare")));
  if (unmanaged.length > 0) out.push("", "Records the stack does not declare:", table(["Record", "Where", "Why"], unmanaged.map((n) => [`${n.record.type} ${n.record.name}`, n.record.source, n.reason]), [30, 15, 55], width));
  return `${out.join("\n")}\n`;
}
