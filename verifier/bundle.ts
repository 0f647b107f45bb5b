/**
 * The first-party JavaScript a page pulls in, fetched as a browser would get it: `<script src>`, module
 * preloads and script preloads from the HTML (verifier/html.ts), each script's redirects followed to the
 * file itself, then the chunks each script imports (lazy `import()` included), breadth first and bounded.
 */
import { isInZone } from "../rules/hostnames";
import { readPage, scriptImports } from "./html";
import { headerValue, HttpResponse, RequestInit } from "./http";
import type { Probes } from "./probes";

/** Scripts fetched per page at most; the rest are listed as not fetched. */
export const MAX_SCRIPTS = 30;
/** Redirect hops followed per script (a CDN's canonicalizing redirect, a versioned-file alias). */
export const MAX_SCRIPT_REDIRECTS = 3;

export interface FetchedScript {
  /** The URL the page (or an importing script) names. */
  url: string;
  /** The response after redirects. */
  response: HttpResponse;
}

export interface Bundle {
  scripts: FetchedScript[];
  /** Third-party scripts and those past the bound: named, not fetched. */
  notFetched: string[];
}

/** GET `url`, following up to `hops` redirects within first-party hosts. */
export async function fetchFollowing(probes: Probes, url: string, firstParty: readonly string[], init: RequestInit = {}, hops = MAX_SCRIPT_REDIRECTS): Promise<HttpResponse> {
  let res = await probes.fetch(url, init);
  for (let i = 0; i < hops && res.status >= 300 && res.status < 400; i++) {
    const location = headerValue(res.headers, "location");
    if (!location) break;
    const next = new URL(location, res.url).toString();
    if (!isFirstParty(next, firstParty)) break;
    res = await probes.fetch(next, init);
  }
  return res;
}

export function isFirstParty(url: string, firstParty: readonly string[]): boolean {
  const u = new URL(url);
  return (u.protocol === "https:" || u.protocol === "http:") && firstParty.some((d) => isInZone(u.hostname, d));
}

export async function collectBundle(probes: Probes, pageUrl: string, html: string, firstParty: readonly string[]): Promise<Bundle> {
  const seen = new Set<string>();
  const scripts: FetchedScript[] = [];
  const notFetched: string[] = [];
  let wave = readPage(html, pageUrl).scripts;
  while (wave.length > 0) {
    const next: string[] = [];
    for (const url of wave) {
      if (seen.has(url)) continue;
      seen.add(url);
      if (isFirstParty(url, firstParty) && scripts.length + next.length < MAX_SCRIPTS) next.push(url);
      else notFetched.push(url);
    }
    const fetched = await Promise.all(next.map(async (url) => ({ url, response: await fetchFollowing(probes, url, firstParty) })));
    scripts.push(...fetched);
    wave = fetched.filter((s) => s.response.status < 300).flatMap((s) => scriptImports(s.response.body, s.response.url));
  }
  return { scripts, notFetched };
}
