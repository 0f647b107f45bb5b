/**
 * A zone's extra records (config/records.ts) as the DnsRecord inputs the provider receives: FQDN names,
 * TXT quoted and split by rules/txt.ts, a role-prefixed comment, and a resource key from the record's
 * identity (zone, type, name, and a hash of what it holds), never its list position, so reordering the
 * list or inserting a record replaces nothing. No Pulumi import.
 */
import { createHash } from "node:crypto";
import type { ExtraRecordConfig } from "../config/records";
import { RecordRole, roleComment } from "../rules/dns-records";
import { quoteTxt, txtValue } from "../rules/txt";

export interface ExtraRecord {
  /** Stable resource-name suffix: `<type>-<name>[-<hash>]`. */
  key: string;
  /** FQDN, as the API returns it. */
  name: string;
  type: ExtraRecordConfig["type"];
  /** What the provider receives as `content` (TXT quoted and split); absent for data types. */
  content?: string;
  /** What a resolver returns, for comparisons: the TXT value joined, the target, or the data as presentation text. */
  value: string;
  data?: Record<string, string | number>;
  priority?: number;
  /** The record's Cloudflare settings, when the config sets one (a flattened CNAME). */
  settings?: { flattenCname: true };
  proxied: boolean;
  ttl: number;
  role: RecordRole;
  comment: string;
  configPath: string;
}

/** Types whose resource key needs no hash: one record of them per name (CNAME, RFC 1034 §3.6.2). */
const SINGLE_PER_NAME = new Set(["CNAME"]);

function labelOf(name: string, domain: string): string {
  return name === domain ? "apex" : name.slice(0, -(domain.length + 1)).replace(/\*/g, "wildcard").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
}

/** `<type>-<name>` plus 8 hex of a hash over zone, type, name and what the record holds. */
export function recordKey(domain: string, r: Pick<ExtraRecord, "type" | "name" | "value" | "priority">): string {
  const base = `${r.type.toLowerCase()}-${labelOf(r.name, domain)}`;
  if (SINGLE_PER_NAME.has(r.type)) return base;
  const hash = createHash("sha256").update(JSON.stringify([domain, r.type, r.name, r.priority ?? null, r.value])).digest("hex").slice(0, 8);
  return `${base}-${hash}`;
}

/** Presentation text of a structured record's data, in the order of its RFC's wire format. */
function dataText(r: Extract<ExtraRecordConfig, { data: unknown }>): string {
  return presentation(r.type, r.data as Record<string, unknown>);
}

/** A structured record's data as presentation text (CAA's value quoted), for comparing declared and live records. */
export function presentation(type: string, d: Record<string, unknown>): string {
  const order: Record<string, string[]> = {
    SRV: ["priority", "weight", "port", "target"], URI: ["weight", "target"], CAA: ["flags", "tag", "value"],
    HTTPS: ["priority", "target", "value"], SVCB: ["priority", "target", "value"],
    TLSA: ["usage", "selector", "matchingType", "certificate"], SMIMEA: ["usage", "selector", "matchingType", "certificate"],
    SSHFP: ["algorithm", "type", "fingerprint"], DS: ["keyTag", "algorithm", "digestType", "digest"],
    DNSKEY: ["flags", "protocol", "algorithm", "publicKey"], CERT: ["type", "keyTag", "algorithm", "certificate"],
    NAPTR: ["order", "preference", "flags", "service", "regex", "replacement"],
    LOC: ["latDegrees", "latMinutes", "latSeconds", "latDirection", "longDegrees", "longMinutes", "longSeconds", "longDirection", "altitude", "size", "precisionHorz", "precisionVert"],
  };
  return (order[type] ?? Object.keys(d)).map((k) => (type === "CAA" && k === "value" ? JSON.stringify(d[k]) : String(d[k]))).join(" ").trim();
}

function roleOf(r: ExtraRecordConfig): RecordRole {
  if ("proxied" in r && r.proxied) return "web";
  return r.type === "MX" ? "mail" : "dns-only";
}

/** The FQDN of a record label under `domain`. */
export function recordName(label: string, domain: string): string {
  return label === "@" ? domain : `${label}.${domain}`;
}

export function extraRecords(domain: string, records: readonly ExtraRecordConfig[], zoneIndex: number): ExtraRecord[] {
  return records.map((r, i) => {
    const name = recordName(r.name, domain);
    const role = roleOf(r);
    const proxied = "proxied" in r ? r.proxied : false;
    const common = { name, type: r.type, proxied, ttl: r.ttl, role, comment: roleComment(role, r.comment ?? "extra record"), configPath: `zones[${zoneIndex}].records[${i}]` };
    let fields: Pick<ExtraRecord, "content" | "value" | "data" | "priority">;
    if ("data" in r) {
      fields = { value: dataText(r), data: { ...r.data } as Record<string, string | number>, ...("priority" in r ? { priority: r.priority } : {}) };
    } else if (r.type === "TXT") {
      const content = quoteTxt(r.content);
      fields = { content, value: txtValue(content) };
    } else {
      fields = { content: r.content, value: r.content, ...(r.type === "MX" ? { priority: r.priority } : {}) };
    }
    const out = { ...common, ...fields, ...(r.type === "CNAME" && r.flattenCname ? { settings: { flattenCname: true as const } } : {}) };
    return { key: recordKey(domain, out), ...out };
  });
}
