/**
 * TLS, HSTS, WAF, rate limits, security headers and caching for one zone. One ZoneSetting per setting
 * (snake_case ids and nested keys, or previews drift: pulumi-cloudflare#1579) and one entrypoint ruleset
 * per phase (a second fails at apply).
 */
import * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";
import type { EdgeConfig } from "../config/edge";
import { contentRef } from "../model/rule-ref";
import type { SiteModel } from "../model/site";
import { normalizedExpression } from "../rules/expression";
import { REQUIRED_SSL_MODE } from "../rules/tls";

export interface EdgeSecurityArgs {
  /** The zone the settings and rulesets apply to. */
  readonly zoneId: pulumi.Input<string>;
  /** The zone's domain, for ruleset names. */
  readonly domain: string;
  /** Edge config for the zone (validated against its plan). */
  readonly edge: EdgeConfig;
  /** What the zone serves: rules are only declared for zones with an origin. */
  readonly site: SiteModel;
}

/** The exact `value` of the `security_header` setting. */
export function securityHeaderValue(site: SiteModel) {
  const { enabled, maxAge, includeSubdomains, preload } = site.hsts;
  return { strict_transport_security: { enabled, max_age: maxAge, include_subdomains: includeSubdomains, preload, nosniff: true } };
}

/** Rate-limit characteristics every plan supports: per client IP, counted per data centre. */
export const RATE_LIMIT_CHARACTERISTICS = ["ip.src", "cf.colo.id"];

export class EdgeSecurity extends pulumi.ComponentResource {
  /** Setting id → value, for the handover document. */
  public readonly settings: Record<string, unknown>;

  constructor(name: string, args: EdgeSecurityArgs, opts?: pulumi.ComponentResourceOptions) {
    super("launch-stack:edge:EdgeSecurity", name, {}, opts);
    const { zoneId, domain, edge, site } = args;
    const child = { parent: this };

    this.settings = {
      ssl: REQUIRED_SSL_MODE,
      min_tls_version: edge.minTlsVersion,
      tls_1_3: "on",
      always_use_https: "on",
      automatic_https_rewrites: "on",
      security_header: securityHeaderValue(site),
    };
    for (const [settingId, value] of Object.entries(this.settings)) {
      new cloudflare.ZoneSetting(`${name}-${settingId.replace(/_/g, "-")}`, { zoneId, settingId, value }, child);
    }

    const ruleset = (suffix: string, phase: string, label: string, rules: cloudflare.types.input.RulesetRule[]) =>
      rules.length > 0 &&
      new cloudflare.Ruleset(`${name}-${suffix}`, { zoneId, kind: "zone", phase, name: `${domain} ${label}`, description: `${label} (managed by launch-stack)`, rules }, child);

    ruleset("waf-managed", "http_request_firewall_managed", "managed WAF rulesets", site.managedRulesets.map((m) => ({
      ref: m.ref, description: m.name, expression: "true", action: "execute", enabled: true, actionParameters: { id: m.id },
    })));
    ruleset("waf-custom", "http_request_firewall_custom", "custom WAF rules", edge.customRules.map((r) => ({
      ref: contentRef("custom", normalizedExpression(r.expression)), description: r.description, expression: r.expression, action: r.action, enabled: true,
    })));
    ruleset("rate-limits", "http_ratelimit", "rate limits", site.rateLimits.map((r) => ({
      ref: r.ref,
      description: r.description,
      expression: r.expression,
      action: r.config.action,
      enabled: true,
      ratelimit: {
        characteristics: RATE_LIMIT_CHARACTERISTICS,
        period: r.config.period,
        requestsPerPeriod: r.config.requestsPerPeriod,
        mitigationTimeout: r.config.mitigationTimeout,
      },
    })));
    if (site.servedHosts.length > 0) {
      ruleset("security-headers", "http_response_headers_transform", "security headers", [{
        ref: "security-headers",
        description: "Security headers on every response",
        expression: "true",
        action: "rewrite",
        enabled: true,
        actionParameters: {
          headers: Object.fromEntries(Object.entries(site.securityHeaders).map(([header, value]) => [header, { operation: "set", value }])),
        },
      }]);
    }
    ruleset("cache", "http_request_cache_settings", "cache rules", site.cacheRules.map((r) => ({
      ref: r.ref,
      description: r.description,
      expression: r.expression,
      action: "set_cache_settings",
      enabled: true,
      actionParameters: r.cache ? { cache: true, edgeTtl: { mode: "override_origin", default: r.edgeTtl } } : { cache: false },
    })));

    this.registerOutputs({ settings: this.settings });
  }
}
