/** TLS rows, one per hostname: the certificate a visitor gets and the protocol versions on offer. */
import { checkCertificate, checkProtocolSupport, MIN_CERT_DAYS_LEFT, REFUSED_PROTOCOLS, REQUIRED_PROTOCOLS } from "../../rules/certificate";
import { Check, fromFindings } from "../check";
import type { Expectations } from "../expectations";

function tls(host: string): Check {
  return {
    area: "TLS",
    name: host,
    criteria: `trusted certificate covering the name, ≥ ${MIN_CERT_DAYS_LEFT} days left; TLS 1.0/1.1 refused, 1.2/1.3 accepted`,
    async run(probes) {
      const [cert, ...versions] = await Promise.all([probes.certificate(host), ...[...REFUSED_PROTOCOLS, ...REQUIRED_PROTOCOLS].map((v) => probes.tlsVersion(host, v))]);
      const findings = [...checkCertificate(host, cert), ...checkProtocolSupport(host, versions)];
      const offered = versions.filter((v) => v.result === "accepted").map((v) => v.version.replace("TLSv", ""));
      return fromFindings(findings, `${cert.subject} by ${cert.issuer}, ${cert.daysLeft} days left; offers TLS ${offered.join(", ")}`);
    },
  };
}

export function tlsChecks(e: Expectations): Check[] {
  return e.hostnames.map((h) => tls(h.name));
}
