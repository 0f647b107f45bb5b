/*
 * This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0. If a copy of the MPL
 * was not distributed with this file, You can obtain one at https://mozilla.org/MPL/2.0/.
 * It follows mdn/mdn-http-observatory (MPL-2.0) closely enough to be a derived work of it; see README "Licence".
 */
/**
 * Content-Security-Policy, as the Observatory grades it (mdn/mdn-http-observatory src/analyzer/tests/csp.js,
 * `contentSecurityPolicyTest`, lines 89-339, commit 94042bb): header policies (split on commas) and
 * `<meta http-equiv>` ones parsed together; the first problem found in this order is the result: a
 * 'strict-dynamic' without a nonce or hash (invalid), unsafe or broad script/object sources, http: for
 * active content, 'unsafe-eval', http: for images or media, unsafe or broad style sources; else
 * default-src 'none' (+10) or no unsafe source (+5).
 */
import { DUPLICATE_WARNINGS, parseCsp, parseCspMeta, ParsedCsp } from "./csp-parser";
import { firstHeader, GradedTest, headerValues, ScanView, TestOutcome } from "./scan";
import type { ObservatoryResult } from "./score-table";

const BROAD = new Set(["ftp:", "http:", "https:", "*", "http://*", "http://*.*", "https://*", "https://*.*"]);
const UNSAFE_INLINE = new Set(["'unsafe-inline'", "data:"]);
const BROAD_OR_INLINE = new Set([...BROAD, ...UNSAFE_INLINE]);
const PASSIVE = new Set(["img-src", "media-src"]);
const NONCES_HASHES = ["'sha256-", "'sha384-", "'sha512-", "'nonce-"];

/** Each header value split on commas into policies (`splitCspHeaders`, lines 23-25). */
function splitPolicies(values: readonly string[]): string[] {
  return values.flatMap((v) => v.split(",").map((s) => s.trim()));
}

function hasNonceOrHash(sources: Iterable<string>): boolean {
  return [...sources].some((s) => NONCES_HASHES.some((n) => s.startsWith(n)));
}

const insecure = (s: string) => s.startsWith("http:") || s.startsWith("ftp:");

interface CspAnalysis {
  result: ObservatoryResult;
  /** The parsed policy when one was graded (the Observatory's `output.data`); X-Frame-Options reads frame-ancestors from it. */
  policy?: ParsedCsp;
}

function analyse(view: ScanView): CspAnalysis {
  const response = view.auto;
  const url = view.sessionUrl;
  if (!response || !url) return { result: "csp-not-implemented" };
  const httpPolicies = splitPolicies(headerValues(response, "content-security-policy"));
  const metaPolicies = splitPolicies(view.httpEquiv.get("content-security-policy") ?? []);
  let csp: ParsedCsp;
  try {
    csp = parseCsp([...httpPolicies, ...metaPolicies]);
  } catch {
    return { result: "csp-header-invalid" };
  }
  const tryParse = (f: () => ParsedCsp) => {
    try {
      return f();
    } catch {
      return new Map() as ParsedCsp;
    }
  };
  // Lines 139-153: nothing valid in the header or (allowed) in a meta element: not implemented.
  if (tryParse(() => parseCsp(httpPolicies)).size + tryParse(() => parseCspMeta(metaPolicies)).size === 0) {
    return { result: firstHeader(response, "content-security-policy-report-only") ? "csp-not-implemented-but-reporting-enabled" : "csp-not-implemented" };
  }

  // The sets below are the parsed map's own, so the removals of lines 167-201 show in later checks, as there.
  const objectSrc = csp.get("object-src") ?? csp.get("default-src") ?? new Set(["*"]);
  const scriptSrc = csp.get("script-src") ?? csp.get("default-src") ?? new Set(["*"]);
  const styleSrc = csp.get("style-src") ?? csp.get("default-src") ?? new Set(["*"]);
  for (const list of [scriptSrc, styleSrc]) if (hasNonceOrHash(list) && list.has("'unsafe-inline'")) list.delete("'unsafe-inline'");

  let result: ObservatoryResult | undefined;
  const first = (r: ObservatoryResult) => (result ??= r);
  if (hasNonceOrHash(scriptSrc) && scriptSrc.has("'strict-dynamic'")) {
    for (const s of scriptSrc) if ([...BROAD].some((b) => s.startsWith(b)) || s === "'self'" || s === "'unsafe-inline'") scriptSrc.delete(s);
  } else if (scriptSrc.has("'strict-dynamic'")) first("csp-header-invalid");

  const active = [...[...csp].filter(([d]) => !PASSIVE.has(d) && d !== "script-src").flatMap(([, list]) => [...list]), ...scriptSrc];
  const passive = [...PASSIVE].flatMap((d) => [...(csp.get(d) ?? csp.get("default-src") ?? [])]);
  if ([...scriptSrc].some((s) => BROAD_OR_INLINE.has(s)) || [...objectSrc].some((s) => BROAD.has(s))) first("csp-implemented-with-unsafe-inline");
  if (url.protocol === "https:" && active.some(insecure)) first("csp-implemented-with-insecure-scheme");
  if (scriptSrc.has("'unsafe-eval'") || styleSrc.has("'unsafe-eval'")) first("csp-implemented-with-unsafe-eval");
  if (url.protocol === "https:" && passive.some(insecure)) first("csp-implemented-with-insecure-scheme-in-passive-content-only");
  if ([...styleSrc].some((s) => BROAD_OR_INLINE.has(s))) first("csp-implemented-with-unsafe-inline-in-style-src-only");
  const defaultSrc = csp.get("default-src");
  first(defaultSrc?.has("'none'") && defaultSrc.size === 1 ? "csp-implemented-with-no-unsafe-default-src-none" : "csp-implemented-with-no-unsafe");
  return { result: result!, policy: csp };
}

const PASSING: readonly ObservatoryResult[] = [
  "csp-implemented-with-no-unsafe",
  "csp-implemented-with-no-unsafe-default-src-none",
  "csp-implemented-with-unsafe-inline-in-style-src-only",
  "csp-implemented-with-insecure-scheme-in-passive-content-only",
];

/** The graded policy's directives, or undefined when none was graded. */
export function contentSecurityPolicyData(view: ScanView): ReadonlyMap<string, ReadonlySet<string>> | undefined {
  const policy = analyse(view).policy;
  if (!policy) return undefined;
  return new Map([...policy].filter(([d]) => d !== DUPLICATE_WARNINGS));
}

export const contentSecurityPolicy: GradedTest = {
  name: "content-security-policy",
  title: "Content Security Policy (CSP)",
  run(view): TestOutcome {
    const { result, policy } = analyse(view);
    if (!PASSING.includes(result)) return { result, pass: false };
    // Lines 316-326: a passing policy that repeats report-uri or report-to is reported as such.
    return { result: policy?.has(DUPLICATE_WARNINGS) ? "csp-implemented-but-duplicate-directives" : result, pass: true };
  },
};
