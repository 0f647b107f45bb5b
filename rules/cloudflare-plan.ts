/**
 * What each Cloudflare plan allows, from Cloudflare's plan tables (see shared/reference/cloudflare-v6.md).
 * An IaC module that silently drops a setting the plan does not allow is worse than one that fails,
 * so every check here names the setting, the plan and the limit.
 */
import { Finding } from "./finding";

export const PLANS = ["free", "pro", "business", "enterprise"] as const;
export type CloudflarePlan = (typeof PLANS)[number];

/** Counting periods the rate-limiting API accepts at all; each plan allows a prefix of them. */
export const RATE_LIMIT_PERIODS = [10, 15, 20, 30, 40, 45, 60, 90, 120, 180, 240, 300, 480, 600, 900, 1200, 1800, 2400, 3600, 65535, 86400];
/** Mitigation timeouts the rate-limiting API accepts. */
export const MITIGATION_TIMEOUTS = [10, 60, 120, 300, 600, 3600, 86400];

export interface PlanLimits {
  rateLimitRules: number;
  maxRateLimitPeriod: number;
  maxMitigationTimeout: number;
  /** Only these timeouts (Free: 10 s only). */
  minMitigationTimeout: number;
  /** Expression fields a rate-limit rule may use; `undefined` means all. */
  rateLimitFields?: readonly string[];
  wafCustomRules: number;
  regex: boolean;
  managedRulesets: boolean;
  singleRedirects: number;
  healthChecks: boolean;
  notificationMechanisms: readonly ("email" | "webhooks" | "pagerduty")[];
}

const FREE_RATE_LIMIT_FIELDS = ["http.request.uri.path", "cf.client.bot"];
const PRO_RATE_LIMIT_FIELDS = [...FREE_RATE_LIMIT_FIELDS, "http.host", "http.request.uri", "http.request.full_uri", "http.request.uri.query"];
const BUSINESS_RATE_LIMIT_FIELDS = [...PRO_RATE_LIMIT_FIELDS, "http.request.method", "ip.src", "http.user_agent"];

export const PLAN_LIMITS: Record<CloudflarePlan, PlanLimits> = {
  free: {
    rateLimitRules: 1, maxRateLimitPeriod: 10, minMitigationTimeout: 10, maxMitigationTimeout: 10,
    rateLimitFields: FREE_RATE_LIMIT_FIELDS, wafCustomRules: 5, regex: false, managedRulesets: false,
    singleRedirects: 10, healthChecks: false, notificationMechanisms: ["email"],
  },
  pro: {
    rateLimitRules: 2, maxRateLimitPeriod: 60, minMitigationTimeout: 10, maxMitigationTimeout: 3600,
    rateLimitFields: PRO_RATE_LIMIT_FIELDS, wafCustomRules: 20, regex: false, managedRulesets: true,
    singleRedirects: 25, healthChecks: true, notificationMechanisms: ["email", "webhooks", "pagerduty"],
  },
  business: {
    rateLimitRules: 5, maxRateLimitPeriod: 600, minMitigationTimeout: 10, maxMitigationTimeout: 86400,
    rateLimitFields: BUSINESS_RATE_LIMIT_FIELDS, wafCustomRules: 100, regex: true, managedRulesets: true,
    singleRedirects: 50, healthChecks: true, notificationMechanisms: ["email", "webhooks", "pagerduty"],
  },
  enterprise: {
    rateLimitRules: 100, maxRateLimitPeriod: 65535, minMitigationTimeout: 10, maxMitigationTimeout: 86400,
    wafCustomRules: 1000, regex: true, managedRulesets: true,
    singleRedirects: 300, healthChecks: true, notificationMechanisms: ["email", "webhooks", "pagerduty"],
  },
};

/** Cloudflare's managed WAF rulesets (Pro and up). The Free Managed Ruleset is deployed automatically on every plan. */
export const MANAGED_RULESETS = {
  cloudflare: { id: "efb7b8c949ac4650a09736fc376e9aee", name: "Cloudflare Managed Ruleset" },
  owasp: { id: "4814384a9e5d4991b9815dcfc25d2f1f", name: "Cloudflare OWASP Core Ruleset" },
} as const;

function exceeds(setting: string, plan: CloudflarePlan, limit: string, fix: string): Finding {
  return { message: `${setting} is not allowed on the ${plan} plan (limit: ${limit})`, ref: "Cloudflare plan entitlements", fix };
}

export function checkRuleCount(kind: "rate-limiting rules" | "WAF custom rules" | "single redirect rules", count: number, plan: CloudflarePlan): Finding[] {
  const limits = PLAN_LIMITS[plan];
  const max = kind === "rate-limiting rules" ? limits.rateLimitRules : kind === "WAF custom rules" ? limits.wafCustomRules : limits.singleRedirects;
  return count > max ? [exceeds(`${count} ${kind}`, plan, `${max}`, `remove ${count - max} or upgrade the zone's plan`)] : [];
}

export function checkManagedRulesets(enabled: boolean, plan: CloudflarePlan): Finding[] {
  return enabled && !PLAN_LIMITS[plan].managedRulesets
    ? [exceeds("the Cloudflare Managed and OWASP rulesets", plan, "Pro and up", "set managedRulesets: false (the Free Managed Ruleset still runs) or upgrade to Pro")]
    : [];
}

/** Whether a plan should get the managed rulesets when the config does not say. */
export function managedRulesetsByDefault(plan: CloudflarePlan): boolean {
  return PLAN_LIMITS[plan].managedRulesets;
}

export function checkRateLimitPeriod(period: number, plan: CloudflarePlan): Finding[] {
  if (!RATE_LIMIT_PERIODS.includes(period)) {
    return [{ message: `rate-limit period ${period} s is not one Cloudflare accepts`, ref: "Cloudflare rate limiting", fix: `use one of ${RATE_LIMIT_PERIODS.filter((p) => p <= PLAN_LIMITS[plan].maxRateLimitPeriod).join(", ")}` }];
  }
  const max = PLAN_LIMITS[plan].maxRateLimitPeriod;
  return period > max ? [exceeds(`rate-limit period ${period} s`, plan, plan === "free" ? "10 s only" : `≤ ${max} s`, `use a period of at most ${max} s`)] : [];
}

/**
 * The mitigation timeout for a rule's action. Challenge actions last for the zone's Challenge Passage,
 * so the API takes 0 for them; a block needs a timeout the plan allows.
 */
export function checkMitigationTimeout(timeout: number, plan: CloudflarePlan, action: string): Finding[] {
  const { minMitigationTimeout: min, maxMitigationTimeout: max } = PLAN_LIMITS[plan];
  if (action.endsWith("challenge")) {
    return timeout === 0 ? [] : [{ message: `a ${action} rate-limit rule has mitigation timeout ${timeout} s`, ref: "Cloudflare rate limiting", fix: "set mitigationTimeout: 0 (the challenge lasts for the zone's Challenge Passage) or use block" }];
  }
  if (!MITIGATION_TIMEOUTS.includes(timeout)) {
    return [{ message: `mitigation timeout ${timeout} s is not one Cloudflare accepts`, ref: "Cloudflare rate limiting", fix: `use one of ${MITIGATION_TIMEOUTS.filter((t) => t >= min && t <= max).join(", ")}` }];
  }
  return timeout > max || timeout < min ? [exceeds(`mitigation timeout ${timeout} s`, plan, min === max ? `${max} s only` : `≤ ${max} s`, `use a timeout of at most ${max} s`)] : [];
}

/** Fields and operators an expression may use on this plan (rate-limit rules are the strictest). */
export function checkRateLimitExpression(expression: string, plan: CloudflarePlan, fieldsOf: (e: string) => string[], usesRegex: (e: string) => boolean): Finding[] {
  const findings: Finding[] = [];
  const allowed = PLAN_LIMITS[plan].rateLimitFields;
  if (allowed) {
    for (const field of fieldsOf(expression)) {
      if (!allowed.includes(field)) findings.push(exceeds(`rate-limit expression field ${field}`, plan, allowed.join(", "), "match on the path only, or upgrade the zone's plan"));
    }
  }
  findings.push(...checkRegex(expression, plan, usesRegex));
  return findings;
}

export function checkRegex(expression: string, plan: CloudflarePlan, usesRegex: (e: string) => boolean): Finding[] {
  return usesRegex(expression) && !PLAN_LIMITS[plan].regex
    ? [exceeds("a regular expression (matches / ~) in a rule expression", plan, "Business and up", "use eq, in, starts_with or wildcard instead")]
    : [];
}
