/** Edge security per zone: TLS floor, HSTS, WAF, rate limits, security headers and caching. */
import { z } from "zod";
import { ROUTE_NAMES } from "./app";
import { urlPath } from "./primitives";

export const rateLimitSchema = z.strictObject({
  /** Stable id for the rule (used in its ref, so reordering does not churn). */
  name: z.string().regex(/^[a-z][a-z0-9-]*$/, { message: "must be a lower-case id such as auth" }),
  routes: z.array(z.enum(ROUTE_NAMES)).min(1),
  requestsPerPeriod: z.int().positive(),
  /** Counting period in seconds (the plan limits which). */
  period: z.int().positive(),
  /** How long a client stays blocked, in seconds (the plan limits which); 0 for challenge actions. */
  mitigationTimeout: z.int().min(0),
  action: z.enum(["block", "managed_challenge"]).default("block"),
});

export const customRuleSchema = z.strictObject({
  description: z.string().min(1),
  expression: z.string().min(1),
  /** `log` is Enterprise-only and `skip` needs parameters naming what to skip: neither is offered. */
  action: z.enum(["block", "managed_challenge", "js_challenge", "challenge"]),
});

export const edgeSchema = z.strictObject({
  minTlsVersion: z.enum(["1.0", "1.1", "1.2", "1.3"]).default("1.2"),
  hsts: z.strictObject({
    /** Seconds; at least one year (31536000) in prod. */
    maxAge: z.int().min(0).default(31536000),
    /** Defaults to on exactly when every hostname in the zone is proxied. */
    includeSubdomains: z.boolean().optional(),
    preload: z.boolean().default(false),
  }).prefault({}),
  /** Cloudflare Managed and OWASP rulesets; defaults to on where the plan allows them. */
  managedRulesets: z.boolean().optional(),
  customRules: z.array(customRuleSchema).default([]),
  rateLimits: z.array(rateLimitSchema).default([]),
  securityHeaders: z.strictObject({
    frameOptions: z.enum(["DENY", "SAMEORIGIN"]).default("DENY"),
    referrerPolicy: z.enum(["no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"]).default("strict-origin-when-cross-origin"),
    permissionsPolicy: z.string().min(1).default("camera=(), microphone=(), geolocation=(), payment=()"),
    contentSecurityPolicy: z.string().min(1).optional(),
  }).prefault({}),
  /** Path prefixes of static assets the edge may cache on public hostnames. */
  staticAssetPaths: z.array(urlPath).default(["/assets/"]),
  staticAssetEdgeTtl: z.int().min(60).default(86400),
});

export type EdgeConfig = z.output<typeof edgeSchema>;
export type RateLimitConfig = z.output<typeof rateLimitSchema>;
