/**
 * Latency rows, one per core endpoint: a few sequential requests over one kept-alive connection (after a
 * warm-up that pays for DNS, TCP and TLS), so the p95 reflects the endpoint, not connection setup.
 *
 * A route a rate-limit rule counts (the login route, an API health route) is sampled only as often as the
 * run's budget leaves room for after the rows that prove more (rules/request-budget.ts), and its warm-up
 * goes to the host's root instead, which opens the same connection without spending the budget. A row that
 * gets fewer samples says so; one that gets none warns, naming the rule.
 */
import { Finding } from "../../rules/finding";
import { checkP95, percentile } from "../../rules/latency";
import { BudgetRule, countsUrl, ruleAllows, unsampledFinding } from "../../rules/request-budget";
import { Check, fromFindings } from "../check";
import type { Expectations } from "../expectations";
import { keepAliveAgent } from "../http";

/** Where the warm-up goes: the URL itself, or for a counted URL its host's root when no rule counts that (else none). */
function warmUpUrl(url: string, rules: readonly BudgetRule[]): string | undefined {
  const counted = (u: string) => rules.some((r) => countsUrl(r, u));
  if (!counted(url)) return url;
  const root = new URL("/", url).toString();
  return counted(root) ? undefined : root;
}

function latency(url: string, samples: number, budgetMs: number, rules: readonly BudgetRule[]): Check {
  const warmUp = warmUpUrl(url, rules);
  return {
    area: "Latency",
    name: url,
    criteria: `p95 of ${samples} requests < ${budgetMs} ms`,
    sequentialRequests: samples + 1,
    demands: [{ url, count: samples, kind: "latency-sample" }],
    async run(probes) {
      const n = Math.min(samples, probes.budget.remaining(url));
      const tightest = probes.budget.tightest(url);
      if (n === 0 && tightest) return fromFindings([unsampledFinding(tightest, url, "Latency")], "");
      const agent = keepAliveAgent(url, probes.http);
      try {
        if (warmUp) await probes.fetch(warmUp, { agent, maxBodyBytes: warmUp === url ? undefined : 0 });
        const times: number[] = [];
        const errors: Finding[] = [];
        for (let i = 0; i < n; i++) {
          const res = await probes.fetch(url, { agent });
          times.push(res.elapsedMs);
          if (res.status >= 500) errors.push({ message: `${url} answered ${res.status}`, ref: "launch checklist: performance", fix: "fix the server error before judging its speed" });
        }
        const ms = (v: number) => `${Math.round(v)} ms`;
        const over = n < samples && tightest ? `${n} of ${samples} requests; ${ruleAllows(tightest)}` : `${n} requests`;
        return fromFindings([...errors, ...checkP95(url, times, budgetMs)], `p95 ${ms(percentile(times, 95))}, median ${ms(percentile(times, 50))} over ${over}`);
      } finally {
        agent.destroy();
      }
    },
  };
}

export function latencyChecks(e: Expectations): Check[] {
  return e.latency.urls.map((u) => latency(u, e.latency.samples, e.latency.budgetMs, e.rateLimits));
}
