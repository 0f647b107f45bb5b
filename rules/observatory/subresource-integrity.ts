/*
 * This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0. If a copy of the MPL
 * was not distributed with this file, You can obtain one at https://mozilla.org/MPL/2.0/.
 * It follows mdn/mdn-http-observatory (MPL-2.0) closely enough to be a derived work of it; see README "Licence".
 */
/**
 * Subresource integrity, as the Observatory grades it (mdn/mdn-http-observatory
 * src/analyzer/tests/subresource-integrity.js, `subresourceIntegrityTest`, lines 42-199, commit 94042bb):
 * every `<script src>` of the graded page (htmlparser2, as there); a script on another registrable domain
 * (tldts, as there) or protocol-relative (`//…`) is foreign and should carry `integrity` and load over
 * https://; the worst finding is the result. A page that is not HTML has nothing to grade.
 */
import { Parser } from "htmlparser2";
import { parse } from "tldts";
import { firstHeader, GradedTest, HTML_TYPES, mediaType, onlyIfWorse, TestOutcome } from "./scan";
import type { ObservatoryResult } from "./score-table";

/** Best first (`goodness`, lines 47-55). */
const ORDER: readonly ObservatoryResult[] = [
  "sri-implemented-and-all-scripts-loaded-securely",
  "sri-implemented-and-external-scripts-loaded-securely",
  "sri-implemented-but-external-scripts-not-loaded-securely",
  "sri-not-implemented-but-external-scripts-loaded-securely",
  "sri-not-implemented-and-external-scripts-not-loaded-securely",
  "sri-not-implemented-response-not-html",
];

const PASSING: readonly ObservatoryResult[] = [
  "sri-implemented-and-all-scripts-loaded-securely",
  "sri-implemented-and-external-scripts-loaded-securely",
  "sri-not-implemented-response-not-html",
  "sri-not-implemented-but-all-scripts-loaded-from-secure-origin",
  "sri-not-implemented-but-no-scripts-loaded",
];

function scriptsOf(html: string): Record<string, string>[] {
  const scripts: Record<string, string>[] = [];
  const parser = new Parser({ onopentag: (name, attrs) => void (name === "script" && scripts.push(attrs)) }, { lowerCaseTags: true, lowerCaseAttributeNames: true, decodeEntities: true });
  parser.write(html);
  parser.end();
  return scripts;
}

function protocolOf(url: string): string | null {
  try {
    return new URL(url).protocol;
  } catch {
    return null;
  }
}

export const subresourceIntegrity: GradedTest = {
  name: "subresource-integrity",
  title: "Subresource Integrity",
  run(view): TestOutcome {
    if (!view.auto) return { result: "sri-not-implemented-but-no-scripts-loaded", pass: true };
    const mime = mediaType(firstHeader(view.auto, "content-type"));
    if (mime && !HTML_TYPES.has(mime)) return { result: "sri-not-implemented-response-not-html", pass: true };
    const scripts = scriptsOf(view.body);
    const siteDomain = parse(view.host).domain;
    let result: ObservatoryResult | undefined;
    let foreignSeen = false;
    for (const script of scripts) {
      const src = script.src;
      if (!src) continue;
      const integrity = script.integrity || null;
      // Lines 86-105: protocol-relative, absolute http(s) (compared by registrable domain), or relative.
      const relativeProtocol = /^(\/\/)[^/]/.test(src);
      const absolute = !relativeProtocol && /^https?:\/\//.test(src);
      const relativeOrigin = !relativeProtocol && !absolute;
      const sameDomain = relativeProtocol || relativeOrigin || parse(src).domain === siteDomain;
      const secureOrigin = relativeOrigin || (sameDomain && !relativeProtocol);
      if (!secureOrigin) foreignSeen = true;
      const scheme = absolute ? protocolOf(src) : null;
      const secureScheme = scheme === "https:" || (relativeOrigin && view.sessionUrl?.protocol === "https:");
      if (!secureOrigin) {
        if (integrity && !secureScheme) result = onlyIfWorse("sri-implemented-but-external-scripts-not-loaded-securely", result, ORDER);
        else if (!integrity && secureScheme) result = onlyIfWorse("sri-not-implemented-but-external-scripts-loaded-securely", result, ORDER);
        else if (!integrity) result = onlyIfWorse("sri-not-implemented-and-external-scripts-not-loaded-securely", result, ORDER);
      } else if (integrity && secureScheme && result === undefined) {
        // Line 159: the bonus even when the scripts are first party.
        result = "sri-implemented-and-all-scripts-loaded-securely";
      }
    }
    if (scripts.length === 0) result = "sri-not-implemented-but-no-scripts-loaded";
    else result ??= foreignSeen ? "sri-implemented-and-external-scripts-loaded-securely" : "sri-not-implemented-but-all-scripts-loaded-from-secure-origin";
    return { result, pass: PASSING.includes(result) };
  },
};
