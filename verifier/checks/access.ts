/**
 * Access rows, probed as an anonymous stranger: each private path refuses the request, and each
 * authenticated endpoint's CORS answer to an untrusted Origin grants nothing (simple request and preflight).
 */
import type { IncomingHttpHeaders } from "node:http";
import { checkAnonymousBody, checkAnonymousResponse, checkCorsResponse } from "../../rules/access";
import { checkRedirectHsts } from "../../rules/tls";
import { Check, fromFindings } from "../check";
import type { Expectations } from "../expectations";
import { readPage } from "../html";
import { headerValue, keepAliveAgent } from "../http";

function privatePath(url: string, loginPath: string): Check {
  return {
    area: "Access",
    name: url,
    criteria: "anonymous request gets 401/403 or a redirect to login, with no page content in the body",
    demands: [{ url, count: 1, kind: "proof" }],
    async run(probes) {
      const res = await probes.fetch(url, { maxBodyBytes: 256 * 1024 });
      const location = headerValue(res.headers, "location");
      const refused = checkAnonymousResponse(url, res.status, location, loginPath);
      // A refusal or redirect that still renders the private page leaks it to anyone who does not follow redirects.
      const body = refused.length === 0 ? checkAnonymousBody(url, res.status, readPage(res.body, url).visibleText) : [];
      const hsts = checkRedirectHsts(url, res.status, headerValue(res.headers, "strict-transport-security"));
      return fromFindings([...refused, ...body, ...hsts], `${res.status}${location ? ` → ${location}` : ""}`);
    },
  };
}

function cors(url: string, origins: readonly string[]): Check {
  return {
    area: "Access",
    name: `CORS ${url}`,
    criteria: `none of ${origins.length} untrusted Origins granted (lookalike, suffix, null, http://); never * with credentials`,
    demands: [{ url, count: 2 * origins.length, kind: "proof" }],
    async run(probes) {
      // One kept-alive connection for every Origin: a handshake per request would crowd out the latency rows.
      const agent = keepAliveAgent(url, probes.http);
      const answers = await Promise.all(
        origins.map(async (origin) => {
          const [simple, preflight] = await Promise.all([
            probes.fetch(url, { headers: { origin }, maxBodyBytes: 0, agent }),
            probes.fetch(url, { method: "OPTIONS", headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type" }, maxBodyBytes: 0, agent }),
          ]);
          return { origin, simple, preflight };
        }),
      ).finally(() => agent.destroy());
      const cors = (h: IncomingHttpHeaders) => ({ "access-control-allow-origin": headerValue(h, "access-control-allow-origin"), "access-control-allow-credentials": headerValue(h, "access-control-allow-credentials") });
      const findings = answers.flatMap(({ origin, simple, preflight }) => [
        ...checkCorsResponse(`GET ${url}`, origin, cors(simple.headers)),
        ...checkCorsResponse(`OPTIONS ${url}`, origin, cors(preflight.headers)),
      ]);
      // The same wildcard or null grant answers every Origin: report it once.
      const unique = findings.filter((f, i) => findings.findIndex((g) => g.message === f.message) === i);
      const granted = answers.filter((a) => headerValue(a.simple.headers, "access-control-allow-origin") || headerValue(a.preflight.headers, "access-control-allow-origin"));
      return fromFindings(unique, granted.length ? `granted to ${granted.map((a) => a.origin).join(", ")}` : `no untrusted Origin granted (${origins.length} sent)`);
    },
  };
}

export function accessChecks(e: Expectations): Check[] {
  return [...e.access.privateUrls.map((u) => privatePath(u, e.access.loginPath)), ...e.access.corsUrls.map((u) => cors(u, e.access.untrustedOrigins))];
}
