/**
 * DNS record hygiene at the Cloudflare edge: web hostnames proxied (so WAF, TLS and DDoS protection
 * apply), mail and verification records never proxied, proxied records on automatic TTL.
 */
import { Finding } from "./finding";

/**
 * What a record is for. Carried in the record's comment so policies can tell without config. `dns-only`
 * is a record the config declares deliberately unproxied: a DNS-only host (VPN, SaaS CNAME) or an extra record.
 */
export type RecordRole = "web" | "mail" | "verification" | "dns-only";
const ROLES: readonly string[] = ["web", "mail", "verification", "dns-only"] satisfies RecordRole[];

export const PROXIABLE_TYPES = ["A", "AAAA", "CNAME"];
export const AUTOMATIC_TTL = 1;

/** The comment prefix that carries the role, e.g. "web: app origin". */
export function roleComment(role: RecordRole, note: string): string {
  return `${role}: ${note}`;
}

export function roleOf(comment: string | undefined, name: string, type: string): RecordRole {
  const prefix = comment?.split(":")[0];
  if (prefix !== undefined && ROLES.includes(prefix)) return prefix as RecordRole;
  if (type === "MX" || name.includes("_domainkey")) return "mail";
  if (name.split(".")[0].startsWith("_") || type === "TXT" || type === "CAA") return "verification";
  return "web";
}

export interface RecordShape {
  name: string;
  type: string;
  proxied?: boolean;
  ttl: number;
  comment?: string;
}

export function checkRecordProxying(r: RecordShape): Finding[] {
  const role = roleOf(r.comment, r.name, r.type);
  const findings: Finding[] = [];
  if (role === "web" && PROXIABLE_TYPES.includes(r.type) && r.proxied !== true) {
    findings.push({ message: `web record ${r.name} (${r.type}) is not proxied`, ref: "launch checklist: edge protection", fix: "set proxied: true so traffic passes Cloudflare's WAF and TLS" });
  }
  if (role !== "web" && r.proxied === true) {
    findings.push({ message: `${role} record ${r.name} (${r.type}) is proxied`, ref: "Cloudflare DNS: proxied records", fix: role === "dns-only" ? "a record declared DNS-only must stay proxied: false" : "mail and verification records must be DNS-only (proxied: false)" });
  }
  if (r.proxied === true && r.ttl !== AUTOMATIC_TTL) {
    findings.push({ message: `proxied record ${r.name} has ttl ${r.ttl}`, ref: "Cloudflare DNS: proxied records", fix: "proxied records take ttl: 1 (automatic)" });
  }
  if (r.proxied !== true && r.ttl !== AUTOMATIC_TTL && (r.ttl < 60 || r.ttl > 86400)) {
    findings.push({ message: `record ${r.name} has ttl ${r.ttl}`, ref: "Cloudflare DNS", fix: "use 1 (automatic) or 60–86400 seconds" });
  }
  return findings;
}
