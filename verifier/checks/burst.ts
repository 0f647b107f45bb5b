/**
 * `verify --burst` rows, one per rate-limit rule covering the login route: GET requests to the login route
 * on the app host, one after another over one kept-alive connection, until the edge answers 429 (or its
 * challenge), the burst reaches the declared limit plus a few (rules/rate-limit-burst.ts), or the rule's
 * counting period runs out. GET only: the burst never submits a login. Each request carries an
 * `x-launch-stack-verify: burst <n>/<size>` header, so the team can tell it from an attack in the edge's logs.
 * The rows run after every other row (`runsLast`): a block they provoke cannot turn another row red.
 */
import { BURST_MARGIN, burstSize, BurstResult, checkBurst, isLimited } from "../../rules/rate-limit-burst";
import { Check, fromFindings, Outcome } from "../check";
import type { BurstTarget, Expectations } from "../expectations";
import { headerValue, keepAliveAgent } from "../http";

/** The header each burst request carries, valued `burst <n>/<size>`. */
export const BURST_HEADER = "x-launch-stack-verify";

function burstRow({ url, rule, timeLimitMs }: BurstTarget): Check {
  const size = burstSize(rule);
  return {
    area: "RateLimits",
    name: `${url} (rule ${rule.name})`,
    criteria: `429 or challenge by request ${rule.requestsPerPeriod + BURST_MARGIN} (limit ${rule.requestsPerPeriod} per ${rule.period} s plus ${BURST_MARGIN}), within ${(timeLimitMs / 1000).toFixed(0)} s`,
    sequentialRequests: size ?? 0,
    runsLast: true,
    async run(probes): Promise<Outcome> {
      const started = performance.now();
      const result: BurstResult = { sent: 0, elapsedMs: 0, outOfTime: false };
      let answer = "";
      if (size !== undefined) {
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
              answer = mitigated ? `${res.status} (cf-mitigated: ${mitigated})` : String(res.status);
              break;
            }
          }
        } finally {
          agent.destroy();
        }
      }
      result.elapsedMs = performance.now() - started;
      return fromFindings(
        checkBurst(url, rule, result),
        `the edge answered ${answer} at request ${result.limitedAt} of at most ${size}; ${result.sent} sent in ${(result.elapsedMs / 1000).toFixed(1)} s`,
      );
    },
  };
}

export function burstChecks(e: Expectations): Check[] {
  return e.burst.map(burstRow);
}
