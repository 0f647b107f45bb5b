/**
 * Cross-field checks on the parsed config. Each one derives what will be declared (model/) and runs the
 * shared rules over it, so the config gate, the policy pack and the verifier judge the same facts.
 */
import { AUTH_ROUTES } from "../config/app";
import type { ConfigProblem } from "../config/problem";
import type { StackConfig } from "../config/schema";
import { siteModel, SiteModel } from "../model/site";
import {
  checkManagedRulesets, checkMitigationTimeout, checkRateLimitExpression, checkRateLimitPeriod, checkRegex, checkRuleCount,
  managedRulesetsByDefault,
} from "../rules/cloudflare-plan";
import { checkRepeatedExpressions, fieldsOf, usesRegex } from "../rules/expression";
import { checkUniversalSslCoverage } from "../rules/certificate";
import { Finding, formatFinding } from "../rules/finding";
import { fqdn, isHostname, isInZone, originRecordType } from "../rules/hostnames";
import { checkRateLimitCoverage } from "../rules/rate-limits";
import { checkRedirectMap } from "../rules/redirects";
import { checkHsts, checkMinTlsVersion } from "../rules/tls";
import { checkCaching } from "../config/cache-checks";
import { checkDeployLimits } from "./deploy-limits";
import { checkEmail } from "./email-checks";
import { checkMailDestinations } from "./mail-destination-checks";
import { checkPlaintextCredentials } from "../config/plaintext-credentials";
import { member } from "../config/errors";
import { checkMonitoring } from "./monitoring-checks";
import { checkDnsOnlyHosts, checkExtraRecords } from "./record-checks";
import { checkSecrets } from "../config/secrets";

type Stack = Omit<StackConfig, never>;

function problem(path: string, f: Finding | string): ConfigProblem {
  return { path: [path], message: typeof f === "string" ? f : formatFinding(f) };
}

export function checkStack(config: Stack): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  const domains = config.zones.map((z) => z.domain);
  const sites = config.zones.map((zone, i) => siteModel(zone, i, config.app));

  config.zones.forEach((zone, i) => {
    const at = (s: string) => `zones[${i}].${s}`;
    const site = sites[i];
    if (domains.indexOf(zone.domain) !== i) out.push(problem(at("domain"), `${zone.domain} is declared twice; merge the two entries`));
    out.push(...checkZoneShape(config, i));
    for (const f of checkMinTlsVersion(zone.edge.minTlsVersion)) out.push(problem(at("edge.minTlsVersion"), f));
    for (const f of checkHsts(site.hsts, { environment: config.environment, everyHostnameHttps: site.everyHostnameHttps })) out.push(problem(at("edge.hsts"), f));
    out.push(...checkPlan(config, i, site));
    out.push(...checkRateLimits(site, i));
  });

  const servedHosts = new Set(sites.flatMap((s) => s.servedHosts));
  // One redirect per hostname a rule matches, as the pack reads the declared rules.
  const allRedirects = sites.flatMap((s) => s.redirects).flatMap((r) => r.hosts.map((host) => ({ configPath: r.configPath, redirect: { ...r.redirect, from: { ...r.redirect.from, host } } })));
  const reported = new Set<string>();
  for (const { index, finding } of checkRedirectMap(allRedirects.map((r) => r.redirect), servedHosts)) {
    // A rule's finding shared by all its hostnames (a 302, say) is one problem, not one per hostname.
    const line = problem(allRedirects[index].configPath, finding);
    const key = `${line.path.join()} ${line.message}`;
    if (!reported.has(key)) out.push(line);
    reported.add(key);
  }

  if (!servedHosts.has(config.app.host) && !sites.some((s) => s.dnsOnlyHosts.includes(config.app.host))) {
    out.push(problem("app.host", `${config.app.host} is not a hostname with an origin in any zone; add it under zones[].hosts or correct app.host`));
  }
  out.push(...checkSecrets(config), ...checkMonitoring(config));
  out.push(...checkEmail(config), ...checkCaching(config), ...checkMailDestinations(config), ...checkPlaintextCredentials(config), ...checkDeployLimits(config));
  out.push(...checkExtraRecords(config), ...checkDnsOnlyHosts(config));
  return out;
}

/** Hostnames, origins, canonical and redirect-only rules that zod's per-field types cannot express. */
function checkZoneShape(config: Stack, i: number): ConfigProblem[] {
  const zone = config.zones[i];
  const at = (s: string) => `zones[${i}].${s}`;
  const out: ConfigProblem[] = [];
  const hostCount = Object.keys(zone.hosts).length;
  if (zone.redirectTo) {
    if (hostCount > 0 || Object.keys(zone.legacyHosts).length > 0 || zone.legacyPaths.length > 0) {
      out.push(problem(at("redirectTo"), "a redirect-only zone has no hosts, legacyHosts or legacyPaths; remove them or remove redirectTo"));
    }
    return out;
  }
  if (hostCount === 0) out.push(problem(at("hosts"), "declare at least one hostname with an origin, or set redirectTo for a redirect-only domain"));
  // Proxied and legacy hostnames are answered by the edge, so it must present a certificate for each.
  for (const [key, labels] of [["hosts", Object.keys(zone.hosts).filter((l) => zone.hosts[l].proxied)], ["legacyHosts", Object.keys(zone.legacyHosts)]] as const) {
    for (const label of labels) {
      for (const f of checkUniversalSslCoverage(fqdn(label, zone.domain), zone.domain)) out.push(problem(at(`${key}${member(label)}`), f));
    }
  }
  for (const [label, host] of Object.entries(zone.hosts)) {
    if (host.originIpv6 !== undefined && originRecordType(host.origin) !== "A") out.push(problem(at(`hosts${member(label)}.originIpv6`), `pairs an IPv6 address with an IPv4 origin, but origin is "${host.origin}"; set origin to the IPv4 address, or move this address to origin`));
    if (!originRecordType(host.origin)) out.push(problem(at(`hosts${member(label)}.origin`), `"${host.origin}" is not an IPv4 address, IPv6 address or hostname; set the origin server's address`));
    else if (host.proxied && isInZone(host.origin, zone.domain) && isHostname(host.origin)) out.push(problem(at(`hosts${member(label)}.origin`), `origin ${host.origin} is inside the zone itself and would loop through the proxy; point at the origin server's own hostname or address`));
    if (label in zone.legacyHosts) out.push(problem(at(`legacyHosts${member(label)}`), `${label} is both a served host and a legacy host; keep one`));
  }
  const [canonicalLabel, aliasLabel] = zone.canonical === "apex" ? ["@", "www"] : ["www", "@"];
  if (hostCount > 0 && !(canonicalLabel in zone.hosts)) {
    out.push(problem(at("hosts"), `canonical is ${zone.canonical} but hosts has no "${canonicalLabel}" entry; add its origin or change canonical`));
  }
  if (aliasLabel in zone.hosts) {
    out.push(problem(at(`hosts${member(aliasLabel)}`), `${aliasLabel === "@" ? "the apex" : "www"} is the alias of the canonical ${zone.canonical} and redirects to it; remove it from hosts`));
  }
  if (aliasLabel in zone.legacyHosts) out.push(problem(at(`legacyHosts${member(aliasLabel)}`), `${aliasLabel} already redirects to the canonical host; remove it from legacyHosts`));
  zone.legacyPaths.forEach((p, j) => {
    const host = new URL(p.from).hostname;
    if (!isInZone(host, zone.domain)) out.push(problem(at(`legacyPaths[${j}].from`), `${host} is outside the zone ${zone.domain}; list it under the zone it belongs to`));
    const u = new URL(p.from);
    if (u.search) out.push(problem(at(`legacyPaths[${j}].from`), "a legacy path matches the path only; remove the query string"));
  });
  return out;
}

function checkPlan(config: Stack, i: number, site: SiteModel): ConfigProblem[] {
  const zone = config.zones[i];
  const at = (s: string) => `zones[${i}].${s}`;
  const plan = zone.plan;
  const out: ConfigProblem[] = [];
  const add = (path: string, fs: Finding[]) => fs.forEach((f) => out.push(problem(path, f)));
  add(at("edge.managedRulesets"), checkManagedRulesets(zone.edge.managedRulesets ?? managedRulesetsByDefault(plan), plan));
  add(at("edge.customRules"), checkRuleCount("WAF custom rules", zone.edge.customRules.length, plan));
  zone.edge.customRules.forEach((r, j) => add(at(`edge.customRules[${j}].expression`), checkRegex(r.expression, plan, usesRegex)));
  for (const { index, finding } of checkRepeatedExpressions(zone.edge.customRules.map((r) => r.expression))) add(at(`edge.customRules[${index}].expression`), [finding]);
  add(at("edge.rateLimits"), checkRuleCount("rate-limiting rules", site.rateLimits.length, plan));
  for (const rl of site.rateLimits) {
    add(`${rl.configPath}.period`, checkRateLimitPeriod(rl.config.period, plan));
    add(`${rl.configPath}.mitigationTimeout`, checkMitigationTimeout(rl.config.mitigationTimeout, plan, rl.config.action));
    add(`${rl.configPath}.routes`, checkRateLimitExpression(rl.expression, plan, fieldsOf, usesRegex));
  }
  add(at("legacyPaths"), checkRuleCount("single redirect rules", site.redirects.length, plan));
  return out;
}

/**
 * Every zone that serves pages throttles the app's login, reset, invitation, API and webhook paths, judged
 * on the rules it will declare exactly as the policy pack judges them; and auth no looser than reads.
 */
function checkRateLimits(site: SiteModel, zoneIndex: number): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  const rules = site.rateLimits.map((r) => ({ expression: r.expression, action: r.config.action }));
  for (const f of checkRateLimitCoverage(rules, site.rateLimitedPaths)) out.push(problem(`zones[${zoneIndex}].edge.rateLimits`, f));
  const rate = (r: { config: { requestsPerPeriod: number; period: number } }) => r.config.requestsPerPeriod / r.config.period;
  const authRules = site.rateLimits.filter((r) => r.routes.some((x) => AUTH_ROUTES.includes(x)));
  const readRules = site.rateLimits.filter((r) => !r.routes.some((x) => AUTH_ROUTES.includes(x)));
  for (const auth of authRules) {
    for (const read of readRules) {
      if (rate(auth) > rate(read)) {
        out.push(problem(`${auth.configPath}.requestsPerPeriod`, `auth rule ${auth.config.name} allows ${auth.config.requestsPerPeriod}/${auth.config.period} s, looser than ${read.config.name} (${read.config.requestsPerPeriod}/${read.config.period} s); make auth routes the stricter limit`));
      }
    }
  }
  return out;
}
