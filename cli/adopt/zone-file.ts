/**
 * Reads a zone file (Cloudflare's "Export DNS records" output or any RFC 1035 master file) into the
 * live-zone model. Tokenizing, classes, TTLs, `$ORIGIN`/`$TTL` and parenthesised records are dnsz's
 * (a maintained, dependency-free parser that keeps every record type and each record's comment, which
 * carries Cloudflare's `cf_tags=cf-proxied:true`). dnsz is lenient and reports no positions, so this
 * wrapper hands it one logical record at a time with its context and refuses what it cannot read,
 * naming the file and line: an unterminated quote, a line that yields no record, a word that is no type.
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { parseZone } from "dnsz";
import type { LiveRecord, LiveZone } from "../../model/live-zone";
import { UserError } from "../shared/user-error";

/** Every RR type a zone file may hold (IANA "Resource Record (RR) TYPEs", data types in use). */
const RR_TYPES = new Set([
  "A", "AAAA", "AFSDB", "APL", "CAA", "CDNSKEY", "CDS", "CERT", "CNAME", "CSYNC", "DHCID", "DLV", "DNAME", "DNSKEY", "DS", "EUI48", "EUI64",
  "HINFO", "HIP", "HTTPS", "IPSECKEY", "KEY", "KX", "LOC", "MX", "NAPTR", "NS", "NSEC", "NSEC3", "NSEC3PARAM", "OPENPGPKEY", "PTR", "RP",
  "RRSIG", "SMIMEA", "SOA", "SPF", "SRV", "SSHFP", "SVCB", "TLSA", "TXT", "URI", "ZONEMD",
]);

interface LogicalRecord {
  line: number;
  text: string;
}

/** Strips a `;` comment outside quotes; reports an unterminated quote. */
function splitComment(line: string): { content: string; unterminated: boolean } {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === "\\") { i++; continue; }
    if (ch === '"') quoted = !quoted;
    else if (ch === ";" && !quoted) return { content: line.slice(0, i), unterminated: false };
  }
  return { content: line, unterminated: quoted };
}

/** Directive and record lines with their first line number; a parenthesised record spans lines. */
function logicalRecords(text: string, file: string): { directives: LogicalRecord[]; records: LogicalRecord[] } {
  const directives: LogicalRecord[] = [];
  const records: LogicalRecord[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const { content, unterminated } = splitComment(lines[i]);
    if (unterminated) throw new UserError(`${file}:${i + 1}: a quoted string is never closed; close it with " on the same line`);
    if (content.trim() === "") continue;
    if (content.startsWith("$")) { directives.push({ line: i + 1, text: lines[i] }); continue; }
    let joined = lines[i];
    let depth = (content.match(/\(/g) ?? []).length - (content.match(/\)/g) ?? []).length;
    const start = i;
    while (depth > 0) {
      if (++i >= lines.length) throw new UserError(`${file}:${start + 1}: "(" is never closed; close the record with ")"`);
      const next = splitComment(lines[i]).content;
      depth += (next.match(/\(/g) ?? []).length - (next.match(/\)/g) ?? []).length;
      joined += `\n${lines[i]}`;
    }
    records.push({ line: start + 1, text: joined });
  }
  return { directives, records };
}

/** The zone's domain: the `$ORIGIN`, else the SOA's owner, else what the caller says. */
function domainOf(directives: LogicalRecord[], records: LogicalRecord[], fallback?: string): string | undefined {
  const origin = directives.map((d) => /^\$ORIGIN\s+(\S+)/i.exec(d.text)?.[1]).find((o) => o && o !== ".");
  if (origin) return origin.replace(/\.$/, "").toLowerCase();
  const soa = records.find((r) => /\sSOA\s/i.test(` ${r.text} `));
  const owner = soa && /^(\S+)/.exec(soa.text)?.[1];
  if (owner && owner !== "@") return owner.replace(/\.$/, "").toLowerCase();
  return fallback?.toLowerCase();
}

/**
 * The `cf_tags=` list of a comment and the comment without it. Tags are comma-separated; a value in double
 * quotes is a JSON string and may hold spaces and commas, so the list ends at the first space outside quotes.
 * Hand-written on purpose: dnsz (4.5.2, the zone-file parser above) hands back each line's comment as raw
 * text and exports only parseZone/stringifyZone, so its quote-aware splitter is not reachable; the form is
 * Cloudflare's own ("DNS record attributes" on its import and export page), which no zone-file library knows.
 */
function splitTags(comment: string): { list: string[]; rest: string } {
  const at = comment.search(/\bcf_tags=/);
  if (at < 0) return { list: [], rest: comment };
  let i = at + "cf_tags=".length;
  let quoted = false;
  let current = "";
  const list: string[] = [];
  for (; i < comment.length; i++) {
    const ch = comment[i];
    if (quoted && ch === "\\") { current += ch + (comment[++i] ?? ""); continue; }
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === ",") { list.push(current); current = ""; continue; }
    else if (!quoted && /\s/.test(ch)) break;
    current += ch;
  }
  list.push(current);
  return { list: list.map((t) => t.trim()).filter((t) => t !== ""), rest: `${comment.slice(0, at)} ${comment.slice(i)}` };
}

/**
 * A Cloudflare export's record attributes in the line's comment ("DNS record attributes" on Cloudflare's
 * import and export page): `cf_tags=` with comma-separated tags, among them Cloudflare's own `cf-proxied:true`
 * and `cf-flatten-cname` (a flattened CNAME); every other tag is the record's (`name:value`). The rest of the
 * comment is the record's comment.
 */
function cloudflareTags(comment: string | null): Pick<LiveRecord, "proxied" | "comment" | "tags" | "settings"> {
  if (!comment) return { proxied: false };
  const { list, rest } = splitTags(comment);
  const tagName = (t: string) => t.split(":")[0];
  const proxied = list.includes("cf-proxied:true");
  const flattened = list.some((t) => tagName(t) === "cf-flatten-cname" && !/:false$/.test(t));
  const tags = list.filter((t) => !tagName(t).startsWith("cf-")).map((t) => t.replace(/:"((?:[^"\\]|\\.)*)"$/, (_, v: string) => `:${JSON.parse(`"${v}"`)}`)).sort();
  const note = rest.trim();
  return { proxied, ...(note ? { comment: note } : {}), ...(tags.length > 0 ? { tags } : {}), ...(flattened ? { settings: { flattenCname: true } } : {}) };
}

export function parseZoneFile(text: string, file: string, fallbackDomain?: string): LiveZone {
  const { directives, records } = logicalRecords(text, file);
  const domain = domainOf(directives, records, fallbackDomain);
  if (!domain) throw new UserError(`${file}: no $ORIGIN and no SOA record name the zone; pass --domain <zone>`);
  let ttl = 3600;
  let owner: string = domain;
  const out: LiveRecord[] = [];
  const pending = [...directives.map((d) => ({ ...d, directive: true })), ...records.map((r) => ({ ...r, directive: false }))].sort((a, b) => a.line - b.line);
  for (const item of pending) {
    if (item.directive) {
      const t = /^\$TTL\s+(\d+)/i.exec(item.text)?.[1];
      if (t) ttl = Number(t);
      continue;
    }
    // A record that starts with whitespace inherits the previous owner (RFC 1035 §5.1).
    const text = /^\s/.test(item.text) ? `${owner}. ${item.text.trimStart()}` : item.text;
    const parsed: { name: string; ttl: number; type: string; content: string; comment: string | null }[] = parseZone(`$ORIGIN ${domain}.\n$TTL ${ttl}\n${text}`, { replaceOrigin: domain, defaultTTL: ttl }).records;
    if (parsed.length !== 1) throw new UserError(`${file}:${item.line}: cannot read a record here; write <name> [ttl] [class] <type> <data>`);
    const r = parsed[0];
    const type = r.type.toUpperCase();
    if (!RR_TYPES.has(type)) throw new UserError(`${file}:${item.line}: "${r.type}" is not a DNS record type; write <name> [ttl] [class] <type> <data>`);
    // Cloudflare's export writes the SOA owner without its trailing dot; the SOA always sits at the apex.
    const name: string = type === "SOA" ? domain : (r.name === "@" ? domain : r.name.replace(/\.$/, "")).toLowerCase();
    if (name !== domain && !name.endsWith(`.${domain}`)) throw new UserError(`${file}:${item.line}: ${name} is outside the zone ${domain}; remove the line or export that zone separately`);
    owner = name;
    out.push({ name, type, ttl: r.ttl, content: r.content.trim(), ...cloudflareTags(r.comment), source: `${basename(file)}:${item.line}` });
  }
  return { domain, records: out };
}

export function readZoneFile(path: string, fallbackDomain?: string): LiveZone {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new UserError(`--zone-file ${path}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message}; pass the file Cloudflare's "Export DNS records" wrote`);
  }
  return parseZoneFile(text, path, fallbackDomain);
}
