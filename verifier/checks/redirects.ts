/**
 * Redirect rows: each http:// URL and each alias or legacy URL answers one permanent redirect straight to
 * its canonical URL, path and query kept, and that URL answers without redirecting again. A redirect an
 * HTTPS host sends carries HSTS like every other secure response.
 */
import { checkAnonymousResponse } from "../../rules/access";
import { checkObservedRedirect, ObservedHop } from "../../rules/redirects";
import { checkRedirectHsts } from "../../rules/tls";
import { Check, fromFindings } from "../check";
import type { Expectations, RedirectExpectation } from "../expectations";
import { headerValue } from "../http";
import type { Probes } from "../probes";

/** `shared`: the final URL, which several redirects may reach: asked once in the run (rules/request-budget.ts). */
async function hop(probes: Probes, url: string, shared = false): Promise<ObservedHop & { hsts?: string }> {
  const res = await (shared ? probes.fetchShared(url) : probes.fetch(url, { maxBodyBytes: 0 }));
  return { status: res.status, location: headerValue(res.headers, "location"), hsts: headerValue(res.headers, "strict-transport-security") };
}

function redirect(r: RedirectExpectation, loginPath: string): Check {
  return {
    area: "Redirects",
    name: r.requested,
    criteria: `one 301/308 hop to ${r.expected}`,
    sequentialRequests: 2,
    demands: [{ url: r.requested, count: 1, kind: "proof" }, { url: r.expected, count: 1, kind: "proof", shared: true }],
    async run(probes) {
      const first = await hop(probes, r.requested);
      const location = first.location === undefined ? undefined : new URL(first.location, r.requested).toString();
      let second = location === r.expected ? await hop(probes, r.expected, true) : undefined;
      // An authenticated page sending an anonymous visitor to log in is access control, not a redirect chain.
      if (second && r.finalRequiresLogin && second.status >= 300 && second.status < 400 && checkAnonymousResponse(r.expected, second.status, second.location, loginPath).length === 0) {
        second = undefined;
      }
      const findings = [...checkObservedRedirect(r.requested, r.expected, first, second), ...checkRedirectHsts(r.requested, first.status, first.hsts)];
      return fromFindings(findings, `${first.status} → ${location}`);
    },
  };
}

export function redirectChecks(e: Expectations): Check[] {
  return e.redirects.map((r) => redirect(r, e.access.loginPath));
}
