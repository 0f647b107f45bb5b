/**
 * Canonical redirects: every alias or legacy URL reaches its canonical URL in one hop, permanently,
 * path and query kept, and lands on a hostname the stack actually serves. Chains and loops are errors.
 */
import { Finding } from "./finding";

export const PERMANENT_STATUSES = [301, 308] as const;
const REF = "launch checklist: canonical redirects";

export interface Redirect {
  /** Whole host (no path) or one legacy path on it. */
  from: { host: string; path?: string };
  /** An absolute https URL; for a whole-host redirect, the base the request path is appended to. */
  to: string;
  statusCode: number;
  preserveQueryString: boolean;
}

export interface IndexedFinding {
  index: number;
  finding: Finding;
}

function describeFrom(r: Redirect): string {
  return `${r.from.host}${r.from.path ?? ""}`;
}

/**
 * The redirect a request arriving at a redirect's target would hit next. Legacy-path rules also match the
 * aliases of their host (the component expands them), so a whole-host redirect only chains into
 * another whole-host redirect.
 */
function nextHop(redirects: readonly Redirect[], r: Redirect, host: string, path: string): Redirect | undefined {
  return redirects.find((n) => n !== r && n.from.host === host && (n.from.path === undefined || (r.from.path !== undefined && n.from.path === path)));
}

/**
 * Checks a redirect map against the hostnames that serve content.
 * @param servedHosts hostnames with a real origin (redirect-only hostnames are not in it)
 */
export function checkRedirectMap(redirects: readonly Redirect[], servedHosts: ReadonlySet<string>): IndexedFinding[] {
  const out: IndexedFinding[] = [];
  redirects.forEach((r, index) => {
    const add = (f: Finding) => out.push({ index, finding: f });
    const first = redirects.findIndex((o) => o.from.host === r.from.host && o.from.path === r.from.path);
    if (first < index) {
      add({ message: `redirect from ${describeFrom(r)} is declared twice; only one of them can apply`, ref: REF, fix: "keep one redirect per URL" });
      return;
    }
    if (!(PERMANENT_STATUSES as readonly number[]).includes(r.statusCode)) {
      add({ message: `redirect from ${describeFrom(r)} uses status ${r.statusCode}`, ref: REF, fix: "use 301 or 308 so browsers and search engines treat it as permanent" });
    }
    if (!r.preserveQueryString) add({ message: `redirect from ${describeFrom(r)} drops the query string`, ref: REF, fix: "keep the query string" });
    let target: URL;
    try {
      target = new URL(r.to);
    } catch {
      add({ message: `redirect target "${r.to}" is not an absolute URL`, ref: REF, fix: "write it as https://host/path" });
      return;
    }
    if (target.protocol !== "https:") add({ message: `redirect target ${r.to} is not https`, ref: REF, fix: "redirect to the https:// URL so the browser needs one hop" });
    const host = target.hostname;
    const path = target.pathname;
    const next = nextHop(redirects, r, host, path);
    if (host === r.from.host && (r.from.path === undefined || path === r.from.path)) {
      add({ message: `redirect from ${describeFrom(r)} points at itself (a loop)`, ref: REF, fix: "point it at the canonical hostname" });
    } else if (next) {
      const loops = new URL(next.to).hostname === r.from.host;
      add({
        message: `redirect from ${describeFrom(r)} goes to ${host}, which redirects again to ${next.to}${loops ? " and back (a loop)" : " (a chain of two hops)"}`,
        ref: REF,
        fix: loops ? "remove one of the two redirects" : `point it straight at ${next.to}`,
      });
    } else if (!servedHosts.has(host)) {
      add({ message: `redirect target ${host} is not a hostname this stack serves`, ref: REF, fix: "redirect to a declared hostname with an origin" });
    }
  });
  return out;
}

export interface ObservedHop {
  status: number;
  location?: string;
}

/**
 * Live check of one redirect: the first response must be a permanent redirect straight to the expected
 * URL, and the response at that URL must not redirect again.
 */
export function checkObservedRedirect(requested: string, expected: string, first: ObservedHop, second: ObservedHop | undefined): Finding[] {
  if (!(PERMANENT_STATUSES as readonly number[]).includes(first.status)) {
    return [{ message: `${requested} answered ${first.status}, not 301/308`, ref: REF, fix: "check the redirect rules and Always Use HTTPS" }];
  }
  if (first.location === undefined) return [{ message: `${requested} answered ${first.status} without a Location`, ref: REF }];
  const location = new URL(first.location, requested).toString();
  if (location === requested) return [{ message: `${requested} redirects to itself (a loop)`, ref: REF, fix: "check SSL mode (Flexible loops) and redirect rules" }];
  if (location !== expected) return [{ message: `${requested} redirects to ${location}, expected ${expected}`, ref: REF, fix: "keep the path and query and go straight to the canonical host" }];
  if (second && second.status >= 300 && second.status < 400) {
    return [{ message: `${requested} needs more than one hop: ${location} redirects again (${second.status} to ${second.location ?? "?"})`, ref: REF, fix: "point the first redirect at the final URL" }];
  }
  return [];
}
