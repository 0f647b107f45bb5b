/**
 * One live record as an extra record of the stack config (config/records.ts shapes): the presentation
 * RDATA split into `content`, `priority` or `data` per type, or the reason it cannot be expressed.
 */
import type { LiveRecord } from "../../model/live-zone";
import { unquoteTxt } from "../../rules/txt";

/** Types Cloudflare serves that the stack does not declare (Cloudflare manages SOA and the apex NS). */
export const CLOUDFLARE_MANAGED = new Set(["SOA"]);

function host(v: string | undefined): string {
  return (v ?? "").replace(/\.$/, "").toLowerCase() || ".";
}

function label(name: string, domain: string): string {
  return name === domain ? "@" : name.slice(0, -(domain.length + 1));
}

/** Tokens of presentation RDATA, quoted strings kept whole (quotes removed). */
function tokens(content: string): string[] {
  return [...content.matchAll(/"((?:[^"\\]|\\.)*)"|(\S+)/g)].map((m) => (m[1] !== undefined ? m[1].replace(/\\(.)/g, "$1") : m[2]));
}

export type Converted = { record: Record<string, unknown> } | { reason: string };

export function toExtraRecord(r: LiveRecord, domain: string): Converted {
  const base: Record<string, unknown> = { type: r.type, name: label(r.name, domain), ...(r.ttl !== 1 && !r.proxied ? { ttl: r.ttl } : {}), ...(r.comment ? { comment: r.comment.slice(0, 90) } : {}) };
  const t = tokens(r.content);
  const n = (i: number) => Number(t[i]);
  switch (r.type) {
    case "A": case "AAAA":
      return { record: { ...base, content: r.content, ...(r.proxied ? { proxied: true } : {}) } };
    case "CNAME":
      return { record: { ...base, content: host(r.content), ...(r.proxied ? { proxied: true } : {}) } };
    case "NS": case "PTR":
      return { record: { ...base, content: host(r.content) } };
    case "TXT":
      return { record: { ...base, content: unquoteTxt(r.content).join("") } };
    case "MX":
      return { record: { ...base, priority: n(0), content: host(t[1]) } };
    case "SRV":
      return { record: { ...base, data: { priority: n(0), weight: n(1), port: n(2), target: host(t[3]) } } };
    case "CAA":
      return { record: { ...base, data: { flags: n(0), tag: t[1], value: t.slice(2).join(" ") } } };
    case "HTTPS": case "SVCB":
      return { record: { ...base, data: { priority: n(0), target: host(t[1]), value: r.content.trim().split(/\s+/).slice(2).join(" ") } } };
    case "TLSA": case "SMIMEA":
      return { record: { ...base, data: { usage: n(0), selector: n(1), matchingType: n(2), certificate: t.slice(3).join("") } } };
    case "SSHFP":
      return { record: { ...base, data: { algorithm: n(0), type: n(1), fingerprint: t.slice(2).join("") } } };
    case "DS":
      return { record: { ...base, data: { keyTag: n(0), algorithm: n(1), digestType: n(2), digest: t.slice(3).join("") } } };
    case "DNSKEY":
      return { record: { ...base, data: { flags: n(0), protocol: n(1), algorithm: n(2), publicKey: t.slice(3).join("") } } };
    case "CERT":
      return { record: { ...base, data: { type: n(0), keyTag: n(1), algorithm: n(2), certificate: t.slice(3).join("") } } };
    case "NAPTR":
      return { record: { ...base, data: { order: n(0), preference: n(1), flags: t[2], service: t[3], regex: t[4], replacement: host(t[5]) } } };
    case "URI":
      return { record: { ...base, priority: n(0), data: { weight: n(1), target: t[2] } } };
    case "OPENPGPKEY":
      return { record: { ...base, content: t.join("") } };
    case "SPF":
      return { reason: "type SPF (99) is obsolete (RFC 7208 §3.1) and Cloudflare does not serve it; its policy belongs in the TXT SPF record the email section writes" };
    case "LOC":
      return { reason: "LOC is not read from zone files yet; declare it by hand under zones[].records with its data fields" };
    default:
      return { reason: `type ${r.type} is not one Cloudflare's DNS serves` };
  }
}
