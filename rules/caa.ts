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

export function checkCaa(entries: readonly CaaEntry[]): Finding[] {
  if (entries.length === 0) return [];
  const findings: Finding[] = [];
  for (const tag of ["issue", "issuewild"]) {
    const allowed = entries.filter((e) => e.tag === tag).map((e) => e.value.split(";")[0].trim());
    if (tag === "issuewild" && allowed.length === 0) continue;
    for (const ca of UNIVERSAL_SSL_CAS) {
      if (!allowed.includes(ca)) {
        findings.push({ message: `CAA ${tag} does not allow ${ca}, which Cloudflare Universal SSL uses`, ref: "RFC 8659 §4", fix: `add CAA 0 ${tag} "${ca}"` });
      }
    }
  }
  return findings;
}
