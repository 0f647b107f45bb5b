/**
 * Access rows, probed as an anonymous stranger: each private path refuses the request, and each
 * authenticated endpoint's CORS answer to an untrusted Origin grants nothing (simple request and preflight).
 */
import { checkAnonymousResponse, checkCorsResponse } from "../../rules/access";
import { Check, fromFindings } from "../check";
import type { Expectations } from "../expectations";
import { headerValue } from "../http";

function privatePath(url: string, loginPath: string): Check {
  return {
    area: "Access",
    name: url,
    criteria: "anonymous request gets 401/403 or a redirect to login",
    async run(probes) {
      const res = await probes.fetch(url, { maxBodyBytes: 0 });
      const location = headerValue(res.headers, "location");
      return fromFindings(checkAnonymousResponse(url, res.status, location, loginPath), `${res.status}${location ? ` → ${location}` : ""}`);
    },
  };
}

function cors(url: string, origin: string): Check {
  return {
    area: "Access",
    name: `CORS ${url}`,
    criteria: `Origin ${origin} not reflected; never * with credentials`,
    async run(probes) {
      const [simple, preflight] = await Promise.all([
        probes.fetch(url, { headers: { origin }, maxBodyBytes: 0 }),
        probes.fetch(url, { method: "OPTIONS", headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type" }, maxBodyBytes: 0 }),
      ]);
      const findings = [
        ...checkCorsResponse(`GET ${url}`, origin, simple.headers),
        ...checkCorsResponse(`OPTIONS ${url}`, origin, preflight.headers),
      ];
      const granted = (h: typeof simple.headers) => headerValue(h, "access-control-allow-origin") ?? "none";
      return fromFindings(findings, `Access-Control-Allow-Origin: GET ${granted(simple.headers)}, OPTIONS ${granted(preflight.headers)}`);
    },
  };
}

export function accessChecks(e: Expectations): Check[] {
  return [...e.access.privateUrls.map((u) => privatePath(u, e.access.loginPath)), ...e.access.corsUrls.map((u) => cors(u, e.access.untrustedOrigin))];
}
