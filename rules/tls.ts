/**
 * TLS and HSTS bars from the launch checklist: Full (strict) SSL, TLS ≥ 1.2 with 1.3 on, HTTPS forced,
 * HSTS of at least a year in production. Flexible SSL with an origin that forces HTTPS loops forever.
 */
import { Finding } from "./finding";

export type Environment = "staging" | "prod";

export const REQUIRED_SSL_MODE = "strict";
export const MIN_TLS_VERSIONS = ["1.2", "1.3"] as const;
/** One year: the production HSTS floor and what hstspreload.org requires. */
export const HSTS_MIN_MAX_AGE_PROD = 31536000;

const REF = "launch checklist: SSL/TLS";

export function checkSslMode(mode: string): Finding[] {
  return mode === REQUIRED_SSL_MODE ? [] : [{
    message: `SSL mode is "${mode}", not "strict" (Full (strict))`,
    ref: REF,
    fix: `set ssl to "strict" and give the origin a valid certificate; flexible loops with HTTPS-forcing origins`,
  }];
}

export function checkMinTlsVersion(version: string): Finding[] {
  return (MIN_TLS_VERSIONS as readonly string[]).includes(version) ? [] : [{
    message: `minimum TLS version ${version} allows TLS below 1.2`, ref: REF, fix: `set it to "1.2" or "1.3"`,
  }];
}

export function checkTls13(value: string): Finding[] {
  return value === "on" || value === "zrt" ? [] : [{ message: `TLS 1.3 is "${value}"`, ref: REF, fix: `set tls_1_3 to "on"` }];
}

export function checkOn(settingId: string, value: string): Finding[] {
  return value === "on" ? [] : [{ message: `${settingId} is "${value}"`, ref: REF, fix: `set ${settingId} to "on"` }];
}

export interface Hsts {
  enabled: boolean;
  maxAge: number;
  includeSubdomains: boolean;
  preload: boolean;
}

export interface HstsContext {
  environment: Environment;
  /** Every hostname in the zone is proxied through Cloudflare and so served over HTTPS. */
  everyHostnameHttps: boolean;
}

export function checkHsts(hsts: Hsts, ctx: HstsContext): Finding[] {
  const findings: Finding[] = [];
  if (!hsts.enabled) return [{ message: "HSTS is off", ref: REF, fix: "enable strict_transport_security" }];
  if (ctx.environment === "prod" && hsts.maxAge < HSTS_MIN_MAX_AGE_PROD) {
    findings.push({ message: `HSTS max-age ${hsts.maxAge} is under one year in prod`, ref: REF, fix: `set max-age to ${HSTS_MIN_MAX_AGE_PROD} or more` });
  }
  if (hsts.maxAge <= 0) findings.push({ message: "HSTS max-age is 0, which tells browsers to forget HSTS", ref: "RFC 6797 §6.1.1", fix: "set a positive max-age" });
  if (hsts.includeSubdomains && !ctx.everyHostnameHttps) {
    findings.push({ message: "HSTS includeSubDomains is on but not every hostname in the zone is HTTPS-proxied", ref: "RFC 6797 §6.1.2", fix: "proxy every hostname or turn includeSubDomains off" });
  }
  if (hsts.preload && (!hsts.includeSubdomains || hsts.maxAge < HSTS_MIN_MAX_AGE_PROD)) {
    findings.push({ message: "HSTS preload needs includeSubDomains and max-age of at least one year", ref: "hstspreload.org submission requirements", fix: "turn preload off, or meet both requirements" });
  }
  return findings;
}

/**
 * An HTTPS response that redirects must carry HSTS too: it is often the only response a visitor's first
 * request gets from that host (www → apex, a legacy path), and RFC 6797 §7.1 asks for the header on every
 * secure response. `header` is the Strict-Transport-Security value, if any.
 */
export function checkRedirectHsts(url: string, status: number, header: string | undefined): Finding[] {
  if (!url.startsWith("https:") || status < 300 || status >= 400) return [];
  if (header !== undefined && parseHstsHeader(header).enabled && parseHstsHeader(header).maxAge > 0) return [];
  return [{ message: `${url} redirects (${status}) without Strict-Transport-Security`, ref: "RFC 6797 §7.1", fix: "send HSTS on every HTTPS response, redirects included (the zone's HSTS setting does; an origin or Worker redirect must too)" }];
}

/** Parses a Strict-Transport-Security response header (for the live verifier). */
export function parseHstsHeader(header: string): Hsts {
  const directives = header.split(";").map((d) => d.trim().toLowerCase());
  const maxAge = directives.find((d) => d.startsWith("max-age="));
  return {
    enabled: maxAge !== undefined,
    maxAge: maxAge ? Number(maxAge.slice("max-age=".length).replace(/"/g, "")) : 0,
    includeSubdomains: directives.includes("includesubdomains"),
    preload: directives.includes("preload"),
  };
}
