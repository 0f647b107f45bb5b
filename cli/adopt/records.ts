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

/**
 * LOC presentation data (RFC 1876 §3: `d1 [m1 [s1]] {N|S} d2 [m2 [s2]] {E|W} alt["m"] [siz["m"] [hp["m"] [vp["m"]]]]`)
 * as the `data` fields Cloudflare's API takes; undefined when it is not in that form. Omitted minutes, seconds,
 * size and precisions take the RFC's defaults (0, 0, 1 m, 10000 m, 10 m).
 */
export function locData(content: string): Record<string, unknown> | undefined {
  const t = content.trim().split(/\s+/);
  const angle = (dirs: string) => {
    const at = t.findIndex((x) => dirs.includes(x.toUpperCase()));
    if (at < 1 || at > 3) return undefined;
    const [deg, min = "0", sec = "0"] = t.splice(0, at + 1).slice(0, at);
    return { deg: Number(deg), min: Number(min), sec: Number(sec) };
  };
  const latDirection = t.find((x) => /^[NS]$/i.test(x))?.toUpperCase();
  const lat = angle("NSns");
  const longDirection = t.find((x) => /^[EW]$/i.test(x))?.toUpperCase();
  const long = angle("EWew");
  const meters = t.map((x) => Number(x.replace(/m$/i, "")));
  if (!lat || !long || !latDirection || !longDirection || meters.length < 1 || meters.length > 4) return undefined;
  const [altitude, size = 1, precisionHorz = 10000, precisionVert = 10] = meters;
  const numbers = [lat.deg, lat.min, lat.sec, long.deg, long.min, long.sec, altitude, size, precisionHorz, precisionVert];
  if (numbers.some((n) => !Number.isFinite(n))) return undefined;
  return {
    latDegrees: lat.deg, latMinutes: lat.min, latSeconds: lat.sec, latDirection,
    longDegrees: long.deg, longMinutes: long.min, longSeconds: long.sec, longDirection,
    altitude, size, precisionHorz, precisionVert,
  };
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
      // A flattened DNS-only CNAME stays flattened (config/records.ts `flattenCname`); a proxied one is flattened anyway.
      return { record: { ...base, content: host(r.content), ...(r.proxied ? { proxied: true } : r.settings?.flattenCname ? { flattenCname: true } : {}) } };
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
    case "LOC": {
      const data = locData(r.content);
      return data ? { record: { ...base, data } } : { reason: `LOC data "${r.content}" is not in RFC 1876 §3 form (d [m [s]] N|S d [m [s]] E|W alt[m] [size[m] [hp[m] [vp[m]]]]); declare it by hand under zones[].records` };
    }
    default:
      return { reason: `type ${r.type} is not one Cloudflare's DNS serves` };
  }
}
