/**
 * A DNS record as the Cloudflare API v4 returns it (`GET /zones/{zone_id}/dns_records`) into the live-zone
 * model, in the presentation form a zone file holds, so the draft, the report and the import file treat an
 * API read exactly as an export. Structured types are rebuilt from the record's `data` (the documented
 * components; `content` of these types is a display string whose layout has changed over the API's life),
 * MX and URI take their `priority` from the record. Pure: no I/O.
 */
import type { LiveRecord } from "../../model/live-zone";

/** The fields of an API record this reader uses (cloudflare SDK `RecordResponse`, every type). */
export interface ApiRecord {
  id: string;
  name: string;
  type: string;
  content?: string;
  proxied?: boolean;
  ttl: number;
  priority?: number;
  comment?: string | null;
  tags?: string[] | null;
  settings?: { flatten_cname?: boolean | null; ipv4_only?: boolean | null; ipv6_only?: boolean | null } | null;
  data?: Record<string, unknown>;
}

const fqdn = (host: unknown) => {
  const h = String(host ?? "").replace(/\.$/, "");
  return h === "" ? "." : `${h}.`;
};

/** TXT content as a zone file holds it: quoted character-strings (the API returns it quoted or bare). */
function txtContent(content: string): string {
  const text = content.trim();
  if (text.startsWith('"')) return text;
  return `"${text.replace(/[\\"]/g, (m) => `\\${m}`)}"`;
}

/** LOC data (RFC 1876 §3 presentation: d m s N/S d m s E/W alt size hp vp, metres). */
function locContent(d: Record<string, unknown>): string {
  const m = (v: unknown) => `${Number(v ?? 0)}m`;
  return [d.lat_degrees, d.lat_minutes, d.lat_seconds, d.lat_direction, d.long_degrees, d.long_minutes, d.long_seconds, d.long_direction].map(String).join(" ") +
    ` ${m(d.altitude)} ${m(d.size)} ${m(d.precision_horz)} ${m(d.precision_vert)}`;
}

/** Presentation-form RDATA of an API record (without owner, TTL, class and type). */
export function presentationContent(r: ApiRecord): string {
  const d = r.data ?? {};
  const has = r.data !== undefined && r.data !== null;
  switch (r.type) {
    case "MX": return `${r.priority ?? 0} ${fqdn(r.content)}`;
    case "CNAME": case "NS": case "PTR": return fqdn(r.content);
    case "TXT": return txtContent(r.content ?? "");
    case "SRV": return has ? `${d.priority ?? r.priority ?? 0} ${d.weight} ${d.port} ${fqdn(d.target)}` : `${r.priority ?? 0} ${r.content ?? ""}`;
    case "URI": return has ? `${r.priority ?? 0} ${d.weight} ${JSON.stringify(String(d.target ?? ""))}` : `${r.priority ?? 0} ${r.content ?? ""}`;
    case "CAA": return has ? `${d.flags ?? 0} ${d.tag} ${JSON.stringify(String(d.value ?? ""))}` : r.content ?? "";
    case "HTTPS": case "SVCB": return has ? `${d.priority} ${fqdn(d.target)} ${String(d.value ?? "")}`.trim() : r.content ?? "";
    case "TLSA": case "SMIMEA": return has ? `${d.usage} ${d.selector} ${d.matching_type} ${d.certificate}` : r.content ?? "";
    case "SSHFP": return has ? `${d.algorithm} ${d.type} ${d.fingerprint}` : r.content ?? "";
    case "DS": return has ? `${d.key_tag} ${d.algorithm} ${d.digest_type} ${d.digest}` : r.content ?? "";
    case "DNSKEY": return has ? `${d.flags} ${d.protocol} ${d.algorithm} ${d.public_key}` : r.content ?? "";
    case "CERT": return has ? `${d.type} ${d.key_tag} ${d.algorithm} ${d.certificate}` : r.content ?? "";
    case "NAPTR": return has ? `${d.order} ${d.preference} ${JSON.stringify(String(d.flags ?? ""))} ${JSON.stringify(String(d.service ?? ""))} ${JSON.stringify(String(d.regex ?? ""))} ${fqdn(d.replacement)}` : r.content ?? "";
    case "LOC": return has ? locContent(d) : r.content ?? "";
    default: return r.content ?? "";
  }
}

/** The record settings that are on, in the model's names; undefined when none is. */
function settingsOn(s: ApiRecord["settings"]): LiveRecord["settings"] {
  const on = { ...(s?.flatten_cname ? { flattenCname: true as const } : {}), ...(s?.ipv4_only ? { ipv4Only: true as const } : {}), ...(s?.ipv6_only ? { ipv6Only: true as const } : {}) };
  return Object.keys(on).length > 0 ? on : undefined;
}

export function liveRecordFromApi(r: ApiRecord): LiveRecord {
  return {
    name: r.name.replace(/\.$/, "").toLowerCase(),
    type: r.type.toUpperCase(),
    ttl: r.ttl,
    content: presentationContent(r),
    proxied: r.proxied === true,
    ...(r.comment ? { comment: r.comment } : {}),
    ...(r.tags && r.tags.length > 0 ? { tags: [...r.tags].sort() } : {}),
    ...(settingsOn(r.settings) ? { settings: settingsOn(r.settings) } : {}),
    source: `record ${r.id}`,
    id: r.id,
  };
}
