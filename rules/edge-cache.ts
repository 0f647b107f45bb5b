/**
 * Caching that could reach private pages (launch checklist: authenticated pages and APIs never cached at
 * the edge). The bypass rule that ends the cache rules covers the private paths the config names, but a
 * cache rule on a prefix that overlaps one of them (`/`, `/account-assets` beside `/account`, `/api`)
 * also caches every page under it that nobody listed, and a host serving logged-in pages that is not
 * marked authenticated gets its static paths cached with whatever the origin answers there. Both are
 * judged on canonical paths (rules/paths.ts), as Cloudflare matches them.
 */
import { Finding } from "./finding";
import { pathKey, prefixesOverlap } from "./paths";

const REF = "launch checklist: caching";

/** A path the edge must never cache, with what it is for the message (`private page`, `login route`, `API route`). */
export interface PrivatePath {
  path: string;
  what: string;
}

/** One finding per cached prefix that overlaps a private path (each cached prefix is reported once). */
export function checkCachedPrefixes(cached: readonly string[], privatePaths: readonly PrivatePath[]): { index: number; finding: Finding }[] {
  return cached.flatMap((prefix, index) => {
    const hits = privatePaths.filter((p) => prefixesOverlap(prefix, p.path));
    if (hits.length === 0) return [];
    const named = hits.map((h) => `${h.what} ${h.path}`).join(", ");
    return [{
      index,
      finding: {
        message: `cached path ${prefix} (${pathKey(prefix)} as Cloudflare matches it) overlaps ${named}, so pages under it can be served from the edge cache to another visitor`,
        ref: REF,
        fix: "cache only a prefix that holds static files alone, such as /assets/ or /static/",
      },
    }];
  });
}

/** A host that serves logged-in pages or the API must be marked authenticated, which keeps the whole host out of the cache. */
export function checkAuthenticatedHost(host: string, role: string, authenticated: boolean): Finding[] {
  return authenticated ? [] : [{
    message: `${host} serves the ${role} but is not marked authenticated, so its static-path cache rule can store responses meant for one signed-in client`,
    ref: REF,
    fix: "set authenticated: true on it",
  }];
}
