/**
 * Rate limiting (launch checklist: login, password reset, invitation, API and webhook routes throttled):
 * which rules count as throttling a path, judged on the rule expressions exactly as Cloudflare receives
 * them. The config gate runs it over the rules model/site.ts builds from config, the policy pack over the
 * declared http_ratelimit rules, so both hold a stack to the same paths and the same actions.
 */
import { coversPath } from "./expression";
import { Finding } from "./finding";

/** Actions that stop a client once it is over the limit; `log` only counts. */
export const ENFORCING_ACTIONS: readonly string[] = ["block", "managed_challenge", "challenge", "js_challenge"];

/** A rate-limiting rule as far as coverage goes. */
export interface RateLimitCoverageRule {
  expression: string;
  action: string;
  /** Cloudflare's default is enabled. */
  enabled?: boolean;
}

/** Every required path is matched by an enabled rule that blocks or challenges. */
export function checkRateLimitCoverage(rules: readonly RateLimitCoverageRule[], requiredPaths: readonly string[]): Finding[] {
  const enforcing = rules.filter((r) => r.enabled !== false && ENFORCING_ACTIONS.includes(r.action));
  const missing = requiredPaths.filter((p) => !enforcing.some((r) => coversPath(r.expression, p)));
  return missing.length === 0 ? [] : [{
    message: `no enabled rate-limit rule that blocks or challenges covers ${missing.join(", ")}`,
    ref: "launch checklist: rate limiting",
    fix: `add ${missing.length > 1 ? "them" : "it"} to the routes of a rate-limit rule (zones[].edge.rateLimits) with action "block" or "managed_challenge"`,
  }];
}
