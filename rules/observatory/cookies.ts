/*
 * This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0. If a copy of the MPL
 * was not distributed with this file, You can obtain one at https://mozilla.org/MPL/2.0/.
 * It follows mdn/mdn-http-observatory (MPL-2.0) closely enough to be a derived work of it; see README "Licence".
 */
/**
 * Cookies, as the Observatory grades them (mdn/mdn-http-observatory src/analyzer/tests/cookies.js,
 * `cookiesTest`, lines 57-216, commit 94042bb): every cookie the graded chain sets, as its tough-cookie jar
 * keeps them (the same library, so a cookie it would refuse is refused here), judged on Secure (softened
 * when HSTS passes), HttpOnly for session cookies (names containing "login" or "sess"), SameSite for
 * anti-CSRF ones, and SameSite values in the raw header; the worst finding is the result.
 */
import { CookieJar } from "tough-cookie";
import { GradedTest, headerValues, onlyIfWorse, ScanView, TestOutcome } from "./scan";
import type { ObservatoryResult } from "./score-table";
import { strictTransportSecurity } from "./strict-transport-security";

/** Best first (`goodness`, lines 62-70). */
const ORDER: readonly ObservatoryResult[] = [
  "cookies-without-secure-flag-but-protected-by-hsts",
  "cookies-without-secure-flag",
  "cookies-session-without-secure-flag-but-protected-by-hsts",
  "cookies-samesite-flag-invalid",
  "cookies-anticsrf-without-samesite-flag",
  "cookies-session-without-httponly-flag",
  "cookies-session-without-secure-flag",
];

/** A cookie the Observatory leaves out (line 10: Heroku's affinity cookie). */
const IGNORED = new Set(["heroku-session-affinity"]);

/** A SameSite attribute with no value or an unknown one (`containsInvalidSameSiteCookie`, lines 222-242). */
function invalidSameSite(setCookie: string): boolean {
  for (const part of setCookie.trim().split(";")) {
    const [key, value] = part.trim().split("=");
    if (key && key.trim().toLowerCase() === "samesite") {
      if (!value || !["lax", "strict", "none"].includes(value.trim().toLowerCase())) return true;
    }
  }
  return false;
}

interface JarCookie {
  key?: string;
  secure?: boolean;
  httpOnly?: boolean;
  sameSite?: string;
}

/** The jar after the graded chain: each response's Set-Cookie stored for its own URL, faults ignored. */
function jarCookies(view: ScanView): JarCookie[] {
  const jar = new CookieJar();
  for (const response of view.autoChain) {
    for (const c of headerValues(response, "set-cookie")) jar.setCookieSync(c, response.url, { ignoreError: true });
  }
  return (jar.serializeSync()?.cookies ?? []).filter((c) => c.key && !IGNORED.has(c.key as string)) as JarCookie[];
}

export const cookies: GradedTest = {
  name: "cookies",
  title: "Cookies",
  run(view): TestOutcome {
    const hsts = strictTransportSecurity.run(view).pass;
    let result: ObservatoryResult | undefined;
    const worse = (r: ObservatoryResult) => (result = onlyIfWorse(r, result, ORDER));
    if (view.auto) for (const raw of headerValues(view.auto, "set-cookie")) if (invalidSameSite(raw)) worse("cookies-samesite-flag-invalid");
    const all = jarCookies(view);
    if (all.length === 0) return { result: "cookies-not-found", pass: true };
    let missingSameSite = false;
    for (const cookie of all) {
      const name = cookie.key!.toLowerCase();
      const session = name.includes("login") || name.includes("sess");
      if (!cookie.secure && typeof cookie.sameSite === "string" && cookie.sameSite.toLowerCase() === "none") worse("cookies-samesite-flag-invalid");
      if (!cookie.secure) worse(hsts ? "cookies-without-secure-flag-but-protected-by-hsts" : "cookies-without-secure-flag");
      if (name.includes("csrf") && !cookie.sameSite) worse("cookies-anticsrf-without-samesite-flag");
      if (session && !cookie.secure) worse(hsts ? "cookies-session-without-secure-flag-but-protected-by-hsts" : "cookies-session-without-secure-flag");
      if (session && !cookie.httpOnly) worse("cookies-session-without-httponly-flag");
      if (!cookie.sameSite) missingSameSite = true;
    }
    result ??= missingSameSite ? "cookies-secure-with-httponly-sessions" : "cookies-secure-with-httponly-sessions-and-samesite";
    return { result, pass: result === "cookies-secure-with-httponly-sessions" || result === "cookies-secure-with-httponly-sessions-and-samesite" };
  },
};
