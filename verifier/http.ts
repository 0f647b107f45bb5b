/**
 * One HTTP(S) request, never following redirects (the redirect checks judge every hop themselves), with
 * the `--connect` mapping, the `--ca` trust list, a body cap and the time the whole exchange took.
 */
import * as http from "node:http";
import * as https from "node:https";
import { isIP } from "node:net";
import { connectTarget, ConnectMap } from "./connect";
import { combinedHeaderValue } from "../rules/security-headers";
import { faultReason, ProbeFault } from "./faults";
import type { TrustStore } from "./trust";

export interface HttpOptions {
  connect: ConnectMap;
  trust: TrustStore;
  signal: AbortSignal;
  /** Milliseconds on a monotonic clock, for `elapsedMs`: performance.now() unless a test injects its own. */
  clock?: () => number;
}

export interface RequestInit {
  method?: string;
  headers?: Record<string, string>;
  /** Reuse connections (latency sampling); a fresh connection per request otherwise. */
  agent?: http.Agent;
  /** Bytes of body kept; the rest is read and dropped. */
  maxBodyBytes?: number;
}

export interface HttpResponse {
  url: string;
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  elapsedMs: number;
}

const USER_AGENT = "launch-stack-verify";
const DEFAULT_MAX_BODY = 5 * 1024 * 1024;

export function request(url: string, init: RequestInit, options: HttpOptions): Promise<HttpResponse> {
  const target = new URL(url);
  const secure = target.protocol === "https:";
  const hostname = target.hostname.replace(/^\[|\]$/g, "");
  const to = connectTarget(options.connect, hostname, Number(target.port || (secure ? 443 : 80)));
  const maxBody = init.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const now = options.clock ?? (() => performance.now());
  const started = now();
  return new Promise((resolve, reject) => {
    const req = (secure ? https : http).request({
      host: to.host,
      port: to.port,
      path: `${target.pathname}${target.search}`,
      method: init.method ?? "GET",
      headers: { host: target.host, "user-agent": USER_AGENT, accept: "*/*", ...init.headers },
      // No shared agent: every check sees a full handshake, never a TLS session resumed from another check.
      agent: init.agent ?? false,
      signal: options.signal,
      // SNI carries names only; an address literal is sent without it.
      ...(secure ? { servername: isIP(hostname) ? "" : hostname, secureContext: options.trust.context() } : {}),
    });
    req.on("error", (error) => reject(new ProbeFault(`${init.method ?? "GET"} ${url}: ${faultReason(error)}`)));
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      let kept = 0;
      res.on("data", (chunk: Buffer) => {
        if (kept < maxBody) chunks.push(chunk.subarray(0, maxBody - kept));
        kept += chunk.length;
      });
      res.on("error", (error) => reject(new ProbeFault(`${url}: ${faultReason(error)}`)));
      // A repeated field as its list of values (Node would join most with ", " and drop some repeats), a
      // field sent once as its value; Set-Cookie always a list.
      const headers: http.IncomingHttpHeaders = Object.fromEntries(
        Object.entries(res.headersDistinct).map(([k, v]) => [k, v && v.length === 1 && k !== "set-cookie" ? v[0] : v]),
      );
      res.on("end", () => resolve({ url, status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks).toString("utf8"), elapsedMs: now() - started }));
    });
    req.end();
  });
}

/** A keep-alive agent for sampling one endpoint several times over one connection. */
export function keepAliveAgent(url: string, options: HttpOptions): http.Agent {
  return new URL(url).protocol === "https:" ? new https.Agent({ keepAlive: true, maxSockets: 1, secureContext: options.trust.context() }) : new http.Agent({ keepAlive: true, maxSockets: 1 });
}

/** A header's value as one string, a field repeated with the same value read once (rules/security-headers.ts). */
export function headerValue(headers: http.IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name.toLowerCase()];
  return v === undefined ? undefined : combinedHeaderValue(Array.isArray(v) ? v : [v]);
}
