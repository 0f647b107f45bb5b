/**
 * The inputs a reviewer cares about, per resource type, as short lines under the resource in the tree:
 * what a record points at and whether it is proxied, a setting's value, each rule's expression and action,
 * an alarm's threshold. Types without a describer show their inputs generically, so whatever another
 * component adds is visible without touching this file.
 */
import { inline } from "./display";

type Inputs = Record<string, any>;
type Describe = (inputs: Inputs) => string[];

/** Inputs that identify where a resource lives or label it for billing, not what it does: left out of the tree. */
const NOISE_KEYS = new Set(["zoneId", "accountId", "account", "tags"]);

function dnsRecord(i: Inputs): string[] {
  const priority = i.priority !== undefined ? ` priority ${i.priority}` : "";
  const target = i.content !== undefined ? inline(i.content) : i.data !== undefined ? Object.values(i.data).map(inline).join(" ") : "(no content)";
  const proxy = `${i.proxied === true ? "proxied" : "DNS only"}${i.settings?.flattenCname === true ? ", flattened" : ""}`;
  return [`${i.type} ${i.name} → ${target}${priority} (${proxy})`];
}

function zoneSetting(i: Inputs): string[] {
  return [`${i.settingId} = ${inline(i.value)}`];
}

/** What a rule does besides its action keyword: the redirect target, the limit, the cache TTL, the headers. */
function ruleEffect(rule: Inputs): string[] {
  const p = rule.actionParameters ?? {};
  const out: string[] = [];
  const redirect = p.fromValue;
  if (redirect) {
    const target = redirect.targetUrl?.value ?? redirect.targetUrl?.expression;
    const status = redirect.statusCode !== undefined ? `${redirect.statusCode} ` : "";
    out.push(`→ ${status}${inline(target)}${redirect.preserveQueryString ? " (query kept)" : ""}`);
  }
  const rl = rule.ratelimit;
  if (rl) out.push(`${rl.requestsPerPeriod} requests per ${rl.period} s by ${(rl.characteristics ?? []).join(", ")}; mitigation lasts ${rl.mitigationTimeout} s`);
  if (p.id) out.push(`runs managed ruleset ${p.id}`);
  if (p.cache === true) out.push(`cache, edge TTL ${p.edgeTtl?.default ?? "origin"} s`);
  if (p.cache === false) out.push("bypass cache");
  for (const [header, h] of Object.entries((p.headers ?? {}) as Inputs)) out.push(`${h.operation} ${header}: ${inline(h.value)}`);
  return out;
}

function ruleset(i: Inputs): string[] {
  const rules = (i.rules ?? []) as Inputs[];
  return [
    `phase ${i.phase}`,
    ...rules.flatMap((r) => [
      `${r.ref ?? "rule"}: ${r.action}${r.enabled === false ? " (disabled)" : ""} — ${r.description ?? ""}`,
      `  when ${inline(r.expression)}`,
      ...ruleEffect(r).map((l) => `  ${l}`),
    ]),
  ];
}

/** Every input except location keys, one per line. */
function genericDetails(i: Inputs): string[] {
  return Object.entries(i)
    .filter(([k]) => !NOISE_KEYS.has(k))
    .map(([k, v]) => `${k}: ${inline(v)}`);
}

const COMPARISON: Record<string, string> = {
  GreaterThanThreshold: ">", GreaterThanOrEqualToThreshold: ">=", LessThanThreshold: "<", LessThanOrEqualToThreshold: "<=",
};

/** An alarm without actions changes colour in the console and tells nobody: say so. */
function actionsLine(actions: unknown[]): string {
  return actions.length === 0 ? "notifies nobody (no alarm actions)" : `notifies ${actions.length} action${actions.length === 1 ? "" : "s"}: ${actions.map(inline).join(", ")}`;
}

/** "HealthCheckStatus Minimum < 1 in 1 of 1 periods of 60 s", then what the alarm is about. */
function metricAlarm(i: Inputs): string[] {
  const op = COMPARISON[i.comparisonOperator] ?? i.comparisonOperator;
  return [
    `fires when ${i.metricName} ${i.extendedStatistic ?? i.statistic} ${op} ${i.threshold} in ${i.datapointsToAlarm ?? i.evaluationPeriods} of ${i.evaluationPeriods} periods of ${i.period} s (missing data: ${i.treatMissingData ?? "missing"})`,
    ...(i.alarmDescription ? [inline(i.alarmDescription)] : []),
    actionsLine(i.alarmActions ?? []),
  ];
}

function healthCheck(i: Inputs): string[] {
  const scheme = String(i.type ?? "").startsWith("HTTPS") ? "https" : "http";
  return [
    `${i.type} ${scheme}://${i.fqdn ?? i.ipAddress}${i.resourcePath ?? ""} every ${i.requestInterval} s, unhealthy after ${i.failureThreshold} failures`,
    ...(i.searchString !== undefined ? [`expects body to contain ${inline(i.searchString)}`] : []),
    ...(i.regions !== undefined ? [`from ${(i.regions as string[]).join(", ")}`] : []),
  ];
}

function notificationPolicy(i: Inputs): string[] {
  const routes = Object.entries((i.mechanisms ?? {}) as Inputs).flatMap(([kind, list]) => (list as Inputs[]).map((m) => `${kind.replace(/s$/, "")}: ${m.id}`));
  return [`${i.alertType} → ${routes.join(", ") || "nobody"}${i.enabled === false ? " (disabled)" : ""}`, inline(i.name)];
}

const DESCRIBERS: Record<string, Describe> = {
  "cloudflare:index/dnsRecord:DnsRecord": dnsRecord,
  "cloudflare:index/zoneSetting:ZoneSetting": zoneSetting,
  "cloudflare:index/ruleset:Ruleset": ruleset,
  "cloudflare:index/zoneDnssec:ZoneDnssec": (i) => [`DNSSEC ${i.status}`],
  "cloudflare:index/zone:Zone": (i) => [`zone ${i.name} (${i.type ?? "full"} setup)`],
  "cloudflare:index/notificationPolicy:NotificationPolicy": notificationPolicy,
  "aws:cloudwatch/metricAlarm:MetricAlarm": metricAlarm,
  "aws:route53/healthCheck:HealthCheck": healthCheck,
  "aws:sns/topicSubscription:TopicSubscription": (i) => [`${i.protocol} → ${inline(i.endpoint)}`],
};

/** Component resources carry no inputs worth a line; custom resources get their describer or the generic one. */
export function resourceDetails(type: string, inputs: Inputs): string[] {
  const describe = DESCRIBERS[type];
  if (describe) return describe(inputs);
  return type.startsWith("launch-stack:") ? [] : genericDetails(inputs);
}
