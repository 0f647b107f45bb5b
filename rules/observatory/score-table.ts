/*
 * This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0. If a copy of the MPL
 * was not distributed with this file, You can obtain one at https://mozilla.org/MPL/2.0/.
 * It follows mdn/mdn-http-observatory (MPL-2.0) closely enough to be a derived work of it; see README "Licence".
 */
/**
 * The MDN HTTP Observatory's score table: every result a graded test can return, with the score modifier
 * the Observatory gives it and a short description in our words. The values are the Observatory's
 * (mdn/mdn-http-observatory src/grader/charts.js, SCORE_TABLE from line 107, commit 94042bb); the result
 * names are its expectation names (src/types.js, `Expectation` from line 102), so a result reads the same
 * here as on the Observatory's own report. Kept apart from the tests, as the Observatory keeps it, so a
 * reviewer compares one table with one table.
 */

export const SCORE_TABLE = {
  // Content Security Policy (charts.js lines 108-237)
  "csp-implemented-with-no-unsafe-default-src-none": { modifier: 10, description: "CSP without unsafe sources, default-src 'none'" },
  "csp-implemented-with-no-unsafe": { modifier: 5, description: "CSP without 'unsafe-inline', 'unsafe-eval' or broad sources" },
  "csp-implemented-with-unsafe-inline-in-style-src-only": { modifier: 0, description: "CSP allows 'unsafe-inline' or broad sources in style-src only" },
  "csp-implemented-with-insecure-scheme-in-passive-content-only": { modifier: -10, description: "CSP allows http: for images or media" },
  "csp-implemented-with-unsafe-eval": { modifier: -10, description: "CSP allows 'unsafe-eval'" },
  "csp-implemented-with-unsafe-inline": { modifier: -20, description: "CSP allows 'unsafe-inline', data: or broad sources for scripts or objects" },
  "csp-implemented-with-insecure-scheme": { modifier: -20, description: "CSP allows http: for scripts or other active content" },
  "csp-header-invalid": { modifier: -25, description: "CSP cannot be parsed (or repeats a directive)" },
  "csp-not-implemented": { modifier: -25, description: "no Content-Security-Policy" },
  "csp-not-implemented-but-reporting-enabled": { modifier: -25, description: "only Content-Security-Policy-Report-Only, which enforces nothing" },
  "csp-implemented-but-duplicate-directives": { modifier: 0, description: "CSP repeats report-uri or report-to" },
  // Cookies (lines 238-353)
  "cookies-secure-with-httponly-sessions-and-samesite": { modifier: 5, description: "every cookie Secure and SameSite, session cookies HttpOnly" },
  "cookies-secure-with-httponly-sessions": { modifier: 0, description: "every cookie Secure, session cookies HttpOnly, some without SameSite" },
  "cookies-not-found": { modifier: 0, description: "no cookies set" },
  "cookies-without-secure-flag-but-protected-by-hsts": { modifier: -5, description: "a cookie without Secure (HSTS protects it)" },
  "cookies-session-without-secure-flag-but-protected-by-hsts": { modifier: -10, description: "a session cookie without Secure (HSTS protects it)" },
  "cookies-without-secure-flag": { modifier: -20, description: "a cookie without Secure" },
  "cookies-samesite-flag-invalid": { modifier: -20, description: "a cookie with an invalid SameSite, or SameSite=None without Secure" },
  "cookies-anticsrf-without-samesite-flag": { modifier: -20, description: "an anti-CSRF cookie without SameSite" },
  "cookies-session-without-httponly-flag": { modifier: -30, description: "a session cookie without HttpOnly" },
  "cookies-session-without-secure-flag": { modifier: -40, description: "a session cookie without Secure" },
  // Cross-origin resource sharing (lines 355-397)
  "cross-origin-resource-sharing-not-implemented": { modifier: 0, description: "no CORS granted to a foreign origin" },
  "cross-origin-resource-sharing-implemented-with-public-access": { modifier: 0, description: "CORS grants every origin without credentials (*)" },
  "cross-origin-resource-sharing-implemented-with-restricted-access": { modifier: 0, description: "CORS restricted to named origins" },
  "cross-origin-resource-sharing-implemented-with-universal-access": { modifier: -50, description: "CORS grants a foreign origin with credentials" },
  // Redirection (lines 399-489)
  "redirection-all-redirects-preloaded": { modifier: 0, description: "every host on the way is HSTS-preloaded" },
  "redirection-to-https": { modifier: 0, description: "http:// redirects to https:// on the same host" },
  "redirection-not-needed-no-http": { modifier: 0, description: "nothing answers on http://" },
  "redirection-off-host-from-http": { modifier: -5, description: "http:// redirects to https:// on another host first" },
  "redirection-not-to-https-on-initial-redirection": { modifier: -10, description: "the first redirect from http:// is to http://" },
  "redirection-not-to-https": { modifier: -20, description: "http:// does not end on https://" },
  "redirection-missing": { modifier: -20, description: "http:// answers without redirecting to https://" },
  "redirection-invalid-cert": { modifier: -20, description: "a redirect target's certificate is not trusted" },
  // Referrer-Policy (lines 491-537)
  "referrer-policy-private": { modifier: 5, description: "Referrer-Policy keeps paths private" },
  "referrer-policy-not-implemented": { modifier: 0, description: "no Referrer-Policy" },
  "referrer-policy-unsafe": { modifier: -5, description: "Referrer-Policy leaks paths to other origins" },
  "referrer-policy-header-invalid": { modifier: -5, description: "Referrer-Policy names no known policy" },
  // Strict-Transport-Security (lines 539-621)
  "hsts-preloaded": { modifier: 5, description: "on the HSTS preload list" },
  "hsts-implemented-max-age-at-least-six-months": { modifier: 0, description: "HSTS max-age of six months or more" },
  "hsts-implemented-max-age-less-than-six-months": { modifier: -10, description: "HSTS max-age under six months" },
  "hsts-not-implemented": { modifier: -20, description: "no Strict-Transport-Security" },
  "hsts-header-invalid": { modifier: -20, description: "Strict-Transport-Security cannot be parsed (or is sent twice)" },
  "hsts-not-implemented-no-https": { modifier: -20, description: "no HTTPS, so no HSTS" },
  "hsts-invalid-cert": { modifier: -20, description: "the certificate is not trusted, so HSTS does not apply" },
  // Subresource integrity (lines 623-711)
  "sri-implemented-and-all-scripts-loaded-securely": { modifier: 5, description: "scripts carry integrity and load over https://" },
  "sri-implemented-and-external-scripts-loaded-securely": { modifier: 5, description: "foreign scripts carry integrity and load over https://" },
  "sri-not-implemented-response-not-html": { modifier: 0, description: "not an HTML page" },
  "sri-not-implemented-but-no-scripts-loaded": { modifier: 0, description: "no scripts" },
  "sri-not-implemented-but-all-scripts-loaded-from-secure-origin": { modifier: 0, description: "every script is first party" },
  "sri-not-implemented-but-external-scripts-loaded-securely": { modifier: -5, description: "a foreign script without integrity (over https://)" },
  "sri-implemented-but-external-scripts-not-loaded-securely": { modifier: -20, description: "a foreign script with integrity over http:// or //" },
  "sri-not-implemented-and-external-scripts-not-loaded-securely": { modifier: -50, description: "a foreign script without integrity over http:// or //" },
  // X-Content-Type-Options (lines 713-747)
  "x-content-type-options-nosniff": { modifier: 0, description: "X-Content-Type-Options: nosniff" },
  "x-content-type-options-not-implemented": { modifier: -5, description: "no X-Content-Type-Options" },
  "x-content-type-options-header-invalid": { modifier: -5, description: "X-Content-Type-Options is not nosniff (a field sent twice reads as one, invalid, value)" },
  // X-Frame-Options (lines 749-805)
  "x-frame-options-implemented-via-csp": { modifier: 5, description: "framing limited by CSP frame-ancestors" },
  "x-frame-options-sameorigin-or-deny": { modifier: 5, description: "X-Frame-Options DENY or SAMEORIGIN" },
  "x-frame-options-allow-from-origin": { modifier: 0, description: "X-Frame-Options ALLOW-FROM (ignored by browsers)" },
  "x-frame-options-not-implemented": { modifier: -20, description: "no X-Frame-Options or frame-ancestors" },
  "x-frame-options-header-invalid": { modifier: -20, description: "X-Frame-Options is not DENY, SAMEORIGIN or ALLOW-FROM (a field sent twice reads as one, invalid, value)" },
  // Cross-Origin-Resource-Policy (lines 807-860)
  "corp-header-invalid": { modifier: -5, description: "Cross-Origin-Resource-Policy cannot be recognised" },
  "corp-implemented-with-cross-origin": { modifier: 0, description: "Cross-Origin-Resource-Policy: cross-origin" },
  "corp-implemented-with-same-origin": { modifier: 10, description: "Cross-Origin-Resource-Policy: same-origin" },
  "corp-implemented-with-same-site": { modifier: 10, description: "Cross-Origin-Resource-Policy: same-site" },
  "corp-not-implemented": { modifier: 0, description: "no Cross-Origin-Resource-Policy" },
  // Cross-Origin-Embedder-Policy (lines 862-919)
  "coep-implemented-with-require-corp": { modifier: 10, description: "Cross-Origin-Embedder-Policy: require-corp" },
  "coep-implemented-with-credentialless": { modifier: 10, description: "Cross-Origin-Embedder-Policy: credentialless" },
  "coep-implemented-with-unsafe-none": { modifier: 0, description: "Cross-Origin-Embedder-Policy: unsafe-none" },
  "coep-not-implemented": { modifier: 0, description: "no Cross-Origin-Embedder-Policy" },
  "coep-header-invalid": { modifier: -5, description: "Cross-Origin-Embedder-Policy cannot be recognised" },
  // Cross-Origin-Opener-Policy (lines 921-988)
  "coop-implemented-with-same-origin": { modifier: 10, description: "Cross-Origin-Opener-Policy: same-origin" },
  "coop-implemented-with-same-origin-allow-popups": { modifier: 10, description: "Cross-Origin-Opener-Policy: same-origin-allow-popups" },
  "coop-implemented-with-noopener-allow-popups": { modifier: 10, description: "Cross-Origin-Opener-Policy: noopener-allow-popups" },
  "coop-implemented-with-unsafe-none": { modifier: 0, description: "Cross-Origin-Opener-Policy: unsafe-none" },
  "coop-not-implemented": { modifier: 0, description: "no Cross-Origin-Opener-Policy" },
  "coop-header-invalid": { modifier: -5, description: "Cross-Origin-Opener-Policy cannot be recognised" },
  // The page could not be parsed for scripts (line 990 on)
  "html-not-parseable": { modifier: -20, description: "the page's HTML cannot be parsed" },
} as const satisfies Record<string, { modifier: number; description: string }>;

/** A result a graded test returns. */
export type ObservatoryResult = keyof typeof SCORE_TABLE;
