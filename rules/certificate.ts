/**
 * What a visitor's browser sees of a hostname's TLS (launch checklist: SSL/TLS): a certificate that is
 * trusted, covers the name and is not about to lapse, and only TLS 1.2 and 1.3 on offer.
 */
import { Finding } from "./finding";

/** Renewal normally happens 30 days out; under 21 days left means renewal has already failed once. */
export const MIN_CERT_DAYS_LEFT = 21;

const REF = "launch checklist: SSL/TLS";

export interface CertificateFacts {
  /** Chains to a trusted root and is within its validity period. */
  trusted: boolean;
  /** The verifier's reason when not trusted, e.g. CERT_HAS_EXPIRED. */
  trustError?: string;
  /** Why the certificate does not cover the hostname. */
  nameError?: string;
  daysLeft: number;
  validTo: Date;
}

/** The verifier's code for a name mismatch: the chain itself may be fine, so it is not a trust failure. */
const NAME_MISMATCH = "ERR_TLS_CERT_ALTNAME_INVALID";

/** The name first (the fix differs: proxy the hostname, not replace the CA), then trust, then expiry. */
export function checkCertificate(host: string, cert: CertificateFacts): Finding[] {
  const findings: Finding[] = [];
  if (cert.nameError) findings.push({ message: `${host}'s certificate does not cover the name: ${cert.nameError}`, ref: REF, fix: "make sure the hostname is proxied so the edge certificate covers it" });
  if (cert.daysLeft < 0) {
    findings.push({ message: `${host}'s certificate expired on ${cert.validTo.toISOString().slice(0, 10)}`, ref: REF, fix: "check the edge certificate status in the dashboard (Universal SSL needs the CAA records and an active zone)" });
  } else if (!cert.trusted && !(cert.nameError && cert.trustError === NAME_MISMATCH)) {
    findings.push({ message: `${host}'s certificate is not trusted (${cert.trustError ?? "unknown reason"})`, ref: REF, fix: "serve a certificate from a public CA (Cloudflare Universal SSL) with its full chain" });
  }
  if (cert.daysLeft >= 0 && cert.daysLeft < MIN_CERT_DAYS_LEFT) {
    findings.push({ message: `${host}'s certificate expires in ${cert.daysLeft} days (on ${cert.validTo.toISOString().slice(0, 10)})`, ref: REF, fix: `renewal should leave at least ${MIN_CERT_DAYS_LEFT} days; check the certificate's renewal status` });
  }
  return findings;
}

/**
 * Cloudflare's Universal SSL certificate names the zone's apex and `*.<zone>`, and a wildcard stands for
 * exactly one label (RFC 9525 §6.3). A proxied hostname two or more labels below the zone therefore gets
 * no valid certificate at the edge ("Universal SSL limitations: hostname coverage" in Cloudflare's docs);
 * covering it takes Advanced Certificate Manager, which launch-stack does not manage.
 */
export function checkUniversalSslCoverage(host: string, zone: string): Finding[] {
  const name = host.toLowerCase();
  const domain = zone.toLowerCase();
  if (name === domain || !name.endsWith(`.${domain}`)) return [];
  const below = name.slice(0, -(domain.length + 1));
  if (!below.includes(".")) return [];
  return [{
    message: `${name} is ${below.split(".").length} labels below ${domain}; the zone's Universal SSL certificate (${domain}, *.${domain}) does not cover it, so visitors get a certificate error`,
    ref: "RFC 9525 §6.3; Cloudflare Universal SSL limitations",
    fix: `use one label below the zone, e.g. ${below.replace(/\./g, "-")}.${domain} (covering deeper names takes Advanced Certificate Manager)`,
  }];
}

export type TlsProtocol = "TLSv1" | "TLSv1.1" | "TLSv1.2" | "TLSv1.3";
export const REFUSED_PROTOCOLS: readonly TlsProtocol[] = ["TLSv1", "TLSv1.1"];
export const REQUIRED_PROTOCOLS: readonly TlsProtocol[] = ["TLSv1.2", "TLSv1.3"];

export interface ProtocolProbe {
  version: TlsProtocol;
  /** client-cannot-offer: this client's TLS library would not put the version on the wire, so nothing was learnt. */
  result: "accepted" | "refused" | "client-cannot-offer";
  reason?: string;
}

/** TLS 1.0 and 1.1 refused, 1.2 and 1.3 accepted; a version that could not be tested is a warning, not a pass. */
export function checkProtocolSupport(host: string, probes: readonly ProtocolProbe[]): Finding[] {
  const findings: Finding[] = [];
  for (const p of probes) {
    const required = REQUIRED_PROTOCOLS.includes(p.version);
    if (p.result === "client-cannot-offer") {
      findings.push({ message: `${p.version} on ${host} was not tested: this client cannot offer it (${p.reason ?? "no reason given"})`, ref: REF, fix: "test it with a client that still speaks it, e.g. openssl s_client", severity: "warning" });
    } else if (required && p.result === "refused") {
      findings.push({ message: `${host} refuses ${p.version} (${p.reason ?? "handshake failed"})`, ref: REF, fix: `set min_tls_version to "1.2" and tls_1_3 to "on"` });
    } else if (!required && p.result === "accepted") {
      findings.push({ message: `${host} accepts ${p.version}`, ref: REF, fix: `set min_tls_version to "1.2"` });
    }
  }
  return findings;
}
