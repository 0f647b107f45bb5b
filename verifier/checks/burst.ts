/**
 * `verify --burst` rows, one per rate-limit rule covering the login route: GET requests to the login route
 * on the app host, one after another over one kept-alive connection, until the edge answers 429 (or its
 * challenge), the burst reaches what the limit leaves plus a few (rules/rate-limit-burst.ts), or the rule's
 * counting period runs out. The run's other rows already spent part of the limit (verifier/budget.ts
 * records every counted request): the edge should limit that much sooner, and the verdict expects it to,
 * within a range where some of them were answered by the stack's own redirects (the edge may not count
 * those). Rules covering the same route share one address's count and block: once one burst trips, a
 * later rule's burst would only meet that block, so it sends nothing and warns.
 * GET only: the burst never submits a login. Each request carries an `x-launch-stack-verify: burst
 * <n>/<size>` header, so the team can tell it from an attack in the edge's logs. The rows run after every
 * other row (`runsLast`): a block they provoke cannot turn another row red.
 */
import { BURST_MARGIN, BurstRule, burstSize, BurstResult, checkBurst, expectedRange, isLimited } from "../../rules/rate-limit-burst";
import { Check, fromFindings, Outcome } from "../check";
import type { BurstTarget, Expectations } from "../expectations";
import { headerValue, keepAliveAgent } from "../http";

/** The header each burst request carries, valued `burst <n>/<size>`. */
export const BURST_HEADER = "x-launch-stack-verify";

/**
 * One burst row. `redirected`: URLs the stack's redirect rules answer (the redirect rows' requests);
 * `tripped`: the rule whose burst tripped on each URL so far in this run, shared by the run's burst rows.
 */
function burstRow({ url, rule, configPath, timeLimitMs }: BurstTarget, redirected: ReadonlySet<string>, tripped: Map<string, BurstRule>): Check {
  return {
    area: "RateLimits",
    name: `${url} (rule ${rule.name})`,
    criteria: `429 or challenge within ${BURST_MARGIN} requests past what the limit (${rule.requestsPerPeriod} per ${rule.period} s) leaves after this run's own requests (with or without those the stack's redirects answered), within ${(timeLimitMs / 1000).toFixed(0)} s`,
    sequentialRequests: burstSize(rule) ?? 0,
    runsLast: true,
    exemptFromBudget: true,
    async run(probes): Promise<Outcome> {
      const started = performance.now();
      const counted = probes.budget.rules.find((r) => r.configPath === configPath);
      const spent = counted ? probes.budget.spentWithinPeriod(counted) : 0;
      const uncertain = counted ? probes.budget.spentWithinPeriod(counted, (u) => redirected.has(u)) : 0;
      const size = burstSize(rule, spent - uncertain);
      const blockedBy = tripped.get(url);
      const result: BurstResult = { spent, uncertain, sent: 0, elapsedMs: 0, outOfTime: false, ...(blockedBy ? { blockedBy } : {}) };
      let answer = "";
      if (size !== undefined && !blockedBy) {
        const agent = keepAliveAgent(url, probes.http);
        try {
          while (result.sent < size) {
            if (performance.now() - started >= timeLimitMs) {
              result.outOfTime = true;
              break;
            }
            result.sent++;
            const res = await probes.fetch(url, { agent, headers: { [BURST_HEADER]: `burst ${result.sent}/${size}` }, maxBodyBytes: 4096 });
            const mitigated = headerValue(res.headers, "cf-mitigated");
            if (isLimited(res.status, mitigated)) {
              result.limitedAt = result.sent;
              tripped.set(url, rule);
              answer = mitigated ? `${res.status} (cf-mitigated: ${mitigated})` : String(res.status);
              break;
            }
          }
        } finally {
          agent.destroy();
        }
      }
      result.elapsedMs = performance.now() - started;
      const redirects = uncertain > 0 ? ` (${uncertain} answered by the stack's redirects, which the edge may not count)` : "";
      const before = spent > 0 ? `after ${spent} request${spent === 1 ? "" : "s"} of this run's other rows within the period${redirects}, ` : "";
      return fromFindings(
        checkBurst(url, rule, result),
        `${before}the edge answered ${answer} at request ${result.limitedAt} of at most ${size} (expected at ${expectedRange(rule, spent, uncertain)}); ${result.sent} sent in ${(result.elapsedMs / 1000).toFixed(1)} s`,
      );
    },
  };
}

/** `--burst` with no rule covering the login route: a row that says so, rather than no row at all. */
function uncoveredRow(url: string, rulesKey: string): Check {
  return {
    area: "RateLimits",
    name: `${url} (no rule)`,
    criteria: "a rate-limit rule covering the login route, proven by a bounded burst",
    runsLast: true,
    async run(): Promise<Outcome> {
      return fromFindings(
        [{
          message: `nothing to prove: no rate-limit rule covers ${url}, so no burst was sent`,
          ref: "launch checklist: rate limiting",
          fix: `add a rule whose routes include login to ${rulesKey}`,
          severity: "warning",
        }],
        "",
      );
    },
  };
}

export function burstChecks(e: Expectations): Check[] {
  const redirected = new Set(e.redirects.map((r) => r.requested));
  const tripped = new Map<string, BurstRule>();
  return [...e.burst.map((t) => burstRow(t, redirected, tripped)), ...(e.burstUncovered ? [uncoveredRow(e.burstUncovered.url, e.burstUncovered.rulesKey)] : [])];
}
