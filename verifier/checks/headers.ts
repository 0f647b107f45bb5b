/** Header rows, one per served hostname: HSTS exactly as declared, and the security headers every page carries. */
import type { IncomingHttpHeaders } from "node:http";
import { Finding } from "../../rules/finding";
import { checkSecurityHeaders } from "../../rules/security-headers";
import { checkHsts, Environment, Hsts, parseHstsHeader } from "../../rules/tls";
import { Check, fromFindings } from "../check";
import type { Expectations, HeaderExpectation } from "../expectations";
import { headerValue } from "../http";

function flat(headers: IncomingHttpHeaders): Record<string, string | undefined> {
  return Object.fromEntries(Object.keys(headers).map((k) => [k, headerValue(headers, k)]));
}

/** Differences between the HSTS a response carries and the zone's declared setting. */
function hstsDrift(observed: Hsts, declared: Hsts): Finding[] {
  const ref = "launch checklist: SSL/TLS";
  const fix = "check the zone's security_header setting and any origin or transform rule that overrides Strict-Transport-Security";
  const out: Finding[] = [];
  if (observed.maxAge !== declared.maxAge) out.push({ message: `HSTS max-age is ${observed.maxAge}, declared ${declared.maxAge}`, ref, fix });
  if (observed.includeSubdomains !== declared.includeSubdomains) out.push({ message: `HSTS includeSubDomains is ${observed.includeSubdomains ? "on" : "off"}, declared ${declared.includeSubdomains ? "on" : "off"}`, ref, fix });
  if (observed.preload !== declared.preload) out.push({ message: `HSTS preload is ${observed.preload ? "on" : "off"}, declared ${declared.preload ? "on" : "off"}`, ref, fix });
  return out;
}

function headers(h: HeaderExpectation, environment: Environment): Check {
  return {
    area: "Headers",
    name: h.url,
    criteria: `HSTS max-age=${h.hsts.maxAge}${h.hsts.includeSubdomains ? "; includeSubDomains" : ""}${h.hsts.preload ? "; preload" : ""}; nosniff; frame options; Referrer-Policy`,
    demands: [{ url: h.url, count: 1, kind: "proof" }],
    async run(probes) {
      const res = await probes.fetch(h.url, { maxBodyBytes: 0 });
      const sts = headerValue(res.headers, "strict-transport-security");
      const observed = parseHstsHeader(sts ?? "");
      const findings = [
        ...checkHsts(observed, { environment, everyHostnameHttps: h.everyHostnameHttps }),
        ...(observed.enabled ? hstsDrift(observed, h.hsts) : []),
        ...checkSecurityHeaders(flat(res.headers), { requirePermissionsPolicy: false }),
      ];
      return fromFindings(findings, `${res.status}; Strict-Transport-Security: ${sts}`);
    },
  };
}

export function headerChecks(e: Expectations): Check[] {
  return e.headers.map((h) => headers(h, e.environment));
}
