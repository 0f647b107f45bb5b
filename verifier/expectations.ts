/**
 * What the live launch must show, derived from the parsed stack config through model/site.ts and
 * model/email.ts, the same models the components declare from: hostnames, redirects, headers, private
 * paths, core endpoints and mail records. Plain data, so a reviewer (and a test) can read what will be probed.
 */
import { P95Watcher, p95Watchers } from "../model/latency-watch";
import type { StackConfig } from "../config/schema";
import { EmailModel, emailModels } from "../model/email";
import { canonicalHostOf, siteModel, SiteModel } from "../model/site";
import { LATENCY_THRESHOLD_MS } from "../rules/alerting";
import { untrustedOrigins } from "../rules/access";
import type { CaaEntry } from "../rules/caa";
import type { BurstRule } from "../rules/rate-limit-burst";
import type { BudgetRule } from "../rules/request-budget";
import { parseDmarc } from "../rules/dmarc";
import type { Environment, Hsts } from "../rules/tls";
import { canonicalIpv6 } from "./dns";

/** Path and query every whole-host redirect is probed with: both must arrive unchanged. */
export const PROBE_PATH = "/launch-verify";
export const PROBE_QUERY = "probe=launch-stack";
/** An origin no stack trusts (`.invalid` is reserved, RFC 2606), sent to see whether CORS reflects it. */
export const UNTRUSTED_ORIGIN = "https://untrusted-origin.invalid";
/** Requests per core endpoint for the p95 (after one uncounted warm-up that opens the connection). */
export const DEFAULT_LATENCY_SAMPLES = 5;
/** Loads per page for the LCP p75: enough to drop one cold outlier, few enough to stay quick. */
export const DEFAULT_BROWSER_LOADS = 3;

export interface HostnameExpectation {
  name: string;
  zone: string;
  /** How it is declared: a proxied A/AAAA/CNAME, or the MTA-STS Worker's custom domain; either way the edge answers. */
  declared: string;
  /** A DNS-only host: the record it must answer with, instead of the edge's addresses. */
  dnsOnly?: { type: string; content: string };
}

/** Records the stack declares at one name and type; the live answer must hold every value. */
export interface DeclaredRecordSet {
  name: string;
  type: "TXT" | "MX" | "CNAME";
  /** TXT values (strings joined), `<priority> <host>` for MX (`.` is the null MX), the target for a CNAME. */
  values: string[];
}

/** A zone's extra records (zones[].records) at one name and type; the live answer must hold every value. */
export interface ExtraRecordExpectation {
  name: string;
  type: string;
  /** As model/records.ts compares them (ExtraRecord.value), MX as `<priority> <host>`, AAAA in canonical form. */
  values: string[];
  /** A proxied A/AAAA/CNAME: the edge answers, not the content. */
  proxied: boolean;
  /** A DNS-only CNAME Cloudflare flattens: the name answers the target's addresses, not the CNAME. */
  flattened?: true;
  /** The first record's key path, for the fix. */
  configPath: string;
}

export interface ZoneExpectation {
  domain: string;
  /** CAA entries declared at the apex (components/web-records.ts). */
  caa: CaaEntry[];
}

export interface RedirectExpectation {
  requested: string;
  expected: string;
  /** The final URL is on an authenticated host: an anonymous redirect from it to a login page is not a second hop. */
  finalRequiresLogin: boolean;
}

export interface HeaderExpectation {
  url: string;
  /** The zone's declared HSTS (includeSubDomains defaulted as the component does). */
  hsts: Hsts;
  /** Every hostname in the zone is HTTPS-proxied (the context checkHsts judges includeSubDomains in). */
  everyHostnameHttps: boolean;
}

export interface EmailExpectation {
  domain: string;
  /** false: a parked or redirect-only domain, which must publish the null-mail set (SPF -all, null MX, DMARC reject). */
  sendsMail: boolean;
  /** Names that carry an SPF record: the apex and each sender's MAIL FROM name. */
  spfNames: string[];
  /** The declared DMARC p=. */
  dmarcPolicy: string;
  /** Where each DKIM key lives (a TXT there, or behind the provider's CNAME). */
  dkim: { name: string; selector: string }[];
  /** The declared MTA-STS policy and where it is served. */
  mtaSts?: { url: string; policy: string };
  tlsRpt: boolean;
}

export interface Expectations {
  environment: Environment;
  zones: ZoneExpectation[];
  hostnames: HostnameExpectation[];
  /** Mail and verification records (model/email.ts), grouped by name and type. */
  mailRecords: DeclaredRecordSet[];
  /** The zones' extra records, grouped by name, type and proxied state. */
  extraRecords: ExtraRecordExpectation[];
  redirects: RedirectExpectation[];
  headers: HeaderExpectation[];
  access: {
    privateUrls: string[];
    loginPath: string;
    corsUrls: string[];
    /** Origins sent to each CORS URL, none of which may be granted (rules/access.ts untrustedOrigins). */
    untrustedOrigins: string[];
  };
  /** `alarmedBy`: the sources that alarm on the same p95 bar between audits (model/latency-watch.ts). */
  latency: { urls: string[]; samples: number; budgetMs: number; alarmedBy: P95Watcher[] };
  secrets: {
    /** Pages whose scripts are scanned. */
    pages: string[];
    /**
     * The URL each page is fetched as: the page itself, or the URL a redirect row's final hop GETs when that
     * is the page with only the probe query added (a legacy `/login.php` lands on `/login?probe=launch-stack`).
     * Both GET without following redirects and send the same headers, so one request answers both (a shared
     * demand, rules/request-budget.ts): a counted login page costs the run one request, not two.
     */
    fetchAs: Record<string, string>;
    /** Scripts are fetched only from these domains (first party); others are listed, not fetched. */
    firstPartyDomains: string[];
    /** The stack's secret variable names (secrets.env entries with a secret source): any literal assigned to one leaks it. */
    secretNames: string[];
  };
  email: EmailExpectation[];
  /** Pages a headless browser loads on a mobile profile (home, login, app.keyPages), and how often each. */
  browser: { pages: string[]; loginUrl: string; loads: number };
  /** Every declared rate-limit rule, as verify's request budget counts against it (rules/request-budget.ts). */
  rateLimits: BudgetRule[];
  /** `verify --burst` only (empty otherwise): each rate-limit rule covering the login route, proven by a bounded burst to it. */
  burst: BurstTarget[];
  /** `verify --burst` when no rule covers the login route: nothing to prove, said in a row of its own. */
  burstUncovered?: { url: string; rulesKey: string };
  /**
   * Hosts graded as the MDN HTTP Observatory grades them (verifier/checks/header-grade.ts says why these),
   * and for the app host when it is behind login, the login page its root may redirect a logged-out scan to.
   */
  headerGrades: { hosts: string[]; loginUrls: Record<string, string> };
}

export interface BurstTarget {
  /** The login route on the app host, the stack's own hostname: the only URL a burst is ever sent to. */
  url: string;
  rule: BurstRule;
  /** The rule's key path (zones[i].edge.rateLimits[j]): what the run's request budget knows it by. */
  configPath: string;
  /** The burst stops by then: the rule's counting period, or less when the check's timeout is shorter. */
  timeLimitMs: number;
}

export interface ExpectationOptions {
  latencySamples?: number;
  /** `--burst`: prove the login route's rate limits live, each burst within `timeoutMs` (the check's timeout). */
  burst?: { timeoutMs: number };
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, "");
}

function withQuery(url: string): string {
  const u = new URL(url);
  u.search = u.search ? `${u.search.slice(1)}&${PROBE_QUERY}` : PROBE_QUERY;
  return u.toString();
}

function redirectsOf(site: SiteModel, authenticated: ReadonlySet<string>): RedirectExpectation[] {
  const out: RedirectExpectation[] = [];
  const add = (requested: string, expected: string) =>
    out.push({ requested: withQuery(requested), expected: withQuery(expected), finalRequiresLogin: authenticated.has(new URL(expected).hostname) });
  for (const host of site.servedHosts) add(`http://${host}${PROBE_PATH}`, `https://${host}${PROBE_PATH}`);
  for (const r of site.redirects) {
    if (r.redirect.from.path === undefined) {
      add(`https://${r.redirect.from.host}${PROBE_PATH}`, `${trimSlash(r.redirect.to)}${PROBE_PATH}`);
      continue;
    }
    // A legacy path also answers on the aliases of its host, straight to the new URL.
    for (const host of r.hosts) add(`https://${host}${r.redirect.from.path}`, r.redirect.to);
  }
  return out;
}

function emailOf(model: EmailModel): EmailExpectation {
  return {
    domain: model.domain,
    sendsMail: model.sendsMail,
    spfNames: model.sendsMail ? model.spf.map((p) => p.name) : [],
    dmarcPolicy: parseDmarc(model.dmarc.value).p ?? "none",
    dkim: model.dkim.map((d) => ({ name: d.name, selector: d.selector })),
    mtaSts: model.mtaSts ? { url: model.mtaSts.url, policy: model.mtaSts.policy } : undefined,
    tlsRpt: model.tlsRpt !== undefined,
  };
}

function recordSets(models: readonly EmailModel[]): DeclaredRecordSet[] {
  const sets = new Map<string, DeclaredRecordSet>();
  for (const r of models.flatMap((m) => m.records)) {
    const key = `${r.type} ${r.name}`;
    const set = sets.get(key) ?? sets.set(key, { name: r.name, type: r.type, values: [] }).get(key)!;
    set.values.push(r.type === "MX" ? `${r.priority} ${r.value}` : r.value);
  }
  return [...sets.values()];
}

function appZoneIndex(config: StackConfig, sites: readonly { site: SiteModel }[]): number {
  return sites.findIndex((s) => s.site.servedHosts.includes(config.app.host));
}

/** Rules in the app host's zone that cover its login route (a rule's expression matches the path on every host of its zone). */
function burstTargets(config: StackConfig, sites: readonly { site: SiteModel }[], timeoutMs: number): BurstTarget[] {
  const app = config.app;
  const zone = sites[appZoneIndex(config, sites)];
  const url = `https://${app.host}${app.routes.login}`;
  // Time for the requests; the rest of the check's timeout is the verdict's margin.
  const bound = Math.floor(timeoutMs * 0.8);
  return (zone?.site.rateLimits ?? [])
    .filter((r) => r.routes.includes("login"))
    .map((r) => ({
      url,
      rule: { name: r.config.name, requestsPerPeriod: r.config.requestsPerPeriod, period: r.config.period, mitigationTimeout: r.config.mitigationTimeout, action: r.config.action },
      configPath: r.configPath,
      timeLimitMs: Math.min(r.config.period * 1000, bound),
    }));
}

/** Every zone's rate-limit rules as the budget counts them: by path prefix on every host of the zone. */
function budgetRules(sites: readonly { site: SiteModel }[]): BudgetRule[] {
  return sites.flatMap(({ site }) =>
    site.rateLimits.map((r) => ({ name: r.config.name, configPath: r.configPath, domain: site.domain, paths: r.paths, requestsPerPeriod: r.config.requestsPerPeriod, period: r.config.period, mitigationTimeout: r.config.mitigationTimeout })),
  );
}

function extraRecordSets(sites: readonly SiteModel[]): ExtraRecordExpectation[] {
  const sets = new Map<string, ExtraRecordExpectation>();
  for (const r of sites.flatMap((s) => s.extraRecords)) {
    const key = `${r.type} ${r.name} ${r.proxied}`;
    const set = sets.get(key) ?? sets.set(key, { name: r.name, type: r.type, values: [], proxied: r.proxied, ...(r.settings?.flattenCname ? { flattened: true as const } : {}), configPath: r.configPath }).get(key)!;
    set.values.push(r.type === "MX" ? `${r.priority} ${r.value === "." ? "." : r.value}` : r.type === "AAAA" ? canonicalIpv6(r.value) : r.value);
  }
  return [...sets.values()];
}

export function expectationsFor(config: StackConfig, options: ExpectationOptions = {}): Expectations {
  const sites = config.zones.map((zone, i) => ({ zone, site: siteModel(zone, i, config.app) }));
  const mail = emailModels(config.zones);
  const authenticated = new Set(sites.flatMap((s) => s.site.authenticatedHosts));
  const app = config.app;
  const canonicalHost = canonicalHostOf(config);
  const appUrl = (path: string) => `https://${app.host}${path}`;
  const unique = (values: string[]) => [...new Set(values)];
  const burst = options.burst ? burstTargets(config, sites, options.burst.timeoutMs) : undefined;
  const redirects = sites.flatMap(({ site }) => redirectsOf(site, authenticated));
  const secretPages = unique([`https://${canonicalHost}/`, appUrl(app.routes.login)]);

  return {
    environment: config.environment,
    zones: sites.map(({ zone, site }) => ({ domain: zone.domain, caa: site.caa })),
    hostnames: [
      // A dual-stack proxied host (hosts.<label>.originIpv6) is one hostname at the edge: one row.
      ...sites.flatMap(({ zone, site }) => site.records.filter((r, i, all) => !r.proxied || all.findIndex((o) => o.proxied && o.name === r.name) === i).map((r) => (r.proxied
        ? { name: r.name, zone: zone.domain, declared: `${r.type}, proxied` }
        : { name: r.name, zone: zone.domain, declared: `${r.type} ${r.content}, DNS only`, dnsOnly: { type: r.type, content: r.type === "AAAA" ? canonicalIpv6(r.content) : r.content } }))),
      ...mail.flatMap((m) => (m.mtaSts ? [{ name: m.mtaSts.hostname, zone: m.domain, declared: "MTA-STS Worker custom domain" }] : [])),
    ],
    mailRecords: recordSets(mail),
    extraRecords: extraRecordSets(sites.map((s) => s.site)),
    redirects,
    headers: sites.flatMap(({ site }) =>
      site.servedHosts.map((host) => ({
        url: `https://${host}/`,
        hsts: site.hsts,
        everyHostnameHttps: site.everyHostnameHttps,
      })),
    ),
    access: {
      privateUrls: app.privatePaths.map(appUrl),
      loginPath: app.routes.login,
      corsUrls: unique([...[...authenticated].map((h) => `https://${h}/`), appUrl(app.routes.api)]),
      untrustedOrigins: untrustedOrigins(app.trustedOrigins, config.zones.map((z) => z.domain), UNTRUSTED_ORIGIN),
    },
    latency: {
      urls: unique([`https://${canonicalHost}/`, appUrl(app.routes.login), appUrl(app.routes.health)]),
      samples: options.latencySamples ?? DEFAULT_LATENCY_SAMPLES,
      budgetMs: LATENCY_THRESHOLD_MS,
      alarmedBy: p95Watchers(config),
    },
    secrets: { pages: secretPages, fetchAs: Object.fromEntries(secretPages.map((p) => [p, redirects.some((r) => r.expected === withQuery(p)) ? withQuery(p) : p])), firstPartyDomains: config.zones.map((z) => z.domain),
      secretNames: Object.entries(config.secrets.env).filter(([, v]) => typeof v !== "string").map(([name]) => name),
    },
    email: mail.map(emailOf),
    browser: { pages: unique([`https://${canonicalHost}/`, appUrl(app.routes.login), ...app.keyPages.map(appUrl)]), loginUrl: appUrl(app.routes.login), loads: DEFAULT_BROWSER_LOADS },
    rateLimits: budgetRules(sites),
    burst: burst ?? [],
    ...(burst?.length === 0 ? { burstUncovered: { url: appUrl(app.routes.login), rulesKey: `zones[${Math.max(0, appZoneIndex(config, sites))}].edge.rateLimits` } } : {}),
    headerGrades: { hosts: unique([canonicalHost, app.host]), loginUrls: authenticated.has(app.host) ? { [app.host]: appUrl(app.routes.login) } : {} },
  };
}
