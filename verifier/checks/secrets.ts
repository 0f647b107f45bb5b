/**
 * Exposed-secret rows, one per scanned page: the page and every first-party script it loads are fetched
 * and matched against the key patterns in rules/exposed-secrets.ts. Third-party scripts are listed, not
 * fetched: keys leak through the portal's own bundles, and other sites are not ours to crawl.
 */
import { checkExposedSecrets } from "../../rules/exposed-secrets";
import { Finding } from "../../rules/finding";
import { isInZone } from "../../rules/hostnames";
import { Check, fromFindings } from "../check";
import type { Expectations } from "../expectations";

/** Scripts fetched per page at most (a page with more is unusual and the rest are listed as skipped). */
const MAX_SCRIPTS = 30;

/** `src` of every `<script>` element, resolved against the page URL. */
function scriptSources(html: string, pageUrl: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<script\b[^>]*?\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))[^>]*>/gi)) {
    try {
      out.push(new URL(m[1] ?? m[2] ?? m[3], pageUrl).toString());
    } catch {
      // an unparsable src loads nothing in a browser either
    }
  }
  return [...new Set(out)];
}

function secrets(page: string, firstParty: readonly string[]): Check {
  return {
    area: "Secrets",
    name: page,
    criteria: "no key patterns in the page or its first-party scripts",
    // The page, then its scripts.
    sequentialRequests: 2,
    async run(probes) {
      const res = await probes.fetch(page);
      const findings: Finding[] = [];
      if (res.status >= 400) findings.push({ message: `${page} answered ${res.status}, so its scripts could not be listed`, ref: "launch checklist: secrets", fix: "check the URL serves the page" });
      findings.push(...checkExposedSecrets(page, res.body));
      const sources = scriptSources(res.body, page);
      const own = sources.filter((s) => firstParty.some((d) => isInZone(new URL(s).hostname, d)));
      const fetched = own.slice(0, MAX_SCRIPTS);
      const skipped = [...sources.filter((s) => !own.includes(s)), ...own.slice(MAX_SCRIPTS)];
      const scripts = await Promise.all(fetched.map((src) => probes.fetch(src)));
      scripts.forEach((s) => {
        if (s.status >= 400) findings.push({ message: `script ${s.url} answered ${s.status}`, ref: "launch checklist: secrets", fix: "remove the broken script tag or deploy the file", severity: "warning" });
        else findings.push(...checkExposedSecrets(s.url, s.body));
      });
      return fromFindings(findings, `page and ${fetched.length} script${fetched.length === 1 ? "" : "s"} clean${skipped.length ? `; not fetched: ${skipped.join(", ")}` : ""}`);
    },
  };
}

export function secretChecks(e: Expectations): Check[] {
  return e.secrets.pages.map((p) => secrets(p, e.secrets.firstPartyDomains));
}
