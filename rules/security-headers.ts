/**
 * Security response headers every page of the portal carries: MIME sniffing off, framing denied,
 * referrers trimmed, powerful features off. HSTS is a zone setting, checked in rules/tls.ts.
 */
import { Finding } from "./finding";

const REF = "launch checklist: security headers";
const SAFE_REFERRER_POLICIES = ["no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"];

/** Header names are case-insensitive; look them up that way. */
function header(headers: Record<string, string | undefined>, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : headers[key];
}

/**
 * One header's value as a browser reads it when the response repeats the field: the same value sent twice
 * (two layers each adding it, valid HTTP per RFC 9110 §5.3) is that value once; different values stay
 * combined with ", ", which nosniff and X-Frame-Options then reject as browsers do.
 */
export function combinedHeaderValue(values: readonly string[]): string | undefined {
  const distinct = [...new Set(values.map((v) => v.trim()))];
  return distinct.length === 0 ? undefined : distinct.join(", ");
}

export interface HeaderCheckOptions {
  /** The edge transform sets Permissions-Policy; a live page may get it from elsewhere, so the verifier does not require it. */
  requirePermissionsPolicy: boolean;
}

export function checkSecurityHeaders(headers: Record<string, string | undefined>, opts: HeaderCheckOptions): Finding[] {
  const findings: Finding[] = [];
  if (header(headers, "X-Content-Type-Options")?.toLowerCase() !== "nosniff") {
    findings.push({ message: "X-Content-Type-Options: nosniff is missing", ref: REF, fix: "set X-Content-Type-Options to nosniff" });
  }
  const frameOptions = header(headers, "X-Frame-Options")?.toUpperCase();
  const csp = header(headers, "Content-Security-Policy") ?? "";
  if (frameOptions !== "DENY" && frameOptions !== "SAMEORIGIN" && !/frame-ancestors/i.test(csp)) {
    findings.push({ message: "neither X-Frame-Options (DENY or SAMEORIGIN) nor a CSP frame-ancestors directive is set", ref: REF, fix: "set X-Frame-Options to DENY, or Content-Security-Policy frame-ancestors 'none'" });
  }
  const referrer = header(headers, "Referrer-Policy")?.toLowerCase();
  if (!referrer || !SAFE_REFERRER_POLICIES.includes(referrer)) {
    findings.push({ message: `Referrer-Policy is ${referrer ? `"${referrer}"` : "missing"}`, ref: REF, fix: `use one of ${SAFE_REFERRER_POLICIES.join(", ")}` });
  }
  if (opts.requirePermissionsPolicy && !header(headers, "Permissions-Policy")) {
    findings.push({ message: "Permissions-Policy is missing", ref: REF, fix: "set Permissions-Policy, e.g. camera=(), microphone=(), geolocation=()" });
  }
  return findings;
}
