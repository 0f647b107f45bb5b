/**
 * Exposure rows, one per served hostname: nothing a deploy leaves behind is served at the root (.env,
 * .git, .DS_Store, server-status), no directory lists its files, no first-party script publishes its
 * source map, and error pages (a random path's 404, a malformed request) show no stack trace, debug page or
 * server version. security.txt (RFC 9116) is a warning. The probes collect; rules/exposure.ts decides.
 */
import { randomBytes } from "node:crypto";
import { checkDirectoryListing, checkErrorPage, checkExposedFile, checkSecurityTxt, checkSourceMap, EXPOSED_FILES, ProbedResponse } from "../../rules/exposure";
import { Finding } from "../../rules/finding";
import { fetchFollowing } from "../bundle";
import { Check, fromFindings, Outcome } from "../check";
import type { Expectations } from "../expectations";
import { readPage, sourceMapUrl } from "../html";
import type { Agent } from "node:http";
import { headerValue, HttpResponse, keepAliveAgent } from "../http";
import type { Probes } from "../probes";

/** Scripts of the home page whose source maps are probed. */
const MAX_MAPPED_SCRIPTS = 5;
const BODY_CAP = 64 * 1024;

function probed(res: HttpResponse): ProbedResponse {
  return { status: res.status, type: headerValue(res.headers, "content-type"), body: res.body };
}

/** Directories to look for an index in: the root and each script's folder. */
function directories(scripts: readonly string[], origin: string): string[] {
  const dirs = new Set([`${origin}/`]);
  for (const s of scripts) dirs.add(new URL(".", s).toString());
  return [...dirs];
}

async function sourceMaps(probes: Probes, origin: string, scripts: readonly string[], agent: Agent): Promise<Finding[]> {
  const own = scripts.filter((s) => new URL(s).origin === origin).slice(0, MAX_MAPPED_SCRIPTS);
  const results = await Promise.all(
    own.map(async (script) => {
      const js = await fetchFollowing(probes, script, [new URL(origin).hostname], { agent });
      if (js.status !== 200) return [];
      const map = sourceMapUrl(js.body, js.url, headerValue(js.headers, "sourcemap") ?? headerValue(js.headers, "x-sourcemap")) ?? `${js.url.split(/[?#]/)[0]}.map`;
      if (new URL(map).origin !== origin) return [];
      return checkSourceMap(map, probed(await probes.fetch(map, { maxBodyBytes: BODY_CAP, agent })));
    }),
  );
  return results.flat();
}

function exposure(url: string): Check {
  const origin = new URL(url).origin;
  const missing = `/launch-verify-${randomBytes(6).toString("hex")}`;
  // A malformed request: broken percent-encoding, which a framework that decodes it unguarded throws on.
  const malformed = `${missing}/%E0%A4%A`;
  const fixed = [...EXPOSED_FILES.map((f) => f.path), missing, malformed, "/.well-known/security.txt"];
  return {
    area: "Exposure",
    name: origin,
    criteria: "no .env, .git, .DS_Store, server-status, directory listing or source map; error pages without internals; security.txt (warning)",
    // The home page, its scripts, their source maps.
    sequentialRequests: 3,
    // Directories and source maps are found as it runs.
    demands: [url, ...fixed.map((p) => `${origin}${p}`)].map((u) => ({ url: u, count: 1, kind: "proof" as const })),
    async run(probes) {
      // A dozen requests per host over one kept-alive connection: a handshake each would crowd out the latency rows.
      const agent = keepAliveAgent(url, probes.http);
      try {
        return await probe(probes, url, origin, agent, missing, malformed);
      } finally {
        agent.destroy();
      }
    },
  };
}

async function probe(probes: Probes, url: string, origin: string, agent: Agent, missing: string, malformedPath: string): Promise<Outcome> {
  const get = (path: string) => probes.fetch(`${origin}${path}`, { maxBodyBytes: BODY_CAP, agent });
  const [home, files, notFound, malformed, securityTxt] = await Promise.all([
    probes.fetch(url, { agent }),
    Promise.all(EXPOSED_FILES.map(async (f) => ({ f, res: await get(f.path) }))),
    get(missing),
    // A debug build shows why the malformed request threw.
    get(malformedPath),
    get("/.well-known/security.txt"),
  ]);
  const scripts = readPage(home.body, url).scripts;
  const dirs = directories(scripts.filter((s) => new URL(s).origin === origin), origin);
  const [listings, maps] = await Promise.all([Promise.all(dirs.map(async (d) => checkDirectoryListing(d, probed(d === `${origin}/` ? home : await probes.fetch(d, { maxBodyBytes: BODY_CAP, agent }))))), sourceMaps(probes, origin, scripts, agent)]);
  const server = (res: HttpResponse) => ({ server: headerValue(res.headers, "server"), poweredBy: headerValue(res.headers, "x-powered-by") });
  const findings: Finding[] = [
    ...files.flatMap(({ f, res }) => checkExposedFile(`${origin}${f.path}`, f.what, f.looksLike, probed(res))),
    ...listings.flat(),
    ...maps,
    ...checkErrorPage(`a random path's error page`, probed(notFound), server(notFound)),
    ...checkErrorPage(`a malformed request's error page`, probed(malformed), server(malformed)),
    ...checkSecurityTxt(`${origin}/.well-known/security.txt`, probed(securityTxt), new Date()),
  ];
  return fromFindings(findings, `${EXPOSED_FILES.length} root files, ${dirs.length} director${dirs.length === 1 ? "y" : "ies"}, ${Math.min(scripts.length, 5)} source maps and 2 error pages clean; security.txt current`);
}

export function exposureChecks(e: Expectations): Check[] {
  return e.headers.map((h) => exposure(h.url));
}
