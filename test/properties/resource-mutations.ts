/**
 * One input of one declared resource changed to a non-compliant value, as a program author could write it
 * around the config gate: each mutation says which resources it applies to, draws the bad value at random
 * from the range a policy forbids, and names the policy that must then report a mandatory violation.
 */
import fc from "fast-check";
import type { RecordedResource } from "../../offline/recording-runtime";
import { HSTS_MIN_MAX_AGE_PROD } from "../../rules/tls";
import { quoteTxt } from "../../rules/txt";

type Environment = "staging" | "prod";
type Wire = Record<string, any>;

export interface ResourceMutation {
  name: string;
  /** The policy that must report it. */
  policy: string;
  /** `all`: every resource of the evaluation, to read what the zone's Site declares. */
  appliesTo(r: RecordedResource, environment: Environment, all: readonly RecordedResource[]): boolean;
  /** A non-compliant value for `r`. */
  value(r: RecordedResource, environment: Environment): fc.Arbitrary<unknown>;
  apply(r: RecordedResource, value: unknown): void;
}

const TYPES = {
  setting: "cloudflare:index/zoneSetting:ZoneSetting",
  record: "cloudflare:index/dnsRecord:DnsRecord",
  ruleset: "cloudflare:index/ruleset:Ruleset",
  secret: "aws:secretsmanager/secret:Secret",
  topic: "aws:sns/topic:Topic",
  healthCheck: "aws:route53/healthCheck:HealthCheck",
  alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
};

const setting = (id: string) => (r: RecordedResource) => r.type === TYPES.setting && r.wire.settingId === id;
const record = (test: (w: Wire) => boolean) => (r: RecordedResource) => r.type === TYPES.record && test(r.wire);
/** The paths the Site above `r` requires rate limited: none on a zone that serves no app routes. */
const requiredRateLimits = (r: RecordedResource, all: readonly RecordedResource[]) => {
  for (let p = all.find((x) => x.urn === r.parent); p; p = all.find((x) => x.urn === p!.parent)) {
    if (p.type === "launch-stack:site:Site") return (p.wire.rateLimitedPaths as string[] | undefined) ?? [];
  }
  return [];
};
const rules = (r: RecordedResource) => (Array.isArray(r.wire.rules) ? (r.wire.rules as Wire[]) : []);
const ruleset = (phase: string) => (r: RecordedResource) => r.type === TYPES.ruleset && r.wire.phase === phase && rules(r).length > 0;
const txt = (w: Wire) => (typeof w.content === "string" ? w.content.replace(/"/g, "") : "");
/** A domain's own DMARC record (not a report-authorization record, which is also `v=DMARC1`). */
const dmarc = (w: Wire) => w.type === "TXT" && String(w.name).startsWith("_dmarc.") && txt(w).startsWith("v=DMARC1");
const set = (path: string[]) => (r: RecordedResource, value: unknown) => {
  let at: Wire = r.wire;
  for (const key of path.slice(0, -1)) at = at[key];
  at[path[path.length - 1]] = value;
};

export const RESOURCE_MUTATIONS: ResourceMutation[] = [
  { name: "SSL mode below Full (strict)", policy: "ssl-full-strict", appliesTo: setting("ssl"), value: () => fc.constantFrom("off", "flexible", "full"), apply: set(["value"]) },
  { name: "TLS floor below 1.2", policy: "min-tls-version", appliesTo: setting("min_tls_version"), value: () => fc.constantFrom("1.0", "1.1"), apply: set(["value"]) },
  { name: "TLS 1.3 off", policy: "tls-1-3-on", appliesTo: setting("tls_1_3"), value: () => fc.constant("off"), apply: set(["value"]) },
  { name: "HTTP not redirected to HTTPS", policy: "always-use-https", appliesTo: setting("always_use_https"), value: () => fc.constant("off"), apply: set(["value"]) },
  { name: "HSTS off", policy: "hsts-enabled", appliesTo: setting("security_header"), value: () => fc.constant(false), apply: set(["value", "strict_transport_security", "enabled"]) },
  {
    name: "HSTS under a year in production",
    policy: "hsts-one-year",
    appliesTo: (r, env) => env === "prod" && setting("security_header")(r),
    value: () => fc.integer({ min: 1, max: HSTS_MIN_MAX_AGE_PROD - 1 }),
    apply: set(["value", "strict_transport_security", "max_age"]),
  },
  { name: "web hostname not proxied", policy: "web-records-proxied", appliesTo: record((w) => String(w.comment).startsWith("web:")), value: () => fc.constant(false), apply: set(["proxied"]) },
  {
    name: "proxied record with a fixed TTL",
    policy: "dns-record-ttl",
    appliesTo: record((w) => w.proxied === true),
    value: () => fc.integer({ min: 60, max: 86_400 }),
    apply: set(["ttl"]),
  },
  {
    name: "proxied name deeper than the zone's certificate covers",
    policy: "proxied-names-covered-by-certificate",
    appliesTo: record((w) => w.proxied === true),
    value: () => fc.stringMatching(/^[a-z][a-z0-9]{0,9}\.[a-z][a-z0-9]{0,9}$/),
    apply: (r, labels) => { r.wire.name = `${String(labels)}.${String(r.wire.name)}`; },
  },
  { name: "mail record proxied", policy: "mail-records-not-proxied", appliesTo: record((w) => w.type === "MX"), value: () => fc.constant(true), apply: set(["proxied"]) },
  {
    name: "SPF record that lets anyone send",
    policy: "spf-record-valid",
    appliesTo: record((w) => w.type === "TXT" && txt(w).startsWith("v=spf1")),
    value: () => fc.constantFrom("+all", "?all"),
    apply: (r, all) => { r.wire.content = quoteTxt(txt(r.wire).replace(/[-~]all$/, String(all))); },
  },
  {
    name: "DMARC record without its version tag",
    policy: "dmarc-record-valid",
    appliesTo: record(dmarc),
    value: () => fc.constantFrom("v=DMARC2", "DMARC1", "v=dmarc"),
    apply: (r, tag) => { r.wire.content = quoteTxt(txt(r.wire).replace("v=DMARC1", String(tag))); },
  },
  {
    name: "DMARC p=none in production",
    policy: "dmarc-enforcing",
    appliesTo: (r, env) => env === "prod" && record(dmarc)(r),
    value: () => fc.constant("none"),
    apply: (r, p) => { r.wire.content = quoteTxt(txt(r.wire).replace(/; p=\w+/, `; p=${String(p)}`)); },
  },
  {
    name: "rate-limit rule that only logs",
    policy: "rate-limit-auth-paths",
    appliesTo: (r, _e, all) => ruleset("http_ratelimit")(r) && requiredRateLimits(r, all).length > 0,
    value: (r) => fc.nat({ max: rules(r).length - 1 }),
    apply: (r, i) => { rules(r)[i as number].action = "log"; },
  },
  {
    name: "redirect that is not permanent",
    policy: "redirects-permanent-one-hop",
    appliesTo: ruleset("http_request_dynamic_redirect"),
    value: (r) => fc.tuple(fc.nat({ max: rules(r).length - 1 }), fc.constantFrom(302, 303, 307)),
    apply: (r, v) => { const [i, status] = v as [number, number]; rules(r)[i].actionParameters.fromValue.statusCode = status; },
  },
  {
    name: "cache rules in an order that caches private pages",
    policy: "authenticated-paths-not-cached",
    appliesTo: (r) => ruleset("http_request_cache_settings")(r) && rules(r).length > 1,
    value: () => fc.constant(undefined),
    apply: (r) => { rules(r).reverse(); },
  },
  { name: "secret without its customer-managed key", policy: "secrets-customer-managed-key", appliesTo: (r) => r.type === TYPES.secret, value: () => fc.constant(undefined), apply: (r) => { delete r.wire.kmsKeyId; } },
  {
    name: "secret deleted too quickly",
    policy: "secrets-recovery-window",
    appliesTo: (r) => r.type === TYPES.secret,
    value: (_r, env) => fc.integer({ min: 0, max: env === "prod" ? 29 : 6 }),
    apply: set(["recoveryWindowInDays"]),
  },
  { name: "alert topic unencrypted", policy: "alert-topic-encrypted", appliesTo: (r) => r.type === TYPES.topic, value: () => fc.constant(undefined), apply: (r) => { delete r.wire.kmsMasterKeyId; } },
  {
    name: "health check from fewer than three regions",
    policy: "health-check-regions",
    appliesTo: (r) => r.type === TYPES.healthCheck,
    value: (r) => fc.subarray(r.wire.regions as string[], { minLength: 1, maxLength: 2 }),
    apply: set(["regions"]),
  },
  {
    name: "health alarm too slow to notify",
    policy: "time-to-alert",
    appliesTo: (r) => r.type === TYPES.alarm && r.wire.metricName === "HealthCheckStatus",
    value: () => fc.integer({ min: 5, max: 60 }).map((minutes) => minutes * 60),
    apply: set(["period"]),
  },
  {
    name: "latency alarm looser than 500 ms in production",
    policy: "latency-alarm-p95-in-prod",
    appliesTo: (r, env) => env === "prod" && r.type === TYPES.alarm && r.wire.metricName === "TimeToFirstByte",
    value: () => fc.integer({ min: 501, max: 10_000 }),
    apply: set(["threshold"]),
  },
  { name: "protected resource unprotected in production", policy: "protected-in-prod", appliesTo: (r, env) => env === "prod" && r.protect, value: () => fc.constant(false), apply: (r) => { r.protect = false; } },
];
