/**
 * Exposed-secret rows, one per scanned page: the page and every first-party script it loads (script tags,
 * module preloads, redirects followed, lazily imported chunks; verifier/bundle.ts) go through the one
 * detector in rules/exposed-secrets.ts, with the stack's own secret names. Third-party scripts are listed,
 * not fetched: keys leak through the portal's own bundles, and other sites are not ours to crawl.
 */
import { checkExposedSecrets } from "../../rules/exposed-secrets";
import { Finding } from "../../rules/finding";
import { collectBundle } from "../bundle";
import { Check, fromFindings } from "../check";
import type { Expectations } from "../expectations";

const REF = "launch checklist: secrets";

/** `fetchAs`: the URL the page is fetched as, shared with any redirect row that lands there (Expectations.secrets.fetchAs). */
function secrets(page: string, fetchAs: string, firstParty: readonly string[], secretNames: readonly string[]): Check {
  return {
    area: "Secrets",
    name: page,
    criteria: "no key patterns or secret values in the page or its first-party scripts and chunks",
    // The page, its scripts, their chunks.
    sequentialRequests: 3,
    // The page, one answer per run for every row that GETs it; its scripts are found as it runs (a counted
    // one past the grant is not fetched: the row warns).
    demands: [{ url: fetchAs, count: 1, kind: "proof", shared: true }],
    async run(probes) {
      const res = await probes.fetchShared(fetchAs);
      const findings: Finding[] = [];
      if (res.status >= 400) findings.push({ message: `${page} answered ${res.status}, so its scripts could not be listed`, ref: REF, fix: "check the URL serves the page" });
      findings.push(...checkExposedSecrets(page, res.body, { secretNames }));
      const bundle = await collectBundle(probes, fetchAs, res.body, firstParty);
      for (const { url, response } of bundle.scripts) {
        const where = response.url === url ? url : `${url} (→ ${response.url})`;
        if (response.status >= 300) findings.push({ message: `script ${where} answered ${response.status}`, ref: REF, fix: "remove the broken script tag or deploy the file", severity: "warning" });
        else findings.push(...checkExposedSecrets(where, response.body, { secretNames }));
      }
      const n = bundle.scripts.length;
      return fromFindings(findings, `page and ${n} script${n === 1 ? "" : "s"} clean${bundle.notFetched.length ? `; not fetched: ${bundle.notFetched.join(", ")}` : ""}`);
    },
  };
}

export function secretChecks(e: Expectations): Check[] {
  return e.secrets.pages.map((p) => secrets(p, e.secrets.fetchAs[p] ?? p, e.secrets.firstPartyDomains, e.secrets.secretNames));
}
