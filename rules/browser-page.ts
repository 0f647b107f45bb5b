/**
 * What a real browser sees on a key page (launch checklist: performance, access control): Largest
 * Contentful Paint at the 75th percentile under 2.5 s on mobile (web.dev's "good" threshold, the one
 * Core Web Vitals reports at p75), no mixed content, no console errors, and session cookies that are
 * Secure, HttpOnly and SameSite.
 */
import { Finding } from "./finding";
import { percentile } from "./latency";

/** web.dev/articles/lcp: "good" is 2.5 s or less at the 75th percentile of page loads, mobile and desktop apart. */
export const LCP_BUDGET_MS = 2500;

/** @param samplesMs one per load; undefined: nothing painted within the watch window, so over the budget. */
export function checkLcp(url: string, samplesMs: readonly (number | undefined)[]): Finding[] {
  const p75 = percentile(samplesMs.map((s) => s ?? Infinity), 75);
  return p75 <= LCP_BUDGET_MS ? [] : [{
    message: p75 === Infinity
      ? `${url} painted nothing within the watch window at the 75th percentile of ${samplesMs.length} mobile loads; the LCP budget is ${LCP_BUDGET_MS / 1000} s`
      : `${url} LCP p75 is ${(p75 / 1000).toFixed(2)} s over ${samplesMs.length} mobile loads; the budget is ${LCP_BUDGET_MS / 1000} s`,
    ref: "launch checklist: performance",
    fix: "serve the largest element sooner (preload the hero image, cut render-blocking scripts, cache at the edge)",
  }];
}

export function checkMixedContent(url: string, insecure: readonly string[]): Finding[] {
  return insecure.length === 0 ? [] : [{
    message: `${url} loads ${insecure.length} resource${insecure.length === 1 ? "" : "s"} over http://: ${insecure.slice(0, 3).join(", ")}${insecure.length > 3 ? ", …" : ""}`,
    ref: "launch checklist: SSL/TLS",
    fix: "load every resource over https:// (or add Content-Security-Policy: upgrade-insecure-requests)",
  }];
}

export function checkConsoleErrors(url: string, errors: readonly string[]): Finding[] {
  const unique = [...new Set(errors)];
  return unique.length === 0 ? [] : [{
    message: `${url} logs ${unique.length} console error${unique.length === 1 ? "" : "s"}: ${unique.slice(0, 2).map((e) => `"${e.slice(0, 120)}"`).join("; ")}`,
    ref: "launch checklist: performance",
    fix: "fix the failing script or request before launch; errors on load usually break something for someone",
  }];
}

/** One Set-Cookie as sent: the name and its attributes, lower-cased names, values as given. */
export interface SetCookie {
  name: string;
  attributes: Record<string, string | true>;
}

/** `name=value; Secure; HttpOnly; SameSite=Lax` → its name and attributes (RFC 6265 §5.2). */
export function parseSetCookie(header: string): SetCookie {
  const [pair, ...attrs] = header.split(";");
  const attributes: Record<string, string | true> = {};
  for (const a of attrs) {
    const i = a.indexOf("=");
    const key = (i < 0 ? a : a.slice(0, i)).trim().toLowerCase();
    if (key) attributes[key] = i < 0 ? true : a.slice(i + 1).trim();
  }
  return { name: pair.split("=")[0].trim(), attributes };
}

/** Names session frameworks give their cookies (connect.sid, PHPSESSID, _session_id, next-auth.session-token, ...). */
const SESSION_NAME = /sess|sid\b|auth|token|jwt|login|remember/i;

/**
 * Every cookie the login page sets is Secure and has SameSite (Lax or Strict; None only with Secure);
 * a session cookie is also HttpOnly, out of reach of an injected script.
 */
export function checkLoginCookies(url: string, cookies: readonly SetCookie[]): Finding[] {
  const ref = "launch checklist: access control";
  const out: Finding[] = [];
  for (const c of cookies) {
    const missing: string[] = [];
    if (!c.attributes.secure) missing.push("Secure");
    if (SESSION_NAME.test(c.name) && !c.attributes.httponly) missing.push("HttpOnly");
    const sameSite = typeof c.attributes.samesite === "string" ? c.attributes.samesite.toLowerCase() : undefined;
    if (sameSite === undefined || !["lax", "strict", "none"].includes(sameSite)) missing.push("SameSite=Lax or Strict");
    if (missing.length) out.push({ message: `${url} sets cookie ${c.name} without ${missing.join(", ")}`, ref, fix: "set the session cookie with Secure; HttpOnly; SameSite=Lax (or Strict) in the app's session settings" });
  }
  return out;
}
