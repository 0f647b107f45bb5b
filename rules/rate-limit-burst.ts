/**
 * The live proof of a rate-limit rule (`verify --burst`): how many requests a burst may send to the login
 * route, what counts as the edge limiting, and the verdict on what came back. A burst spends the rule's
 * real budget (the sender's address may stay blocked for the rule's mitigation timeout), so it is bounded:
 * what the limit leaves after the run's own requests (rules/request-budget.ts) plus a few, never more than
 * a hard cap, and never longer than the rule's counting period, after which the edge may rightly start
 * counting afresh.
 *
 * Some of the run's requests the edge may not count at all: those the stack's own redirect rules answer
 * (legacy `/login.php`). Cloudflare runs Single Redirects (`http_request_dynamic_redirect`) before
 * `http_ratelimit` (developers.cloudflare.com/ruleset-engine/reference/phases-list/), so very likely they
 * are never counted, but nothing documented says so. The run's budget counts them (it must stay
 * conservative); the verdict holds either way: the edge should limit somewhere between what the limit
 * leaves when it counted them and what it leaves when it did not, and the burst is sized for the latter.
 */
import type { Finding } from "./finding";

/**
 * Requests past the declared limit the edge may let through before it counts as limiting too late: the
 * edge keeps its counters per data centre and rule (developers.cloudflare.com/waf/rate-limiting-rules/
 * request-rate/), so a request or two in flight as the count crosses the limit can still pass.
 */
export const BURST_MARGIN = 3;
/** No burst sends more than this, whatever the declared limit: a higher limit is not proven live. */
export const BURST_HARD_CAP = 100;

export interface BurstRule {
  name: string;
  requestsPerPeriod: number;
  /** Counting period, seconds. */
  period: number;
  /** How long the edge blocks the sender once over, seconds. */
  mitigationTimeout: number;
  action: "block" | "managed_challenge";
}

/** What the declared limit leaves for the burst once the run's other rows have spent `spent` of it within the period. */
export function burstAllowance(rule: Pick<BurstRule, "requestsPerPeriod">, spent: number): number {
  return Math.max(0, rule.requestsPerPeriod - spent);
}

/**
 * Requests the burst may send for `rule` after the run spent `spent` of its limit within the period (the
 * limit left plus the margin), or undefined when the limit plus margin is over the hard cap.
 */
export function burstSize(rule: Pick<BurstRule, "requestsPerPeriod">, spent = 0): number | undefined {
  return rule.requestsPerPeriod + BURST_MARGIN <= BURST_HARD_CAP ? burstAllowance(rule, spent) + BURST_MARGIN : undefined;
}

/**
 * The edge limited this request: 429 (a rate-limiting rule's block answers 429 unless a custom response
 * is set, developers.cloudflare.com/waf/rate-limiting-rules/parameters/, and the stack sets none), or for a challenge action the challenge page, which Cloudflare marks
 * `cf-mitigated: challenge` whatever its status
 * (developers.cloudflare.com/cloudflare-challenges/challenge-types/challenge-pages/detect-response/).
 */
export function isLimited(status: number, cfMitigated: string | undefined): boolean {
  return status === 429 || cfMitigated?.trim().toLowerCase() === "challenge";
}

export interface BurstResult {
  /** Requests the rule counts that this run's other rows sent within its period before the burst began. */
  spent: number;
  /** Of `spent`, the requests the stack's own redirect rules answered: the edge may not have counted them. */
  uncertain: number;
  /** Requests sent, the limited one included. */
  sent: number;
  /** 1-based number of the first request the edge limited; absent when none was. */
  limitedAt?: number;
  elapsedMs: number;
  /** The time bound ran out before the burst reached its size. */
  outOfTime: boolean;
  /** An earlier burst in this run tripped on the same route (naming its rule): none was sent for this rule. */
  blockedBy?: BurstRule;
}

/**
 * Where the edge should limit, as 1-based burst request numbers: `from` when it counted every request of
 * the run, `to` when it did not count the redirect-answered ones; past `to` by more than the margin is late.
 */
export function expectedLimit(rule: Pick<BurstRule, "requestsPerPeriod">, spent: number, uncertain: number): { from: number; to: number } {
  return { from: burstAllowance(rule, spent) + 1, to: burstAllowance(rule, spent - uncertain) + 1 };
}

/** "request 6" or "request 3 to 6": where the edge should limit, for the row. */
export function expectedRange(rule: Pick<BurstRule, "requestsPerPeriod">, spent: number, uncertain: number): string {
  const { from, to } = expectedLimit(rule, spent, uncertain);
  return from === to ? `request ${from}` : `request ${from} to ${to}`;
}

const REF = "launch checklist: rate limiting";

function what(rule: BurstRule): string {
  return `rule ${rule.name}: ${rule.requestsPerPeriod} per ${rule.period} s, ${rule.action === "block" ? "block" : "managed challenge"} for ${rule.mitigationTimeout} s`;
}

function spentNote(result: BurstResult): string {
  if (result.spent === 0) return "";
  const redirected = result.uncertain > 0 ? `, ${result.uncertain} of them answered by the stack's redirect rules, which the edge may not count` : "";
  return `; this run had already sent ${result.spent} request${result.spent === 1 ? "" : "s"} the rule counts within its period${redirected}`;
}

/**
 * The burst's findings; none when the edge limited within the margin past what the limit left after the
 * run's own requests (`limit - spent`, the redirect-answered ones left out), or from the first request
 * when the run had spent the whole limit (them included).
 */
export function checkBurst(url: string, rule: BurstRule, result: BurstResult): Finding[] {
  if (result.blockedBy) {
    const first = result.blockedBy;
    return [{
      message: `${url}: rule ${rule.name}'s threshold is unproven: rule ${first.name}'s burst tripped on the same route first, so the edge's block there is rule ${first.name}'s; no burst sent for rule ${rule.name}`,
      ref: REF,
      fix: `prove each rule by itself: wait out rule ${first.name}'s mitigation timeout (${first.mitigationTimeout} s), then npm run verify -- --stack <name> --burst --only RateLimits with only rule ${rule.name} covering the login route (or a load test from a disposable address)`,
      severity: "warning",
    }];
  }
  const certain = result.spent - result.uncertain;
  const size = burstSize(rule, certain);
  // What the limit leaves if the edge counted every request of the run: limited from the first request is a pass only when that is nothing.
  const left = burstAllowance(rule, result.spent);
  const seconds = `${(result.elapsedMs / 1000).toFixed(1)} s`;
  if (size === undefined) {
    return [{
      message: `${url}: ${what(rule)} allows more than the burst's cap of ${BURST_HARD_CAP} requests (limit plus ${BURST_MARGIN}); no burst sent, the limit is not proven live`,
      ref: REF,
      fix: "prove it with a load test from a disposable address, or lower the login route's limit",
      severity: "warning",
    }];
  }
  if (result.limitedAt === 1 && left > 0) {
    return [{
      message: `${url} was limited from the first burst request (${what(rule)}${spentNote(result)}): recent traffic from this address had already spent the budget, or the route is blocked outright; the rule is live but its threshold is unproven`,
      ref: REF,
      fix: `wait out the mitigation timeout (${rule.mitigationTimeout} s) and run the burst alone: npm run verify -- --stack <name> --burst --only RateLimits`,
      severity: "warning",
    }];
  }
  if (result.limitedAt !== undefined && result.limitedAt <= size) return [];
  if (result.outOfTime) {
    return [{
      message: `${url}: only ${result.sent} of ${size} burst requests fit in ${seconds}, the time bound (the rule's period or the check's timeout), and none was limited; the limit is not proven live`,
      ref: REF,
      fix: "rerun with a longer --timeout from a faster connection",
      severity: "warning",
    }];
  }
  return [{
    message: `${url} answered ${result.sent} burst requests in ${seconds} without a 429 or challenge, ${result.sent - burstAllowance(rule, certain)} past the declared limit (${what(rule)}${spentNote(result)})`,
    ref: REF,
    fix: "check that the rule is deployed and enabled, that its expression matches this path on this host, and that the host is proxied through the edge",
  }];
}
