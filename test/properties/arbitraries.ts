/**
 * fast-check arbitraries for stack configurations the schema accepts, built from the schema's own building
 * blocks and limits (PLANS and PLAN_LIMITS, RATE_LIMIT_PERIODS, ROUTE53_CHECKER_REGIONS, the time-to-alert
 * bar, the production bars) so that every generated config is valid by construction: zones on random plans
 * with hosts, origins, aliases, legacy hosts and paths, WAF and rate-limit rules within the plan's limits,
 * email (mailbox, senders, DMARC, MTA-STS, TLS-RPT, or none), app secrets and monitoring. Values are what an
 * operator writes in `Pulumi.<stack>.yaml`; `toRaw` turns one into the raw config the engine hands the program.
 */
import fc from "fast-check";
import type { RawConfig } from "../../gate/load";
import { CloudflarePlan, MITIGATION_TIMEOUTS, PLAN_LIMITS, PLANS, RATE_LIMIT_PERIODS } from "../../rules/cloudflare-plan";
import { MAX_TIME_TO_ALERT_SECONDS, REQUEST_INTERVALS, ROUTE53_CHECKER_REGIONS } from "../../rules/alerting";
import { HSTS_MIN_MAX_AGE_PROD } from "../../rules/tls";
import { engineValue } from "../../offline/engine-config";
import { configObject, shippedConfig } from "../support/harness";

type Environment = "staging" | "prod";
type Json = Record<string, any>;

export interface GeneratedConfig {
  /** `launch-stack:*` values by key without the namespace, as the stack file holds them. */
  config: Json;
  /** Keys set with `pulumi config set --secret` (appSecrets, alertHttpsEndpoint). */
  secretKeys: string[];
}

/** The raw config the engine hands the program: namespaced keys, structured values as JSON text. */
export function toRaw(g: GeneratedConfig): RawConfig {
  const values: Record<string, string> = { "aws:region": "us-east-2" };
  for (const [k, v] of Object.entries(g.config)) values[`launch-stack:${k}`] = engineValue(v);
  return { values, secretKeys: new Set(g.secretKeys.map((k) => `launch-stack:${k}`)) };
}

const DOMAINS = ["example.com", "example.net", "example.org", "portal.example", "clients.example", "acme.test"];
/** A real RSA-2048 public key, as Google Workspace shows it (the prod stack's). */
const DKIM_KEY: string = configObject(shippedConfig("prod")).zones[0].email.mailbox.dkim.publicKey;

const ipv4 = fc.tuple(fc.constantFrom("192.0.2", "198.51.100", "203.0.113"), fc.integer({ min: 1, max: 254 })).map(([net, host]) => `${net}.${host}`);
const ipv6 = fc.integer({ min: 1, max: 0xffff }).map((n) => `2001:db8::${n.toString(16)}`);
const originHost = fc.constantFrom("origin.hosting.test", "portal-prod.onrender.test", "lb-1234.elb.test");
const origin = fc.oneof(ipv4, ipv6, originHost);

/** The team's own mail domain, outside the stack: any zone may be parked (null MX), so alerts and reports go here. */
const TEAM_MAIL = "team-mail.test";
const EXTRA_LABELS = ["api", "admin", "status", "docs", "help", "eu-app"];
const LEGACY_LABELS = ["portal", "old", "legacy", "beta"];

/** Rate-limit rules the plan allows, covering every route, auth no looser than reads, and room for the login uptime check. */
function rateLimits(plan: CloudflarePlan) {
  const limits = PLAN_LIMITS[plan];
  const periods = RATE_LIMIT_PERIODS.filter((p) => p <= Math.min(limits.maxRateLimitPeriod, 600));
  const timeouts = MITIGATION_TIMEOUTS.filter((t) => t >= limits.minMitigationTimeout && t <= limits.maxMitigationTimeout);
  const rule = (name: string, routes: string[], minRate: number) =>
    fc.record({ period: fc.constantFrom(...periods), timeout: fc.constantFrom(...timeouts), challenge: fc.boolean(), extra: fc.integer({ min: 0, max: 50 }) }).map(({ period, timeout, challenge, extra }) => ({
      name,
      routes,
      // A checker sends one request per 10 s at most; the rule must let the login check through.
      requestsPerPeriod: Math.max(Math.ceil(period / 10), Math.ceil(minRate * period)) + extra,
      period,
      mitigationTimeout: challenge ? 0 : timeout,
      action: challenge ? "managed_challenge" : "block",
    }));
  const all = rule("auth-and-api", ["login", "passwordReset", "invitation", "api", "webhooks"], 0).map((r) => [r]);
  if (limits.rateLimitRules < 2) return all;
  const split = rule("auth", ["login", "passwordReset", "invitation"], 0).chain((auth) =>
    rule("api", ["api", "webhooks"], auth.requestsPerPeriod / auth.period).map((api) => [auth, api]));
  return fc.oneof(all, split);
}

function edge(plan: CloudflarePlan, environment: Environment) {
  const limits = PLAN_LIMITS[plan];
  const customRule = fc.record({
    description: fc.constantFrom("Block WordPress probes", "Challenge scripted logins", "Log API bursts"),
    expression: fc.constantFrom('(http.request.uri.path eq "/wp-login.php")', '(http.request.uri.path eq "/xmlrpc.php")', '(http.request.method eq "TRACE")'),
    action: fc.constantFrom("block", "managed_challenge", "js_challenge", "challenge"),
  });
  const maxAges = environment === "prod" ? [HSTS_MIN_MAX_AGE_PROD, 2 * HSTS_MIN_MAX_AGE_PROD] : [86_400, 604_800, HSTS_MIN_MAX_AGE_PROD];
  return fc.record({
    minTlsVersion: fc.constantFrom("1.2", "1.3"),
    hsts: fc.record({ maxAge: fc.constantFrom(...maxAges), includeSubdomains: fc.constantFrom(undefined, true, false), preload: fc.boolean() })
      .map((h) => ({ ...h, preload: h.preload && h.maxAge >= HSTS_MIN_MAX_AGE_PROD && h.includeSubdomains !== false })),
    // managedRulesets: false on a paid plan is a warned, deliberate exception the pack rejects unless the stack's pack config lowers waf-managed-rules.
    managedRulesets: limits.managedRulesets ? fc.constantFrom(undefined, true) : fc.constantFrom(undefined, false),
    // Two rules with one expression are a config error (a repeat never changes the outcome).
    customRules: fc.uniqueArray(customRule, { maxLength: Math.min(2, limits.wafCustomRules), selector: (r) => r.expression }),
    rateLimits: rateLimits(plan),
    securityHeaders: fc.record({
      frameOptions: fc.constantFrom("DENY", "SAMEORIGIN"),
      referrerPolicy: fc.constantFrom("no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"),
      contentSecurityPolicy: fc.constantFrom(undefined, "default-src 'self'; frame-ancestors 'none'"),
    }),
    staticAssetPaths: fc.constantFrom(["/assets/"], ["/static/", "/assets/"]),
    staticAssetEdgeTtl: fc.constantFrom(3600, 86_400),
  }).map(stripUndefined);
}

/** `undefined` fields removed, as a stack file leaves a key out. */
function stripUndefined<T extends Json>(o: T): T {
  return JSON.parse(JSON.stringify(o));
}

/** Who sends and receives mail for `domain`, or nothing (the null-mail set), or explicitly no mail. */
function email(domain: string, environment: Environment) {
  const google = fc.record({ verification: fc.constantFrom(undefined, "google-site-verification=ow-TTVpXN4dLGS1P6qXtmEQRMha5ORrINtUZW-2pp3w") })
    .map(({ verification }) => ({ provider: "google-workspace", ...(verification ? { verification } : {}), dkim: { selector: "google", publicKey: DKIM_KEY } }));
  const microsoft = fc.constantFrom("contoso", "fabrikam").map((tenant) => ({ provider: "microsoft-365", tenant }));
  const senders = fc.subarray([
    { provider: "amazon-ses", region: "us-east-2", mailFrom: "mail", dkimTokens: ["a".repeat(32), "b".repeat(32), "c".repeat(32)] },
    { provider: "postmark", dkim: [{ selector: "20260101000000pm", publicKey: DKIM_KEY }] },
    { provider: "sendgrid", host: "u1234567.wl123.sendgrid.net", returnPath: "em1234" },
    { provider: "mailgun", subdomain: "mg", dkim: [{ selector: "mx", publicKey: DKIM_KEY }] },
  ]);
  const sending = fc.record({
    mailbox: fc.option(fc.oneof(google, microsoft), { nil: undefined }),
    senders,
    spfAll: fc.constantFrom("-all", ...(environment === "prod" ? [] : ["~all"])),
    policy: fc.constantFrom(undefined, "quarantine", "reject", ...(environment === "prod" ? [] : ["none"])),
    alignment: fc.constantFrom(undefined, "r"),
    // mode none only as the retirement step production accepts (rules/mta-sts-mode.ts), or in staging.
    mtaSts: fc.constantFrom("testing", "enforce", ...(environment === "prod" ? [] : ["none"])),
  }).filter((m) => m.mailbox !== undefined || m.senders.length > 0).map((m) => stripUndefined({
    mailbox: m.mailbox,
    senders: m.senders,
    spfAll: m.spfAll,
    dmarc: { policy: m.policy, rua: [`dmarc-reports@${domain}`], adkim: m.alignment, aspf: m.alignment },
    mtaSts: m.mailbox ? { mode: m.mtaSts } : undefined,
    tlsRpt: m.mailbox ? { rua: [`tls-reports@${domain}`] } : undefined,
  }));
  // A parked domain has a null MX: its reports go to a mailbox that receives mail (rules/mail-destinations.ts).
  const parked = fc.boolean().map((reports) => ({ sendsMail: false, ...(reports ? { dmarc: { rua: [`dmarc-reports@${TEAM_MAIL}`] } } : {}) }));
  return fc.option(fc.oneof(sending, parked), { nil: undefined });
}

interface ZoneSeed {
  domain: string;
  plan: CloudflarePlan;
}

/** The zone serving the portal: `app` plus the canonical host and a few more, with their aliases and legacy URLs. */
function appZone({ domain, plan }: ZoneSeed, environment: Environment) {
  return fc.record({
    canonical: fc.constantFrom("apex", "www"),
    extra: fc.subarray(EXTRA_LABELS),
    authenticated: fc.array(fc.boolean(), { minLength: EXTRA_LABELS.length, maxLength: EXTRA_LABELS.length }),
    origins: fc.array(origin, { minLength: EXTRA_LABELS.length + 2, maxLength: EXTRA_LABELS.length + 2 }),
    legacy: fc.subarray(LEGACY_LABELS, { maxLength: 2 }),
    legacyPaths: fc.integer({ min: 0, max: 2 }),
    caaIodef: fc.constantFrom(undefined, `mailto:security@${TEAM_MAIL}`),
    dnssec: fc.constantFrom(undefined, true, false),
    edge: edge(plan, environment),
    email: email(domain, environment),
  }).map((z) => {
    const canonicalLabel = z.canonical === "apex" ? "@" : "www";
    const canonicalHost = z.canonical === "apex" ? domain : `www.${domain}`;
    const hosts: Json = { [canonicalLabel]: { origin: z.origins[0] }, app: { origin: z.origins[1], authenticated: true } };
    // The app and the API host serve logged-in pages: they are always authenticated (rules/edge-cache.ts).
    z.extra.forEach((label, i) => { hosts[label] = { origin: z.origins[i + 2], authenticated: label === "api" || z.authenticated[i] }; });
    const appUrl = `https://app.${domain}`;
    return stripUndefined({
      domain, plan, canonical: z.canonical, caaIodef: z.caaIodef, dnssec: z.dnssec,
      hosts,
      legacyHosts: Object.fromEntries(z.legacy.map((label, i) => [label, i === 0 ? appUrl : `https://${canonicalHost}`])),
      legacyPaths: Array.from({ length: z.legacyPaths }, (_, i) => ({ from: `https://${canonicalHost}/old-page-${i}.php`, to: `${appUrl}/page-${i}` })),
      edge: z.edge,
      email: z.email,
    });
  });
}

/** Another zone: a client site on its own origin, or a retired domain that redirects to the portal. */
function otherZone({ domain, plan }: ZoneSeed, environment: Environment, portal: string) {
  const site = fc.record({ origin, status: fc.boolean(), edge: edge(plan, environment), email: email(domain, environment) }).map((z) => stripUndefined({
    domain, plan,
    hosts: { "@": { origin: z.origin }, ...(z.status ? { status: { origin: z.origin } } : {}) },
    edge: z.edge,
    email: z.email,
  }));
  const retired = fc.boolean().map((reports) => ({
    domain, plan, redirectTo: portal,
    email: { sendsMail: false, ...(reports ? { dmarc: { rua: [`dmarc-reports@${TEAM_MAIL}`] } } : {}) },
  }));
  return fc.oneof(site, retired);
}

const ROUTES = {
  login: ["/login", "/signin"],
  passwordReset: ["/password/reset", "/forgot-password"],
  invitation: ["/invitations/accept", "/invite"],
  api: ["/api/", "/v1/"],
  webhooks: ["/webhooks/", "/hooks/"],
  health: ["/api/health", "/healthz"],
};

function app(domain: string) {
  return fc.record({
    routes: fc.option(fc.record(Object.fromEntries(Object.entries(ROUTES).map(([k, v]) => [k, fc.constantFrom(...v)])) as Record<keyof typeof ROUTES, fc.Arbitrary<string>>), { nil: undefined }),
    privatePaths: fc.subarray(["/dashboard", "/account", "/settings", "/billing"], { minLength: 1 }),
    trustedOrigins: fc.constantFrom([], [`https://app.${domain}`]),
  }).map((a) => stripUndefined({ host: `app.${domain}`, ...a }));
}

const PLAIN_VARS: Json = { LOG_LEVEL: "info", FEATURE_FLAGS: "beta-billing,new-invites", SUPPORT_EMAIL: "support@example.com", STRIPE_PUBLISHABLE_KEY: "pk_test_51FixturePublishableKey0000" };
const SUPPLIED = ["DATABASE_URL", "STRIPE_SECRET_KEY", "SMTP_PASSWORD"];
const GENERATED = ["SESSION_SECRET", "JWT_SIGNING_KEY"];

function secrets(environment: Environment) {
  return fc.record({
    store: fc.constantFrom(undefined, "secretsManager", "ssmParameterStore"),
    prefix: fc.constantFrom(undefined, `portal/${environment}`, `${environment}/launch-stack`),
    recoveryWindowInDays: fc.constantFrom(undefined, ...(environment === "prod" ? [30] : [7, 14, 30])),
    keyDeletionWindowInDays: fc.constantFrom(undefined, ...(environment === "prod" ? [30] : [7, 30])),
    plain: fc.subarray(Object.keys(PLAIN_VARS)),
    supplied: fc.subarray(SUPPLIED),
    generated: fc.subarray(GENERATED),
    length: fc.integer({ min: 32, max: 512 }),
    special: fc.boolean(),
    rotation: fc.constantFrom(undefined, 1, 2),
  }).map((s) => ({
    secrets: stripUndefined({
      store: s.store, prefix: s.prefix, recoveryWindowInDays: s.recoveryWindowInDays, keyDeletionWindowInDays: s.keyDeletionWindowInDays,
      env: {
        ...Object.fromEntries(s.plain.map((name) => [name, PLAIN_VARS[name]])),
        ...Object.fromEntries(s.supplied.map((name) => [name, stripUndefined({ source: "supplied", rotation: s.rotation })])),
        ...Object.fromEntries(s.generated.map((name) => [name, stripUndefined({ source: "generated", length: s.length, special: s.special, rotation: s.rotation })])),
      },
    }),
    appSecrets: Object.fromEntries(s.supplied.map((name) => [name, `value-of-${name.toLowerCase()}-${s.length}`])),
  }));
}

/** Check timing within the time-to-alert bar, three or more checker regions, people enough for the environment. */
function monitoring(environment: Environment) {
  const timing = fc.record({ requestInterval: fc.constantFrom(...REQUEST_INTERVALS), alarmPeriod: fc.constantFrom(60, 120), datapointsToAlarm: fc.integer({ min: 1, max: 2 }) })
    .chain((t) => fc.integer({ min: 1, max: Math.min(10, Math.floor((MAX_TIME_TO_ALERT_SECONDS - t.alarmPeriod * t.datapointsToAlarm) / t.requestInterval)) }).map((failureThreshold) => ({ ...t, failureThreshold })));
  return fc.record({
    timing,
    regions: fc.subarray([...ROUTE53_CHECKER_REGIONS], { minLength: 3 }),
    thresholdMs: fc.integer({ min: 200, max: environment === "prod" ? 500 : 2000 }),
    evaluationPeriods: fc.integer({ min: 2, max: 5 }),
    people: fc.subarray(["dana.whitfield", "sam.okafor", "lee.chen"], { minLength: environment === "prod" ? 2 : 1 }),
    slack: fc.boolean(),
    pager: fc.boolean(),
    testAccount: fc.boolean(),
  }).map((m) => ({
    monitoring: {
      ...m.timing,
      // Production signs in with a test account or says why not; dashboardPath is set from the app's private paths.
      canaries: {
        login: m.testAccount
          ? { testAccount: { username: `synthetic-monitor@${TEAM_MAIL}`, passwordSecretName: `launch-stack/${environment}/canary-login-password` } }
          : environment === "prod" ? { noTestAccountReason: "Login is SSO-only through the customer's identity provider" } : {},
      },
      regions: m.regions,
      latency: { thresholdMs: m.thresholdMs, evaluationPeriods: m.evaluationPeriods, datapointsToAlarm: 2 },
      alerts: {
        emails: m.people.map((p) => `${p}@${TEAM_MAIL}`),
        ...(m.slack ? { slack: { workspaceId: "T07EA123LEP", channelId: "C07EZ1ABC23", channelName: "#portal-alerts" } } : {}),
      },
    },
    alertHttpsEndpoint: m.pager ? "https://events.pagerduty.test/integration/0123456789abcdef/enqueue" : undefined,
  }));
}

/** A whole stack the schema accepts: 1 to `maxZones` zones, the first serving the portal. */
export function validStack(maxZones = 3): fc.Arbitrary<GeneratedConfig> {
  return fc.record({
    environment: fc.constantFrom<Environment>("staging", "prod"),
    domains: fc.shuffledSubarray(DOMAINS, { minLength: 1, maxLength: maxZones }),
    plans: fc.array(fc.constantFrom(...PLANS), { minLength: maxZones, maxLength: maxZones }),
    accountId: fc.stringMatching(/^[0-9a-f]{32}$/),
  }).chain(({ environment, domains, plans, accountId }) => {
    const seeds = domains.map((domain, i) => ({ domain, plan: plans[i] }));
    const portal = `https://app.${seeds[0].domain}`;
    return fc.record({
      zones: fc.tuple(appZone(seeds[0], environment), ...seeds.slice(1).map((s) => otherZone(s, environment, portal))),
      app: app(seeds[0].domain),
      secrets: secrets(environment),
      monitoring: monitoring(environment),
    }).map(({ zones, app: appConfig, secrets: s, monitoring: m }) => {
      const config: Json = {
        environment,
        cloudflareAccountId: accountId,
        app: appConfig,
        secrets: s.secrets,
        monitoring: { ...m.monitoring, canaries: { login: { ...m.monitoring.canaries.login, dashboardPath: appConfig.privatePaths[0] } } },
        zones,
      };
      const secretKeys: string[] = [];
      if (Object.keys(s.appSecrets).length > 0) {
        config.appSecrets = s.appSecrets;
        secretKeys.push("appSecrets");
      }
      if (m.alertHttpsEndpoint) {
        config.alertHttpsEndpoint = m.alertHttpsEndpoint;
        secretKeys.push("alertHttpsEndpoint");
      }
      return { config, secretKeys };
    });
  });
}
