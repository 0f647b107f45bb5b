/**
 * The monitoring bar of the launch checklist as arithmetic: an outage notifies within five minutes,
 * every public hostname is watched (who is alerted: rules/alert-routes.ts), and Cloudflare
 * raises only the alerts the zone's plan includes. The config gate, the policy pack and the handover
 * all call these functions.
 */
import { CloudflarePlan, PLANS } from "./cloudflare-plan";
import { Finding } from "./finding";
import type { Environment } from "./tls";

const REF = "launch checklist: monitoring";

/** An outage must notify within five minutes. */
export const MAX_TIME_TO_ALERT_SECONDS = 300;
/** Core endpoints answer within 500 ms at the 95th percentile. */
export const LATENCY_THRESHOLD_MS = 500;
export const LATENCY_STATISTIC = "p95";

/** The regions Route 53 health checkers run from (the API's exact ids). */
export const ROUTE53_CHECKER_REGIONS = ["us-east-1", "us-west-1", "us-west-2", "eu-west-1", "ap-southeast-1", "ap-southeast-2", "ap-northeast-1", "sa-east-1"] as const;
/** Route 53 needs at least three checker regions. */
export const MIN_CHECKER_REGIONS = 3;
/** Seconds between checks: Route 53 offers standard (30) and fast (10) only. */
export const REQUEST_INTERVALS = [10, 30] as const;
/**
 * Route 53 health-check metrics (`AWS/Route53`: HealthCheckStatus, TimeToFirstByte) exist only in
 * us-east-1, so the alarms, their SNS topic and its key live there whatever the stack's region.
 */
export const ROUTE53_METRICS_REGION = "us-east-1";

export interface AlertTiming {
  /** Seconds between health checks (10 or 30). */
  requestInterval: number;
  /** Consecutive failed checks before Route 53 marks the endpoint unhealthy. */
  failureThreshold: number;
  /** Seconds per alarm datapoint. */
  alarmPeriod: number;
  /** Breaching datapoints before the alarm fires. */
  datapointsToAlarm: number;
}

/**
 * Worst-case seconds from an endpoint going down to the alarm notifying: Route 53 needs
 * `requestInterval × failureThreshold` to mark it unhealthy, then the alarm `alarmPeriod × datapointsToAlarm`.
 */
export function timeToAlertSeconds(t: AlertTiming): number {
  return t.requestInterval * t.failureThreshold + t.alarmPeriod * t.datapointsToAlarm;
}

/** `30 s × 3 + 60 s × 1 = 150 s`, for messages and the handover. */
export function describeTimeToAlert(t: AlertTiming): string {
  return `${t.requestInterval} s × ${t.failureThreshold} + ${t.alarmPeriod} s × ${t.datapointsToAlarm} = ${timeToAlertSeconds(t)} s`;
}

export function checkTimeToAlert(t: AlertTiming, max = MAX_TIME_TO_ALERT_SECONDS): Finding[] {
  const seconds = timeToAlertSeconds(t);
  return seconds > max
    ? [{ message: `time to alert is ${describeTimeToAlert(t)}, over the ${max} s limit`, ref: REF, fix: "lower failureThreshold, requestInterval, alarmPeriod or datapointsToAlarm" }]
    : [];
}

/** A Synthetics canary and its success alarm (components/synthetic-canaries.ts). */
export interface CanaryTiming {
  /** Minutes between runs. */
  rateMinutes: number;
  /** Seconds a run may take before it fails. */
  timeoutSeconds: number;
  /** Automatic retries of a failed run (Synthetics `schedule.retryConfig.maxRetries`, 0 to 2; none when unset). */
  maxRetries: number;
  /** Seconds per datapoint of the success alarm. */
  alarmPeriod: number;
  /** Failed datapoints before the alarm fires. */
  datapointsToAlarm: number;
}

/**
 * Seconds a failing run takes before it counts as failed: Synthetics retries a failed run "when the
 * scheduled one fails" (CloudWatch User Guide, "Configuring your canary to retry automatically"), and
 * each attempt may take the whole timeout, so the failure may land only after the last retry.
 */
export function failedRunSeconds(t: Pick<CanaryTiming, "timeoutSeconds" | "maxRetries">): number {
  return t.timeoutSeconds * (1 + t.maxRetries);
}

/**
 * Worst case from an outage to the success alarm firing: the outage begins just after a run, so the
 * next run starts one schedule later; each failing datapoint needs its own run (one schedule each); the
 * last run may take its whole timeout, once per attempt when failed runs are retried; the alarm then
 * closes its period.
 */
export function canaryTimeToAlertSeconds(t: CanaryTiming): number {
  return t.rateMinutes * 60 * t.datapointsToAlarm + failedRunSeconds(t) + t.alarmPeriod;
}

/** `1 retry`, `2 retries`. */
function retries(n: number): string {
  return `${n} retr${n === 1 ? "y" : "ies"}`;
}

/** `60 s × 2 + 30 s + 60 s = 210 s`; with retries the timeout counts once per attempt: `… + 30 s × 3 (run and 2 retries) + …`. */
export function describeCanaryTimeToAlert(t: CanaryTiming): string {
  const run = t.maxRetries > 0 ? `${t.timeoutSeconds} s × ${1 + t.maxRetries} (run and ${retries(t.maxRetries)})` : `${t.timeoutSeconds} s`;
  return `${t.rateMinutes * 60} s × ${t.datapointsToAlarm} + ${run} + ${t.alarmPeriod} s = ${canaryTimeToAlertSeconds(t)} s`;
}

export function checkCanaryTiming(t: CanaryTiming, max = MAX_TIME_TO_ALERT_SECONDS): Finding[] {
  const out: Finding[] = [];
  const seconds = canaryTimeToAlertSeconds(t);
  const fewerRetries = t.maxRetries > 0 ? ", retry failed runs fewer times (schedule.retryConfig.maxRetries)" : "";
  if (seconds > max) {
    out.push({ message: `canary time to alert is ${describeCanaryTimeToAlert(t)}, over the ${max} s limit`, ref: REF, fix: `run the canaries more often, lower timeoutSeconds${fewerRetries}, or alarm on fewer failed datapoints` });
  }
  if (t.alarmPeriod < t.rateMinutes * 60) {
    out.push({ message: `the success alarm's ${t.alarmPeriod} s period is shorter than the ${t.rateMinutes}-minute schedule, so some periods have no run and read as failures`, ref: REF, fix: `set the alarm period to at least ${t.rateMinutes * 60} s` });
  }
  if (failedRunSeconds(t) > t.rateMinutes * 60) {
    out.push(t.maxRetries > 0
      ? { message: `a failed run and its ${retries(t.maxRetries)} may take ${failedRunSeconds(t)} s, longer than the ${t.rateMinutes * 60} s between runs`, ref: REF, fix: "lower timeoutSeconds or schedule.retryConfig.maxRetries" }
      : { message: `a run may take ${t.timeoutSeconds} s, longer than the ${t.rateMinutes * 60} s between runs`, ref: REF, fix: "lower timeoutSeconds below the schedule" });
  }
  return out;
}

/**
 * Seconds SNS may take to hand a notification to email, HTTPS and Chatbot. AWS documents no delivery
 * time, so this is an allowance, not a measurement; the controlled-outage people check measures it.
 */
export const SNS_DELIVERY_ALLOWANCE_SECONDS = 30;

/** A metric alarm that reads a service's own metric (the app's load balancer or API gateway latency). */
export interface MetricAlarmTiming {
  /** Seconds per datapoint. */
  period: number;
  /** Datapoints the alarm looks back over. */
  evaluationPeriods: number;
}

/**
 * Worst case from the metric going bad to a notification: the whole look-back window (period × evaluation
 * periods, an upper bound for any datapointsToAlarm within it), then SNS delivery.
 */
export function metricAlarmTimeToAlertSeconds(t: MetricAlarmTiming): number {
  return t.period * t.evaluationPeriods + SNS_DELIVERY_ALLOWANCE_SECONDS;
}

export function describeMetricAlarmTimeToAlert(t: MetricAlarmTiming): string {
  return `${t.period} s × ${t.evaluationPeriods} + ${SNS_DELIVERY_ALLOWANCE_SECONDS} s SNS delivery = ${metricAlarmTimeToAlertSeconds(t)} s`;
}

export function checkMetricAlarmTiming(t: MetricAlarmTiming, max = MAX_TIME_TO_ALERT_SECONDS): Finding[] {
  const seconds = metricAlarmTimeToAlertSeconds(t);
  return seconds > max
    ? [{ message: `time to alert is ${describeMetricAlarmTimeToAlert(t)}, over the ${max} s limit`, ref: REF, fix: "lower the period or evaluationPeriods" }]
    : [];
}

/**
 * The p95 latency alarm's threshold: at most 500 ms in production (launch checklist: performance);
 * staging may alarm later, since its origins are smaller and nobody is paged for its speed.
 */
export function checkLatencyThreshold(thresholdMs: number, environment: Environment): Finding[] {
  return environment === "prod" && thresholdMs > LATENCY_THRESHOLD_MS
    ? [{
        message: `latency threshold ${thresholdMs} ms is looser than the production bar of ${LATENCY_THRESHOLD_MS} ms`,
        ref: "launch checklist: performance",
        fix: `set the threshold to ${LATENCY_THRESHOLD_MS} ms or less`,
      }]
    : [];
}

export function checkCheckerRegions(regions: readonly string[]): Finding[] {
  const distinct = new Set(regions);
  const unknown = [...distinct].filter((r) => !(ROUTE53_CHECKER_REGIONS as readonly string[]).includes(r));
  const out: Finding[] = [];
  if (unknown.length > 0) out.push({ message: `${unknown.join(", ")} ${unknown.length > 1 ? "are not Route 53 checker regions" : "is not a Route 53 checker region"}`, ref: "Route 53 health checks", fix: `use ${ROUTE53_CHECKER_REGIONS.join(", ")}` });
  if (distinct.size < MIN_CHECKER_REGIONS) out.push({ message: `${distinct.size} distinct checker region${distinct.size === 1 ? "" : "s"}; Route 53 needs at least ${MIN_CHECKER_REGIONS}`, ref: "Route 53 health checks", fix: "list three or more regions, on different continents" });
  return out;
}

/** Every hostname serving the public has at least one uptime check on it (any path). */
export function checkUptimeCoverage(publicHosts: readonly string[], checkUrls: readonly string[]): Finding[] {
  const checked = new Set(checkUrls.map((u) => new URL(u).hostname));
  return publicHosts.filter((h) => !checked.has(h)).map((host) => ({
    message: `${host} serves the public but has no uptime check`,
    ref: REF,
    fix: `add a check with url https://${host}/ under monitoring.checks`,
  }));
}

/**
 * Requests one Route 53 checker sends within a rate-limit period to the paths one rule counts: each
 * checker has its own IP and requests every check once per interval.
 */
export function checkerRequestsPerPeriod(checks: number, requestInterval: number, period: number): number {
  return checks * Math.ceil(period / requestInterval);
}

/** Uptime checks must not trip the portal's own rate limits, or the edge challenges the checkers and pages everyone. */
export function checkChecksUnderRateLimit(rule: { name: string; requestsPerPeriod: number; period: number }, checkNames: readonly string[], requestInterval: number): Finding[] {
  const sent = checkerRequestsPerPeriod(checkNames.length, requestInterval, rule.period);
  return sent > rule.requestsPerPeriod
    ? [{
        message: `uptime checks ${checkNames.join(", ")} send ${sent} requests per ${rule.period} s from each checker, over rate-limit rule ${rule.name}'s ${rule.requestsPerPeriod}`,
        ref: REF,
        fix: "raise the rule's requestsPerPeriod, use requestInterval 30, or check fewer rate-limited paths",
      }]
    : [];
}

/** A Cloudflare notification this stack declares and the cheapest plan that includes it. */
export interface CloudflareAlert {
  alertType: string;
  title: string;
  /** From Cloudflare's "Available Notifications" table. */
  minPlan: CloudflarePlan;
  /** Filtered to the qualifying zones (otherwise account-wide: the alert type takes no zone filter). */
  perZone: boolean;
  /** Extra filters the alert type requires. */
  filters?: Record<string, string[]>;
}

/** What Cloudflare sees and Route 53 cannot: the origin failing behind the edge, certificates, attacks. */
export const CLOUDFLARE_ALERTS: readonly CloudflareAlert[] = [
  { alertType: "real_origin_monitoring", title: "Cloudflare cannot reach the origin (521)", minPlan: "free", perZone: false },
  { alertType: "http_alert_origin_error", title: "Origin error rate above 99.9% SLO", minPlan: "enterprise", perZone: true, filters: { slos: ["99.9"] } },
  { alertType: "universal_ssl_event_type", title: "Universal SSL certificate validation, issuance and renewal", minPlan: "free", perZone: false },
  { alertType: "dos_attack_l7", title: "HTTP DDoS attack mitigated", minPlan: "free", perZone: false },
];

export function planIncludes(plan: CloudflarePlan, minPlan: CloudflarePlan): boolean {
  return PLANS.indexOf(plan) >= PLANS.indexOf(minPlan);
}

/**
 * The alerts to declare for a set of zones: a per-zone alert with the domains whose plan includes it
 * (dropped when none does), an account-wide alert when any zone's plan includes it.
 */
export function cloudflareAlertsFor(zones: readonly { domain: string; plan: CloudflarePlan }[]): { alert: CloudflareAlert; domains: string[] }[] {
  return CLOUDFLARE_ALERTS.map((alert) => ({ alert, domains: zones.filter((z) => planIncludes(z.plan, alert.minPlan)).map((z) => z.domain) }))
    .filter((a) => a.domains.length > 0);
}

/** An alarm as the pack sees it: its region (undefined: the provider's default) and its SNS actions, unknown ones undefined. */
export interface AlarmRouting {
  name: string;
  region?: string;
  actionArns: readonly (string | undefined)[];
}

/**
 * CloudWatch notifies only an SNS topic in the alarm's own region. A known action ARN must name the
 * alarm's region; while ARNs are unknown (a PR preview), the stack must at least declare a topic there.
 */
export function checkAlarmTopicRegion(alarm: AlarmRouting, topicRegions: readonly (string | undefined)[]): Finding[] {
  const where = alarm.region ?? "the provider's default region";
  const out: Finding[] = [];
  for (const arn of alarm.actionArns) {
    const topicRegion = arn === undefined ? undefined : /^arn:aws[a-z-]*:sns:([a-z0-9-]+):/.exec(arn)?.[1];
    if (topicRegion && alarm.region && topicRegion !== alarm.region) {
      out.push({ message: `alarm ${alarm.name} is in ${alarm.region} but notifies a topic in ${topicRegion} (${arn}), and CloudWatch notifies only topics in the alarm's region`, ref: REF, fix: `notify the alert topic in ${alarm.region}` });
    }
  }
  if (alarm.actionArns.some((a) => a === undefined) && !topicRegions.includes(alarm.region)) {
    out.push({ message: `alarm ${alarm.name} is in ${where}, where the stack declares no alert topic, and CloudWatch notifies only topics in the alarm's region`, ref: REF, fix: `declare an encrypted alert topic in ${where} with the same subscriptions (launch-stack's AlertRouting does this for monitoring.appLatency)` });
  }
  return out;
}
