/** TLS rows, one per hostname: the certificate a visitor gets and the protocol versions on offer. */
import { checkCertificate, checkProtocolSupport, checkUniversalSslCoverage, MIN_CERT_DAYS_LEFT, ProtocolProbe, REFUSED_PROTOCOLS, REQUIRED_PROTOCOLS, TlsProtocol } from "../../rules/certificate";
import { Check, fromFindings } from "../check";
import type { Expectations } from "../expectations";

/**
 * The newest version. A normal handshake that negotiated it proves the server accepts it, so the
 * certificate's handshake answers for it (one full handshake fewer per hostname); a handshake that settled
 * for less gets a probe offering it alone, so no server passes on inference.
 */
const NEWEST: TlsProtocol = "TLSv1.3";
const OLDER = [...REFUSED_PROTOCOLS, ...REQUIRED_PROTOCOLS].filter((v) => v !== NEWEST);

function tls(host: string, zone: string): Check {
  return {
    area: "TLS",
    name: host,
    criteria: `trusted certificate covering the name, ≥ ${MIN_CERT_DAYS_LEFT} days left; TLS 1.0/1.1 refused, 1.2/1.3 accepted`,
    async run(probes) {
      const [cert, ...older] = await Promise.all([probes.certificate(host), ...OLDER.map((v) => probes.tlsVersion(host, v))]);
      const newest: ProtocolProbe = cert.protocol === NEWEST ? { version: NEWEST, result: "accepted" } : await probes.tlsVersion(host, NEWEST);
      const versions = [...older, newest];
      // A name the certificate misses may be one Universal SSL can never cover: say so, with the fix.
      const coverage = cert.nameError ? checkUniversalSslCoverage(host, zone) : [];
      const findings = [...checkCertificate(host, cert), ...coverage, ...checkProtocolSupport(host, versions)];
      const offered = versions.filter((v) => v.result === "accepted").map((v) => v.version.replace("TLSv", ""));
      const facts = `${cert.subject} by ${cert.issuer}, ${cert.daysLeft} days left; offers TLS ${offered.join(", ")}`;
      const outcome = fromFindings(findings, facts);
      // A failed row keeps what was served: the issuer and days left tell which certificate the edge sent.
      return outcome.status === "pass" ? outcome : { ...outcome, detail: `${outcome.detail}\nserved: ${facts}` };
    },
  };
}

export function tlsChecks(e: Expectations): Check[] {
  // A DNS-only host presents its origin's certificate, not Universal SSL: the edge's TLS rows do not apply.
  return e.hostnames.filter((h) => !h.dnsOnly).map((h) => tls(h.name, h.zone));
}
