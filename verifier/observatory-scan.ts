/**
 * Collects what the MDN HTTP Observatory collects for a host (mdn/mdn-http-observatory
 * src/retriever/retriever.js lines 40-124, src/retriever/session.js, commit 94042bb), so that
 * rules/observatory/ can grade it as the Observatory would: GET https://host/ and GET http://host/, each
 * following up to 10 redirects (301, 302, 303, 307, 308) and keeping every response, then a CORS preflight
 * (OPTIONS with the Observatory's Origin and `Access-Control-Request-Method: GET`) to where the graded chain
 * ended. Not collected: the robots.txt request (it feeds a cookie jar the cookies test never reads), and a
 * retry without certificate checks (a host whose certificate fails gets no grade here; the TLS rows say why).
 */
import type { IncomingHttpHeaders } from "node:http";
import { OBSERVATORY_CORS_ORIGIN, ObservatoryScan, ScannedResponse } from "../rules/observatory/scan";
import { OverBudget } from "./budget";
import type { HttpResponse, RequestInit } from "./http";
import type { Probes } from "./probes";

/** session.js lines 50-52. */
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 10;
/**
 * Fields Node's HTTP client keeps the first of when repeated (the Node.js `message.headers` documentation);
 * every other repeated field it joins with ", ", and that joined value is what the Observatory reads.
 */
const FIRST_ONLY = new Set(["age", "authorization", "content-length", "content-type", "etag", "expires", "from", "host", "if-modified-since", "if-unmodified-since", "last-modified", "location", "max-forwards", "proxy-authorization", "referer", "retry-after", "server", "user-agent"]);

/** Headers as Node's `message.headers` would present them (verifier/http.ts keeps each repeat apart). */
export function nodeHeaders(headers: IncomingHttpHeaders): ScannedResponse["headers"] {
  return Object.fromEntries(
    Object.entries(headers).map(([k, v]) => {
      if (k === "set-cookie" || !Array.isArray(v)) return [k, v];
      return [k, FIRST_ONLY.has(k) ? v[0] : v.join(", ")];
    }),
  );
}

interface Followed {
  chain: ScannedResponse[];
  last: HttpResponse;
}

/**
 * `init` absent: GETs, each the run's shared answer for its URL (probes.fetchShared, which sends the
 * Observatory's Accept): the https:// and http:// chains meet on the same URLs, and a root that sends a
 * logged-out visitor to the login page lands where the redirect rows and the secrets scan already asked.
 */
async function follow(probes: Probes, url: string, init?: RequestInit): Promise<Followed> {
  const chain: ScannedResponse[] = [];
  let current = url;
  for (let hop = 0; ; hop++) {
    const res = await (init ? probes.fetch(current, init) : probes.fetchShared(current));
    chain.push({ url: current, status: res.status, headers: nodeHeaders(res.headers) });
    const location = res.headers.location;
    if (hop >= MAX_REDIRECTS || !REDIRECT_STATUSES.has(res.status) || typeof location !== "string") return { chain, last: res };
    current = new URL(location, current).toString();
  }
}

/** A network fault is a result here (no answer); a request the rate-limit budget held back is not: the row warns. */
function unlessOverBudget(error: unknown): undefined {
  if (error instanceof OverBudget) throw error;
  return undefined;
}

/** Everything the grade needs for `host`; throws (a failed row) when https://host/ cannot be fetched. */
export async function collectScan(probes: Probes, host: string): Promise<ObservatoryScan> {
  const [https, http] = await Promise.all([
    follow(probes, `https://${host}/`),
    // No answer on port 80 is a result of its own there ("not needed"), not a fault.
    follow(probes, `http://${host}/`).catch(unlessOverBudget),
  ]);
  const end = https.chain.at(-1)!.url;
  const preflight = await follow(probes, end, { method: "OPTIONS", headers: { origin: OBSERVATORY_CORS_ORIGIN, "access-control-request-method": "GET" }, maxBodyBytes: 0 }).catch(unlessOverBudget);
  return {
    host,
    https: https.chain,
    http: http?.chain,
    verified: true,
    body: https.last.body,
    cors: preflight ? { origin: OBSERVATORY_CORS_ORIGIN, response: preflight.chain.at(-1)! } : undefined,
  };
}
