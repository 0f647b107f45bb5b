/**
 * Browser rows, one per key page (home, login, app.keyPages): the page loaded several times in headless
 * Chromium on a mobile profile (verifier/browser.ts collects). Judged by rules/browser-page.ts (LCP p75,
 * mixed content, console errors, the login page's cookies) and rules/exposed-secrets.ts (every script and
 * source map the page really loaded, lazy chunks included). Without a browser the rows warn "skipped: no
 * browser", unless `--browser required`.
 */
import { checkConsoleErrors, checkLcp, checkLoginCookies, checkMixedContent, parseSetCookie } from "../../rules/browser-page";
import { checkExposedSecrets } from "../../rules/exposed-secrets";
import { Finding } from "../../rules/finding";
import { ruleAllows } from "../../rules/request-budget";
import { loadPage, PageLoad } from "../browser";
import type { RowMeter } from "../budget";
import { Check, fromFindings, Outcome } from "../check";
import type { Expectations } from "../expectations";

/** Time one load may take before the row gives up on it (the check's own timeout still bounds the row). */
const LOAD_TIMEOUT_MS = 15_000;

function browserRow(url: string, isLogin: boolean, loads: number, secretNames: readonly string[]): Check {
  return {
    area: "Browser",
    name: url,
    criteria: `mobile LCP p75 ≤ 2.5 s over ${loads} loads; no mixed content or console errors; no secrets in loaded scripts${isLogin ? "; cookies Secure, SameSite, session HttpOnly" : ""}`,
    sequentialRequests: loads + 1,
    // The first load proves the page's rows; more loads sharpen the p75 where the budget has room.
    // The page's own requests (API calls, prefetches, redirect hops) draw on what the rules have left.
    demands: [{ url, count: 1, kind: "proof" }, ...(loads > 1 ? [{ url, count: loads - 1, kind: "extra-load" as const }] : []), { url, count: 0, kind: "sub-requests" }],
    async run(probes): Promise<Outcome> {
      const pool = probes.browser;
      const missing = pool === undefined ? "no browser configured" : pool.unavailable();
      if (pool === undefined || missing !== undefined) {
        const required = pool?.mode === "required";
        return { status: required ? "fail" : "warn", detail: `skipped: no browser (${missing})${required ? "; --browser required" : ""}` };
      }
      const context = await pool.context(probes.signal, probes.budget);
      // One after another: parallel loads of one page would compete for the CPU and inflate each other's LCP.
      const runs: PageLoad[] = await loadPage(context, url, loads, LOAD_TIMEOUT_MS, probes.budget);
      const scripts = new Map(runs.flatMap((r) => r.scripts).map((s) => [s.url, s.body]));
      const findings: Finding[] = [
        ...checkLcp(url, runs.map((r) => r.lcpMs)),
        ...checkMixedContent(url, [...new Set(runs.flatMap((r) => r.insecure))]),
        ...checkConsoleErrors(url, runs.flatMap((r) => r.consoleErrors)),
        ...[...scripts].flatMap(([src, body]) => checkExposedSecrets(src, body, { secretNames })),
        ...(isLogin ? checkLoginCookies(url, dedupe(runs[0].setCookies).map(parseSetCookie)) : []),
      ];
      const lcp = runs.map((r) => (r.lcpMs === undefined ? "–" : `${(r.lcpMs / 1000).toFixed(2)}`)).join(", ");
      return fromFindings(findings, `LCP ${lcp} s; ${scripts.size} script${scripts.size === 1 ? "" : "s"} scanned; no mixed content or console errors${budgetNote(probes.budget, url, runs.length, loads)}`);
    },
  };
}

/** What the rate-limit budget cut from the row: loads not made, sub-requests answered by the meter instead of the edge. */
function budgetNote(meter: RowMeter, url: string, made: number, asked: number): string {
  const notes: string[] = [];
  const withheld = [...new Set(meter.withheld)];
  const rule = meter.tightest(url) ?? (withheld.length ? meter.counting(withheld[0])[0] : meter.tightestAsked());
  if (made < asked) notes.push(`${made} of ${asked} loads`);
  if (withheld.length) notes.push(`not sent: ${withheld.join(", ")}`);
  // Counted all the same (verifier/redirect-hops.ts): a hop from a frame or worker the guard does not pause.
  if (meter.unmetered.length) notes.push(`sent unmetered: ${[...new Set(meter.unmetered)].join(", ")}`);
  return notes.length && rule ? `\n${new URL(url).pathname}: ${notes.join("; ")}; ${ruleAllows(rule)}` : "";
}

function dedupe(values: readonly string[]): string[] {
  return [...new Set(values)];
}

export function browserChecks(e: Expectations): Check[] {
  return e.browser.pages.map((url) => browserRow(url, url === e.browser.loginUrl, e.browser.loads, e.secrets.secretNames));
}
