/**
 * Single-rule breakers for a valid generated config: each changes one thing an operator could get wrong
 * (a wrong type, an unknown key, a value outside a plan's limits or a production bar, a secret in
 * plaintext, a cross-field rule) and names the key path the error line must start with.
 */
import fc from "fast-check";
import type { RawConfig } from "../../gate/load";
import { GeneratedConfig, toRaw } from "./arbitraries";

export interface Broken {
  raw: RawConfig;
  /** The key path, namespace included, a problem line must start with. */
  keyPath: string;
}

type Json = Record<string, any>;

interface Mutation {
  name: string;
  /** Breaks `c` in place (a deep copy); returns the key path that must be named. `n` picks among choices. */
  apply(c: Json, n: number, secretKeys: Set<string>, extraRaw: Record<string, string>): string;
}

const zoneAt = (c: Json, n: number) => n % c.zones.length;
/** The first zone that serves pages (has hosts), which every config has: the portal's. */
const servingZone = (c: Json, n: number) => {
  const serving = c.zones.map((z: Json, i: number) => (z.hosts ? i : -1)).filter((i: number) => i >= 0);
  return serving[n % serving.length] as number;
};

/** A zone that serves the app's routes (hosts app.host, or a logged-in host), where rate limits are required. */
const appRoutesZone = (c: Json, n: number) => {
  const host = (label: string, domain: string) => (label === "@" ? domain : `${label}.${domain}`);
  const zones = c.zones.map((z: Json, i: number) => (z.hosts && Object.entries(z.hosts).some(([l, h]: [string, any]) => h.authenticated || host(l, z.domain) === c.app.host) ? i : -1)).filter((i: number) => i >= 0);
  return zones[n % zones.length] as number;
};

const MUTATIONS: Mutation[] = [
  { name: "unknown top-level key", apply: (c) => { c.zonez = []; return "launch-stack:zonez"; } },
  { name: "environment outside the enum", apply: (c) => { c.environment = "production"; return "launch-stack:environment"; } },
  { name: "malformed account id", apply: (c, n) => { c.cloudflareAccountId = ["not-an-id", "023E105F", ""][n % 3]; return "launch-stack:cloudflareAccountId"; } },
  { name: "zones not a list", apply: (c) => { c.zones = "example.com"; return "launch-stack:zones"; } },
  { name: "unknown plan", apply: (c, n) => { const i = zoneAt(c, n); c.zones[i].plan = "platinum"; return `launch-stack:zones[${i}].plan`; } },
  { name: "upper-case domain", apply: (c, n) => { const i = zoneAt(c, n); c.zones[i].domain = c.zones[i].domain.toUpperCase(); return `launch-stack:zones[${i}].domain`; } },
  { name: "unknown key in a zone", apply: (c, n) => { const i = zoneAt(c, n); c.zones[i].hostz = {}; return `launch-stack:zones[${i}]`; } },
  { name: "origin that is no address", apply: (c, n) => { const i = servingZone(c, n); const label = Object.keys(c.zones[i].hosts)[0]; c.zones[i].hosts[label].origin = "not an origin!"; return `launch-stack:zones[${i}].hosts`; } },
  {
    name: "served hostname deeper than the zone's certificate covers",
    apply: (c, n) => { const i = servingZone(c, n); const label = `eu${n % 10}.app`; c.zones[i].hosts[label] = { origin: "198.51.100.77" }; return `launch-stack:zones[${i}].hosts["${label}"]`; },
  },
  { name: "TLS floor below 1.2", apply: (c, n) => { const i = zoneAt(c, n); c.zones[i].edge = { ...c.zones[i].edge, minTlsVersion: n % 2 ? "1.0" : "1.1" }; return `launch-stack:zones[${i}].edge.minTlsVersion`; } },
  {
    name: "HSTS under the environment's bar",
    apply: (c, n) => {
      const i = servingZone(c, n);
      c.zones[i].edge.hsts = { maxAge: c.environment === "prod" ? 86_400 + (n % 1000) : 0 };
      return `launch-stack:zones[${i}].edge.hsts`;
    },
  },
  { name: "rate-limit period Cloudflare does not offer", apply: (c, n) => { const i = servingZone(c, n); c.zones[i].edge.rateLimits[0].period = 7 + (n % 3); return `launch-stack:zones[${i}].edge.rateLimits[0].period`; } },
  { name: "auth routes left unthrottled", apply: (c, n) => { const i = appRoutesZone(c, n); c.zones[i].edge.rateLimits = []; return `launch-stack:zones[${i}].edge.rateLimits`; } },
  { name: "more WAF rules than the plan allows", apply: (c, n) => {
    const i = servingZone(c, n);
    c.zones[i].plan = "free";
    c.zones[i].edge.customRules = Array.from({ length: 6 }, (_, k) => ({ description: `rule ${k}`, expression: `(http.request.uri.path eq "/x${k}")`, action: "block" }));
    return `launch-stack:zones[${i}].edge.customRules`;
  } },
  { name: "legacy host redirecting to plain http", apply: (c) => { c.zones[0].legacyHosts = { ...c.zones[0].legacyHosts, retired: `http://app.${c.zones[0].domain}` }; return "launch-stack:zones[0].legacyHosts.retired"; } },
  { name: "app on a hostname nothing serves", apply: (c) => { c.app.host = "nowhere.example"; return "launch-stack:app.host"; } },
  { name: "no private paths", apply: (c) => { c.app.privatePaths = []; return "launch-stack:app.privatePaths"; } },
  { name: "failure threshold over Route 53's limit", apply: (c, n) => { c.monitoring.failureThreshold = 11 + (n % 20); return "launch-stack:monitoring.failureThreshold"; } },
  { name: "time to alert over five minutes", apply: (c) => { Object.assign(c.monitoring, { requestInterval: 30, failureThreshold: 10, alarmPeriod: 60, datapointsToAlarm: 1 }); return "launch-stack:monitoring"; } },
  { name: "too few checker regions", apply: (c) => { c.monitoring.regions = ["us-east-1", "eu-west-1"]; return "launch-stack:monitoring.regions"; } },
  {
    name: "too few people alerted",
    apply: (c, _n, secretKeys) => {
      const a = c.monitoring.alerts;
      a.emails = c.environment === "prod" ? [a.emails[0], a.emails[0].replace("@", "+alerts@")] : [];
      if (c.environment !== "prod") {
        delete a.slack;
        delete c.alertHttpsEndpoint;
        secretKeys.delete("alertHttpsEndpoint");
      }
      return "launch-stack:monitoring.alerts.emails";
    },
  },
  { name: "latency bar looser than production's", apply: (c) => { c.monitoring.latency.thresholdMs = c.environment === "prod" ? 800 : c.monitoring.latency.thresholdMs; c.monitoring.latency.evaluationPeriods = c.environment === "prod" ? 3 : 1; return c.environment === "prod" ? "launch-stack:monitoring.latency.thresholdMs" : "launch-stack:monitoring.latency.datapointsToAlarm"; } },
  { name: "secret-looking plain variable", apply: (c, n) => { const name = ["API_TOKEN", "ADMIN_PASSWORD", "REDIS_URL"][n % 3]; c.secrets.env[name] = n % 3 === 2 ? "redis://default:hunter2@cache.internal:6379" : "plain-text"; return `launch-stack:secrets.env.${name}`; } },
  { name: "supplied secret without a value", apply: (c) => { c.secrets.env.WEBHOOK_SIGNING_SECRET = { source: "supplied" }; return "launch-stack:appSecrets.WEBHOOK_SIGNING_SECRET"; } },
  {
    name: "secret value stored in plaintext",
    apply: (c, _n, secretKeys) => {
      c.appSecrets = { ...c.appSecrets, DATABASE_URL: "postgres://app@db.internal/portal" };
      c.secrets.env.DATABASE_URL = { source: "supplied" };
      secretKeys.delete("appSecrets");
      return "launch-stack:appSecrets";
    },
  },
  { name: "secrets prefix shared across environments", apply: (c) => { c.secrets.prefix = "launch-stack/shared"; return "launch-stack:secrets.prefix"; } },
  { name: "provider credential in plaintext", apply: (_c, _n, _s, extraRaw) => { extraRaw["cloudflare:apiToken"] = "0123456789abcdef0123456789abcdef01234567"; return "cloudflare:apiToken"; } },
  { name: "DMARC report address that is no mailbox", apply: (c) => { c.zones[0].email = { sendsMail: false, dmarc: { rua: ["not-an-address"] } }; return "launch-stack:zones[0].email.dmarc.rua[0]"; } },
];

/** A valid config with exactly one mistake, and the key path its error must name. */
export function brokenStack(valid: fc.Arbitrary<GeneratedConfig>): fc.Arbitrary<Broken & { mutation: string }> {
  return fc.tuple(valid, fc.constantFrom(...MUTATIONS), fc.nat()).map(([g, mutation, n]) => {
    const config = structuredClone(g.config);
    const secretKeys = new Set(g.secretKeys);
    const extraRaw: Record<string, string> = {};
    const keyPath = mutation.apply(config, n, secretKeys, extraRaw);
    const raw = toRaw({ config, secretKeys: [...secretKeys] });
    Object.assign(raw.values, extraRaw);
    return { raw, keyPath, mutation: mutation.name };
  });
}
