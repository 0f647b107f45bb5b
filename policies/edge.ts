/**
 * TLS and edge protection: each zone's TLS settings, HSTS, security headers, managed WAF, rate limits on
 * the app's sensitive routes and no edge caching of authenticated paths (launch checklist: SSL/TLS, edge
 * protection, rate limiting, caching, security headers). Value checks call rules/tls.ts,
 * rules/security-headers.ts, rules/cloudflare-plan.ts and rules/rate-limits.ts, the same functions the
 * config gate runs; the zone's plan, environment and paths are those its Site declares (stack-facts.ts).
 */
import * as cloudflare from "@pulumi/cloudflare";
import { ResourceValidationPolicy, StackValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { checklistItem, LaunchPolicy } from "./checklist";
import { MANAGED_RULESETS, managedRulesetsByDefault } from "../rules/cloudflare-plan";
import { checkCachedPrefixes } from "../rules/edge-cache";
import { coversPath, literalsOf } from "../rules/expression";
import { Finding } from "../rules/finding";
import { checkRateLimitCoverage } from "../rules/rate-limits";
import { checkSecurityHeaders } from "../rules/security-headers";
import { checkHsts, checkMinTlsVersion, checkOn, checkSslMode, checkTls13, Environment, Hsts, REQUIRED_SSL_MODE } from "../rules/tls";
import { onlyUnder, reportFindings } from "./findings";
import { ZoneSetting } from "./resource-classes";
import { environmentOf } from "./stack-facts";
import { cannotTell, hasWebRecords, rulesetsOf, rulesOf, servesContent, zoneLabel, zoneViews } from "./zones";

/** A policy over one zone setting's value: the rule's findings, one violation each. */
function settingPolicy(policy: Omit<LaunchPolicy<ResourceValidationPolicy>, "validateResource">, settingId: string, check: (value: any) => Finding[]): LaunchPolicy<ResourceValidationPolicy> {
  return {
    ...policy,
    validateResource: validateResourceOfType(cloudflare.ZoneSetting, (setting, _args, report) => {
      if (setting.settingId === settingId) reportFindings(report, check(setting.value));
    }),
  };
}

export const sslFullStrict = settingPolicy({
  name: "ssl-full-strict",
  description: "Zone SSL mode must be Full (strict): the edge verifies the origin's certificate, and Flexible loops forever with an origin that forces HTTPS.",
  severity: "critical",
  framework: checklistItem("tls"),
  remediationSteps: "Set the zone setting ssl to \"strict\" (launch-stack declares it; remove any override) and install a valid certificate on the origin, e.g. a Cloudflare Origin CA certificate.",
  url: "https://developers.cloudflare.com/ssl/origin-configuration/ssl-modes/full-strict/",
}, "ssl", (v) => checkSslMode(String(v)));

export const minTlsVersion = settingPolicy({
  name: "min-tls-version",
  description: "Zone minimum TLS version must be 1.2 or 1.3: older versions have known weaknesses and no supported browser needs them.",
  severity: "high",
  framework: checklistItem("tls"),
  remediationSteps: "Set launch-stack:zones[].edge.minTlsVersion to \"1.2\" (or \"1.3\").",
  url: "https://developers.cloudflare.com/ssl/edge-certificates/additional-options/minimum-tls/",
}, "min_tls_version", (v) => checkMinTlsVersion(String(v)));

export const tls13On = settingPolicy({
  name: "tls-1-3-on",
  description: "TLS 1.3 must be on: faster handshakes and no legacy cipher suites for every client that supports it.",
  severity: "medium",
  framework: checklistItem("tls"),
  remediationSteps: "Set the zone setting tls_1_3 to \"on\" (launch-stack declares it; remove any override).",
  url: "https://developers.cloudflare.com/ssl/edge-certificates/additional-options/tls-13/",
}, "tls_1_3", (v) => checkTls13(String(v)));

export const alwaysUseHttps = settingPolicy({
  name: "always-use-https",
  description: "Always Use HTTPS must be on: every http:// request is redirected to https:// at the edge, so no page or cookie travels in clear text.",
  severity: "high",
  framework: checklistItem("tls"),
  remediationSteps: "Set the zone setting always_use_https to \"on\" (launch-stack declares it; remove any override).",
  url: "https://developers.cloudflare.com/ssl/edge-certificates/additional-options/always-use-https/",
}, "always_use_https", (v) => checkOn("always_use_https", String(v)));

/** The HSTS part of a `security_header` value, in the shape rules/tls.ts checks. */
function hstsOf(value: any): Hsts {
  const sts = value?.strict_transport_security;
  return { enabled: sts?.enabled === true, maxAge: Number(sts?.max_age ?? 0), includeSubdomains: sts?.include_subdomains === true, preload: sts?.preload === true };
}

/**
 * includeSubDomains is judged safe here because web-records-proxied (mandatory) already requires every web
 * hostname of the zone to be proxied, and so served over HTTPS.
 */
const hstsAt = (value: any) => (environment: Environment) => checkHsts(hstsOf(value), { environment, everyHostnameHttps: true });

export const hstsEnabled = settingPolicy({
  name: "hsts-enabled",
  description: "HSTS must be on with a positive max-age, and preload only with includeSubDomains and a year: browsers then refuse plain HTTP for the portal.",
  severity: "high",
  framework: checklistItem("tls"),
  remediationSteps: "Set launch-stack:zones[].edge.hsts.maxAge above 0 (default 31536000); set preload only with includeSubdomains and a maxAge of 31536000 or more.",
  url: "https://developers.cloudflare.com/ssl/edge-certificates/additional-options/http-strict-transport-security/",
}, "security_header", (v) => hstsAt(v)("staging"));

export const hstsOneYear: LaunchPolicy<StackValidationPolicy> = {
  name: "hsts-one-year",
  description: "Production HSTS max-age must be at least one year (31536000 s), the bar browsers' preload lists and the launch checklist use; staging may be shorter so a mistake can be undone.",
  severity: "high",
  framework: checklistItem("tls"),
  remediationSteps: "In the prod stack set launch-stack:zones[].edge.hsts.maxAge to 31536000 or more, after staging has run with HSTS without trouble.",
  url: "https://developers.cloudflare.com/ssl/edge-certificates/additional-options/http-strict-transport-security/",
  validateStack: (args, report) => {
    // A stack policy: the environment is the zone's Site's, which no setting's own inputs carry.
    for (const setting of args.resources.filter((r) => r.isType(ZoneSetting) && r.props.settingId === "security_header")) {
      reportFindings(report, onlyUnder(hstsAt(setting.props.value), environmentOf(setting), "staging"), { urn: setting.urn });
    }
  },
};

/** The zone settings whose Cloudflare defaults are weaker than the launch bar. */
const REQUIRED_SETTINGS: Record<string, string> = {
  ssl: `"${REQUIRED_SSL_MODE}"`,
  min_tls_version: `"1.2"`,
  tls_1_3: `"on"`,
  always_use_https: `"on"`,
  security_header: "HSTS",
};

export const tlsSettingsDeclared: LaunchPolicy<StackValidationPolicy> = {
  name: "tls-settings-declared",
  description: "Every zone with web hostnames must declare its ssl, min_tls_version, tls_1_3, always_use_https and security_header settings exactly once: an undeclared setting silently keeps Cloudflare's weaker default, and two declarations fight on every update.",
  severity: "high",
  framework: checklistItem("tls"),
  remediationSteps: "Declare each zone through launch-stack:zones (components/edge-security.ts declares ssl, min_tls_version, tls_1_3, always_use_https and security_header once each); delete duplicate ZoneSetting resources.",
  url: "https://developers.cloudflare.com/ssl/edge-certificates/additional-options/",
  validateStack: (args, report) => {
    for (const view of zoneViews(args.resources).filter(hasWebRecords)) {
      for (const [settingId, value] of Object.entries(REQUIRED_SETTINGS)) {
        const declared = view.settings.filter((s) => s.props.settingId === settingId);
        if (declared.length === 0) {
          report(`${zoneLabel(view)}: zone setting ${settingId} is not declared, so Cloudflare's default applies; declare a ZoneSetting with settingId "${settingId}" (${value})`);
        } else if (declared.length > 1) {
          report(`${zoneLabel(view)}: zone setting ${settingId} is declared ${declared.length} times (${declared.map((s) => s.name).join(", ")}); keep one`, declared[1].urn);
        }
      }
    }
  },
};

/** Headers set on every response: `set` operations of enabled rewrite rules whose expression is `true`. */
function headersOnEveryResponse(rules: ReturnType<typeof rulesOf>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const { rule } of rules) {
    if (rule.action !== "rewrite" || rule.expression !== "true") continue;
    for (const [name, h] of Object.entries((rule.actionParameters?.headers ?? {}) as Record<string, { operation?: string; value?: string }>)) {
      if (h.operation === "set" && h.value !== undefined) headers[name] = h.value;
    }
  }
  return headers;
}

export const securityHeaders: LaunchPolicy<StackValidationPolicy> = {
  name: "security-headers",
  description: "Every zone that serves pages must set X-Content-Type-Options, X-Frame-Options (or CSP frame-ancestors), Referrer-Policy and Permissions-Policy on every response (an http_response_headers_transform rule with expression true): they stop MIME sniffing, clickjacking and referrer leaks.",
  severity: "medium",
  framework: checklistItem("security-headers"),
  remediationSteps: "Keep the headers rule launch-stack declares from launch-stack:zones[].edge.securityHeaders (frameOptions, referrerPolicy, permissionsPolicy), with expression true; hand-written header rules must not replace it.",
  url: "https://owasp.org/www-project-secure-headers/",
  validateStack: (args, report) => {
    for (const view of zoneViews(args.resources).filter(servesContent)) {
      const headers = headersOnEveryResponse(rulesOf(view, "http_response_headers_transform"));
      reportFindings(report, checkSecurityHeaders(headers, { requirePermissionsPolicy: true }), { prefix: zoneLabel(view), urn: rulesetsOf(view, "http_response_headers_transform")[0]?.urn });
    }
  },
};

export const wafManagedRules: LaunchPolicy<StackValidationPolicy> = {
  name: "waf-managed-rules",
  description: "Every zone that serves pages on a plan that includes them (Pro and up) must execute the Cloudflare Managed and OWASP Core rulesets on all traffic: they block known exploits before they reach the origin.",
  severity: "high",
  framework: checklistItem("edge-protection"),
  remediationSteps: "Remove launch-stack:zones[].edge.managedRulesets: false (launch-stack then executes the Cloudflare Managed and OWASP Core rulesets on all traffic), and check zones[].plan is the zone's real plan.",
  url: "https://developers.cloudflare.com/waf/managed-rules/",
  validateStack: (args, report) => {
    for (const view of zoneViews(args.resources).filter(servesContent)) {
      const plan = view.facts?.plan;
      if (plan === undefined) {
        report(cannotTell(view, "the zone's plan"));
        continue;
      }
      if (!managedRulesetsByDefault(plan)) continue;
      const executed = rulesOf(view, "http_request_firewall_managed")
        .filter(({ rule }) => rule.action === "execute" && rule.expression === "true")
        .map(({ rule }) => rule.actionParameters?.id);
      for (const managed of Object.values(MANAGED_RULESETS)) {
        if (!executed.includes(managed.id)) {
          report(`${zoneLabel(view)} (${plan} plan): the ${managed.name} is not executed on all traffic; add an enabled http_request_firewall_managed rule with action "execute", actionParameters.id "${managed.id}" and expression "true"`);
        }
      }
    }
  },
};

export const rateLimitAuthPaths: LaunchPolicy<StackValidationPolicy> = {
  name: "rate-limit-auth-paths",
  description: "Every zone that serves pages must rate-limit the app's login, password reset, invitation, API and webhook paths with an enabled rule that blocks or challenges: it stops credential stuffing, reset-mail spam and floods of the API.",
  severity: "high",
  framework: checklistItem("rate-limiting"),
  remediationSteps: "Add the missing routes to a rule in launch-stack:zones[].edge.rateLimits (routes: login, passwordReset, invitation, api, webhooks) with action block or managed_challenge.",
  url: "https://developers.cloudflare.com/waf/rate-limiting-rules/",
  validateStack: (args, report) => {
    for (const view of zoneViews(args.resources).filter(servesContent)) {
      if (!view.facts) {
        report(cannotTell(view, "which paths must be rate limited"));
        continue;
      }
      // A rule without ratelimit parameters counts nothing, whatever its action.
      const rules = rulesOf(view, "http_ratelimit").filter(({ rule }) => rule.ratelimit !== undefined).map(({ rule }) => rule);
      reportFindings(report, checkRateLimitCoverage(rules, view.facts.rateLimitedPaths), { prefix: zoneLabel(view), urn: rulesetsOf(view, "http_ratelimit")[0]?.urn });
    }
  },
};

export const authenticatedPathsNotCached: LaunchPolicy<StackValidationPolicy> = {
  name: "authenticated-paths-not-cached",
  description: "Every zone that serves pages must bypass the edge cache for authenticated pages, APIs and auth routes, in its last cache rule: otherwise one client can be served another client's page.",
  severity: "critical",
  framework: checklistItem("caching"),
  remediationSteps: "List every private path in launch-stack:app.privatePaths and mark logged-in hosts authenticated: true; launch-stack then ends the cache rules with one bypass rule covering them.",
  url: "https://developers.cloudflare.com/cache/how-to/cache-rules/",
  validateStack: (args, report) => {
    for (const view of zoneViews(args.resources).filter(servesContent)) {
      if (!view.facts) {
        report(cannotTell(view, "which paths must never be cached"));
        continue;
      }
      const { privatePaths } = view.facts;
      // A zone that serves no app routes (a marketing or course site) has nothing that must bypass the cache.
      if (privatePaths.length === 0) continue;
      const rules = rulesOf(view, "http_request_cache_settings").filter(({ rule }) => rule.action === "set_cache_settings");
      const urn = rulesetsOf(view, "http_request_cache_settings")[0]?.urn;
      const lastBypass = rules.map(({ rule }) => rule.actionParameters?.cache === false).lastIndexOf(true);
      if (lastBypass < 0) {
        report(`${zoneLabel(view)}: no cache rule bypasses the cache for ${privatePaths.join(", ")}; end the http_request_cache_settings rules with one rule (actionParameters.cache false) matching every private path`, urn);
        continue;
      }
      const missing = privatePaths.filter((p) => !coversPath(rules[lastBypass].rule.expression, p));
      if (missing.length > 0) {
        report(`${zoneLabel(view)}: the last cache-bypass rule does not cover ${missing.join(", ")}; add ${missing.length > 1 ? "them" : "it"} to that rule's expression`, urn);
      }
      // A caching rule on a prefix that overlaps a private path caches the pages under it nobody listed.
      for (const { rule } of rules.filter(({ rule }) => rule.actionParameters?.cache === true)) {
        const prefixes = literalsOf(rule.expression).filter((l) => l.startsWith("/"));
        const hits = checkCachedPrefixes(prefixes, privatePaths.map((path) => ({ path, what: "private path" })));
        reportFindings(report, hits.map((h) => h.finding), { prefix: `${zoneLabel(view)}: cache rule "${rule.description ?? rule.ref ?? rule.expression}"`, urn });
      }
      for (const { rule } of rules.slice(lastBypass + 1).filter(({ rule }) => rule.actionParameters?.cache === true)) {
        report(`${zoneLabel(view)}: cache rule "${rule.description ?? rule.ref ?? rule.expression}" comes after the cache-bypass rule and can cache private paths; move the bypass rule last`, urn);
      }
    }
  },
};

export const edgePolicies = [
  sslFullStrict, minTlsVersion, tls13On, alwaysUseHttps, hstsEnabled, hstsOneYear, tlsSettingsDeclared,
  securityHeaders, wafManagedRules, rateLimitAuthPaths, authenticatedPathsNotCached,
];
