/**
 * CAA records must allow every CA Cloudflare's Universal SSL may use, or certificate issuance and
 * renewal fail silently (Cloudflare docs, "Certificate authorities"; RFC 8659).
 */
import { Finding } from "./finding";

/** CAs Cloudflare issues Universal SSL certificates from (Sectigo for backup certificates). */
export const UNIVERSAL_SSL_CAS = ["letsencrypt.org", "pki.goog", "ssl.com", "sectigo.com"] as const;

export interface CaaEntry {
  tag: string;
  value: string;
}

/** Each Universal SSL CA the served CAA set does not allow, per tag (none when there is no CAA at all). */
export function disallowedUniversalSslCas(entries: readonly CaaEntry[]): { tag: string; ca: string }[] {
  if (entries.length === 0) return [];
  const out: { tag: string; ca: string }[] = [];
  for (const tag of ["issue", "issuewild"]) {
    const allowed = entries.filter((e) => e.tag === tag).map((e) => e.value.split(";")[0].trim());
    if (tag === "issuewild" && allowed.length === 0) continue;
    for (const ca of UNIVERSAL_SSL_CAS) if (!allowed.includes(ca)) out.push({ tag, ca });
  }
  return out;
}

/** @param reported CAs already reported another way (a declared entry not served), left out here. */
export function checkCaa(entries: readonly CaaEntry[], reported: readonly { tag: string; ca: string }[] = []): Finding[] {
  return disallowedUniversalSslCas(entries)
    .filter((d) => !reported.some((r) => r.tag === d.tag && r.ca === d.ca))
    .map(({ tag, ca }) => ({ message: `CAA ${tag} does not allow ${ca}, which Cloudflare Universal SSL uses`, ref: "RFC 8659 §4", fix: `add CAA 0 ${tag} "${ca}"` }));
}
