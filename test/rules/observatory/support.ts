/**
 * Scans for the graded-test cases, shaped like the Observatory's own test requests
 * (mdn/mdn-http-observatory test/helpers.js `emptyRequests`, commit 94042bb): mozilla.org answering 200
 * text/html over https://, and http://mozilla.org/ redirecting to https://mozilla.org/ then www.
 */
import type { ObservatoryScan, ScannedResponse } from "../../../rules/observatory/scan";
import { OBSERVATORY_CORS_ORIGIN } from "../../../rules/observatory/scan";

export interface ScanPatch {
  /** Headers of the graded response, on top of Content-Type: text/html. */
  headers?: ScannedResponse["headers"];
  body?: string;
  /** The http:// route as [url, status]; null: nothing answers on http://. */
  http?: [string, number][] | null;
  /** false: nothing answers on https:// (the graded response is then the http route's last). */
  https?: boolean;
  verified?: boolean;
  /** Headers of the answer to the Observatory's preflight. */
  cors?: Record<string, string>;
  /** Hosts on the HSTS preload list (with includeSubDomains). */
  preloaded?: string[];
  host?: string;
}

export function scanOf(p: ScanPatch = {}): ObservatoryScan {
  const host = p.host ?? "mozilla.org";
  const headers = { "content-type": "text/html", ...p.headers };
  const route = p.http === undefined ? ([[`http://${host}/`, 301], [`https://${host}/`, 301], [`https://www.${host}/`, 200]] as [string, number][]) : p.http;
  const http = route?.map(([url, status], i) => ({ url, status, headers: p.https === false && i === route.length - 1 ? headers : {} }));
  return {
    host,
    https: p.https === false ? undefined : [{ url: `https://${host}/`, status: 200, headers }],
    http: http ?? undefined,
    verified: p.verified ?? true,
    body: p.body ?? "",
    cors: p.cors ? { origin: OBSERVATORY_CORS_ORIGIN, response: { url: `https://${host}/`, status: 200, headers: p.cors } } : undefined,
    preloaded: (h) => (p.preloaded?.some((d) => h === d || h.endsWith(`.${d}`)) ? { includeSubDomains: true } : undefined),
  };
}
