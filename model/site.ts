/**
 * The desired state of one zone as plain data, derived once from the validated config. Components turn
 * it into resources, config checks run rules over it (so they see exactly what will be declared), and
 * the handover and verifier read it. No Pulumi import.
 */
import { AppConfig, REQUIRED_RATE_LIMITED_ROUTES, RouteName } from "../config/app";
import type { RateLimitConfig } from "../config/edge";
import { member } from "../config/errors";
import type { ZoneConfig } from "../config/zones";
import { CaaEntry, UNIVERSAL_SSL_CAS } from "../rules/caa";
import { CloudflarePlan, MANAGED_RULESETS, managedRulesetsByDefault } from "../rules/cloudflare-plan";
import { anyOf, equalsAny, literal } from "../rules/expression";
import type { DnsOnlyHost } from "../rules/dns-only";
import { fqdn, isInZone, originRecordType, REDIRECT_ONLY_ORIGIN, sortHostnames } from "../rules/hostnames";
import { canonicalPath, pathKey } from "../rules/paths";
import { Redirect } from "../rules/redirects";
import type { Hsts } from "../rules/tls";
import type { Environment } from "../rules/tls";
import { ExtraRecord, extraRecords } from "./records";
import { contentRef } from "./rule-ref";

export interface WebRecord {
  /** Stable resource-name suffix, e.g. `apex`, `www`, `app`. */
  key: string;
  name: string;
  type: "A" | "AAAA" | "CNAME";
  content: string;
  /** false for a DNS-only host: answered with its origin, outside the edge. */
  proxied: boolean;
  purpose: string;
  /** Where in the zone's config it came from. */
  configPath: string;
}

export interface RedirectRule {
  ref: string;
  description: string;
  expression: string;
  /** Static target (legacy path) or a dynamic expression keeping the path (whole host). */
  target: { value: string } | { expression: string };
  redirect: Redirect;
  /**
   * Every hostname the rule matches: the redirect's own, and for a legacy path also its host's aliases,
   * which must answer straight to the new URL rather than via the canonical host (two hops).
   */
  hosts: string[];
  configPath: string;
}

export interface RateLimitRule {
  ref: string;
  description: string;
  expression: string;
  routes: RouteName[];
  paths: string[];
  config: RateLimitConfig;
  configPath: string;
}

export interface CacheRule {
  ref: string;
  description: string;
  expression: string;
  cache: boolean;
  edgeTtl?: number;
}

export interface ManagedRuleset {
  ref: string;
  id: string;
  name: string;
}

export interface SiteModel {
  domain: string;
  /** Hostnames with an origin that the edge serves (proxied). */
  servedHosts: string[];
  /** Hostnames with an origin declared DNS-only: outside the edge, no edge rules, no Universal SSL. */
  dnsOnlyHosts: string[];
  authenticatedHosts: string[];
  /** Each hostname with an origin and what it serves, as rules/dns-only.ts judges a DNS-only host. */
  hostRoles: DnsOnlyHost[];
  records: WebRecord[];
  /** The zone's `records` list as the provider receives it (model/records.ts). */
  extraRecords: ExtraRecord[];
  redirects: RedirectRule[];
  rateLimits: RateLimitRule[];
  cacheRules: CacheRule[];
  /** Paths the last cache rule keeps out of the edge cache; none unless the zone serves the app or a logged-in host. */
  privatePaths: string[];
  /** Paths a rate-limit rule that blocks or challenges must cover; none unless the zone serves the app or a logged-in host. */
  rateLimitedPaths: string[];
  managedRulesets: ManagedRuleset[];
  /** Header name → value, set on every response. */
  securityHeaders: Record<string, string>;
  /** CAA entries at the apex: every CA Universal SSL uses, for issue and issuewild, plus iodef. */
  caa: CaaEntry[];
  /** The HSTS the zone declares, its includeSubDomains default resolved (settings, checks and verifier read this). */
  hsts: Hsts;
  /** includeSubDomains default: every hostname in the zone is proxied (all web records are). */
  everyHostnameHttps: boolean;
}

export const STATUS_PERMANENT = 301;
const PATH = "http.request.uri.path";

function trimSlash(url: string): string {
  return url.replace(/\/+$/, "");
}

/** A whole-host redirect: every path on `hosts` goes to `base` + the same path, query kept. */
function hostRedirect(ref: string, hosts: string[], base: string, configPath: string): RedirectRule[] {
  return hosts.map((host) => ({
    ref: `${ref}-${host.replace(/\./g, "-")}`,
    description: `${host} → ${trimSlash(base)} (path and query kept)`,
    expression: equalsAny("http.host", [host]),
    target: { expression: `concat(${literal(trimSlash(base))}, ${PATH})` },
    redirect: { from: { host }, to: base, statusCode: STATUS_PERMANENT, preserveQueryString: true },
    hosts: [host],
    configPath,
  }));
}

function routePath(app: AppConfig, route: RouteName): string {
  return app.routes[route];
}

/** Pages behind login plus the API, webhook and auth routes: what the edge must never cache. */
export function privatePathsOf(app: AppConfig): string[] {
  return [...new Set([...app.privatePaths, app.routes.api, app.routes.webhooks, app.routes.login, app.routes.passwordReset, app.routes.invitation])];
}

/** The app's routes the launch checklist requires throttled. */
export function rateLimitedPathsOf(app: AppConfig): string[] {
  return REQUIRED_RATE_LIMITED_ROUTES.map((r) => routePath(app, r));
}

/**
 * Matches every request under any of the routes, case-insensitively so /LOGIN does not slip past; each
 * route in the canonical form Cloudflare normalizes request paths to (rules/paths.ts), so a route written
 * as /%64ashboard or /a//b still matches the requests it names.
 */
export function routesExpression(paths: readonly string[]): string {
  return anyOf([...new Set(paths.map(pathKey))].map((p) => `starts_with(lower(${PATH}), ${literal(p)})`));
}

export function siteModel(zone: ZoneConfig, zoneIndex: number, app: AppConfig): SiteModel {
  const at = (suffix: string) => `zones[${zoneIndex}].${suffix}`;
  const d = zone.domain;
  const records: WebRecord[] = [];
  const redirects: RedirectRule[] = [];
  const keyOf = (label: string) => (label === "@" ? "apex" : label.replace(/\./g, "-"));
  const redirectOnly = (label: string, purpose: string, configPath: string) =>
    records.push({ key: keyOf(label), name: fqdn(label, d), type: "AAAA", content: REDIRECT_ONLY_ORIGIN, proxied: true, purpose, configPath });

  for (const [label, host] of Object.entries(zone.hosts)) {
    const type = originRecordType(host.origin);
    if (type) records.push({ key: keyOf(label), name: fqdn(label, d), type, content: host.origin, proxied: host.proxied, purpose: `origin ${host.origin}`, configPath: at(`hosts${member(label)}.origin`) });
    if (type === "A" && host.originIpv6 !== undefined) {
      records.push({ key: `${keyOf(label)}-ipv6`, name: fqdn(label, d), type: "AAAA", content: host.originIpv6, proxied: host.proxied, purpose: `origin ${host.originIpv6}`, configPath: at(`hosts${member(label)}.originIpv6`) });
    }
  }
  const servedHosts = sortHostnames(new Set(records.filter((r) => r.proxied).map((r) => r.name)));
  const dnsOnlyHosts = sortHostnames(new Set(records.filter((r) => !r.proxied).map((r) => r.name)));
  const authenticatedHosts = sortHostnames(Object.entries(zone.hosts).filter(([, h]) => h.authenticated).map(([label]) => fqdn(label, d)));

  // Legacy paths first: the first matching redirect wins, and each also matches the aliases of its host
  // so www.example.com/old lands on the new URL in one hop, not via example.com/old.
  const aliasTargets = new Map<string, string[]>();
  const hostRedirects: RedirectRule[] = [];
  if (zone.redirectTo) {
    for (const label of ["@", "www"]) redirectOnly(label, `redirects to ${zone.redirectTo}`, at("redirectTo"));
    hostRedirects.push(...hostRedirect("legacy-domain", [d, `www.${d}`], zone.redirectTo, at("redirectTo")));
  } else if (Object.keys(zone.hosts).length > 0) {
    const [canonical, alias] = zone.canonical === "apex" ? [d, `www.${d}`] : [`www.${d}`, d];
    const aliasLabel = zone.canonical === "apex" ? "www" : "@";
    const canonicalLabel = zone.canonical === "apex" ? "@" : "www";
    if (canonicalLabel in zone.hosts && !(aliasLabel in zone.hosts)) {
      redirectOnly(aliasLabel, `alias of ${canonical}`, at("canonical"));
      hostRedirects.push(...hostRedirect("canonical", [alias], `https://${canonical}`, at("canonical")));
    }
  }
  for (const [label, target] of Object.entries(zone.legacyHosts)) {
    redirectOnly(label, `legacy, redirects to ${target}`, at(`legacyHosts${member(label)}`));
    hostRedirects.push(...hostRedirect("legacy-host", [fqdn(label, d)], target, at(`legacyHosts${member(label)}`)));
  }
  for (const r of hostRedirects) {
    const to = new URL(r.redirect.to).hostname;
    aliasTargets.set(to, [...(aliasTargets.get(to) ?? []), r.redirect.from.host]);
  }
  zone.legacyPaths.forEach((p, i) => {
    const from = new URL(p.from);
    const hosts = [from.hostname, ...sortHostnames(aliasTargets.get(from.hostname) ?? [])];
    redirects.push({
      ref: contentRef("legacy-path", `${from.hostname}${from.pathname}`),
      description: `${from.hostname}${from.pathname} → ${p.to}`,
      expression: `(${equalsAny("http.host", hosts)} and ${PATH} eq ${literal(canonicalPath(from.pathname))})`,
      target: { value: p.to },
      redirect: { from: { host: from.hostname, path: from.pathname }, to: p.to, statusCode: STATUS_PERMANENT, preserveQueryString: true },
      hosts,
      configPath: at(`legacyPaths[${i}]`),
    });
  });
  redirects.push(...hostRedirects);

  const serves = servedHosts.length > 0;
  const rateLimits: RateLimitRule[] = serves
    ? zone.edge.rateLimits.map((rl, i) => {
        const paths = rl.routes.map((r) => routePath(app, r));
        return {
          ref: `rate-limit-${rl.name}`,
          description: `${rl.name}: ${rl.requestsPerPeriod} requests per ${rl.period} s per IP on ${paths.join(", ")}`,
          expression: routesExpression(paths),
          routes: rl.routes,
          paths,
          config: rl,
          configPath: at(`edge.rateLimits[${i}]`),
        };
      })
    : [];

  const cacheRules: CacheRule[] = [];
  const publicHosts = servedHosts.filter((h) => !authenticatedHosts.includes(h));
  if (serves && publicHosts.length > 0 && zone.edge.staticAssetPaths.length > 0) {
    cacheRules.push({
      ref: "cache-static-assets",
      description: `cache static assets on ${publicHosts.join(", ")} for ${zone.edge.staticAssetEdgeTtl} s`,
      expression: `(${equalsAny("http.host", publicHosts)} and ${routesExpression(zone.edge.staticAssetPaths)})`,
      cache: true,
      edgeTtl: zone.edge.staticAssetEdgeTtl,
    });
  }
  // Auth, API and private routes are protected where they are served: on the app's zone, and on any zone with a
  // host behind login. A marketing or course site serves none of them, so none are required there.
  const servesAppRoutes = servedHosts.includes(app.host) || authenticatedHosts.some((h) => servedHosts.includes(h));
  const privatePaths = servesAppRoutes ? privatePathsOf(app) : [];
  const extra = extraRecords(d, zone.records, zoneIndex);
  // A hostname answered outside the edge may serve no HTTPS at all: includeSubDomains would lock browsers out of it.
  const outsideEdge = [...dnsOnlyHosts, ...extra.filter((r) => !r.proxied && ["A", "AAAA", "CNAME"].includes(r.type) && !r.name.split(".")[0].startsWith("_")).map((r) => r.name)];
  if (servesAppRoutes) {
    const terms = [...(authenticatedHosts.length ? [equalsAny("http.host", authenticatedHosts)] : []), routesExpression(privatePaths)];
    // Last, so it overrides any earlier rule that would cache: authenticated pages and APIs are never cached.
    cacheRules.push({ ref: "bypass-cache-authenticated", description: "never cache authenticated pages, APIs and auth routes", expression: anyOf(terms), cache: false });
  }

  const managed = serves && (zone.edge.managedRulesets ?? managedRulesetsByDefault(zone.plan))
    ? [
        { ref: "waf-cloudflare-managed", ...MANAGED_RULESETS.cloudflare },
        { ref: "waf-owasp-core", ...MANAGED_RULESETS.owasp },
      ]
    : [];

  const h = zone.edge.securityHeaders;
  const securityHeaders: Record<string, string> = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": h.frameOptions,
    "Referrer-Policy": h.referrerPolicy,
    "Permissions-Policy": h.permissionsPolicy,
    ...(h.contentSecurityPolicy ? { "Content-Security-Policy": h.contentSecurityPolicy } : {}),
  };

  const caa: CaaEntry[] = [
    ...UNIVERSAL_SSL_CAS.flatMap((ca) => [{ tag: "issue", value: ca }, { tag: "issuewild", value: ca }]),
    ...(zone.caaIodef ? [{ tag: "iodef", value: zone.caaIodef }] : []),
  ];

  const hostRoles = sortHostnames([...servedHosts, ...dnsOnlyHosts]).map((name) => ({
    name,
    isAppHost: name === app.host,
    authenticated: authenticatedHosts.includes(name),
    redirects: zone.legacyPaths.filter((p) => new URL(p.from).hostname === name).length,
  }));

  return {
    domain: d, servedHosts, dnsOnlyHosts, authenticatedHosts, hostRoles, records, extraRecords: extra, redirects, rateLimits, cacheRules, privatePaths,
    rateLimitedPaths: servesAppRoutes ? rateLimitedPathsOf(app) : [], managedRulesets: managed, securityHeaders, caa,
    everyHostnameHttps: outsideEdge.length === 0,
    // includeSubDomains defaults to on exactly when every hostname of the zone is proxied.
    hsts: { enabled: true, maxAge: zone.edge.hsts.maxAge, includeSubdomains: zone.edge.hsts.includeSubdomains ?? outsideEdge.length === 0, preload: zone.edge.hsts.preload },
  };
}

/**
 * What the policy pack must know about a zone and can read from no resource input: its Cloudflare plan
 * (a subscription, not an input of a looked-up zone), the environment, and the paths the edge rules must
 * cover. The Site component registers them; the pack reads them there, so it judges the zone by exactly
 * what the stack's config says instead of a per-stack copy that can drift.
 */
export interface SiteFacts {
  domain: string;
  plan: CloudflarePlan;
  environment: Environment;
  rateLimitedPaths: string[];
  privatePaths: string[];
  /** What each hostname with an origin serves: the pack refuses a DNS-only record for one that must be proxied. */
  hostRoles: DnsOnlyHost[];
}

export function siteFacts(zone: ZoneConfig, site: SiteModel, environment: Environment): SiteFacts {
  return { domain: zone.domain, plan: zone.plan, environment, rateLimitedPaths: site.rateLimitedPaths, privatePaths: site.privatePaths, hostRoles: site.hostRoles };
}

/** The portal's canonical hostname: apex or www of the zone that serves the app. */
export function canonicalHostOf(config: { zones: readonly ZoneConfig[]; app: AppConfig }): string {
  const zone = config.zones.find((z) => isInZone(config.app.host, z.domain)) ?? config.zones[0];
  return zone.canonical === "apex" ? zone.domain : `www.${zone.domain}`;
}
