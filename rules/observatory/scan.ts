/*
 * This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0. If a copy of the MPL
 * was not distributed with this file, You can obtain one at https://mozilla.org/MPL/2.0/.
 * It follows mdn/mdn-http-observatory (MPL-2.0) closely enough to be a derived work of it; see README "Licence".
 */
/**
 * What the MDN HTTP Observatory grades, as plain data: the responses its retriever collects for a host
 * (mdn/mdn-http-observatory src/retriever/retriever.js, `retrieve`, lines 40-124, commit 94042bb), and the
 * views of them its tests read. Gathering is the verifier's job (verifier/checks/header-grade.ts); here
 * everything is pure.
 */
import { Parser } from "htmlparser2";
import type { ObservatoryResult } from "./score-table";

/** One HTTP response as the Observatory's retriever sees it. */
export interface ScannedResponse {
  /** The URL requested. */
  url: string;
  status: number;
  /**
   * Field name (lower case) → value. A field sent more than once is one value joined with ", ", as Node's
   * HTTP client (under axios, the Observatory's) presents it; Set-Cookie is a list.
   */
  headers: Readonly<Record<string, string | readonly string[] | undefined>>;
}

export interface ObservatoryScan {
  /** The host scanned (the Observatory's `site.hostname`). */
  host: string;
  /** Every response from GET https://host/ following redirects, first to last; absent when HTTPS did not answer. */
  https?: readonly ScannedResponse[];
  /** The same from GET http://host/; absent when plain HTTP did not answer. */
  http?: readonly ScannedResponse[];
  /** Whether every certificate on the way was trusted (the Observatory's `verified`). */
  verified: boolean;
  /** The body of the last response of the chain the Observatory grades (https when it answered). */
  body: string;
  /** The answer to the CORS preflight the Observatory sends to that chain's final URL, and the Origin it sent. */
  cors?: { origin: string; response: ScannedResponse };
  /**
   * Whether a host is on Chromium's HSTS preload list, which the Observatory reads from a downloaded copy
   * (src/analyzer/hsts.js); when not given, no host is.
   */
  preloaded?: (host: string) => { includeSubDomains: boolean } | undefined;
}

/** The Origin the Observatory sends in its preflight (src/config.js, `retriever.corsOrigin`, line 12). */
export const OBSERVATORY_CORS_ORIGIN = "https://http-observatory.security.mozilla.org";

/** Media types the Observatory reads as HTML (src/types.js, `HTML_TYPES`, line 258). */
export const HTML_TYPES = new Set(["text/html", "application/xhtml+xml"]);

/** The responses each test reads, named as the Observatory names them (src/types.js, `Requests`). */
export interface ScanView {
  host: string;
  /** `responses.auto`: the last https response, or the last http one when HTTPS did not answer. */
  auto?: ScannedResponse;
  /** `responses.https`: the last https response. */
  https?: ScannedResponse;
  /** `responses.http`: the last http response. */
  http?: ScannedResponse;
  /** `responses.httpRedirects`: every response of the http chain, first to last. */
  httpRoute: readonly ScannedResponse[];
  /** Every response of the graded chain (its cookie jar's source). */
  autoChain: readonly ScannedResponse[];
  /** `session.url`: where the graded chain started. */
  sessionUrl?: URL;
  verified: boolean;
  body: string;
  cors?: { origin: string; response: ScannedResponse };
  /** `<meta http-equiv>` values the page carries: CSP ones, and the `<meta name="referrer">` policy. */
  httpEquiv: ReadonlyMap<string, readonly string[]>;
  preloaded(host: string): { includeSubDomains: boolean } | undefined;
}

/** One graded test's answer: its result and whether the Observatory counts it as passed. */
export interface TestOutcome {
  result: ObservatoryResult;
  pass: boolean;
}

/** A graded test: the Observatory's name and title for it, and the function that decides it. */
export interface GradedTest {
  name: string;
  title: string;
  run(view: ScanView): TestOutcome;
}

/** Every value of a field, as the Observatory's `getHttpHeaders` (src/analyzer/utils.js lines 27-39). */
export function headerValues(response: ScannedResponse | undefined, name: string): string[] {
  if (!response) return [];
  const lc = name.toLowerCase();
  return Object.entries(response.headers)
    .filter(([k, v]) => k.toLowerCase() === lc && v !== undefined)
    .flatMap(([, v]) => (typeof v === "string" ? [v] : [...(v as readonly string[])]));
}

/** The first value of a field, or null (`getFirstHttpHeader`, lines 72-77). */
export function firstHeader(response: ScannedResponse | undefined, name: string): string | null {
  return headerValues(response, name)[0] ?? null;
}

/** The worse of two results in `order` (best first), as `onlyIfWorse` (lines 12-20). */
export function onlyIfWorse<T>(next: T, current: T | undefined, order: readonly T[]): T {
  if (current === undefined) return next;
  return order.indexOf(next) > order.indexOf(current) ? next : current;
}

/** The media type of a Content-Type value, as the Observatory splits it (`split(";", 1)[0]`, no trimming). */
export function mediaType(contentType: string | null | undefined): string {
  return (contentType ?? "").split(";", 1)[0];
}

/**
 * `<meta http-equiv="content-security-policy">` contents and the `<meta name="referrer">` policy, read
 * with htmlparser2 as the Observatory does (src/retriever/utils.js `parseHttpEquivHeaders` lines 14-48,
 * src/utils/html-parser.js `collectElements`).
 */
export function httpEquivOf(html: string): Map<string, string[]> {
  const out = new Map<string, string[]>([["content-security-policy", []]]);
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name !== "meta") return;
        if ("http-equiv" in attrs && "content" in attrs) {
          if (attrs.content && attrs["http-equiv"].toLowerCase().trim() === "content-security-policy") out.get("content-security-policy")!.push(attrs.content);
        } else if (attrs.name?.toLowerCase().trim() === "referrer" && attrs.content) {
          out.set("referrer-policy", [attrs.content]);
        }
      },
    },
    { lowerCaseTags: true, lowerCaseAttributeNames: true, decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return out;
}

/** The views, derived as the retriever derives them (retriever.js lines 55-121). */
export function viewOf(scan: ObservatoryScan): ScanView {
  const https = scan.https?.at(-1);
  const http = scan.http?.at(-1);
  const autoChain = scan.https ?? scan.http ?? [];
  const auto = autoChain.at(-1);
  const html = auto !== undefined && HTML_TYPES.has(mediaType(firstHeader(auto, "content-type"))) && scan.body !== "";
  return {
    host: scan.host,
    auto,
    https,
    http,
    httpRoute: scan.http ?? [],
    autoChain,
    sessionUrl: autoChain[0] ? new URL(autoChain[0].url) : undefined,
    verified: scan.verified,
    body: scan.body,
    cors: scan.cors,
    httpEquiv: html ? httpEquivOf(scan.body) : new Map(),
    preloaded: scan.preloaded ?? (() => undefined),
  };
}
