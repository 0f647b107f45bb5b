/**
 * Each graded test against the cases of the Observatory's own test suite (mdn/mdn-http-observatory
 * test/<name>.test.js, commit 94042bb; the line of each case is in its name): the same input gives the
 * same result and the same pass.
 */
import { strict as assert } from "node:assert";
import { contentSecurityPolicy } from "../../../rules/observatory/content-security-policy";
import { cookies } from "../../../rules/observatory/cookies";
import { crossOriginEmbedderPolicy } from "../../../rules/observatory/cross-origin-embedder-policy";
import { crossOriginOpenerPolicy } from "../../../rules/observatory/cross-origin-opener-policy";
import { crossOriginResourcePolicy } from "../../../rules/observatory/cross-origin-resource-policy";
import { crossOriginResourceSharing } from "../../../rules/observatory/cross-origin-resource-sharing";
import { redirection } from "../../../rules/observatory/redirection";
import { referrerPolicy } from "../../../rules/observatory/referrer-policy";
import { GradedTest, viewOf } from "../../../rules/observatory/scan";
import type { ObservatoryResult } from "../../../rules/observatory/score-table";
import { strictTransportSecurity } from "../../../rules/observatory/strict-transport-security";
import { subresourceIntegrity } from "../../../rules/observatory/subresource-integrity";
import { xContentTypeOptions } from "../../../rules/observatory/x-content-type-options";
import { xFrameOptions } from "../../../rules/observatory/x-frame-options";
import { ScanPatch, scanOf } from "./support";

type Case = [where: string, patch: ScanPatch, expected: ObservatoryResult];

function suite(test: GradedTest, cases: readonly Case[]): void {
  describe(`the Observatory's ${test.name} test`, () => {
    for (const [where, patch, expected] of cases) {
      it(`gives ${expected} for ${where}`, () => {
        assert.equal(test.run(viewOf(scanOf(patch))).result, expected);
      });
    }
  });
}

const csp = (value: string | string[]): ScanPatch => ({ headers: { "content-security-policy": value } });

suite(contentSecurityPolicy, [
  ["no policy (csp.test.js:11)", {}, "csp-not-implemented"],
  ["an empty policy (csp.test.js:23)", csp(""), "csp-header-invalid"],
  ["a repeated directive (csp.test.js:24)", csp("default-src 'none'; default-src 'none'"), "csp-header-invalid"],
  ["'strict-dynamic' without a nonce or hash (csp.test.js:26)", csp("default-src 'none'; script-src 'strict-dynamic'"), "csp-header-invalid"],
  ["a policy shorter than a directive (csp.test.js:27)", csp("defa"), "csp-header-invalid"],
  ["script-src https://* (csp.test.js:46)", csp("default-src 'none'; script-src https://*"), "csp-implemented-with-unsafe-inline"],
  ["script-src 'unsafe-inline' (csp.test.js:47)", csp("default-src 'none'; script-src 'unsafe-inline'"), "csp-implemented-with-unsafe-inline"],
  ["script-src 'none' without object-src (csp.test.js:123)", csp("script-src 'none'"), "csp-implemented-with-unsafe-inline"],
  ["object-src * (csp.test.js:129)", csp("default-src 'none'; script-src 'none'; object-src *"), "csp-implemented-with-unsafe-inline"],
  ["default-src http://mozilla.org (csp.test.js:67)", csp("default-src http://mozilla.org"), "csp-implemented-with-insecure-scheme"],
  ["script-src ftp: (csp.test.js:70)", csp("default-src 'none'; script-src ftp://mozilla.org"), "csp-implemented-with-insecure-scheme"],
  ["img-src http: (csp.test.js:90)", csp("default-src 'none'; img-src http://mozilla.org"), "csp-implemented-with-insecure-scheme-in-passive-content-only"],
  ["media-src http: (csp.test.js:95)", csp("default-src 'none'; img-src 'none'; media-src http:; script-src 'self'; style-src 'self'"), "csp-implemented-with-insecure-scheme-in-passive-content-only"],
  ["script-src 'unsafe-eval' (csp.test.js:156)", csp("default-src 'none'; script-src 'unsafe-eval'"), "csp-implemented-with-unsafe-eval"],
  ["style-src 'unsafe-inline' only (csp.test.js:170)", csp("object-src 'none'; script-src 'none'; style-src 'unsafe-inline'"), "csp-implemented-with-unsafe-inline-in-style-src-only"],
  ["empty directives between semicolons (csp.test.js:173)", csp("default-src 'none';;; ;;;style-src 'self' 'unsafe-inline'"), "csp-implemented-with-unsafe-inline-in-style-src-only"],
  ["default-src https://mozilla.org (csp.test.js:201)", csp("default-src https://mozilla.org"), "csp-implemented-with-no-unsafe"],
  ["'unsafe-inline' made moot by a nonce (csp.test.js:205)", csp("object-src 'none'; script-src 'strict-dynamic' 'nonce-abc' 'unsafe-inline'; style-src 'none'"), "csp-implemented-with-no-unsafe"],
  ["default-src with no value (csp.test.js:247)", csp("default-src"), "csp-implemented-with-no-unsafe-default-src-none"],
  ["'strict-dynamic' with a hash dropping https://* (csp.test.js:353)", csp("default-src 'none'; script-src 'strict-dynamic' 'sha256-abc123' https://*"), "csp-implemented-with-no-unsafe-default-src-none"],
  ["a policy in a meta element (csp.test.js:272)", { body: `<meta http-equiv="Content-Security-Policy" content="default-src 'none';" />` }, "csp-implemented-with-no-unsafe-default-src-none"],
  ["Report-Only alone (csp.test.js:470)", { headers: { "content-security-policy-report-only": "default-src 'none'; report-to /_/csp-reports" } }, "csp-not-implemented-but-reporting-enabled"],
  ["two policies combined with a comma (csp.test.js:484)", csp("default-src 'none'; script-src 'self', default-src 'none'; script-src 'self'"), "csp-implemented-with-no-unsafe-default-src-none"],
  ["report-uri twice (cspParser.js:70-82)", csp("default-src 'none'; report-uri /a; report-uri /b"), "csp-implemented-but-duplicate-directives"],
]);

const cookie = (...values: string[]): ScanPatch => ({ headers: { "set-cookie": values } });
const hsts = { "strict-transport-security": "max-age=15768000" };

suite(cookies, [
  ["no cookies (cookies.test.js:14)", {}, "cookies-not-found"],
  ["Secure everywhere, HttpOnly session (cookies.test.js:21)", cookie("SESSIONID=bar; Domain=mozilla.org; Path=/; Secure; HttpOnly", "foo=bar; Domain=mozilla.org; Secure; Path=/"), "cookies-secure-with-httponly-sessions"],
  ["every cookie with SameSite (cookies.test.js:35)", cookie("SESSIONID_SAMESITE_STRICT=bar; Domain=mozilla.org; Path=/; Secure; HttpOnly; SameSite=Strict", "SESSIONID_SAMESITE_NONE=bar; Domain=mozilla.org; Path=/; Secure; HttpOnly; SameSite=None"), "cookies-secure-with-httponly-sessions-and-samesite"],
  ["one cookie without SameSite (cookies.test.js:67)", cookie("SESSIONID_SAMESITE_STRICT=bar; Domain=mozilla.org; Path=/; Secure; HttpOnly; SameSite=Strict", "SESSIONID_SAMESITE_NO_SAMESITE=bar; Domain=mozilla.org; Path=/; Secure; HttpOnly"), "cookies-secure-with-httponly-sessions"],
  ["an anti-CSRF cookie without SameSite (cookies.test.js:101)", cookie("CSRFTOKEN=bar; Domain=mozilla.org; Path=/; Secure; HttpOnly"), "cookies-anticsrf-without-samesite-flag"],
  ["SameSite= (cookies.test.js:114)", cookie("SESSIONID=bar; Domain=mozilla.org; Path=/; Secure; HttpOnly; SameSite="), "cookies-samesite-flag-invalid"],
  ["SameSite=True (cookies.test.js:126)", cookie("SESSIONID=bar; Domain=mozilla.org; Path=/; Secure; HttpOnly; SameSite=True"), "cookies-samesite-flag-invalid"],
  ["a cookie without Secure under HSTS (cookies.test.js:151)", { headers: { ...hsts, "set-cookie": ["foo=bar; Domain=mozilla.org; Path=/"] } }, "cookies-without-secure-flag-but-protected-by-hsts"],
  ["a session cookie without Secure under HSTS (cookies.test.js:169)", { headers: { ...hsts, "set-cookie": ["SESSIONID=bar; Domain=mozilla.org; Path=/; HttpOnly"] } }, "cookies-session-without-secure-flag-but-protected-by-hsts"],
  ["a cookie without Secure (cookies.test.js:189)", cookie("foo=bar; Domain=mozilla.org; Path=/"), "cookies-without-secure-flag"],
  ["a session cookie without HttpOnly (cookies.test.js:200)", cookie("SESSIONID=bar; Domain=mozilla.org; Path=/; Secure"), "cookies-session-without-httponly-flag"],
  ["a session cookie without Secure (cookies.test.js:211)", cookie("SESSIONID=bar; Domain=mozilla.org; Path=/; HttpOnly"), "cookies-session-without-secure-flag"],
  ["a session cookie with neither (cookies.test.js:225)", cookie("SESSIONID=bar; Domain=mozilla.org; Path=/"), "cookies-session-without-secure-flag"],
]);

suite(crossOriginEmbedderPolicy, [
  ["none (cross-origin-embedder-policy.test.js:17)", {}, "coep-not-implemented"],
  ["a quoted string (:25)", { headers: { "cross-origin-embedder-policy": '"require-corp"' } }, "coep-header-invalid"],
  ["a capitalized policy (:26)", { headers: { "cross-origin-embedder-policy": "Require-Corp" } }, "coep-header-invalid"],
  ["a malformed structured field (:28)", { headers: { "cross-origin-embedder-policy": "require-corp; report-to=coep endpoint" } }, "coep-header-invalid"],
  ["require-corp (:41)", { headers: { "cross-origin-embedder-policy": "require-corp" } }, "coep-implemented-with-require-corp"],
  ["credentialless with report-to (:49)", { headers: { "cross-origin-embedder-policy": 'credentialless; report-to="coep-endpoint"' } }, "coep-implemented-with-credentialless"],
  ["unsafe-none (:43)", { headers: { "cross-origin-embedder-policy": "unsafe-none" } }, "coep-implemented-with-unsafe-none"],
  ["the field sent twice (:65)", { headers: { "cross-origin-embedder-policy": ["require-corp", "unsafe-none"] } }, "coep-header-invalid"],
]);

suite(crossOriginOpenerPolicy, [
  ["none (cross-origin-opener-policy.test.js:17)", {}, "coop-not-implemented"],
  ["an uppercased policy (:27)", { headers: { "cross-origin-opener-policy": "SAME-ORIGIN" } }, "coop-header-invalid"],
  ["same-origin (:41)", { headers: { "cross-origin-opener-policy": "same-origin" } }, "coop-implemented-with-same-origin"],
  ["same-origin-allow-popups (:43)", { headers: { "cross-origin-opener-policy": "same-origin-allow-popups" } }, "coop-implemented-with-same-origin-allow-popups"],
  ["noopener-allow-popups (:47)", { headers: { "cross-origin-opener-policy": "noopener-allow-popups" } }, "coop-implemented-with-noopener-allow-popups"],
  ["unsafe-none (:50)", { headers: { "cross-origin-opener-policy": "unsafe-none" } }, "coop-implemented-with-unsafe-none"],
  ["a report-to parameter without value (:60)", { headers: { "cross-origin-opener-policy": "same-origin; report-to" } }, "coop-implemented-with-same-origin"],
  ["the field sent twice (:72)", { headers: { "cross-origin-opener-policy": ["same-origin", "unsafe-none"] } }, "coop-header-invalid"],
]);

suite(crossOriginResourcePolicy, [
  ["none (cross-origin-resource-policy.test.js:17)", {}, "corp-not-implemented"],
  ["whimsy (:27)", { headers: { "cross-origin-resource-policy": "whimsy" } }, "corp-header-invalid"],
  ["same-site (:41)", { headers: { "cross-origin-resource-policy": "same-site" } }, "corp-implemented-with-same-site"],
  ["same-origin (:54)", { headers: { "cross-origin-resource-policy": "same-origin" } }, "corp-implemented-with-same-origin"],
  ["cross-origin (:67)", { headers: { "cross-origin-resource-policy": "cross-origin" } }, "corp-implemented-with-cross-origin"],
  ["two values joined (:80)", { headers: { "cross-origin-resource-policy": "same-origin, cross-origin" } }, "corp-header-invalid"],
]);

suite(crossOriginResourceSharing, [
  ["a preflight granting nothing (cors.test.js:17)", { cors: {} }, "cross-origin-resource-sharing-not-implemented"],
  ["* (cors.test.js:26)", { cors: { "access-control-allow-origin": "*" } }, "cross-origin-resource-sharing-implemented-with-public-access"],
  ["another named origin (cors.test.js:38)", { cors: { "access-control-allow-origin": "https://mozilla.org" } }, "cross-origin-resource-sharing-implemented-with-restricted-access"],
  ["its origin echoed with credentials (cors.test.js:53)", { cors: { "access-control-allow-origin": "https://http-observatory.security.mozilla.org", "access-control-allow-credentials": "true" } }, "cross-origin-resource-sharing-implemented-with-universal-access"],
]);

suite(redirection, [
  ["no http:// (redirection.test.js:17)", { http: null }, "redirection-not-needed-no-http"],
  ["http:// answering 200 (:25)", { http: [["http://mozilla.org", 200]] }, "redirection-missing"],
  ["a route ending on http:// (:41)", { http: [["http://mozilla.org", 301], ["http://www.mozilla.org", 200]] }, "redirection-not-to-https"],
  ["the default route (:79)", {}, "redirection-to-https"],
  ["https:// on another port (:85)", { http: [["http://mozilla.org/", 301], ["https://mozilla.org:8443/", 200]] }, "redirection-to-https"],
  ["a first hop to http:// (:106)", { http: [["http://mozilla.org/", 301], ["http://www.mozilla.org/", 301], ["https://www.mozilla.org/", 200]] }, "redirection-not-to-https-on-initial-redirection"],
  ["a first hop off the host (:130)", { http: [["http://mozilla.org/", 301], ["https://www.mozilla.org/", 200]] }, "redirection-off-host-from-http"],
  ["every host preloaded (:147)", { host: "cloudflare.com", preloaded: ["cloudflare.com"], http: [["http://cloudflare.com/", 301], ["https://cloudflare.com/", 302], ["https://www.cloudflare.com/", 302], ["https://baz.cloudflare.com/foo", 200]] }, "redirection-all-redirects-preloaded"],
  ["an untrusted certificate on the way (redirection.js:53)", { verified: false }, "redirection-invalid-cert"],
]);

suite(referrerPolicy, [
  ["none (referrer-policy.test.js:60)", {}, "referrer-policy-not-implemented"],
  ["STRICT-ORIGIN (:23)", { headers: { "referrer-policy": "STRICT-ORIGIN" } }, "referrer-policy-private"],
  ["a meta element after an unsafe header (:47)", { headers: { "referrer-policy": "unsafe-url" }, body: '<meta name="referrer" content="no-referrer, same-origin">' }, "referrer-policy-private"],
  ["whimsy (:66)", { headers: { "referrer-policy": "whimsy" } }, "referrer-policy-header-invalid"],
  ["origin-when-cross-origin (:75)", { headers: { "referrer-policy": "origin-when-cross-origin" } }, "referrer-policy-unsafe"],
  ["an unsafe last value (:88)", { headers: { "referrer-policy": "no-referrer, unsafe-url" } }, "referrer-policy-unsafe"],
  ["an unknown last value (:100)", { headers: { "referrer-policy": "no-referrer, whimsy" } }, "referrer-policy-private"],
  ["nothing known (:111)", { headers: { "referrer-policy": "whimsy, whimsy1, whimsy2" } }, "referrer-policy-header-invalid"],
]);

suite(strictTransportSecurity, [
  ["none (strict-transport-security.test.js:20)", {}, "hsts-not-implemented"],
  ["no max-age (:28)", { headers: { "strict-transport-security": "includeSubDomains; preload" } }, "hsts-header-invalid"],
  ["the field sent twice (:34)", { headers: { "strict-transport-security": "max-age=15768000; includeSubDomains, max-age=15768000; includeSubDomains" } }, "hsts-header-invalid"],
  ["no https:// (:41)", { https: false, headers: { "strict-transport-security": "max-age=15768000" } }, "hsts-not-implemented-no-https"],
  ["an untrusted certificate (:55)", { verified: false, headers: { "strict-transport-security": "max-age=15768000; includeSubDomains; preload" } }, "hsts-invalid-cert"],
  ["one day (:66)", { headers: { "Strict-Transport-Security": "max-age=86400" } }, "hsts-implemented-max-age-less-than-six-months"],
  ["six months (:78)", { headers: { "strict-transport-security": "max-age=15768000; includeSubDomains; preload" } }, "hsts-implemented-max-age-at-least-six-months"],
  ["a preloaded host without the header (:94)", { host: "bugzilla.mozilla.org", preloaded: ["bugzilla.mozilla.org"] }, "hsts-preloaded"],
]);

const scripts = (...tags: string[]): ScanPatch => ({ body: `<html><head>${tags.join("")}</head><body></body></html>` });

suite(subresourceIntegrity, [
  ["a page that is not HTML (subresource-integrity.test.js:23)", { headers: { "content-type": "application/json" } }, "sri-not-implemented-response-not-html"],
  ["no scripts (subresource-integrity.test.js:17)", scripts(), "sri-not-implemented-but-no-scripts-loaded"],
  ["first-party scripts only (subresource-integrity.test.js:32)", scripts('<script src="/static/app.js"></script>', '<script src="https://cdn.mozilla.org/a.js"></script>'), "sri-not-implemented-but-all-scripts-loaded-from-secure-origin"],
  ["first-party scripts with integrity (subresource-integrity.test.js:90)", scripts('<script src="/static/app.js" integrity="sha384-abc"></script>'), "sri-implemented-and-all-scripts-loaded-securely"],
  ["a foreign script with integrity over https:// (subresource-integrity.test.js:70)", scripts('<script src="https://js.stripe.com/v3/" integrity="sha384-abc" crossorigin="anonymous"></script>'), "sri-implemented-and-external-scripts-loaded-securely"],
  ["a foreign script without integrity over https:// (subresource-integrity.test.js:100)", scripts('<script src="/static/js/foo.js"></script>', '<script src="https://fb.me/react-0.14.7.min.js"></script>'), "sri-not-implemented-but-external-scripts-loaded-securely"],
  ["a foreign script with integrity over http:// (subresource-integrity.test.js:110)", scripts('<script src="http://js.stripe.com/v3/" integrity="sha384-abc"></script>'), "sri-implemented-but-external-scripts-not-loaded-securely"],
  ["a protocol-relative script without integrity (subresource-integrity.test.js:140)", scripts('<script src="//js.stripe.com/v3/"></script>'), "sri-not-implemented-and-external-scripts-not-loaded-securely"],
]);

suite(xContentTypeOptions, [
  ["none (x-content-type-options.test.js:17)", {}, "x-content-type-options-not-implemented"],
  ["whimsy (:24)", { headers: { "x-content-type-options": "whimsy" } }, "x-content-type-options-header-invalid"],
  ["nosniff sent twice (:24)", { headers: { "x-content-type-options": "nosniff, nosniff" } }, "x-content-type-options-header-invalid"],
  ["nosniff with a trailing space (:35)", { headers: { "x-content-type-options": "nosniff " } }, "x-content-type-options-nosniff"],
]);

suite(xFrameOptions, [
  ["none (x-frame-options.test.js:18)", {}, "x-frame-options-not-implemented"],
  ["whimsy (:26)", { headers: { "x-frame-options": "whimsy" } }, "x-frame-options-header-invalid"],
  ["SAMEORIGIN sent twice (:32)", { headers: { "x-frame-options": "SAMEORIGIN, SAMEORIGIN" } }, "x-frame-options-header-invalid"],
  ["ALLOW-FROM (:40)", { headers: { "x-frame-options": "ALLOW-FROM https://mozilla.org" } }, "x-frame-options-allow-from-origin"],
  ["DENY (:49)", { headers: { "x-frame-options": "DENY" } }, "x-frame-options-sameorigin-or-deny"],
  ["CSP frame-ancestors (:64)", { headers: { "x-frame-options": "DENY", "content-security-policy": "frame-ancestors https://mozilla.org" } }, "x-frame-options-implemented-via-csp"],
  ["X-Frame-Options in a meta element (:72)", { body: '<meta http-equiv="X-Frame-Options" content="DENY">' }, "x-frame-options-not-implemented"],
]);
