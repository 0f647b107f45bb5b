/**
 * Latency rows, one per core endpoint: a few sequential requests over one kept-alive connection (after a
 * warm-up that pays for DNS, TCP and TLS), so the p95 reflects the endpoint, not connection setup.
 */
import { checkP95, percentile } from "../../rules/latency";
import { Finding } from "../../rules/finding";
import { Check, fromFindings } from "../check";
import type { Expectations } from "../expectations";
import { keepAliveAgent } from "../http";

function latency(url: string, samples: number, budgetMs: number): Check {
  return {
    area: "Latency",
    name: url,
    criteria: `p95 of ${samples} requests < ${budgetMs} ms`,
    sequentialRequests: samples + 1,
    async run(probes) {
      const agent = keepAliveAgent(url, probes.http);
      try {
        await probes.fetch(url, { agent });
        const times: number[] = [];
        const errors: Finding[] = [];
        for (let i = 0; i < samples; i++) {
          const res = await probes.fetch(url, { agent });
          times.push(res.elapsedMs);
          if (res.status >= 500) errors.push({ message: `${url} answered ${res.status}`, ref: "launch checklist: performance", fix: "fix the server error before judging its speed" });
        }
        const ms = (v: number) => `${Math.round(v)} ms`;
        return fromFindings([...errors, ...checkP95(url, times, budgetMs)], `p95 ${ms(percentile(times, 95))}, median ${ms(percentile(times, 50))} over ${samples} requests`);
      } finally {
        agent.destroy();
      }
    },
  };
}

export function latencyChecks(e: Expectations): Check[] {
  return e.latency.urls.map((u) => latency(u, e.latency.samples, e.latency.budgetMs));
}
