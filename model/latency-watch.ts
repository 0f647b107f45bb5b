/**
 * Which sources watch the p95 latency bar and how often, from the parsed config: the API canaries (one
 * raw response time per run, in us-east-1) and the app's own load balancer or API gateway when
 * monitoring.appLatency names one. Route 53's time to first byte is not here: it is documented as an
 * average only (docs/latency-metrics.md). The handover's scorecard and `npm run verify` show this list,
 * and the SyntheticCanaries component exports its canary rows as the `canaries.p95` stack output.
 */
import { ApiCanary, apiCanaries } from "../config/canaries";
import type { MonitoringConfig } from "../config/monitoring";
import { uptimeChecks } from "./uptime-checks";
import type { StackConfig } from "../config/schema";
import { describeMetricAlarmTimeToAlert, LATENCY_STATISTIC, ROUTE53_METRICS_REGION } from "../rules/alerting";
import { appLatencyAlarmSpec, describeAppLatencySource } from "../rules/app-latency";
import { CANARY_LATENCY_METRIC, CANARY_LATENCY_NAMESPACE } from "../rules/metric-statistics";
import { scheduleExpression } from "../rules/canaries";

export interface P95Watcher {
  /** `canary ls-prod-api-health`, `the app's load balancer app/portal-prod/… (eu-west-1)`. */
  watchedBy: string;
  /** The URL measured, or what the source covers. */
  endpoint: string;
  /** `LaunchStack/Canaries ResponseTime p95 > 500 ms`. */
  alarm: string;
  /** How often it measures and how long the alarm looks. */
  every: string;
}

/** One row per API canary (they run in the monitoring region): its p95 alarm on the raw response times it publishes, and how often it measures. */
export function canaryP95Watchers(canaries: readonly ApiCanary[], latency: MonitoringConfig["latency"], rateMinutes: number): P95Watcher[] {
  const windows = `alarm on ${latency.datapointsToAlarm} of ${latency.evaluationPeriods} ${latency.period}-s windows`;
  return canaries.map((a) => ({
    watchedBy: `canary ${a.name}`,
    endpoint: a.url,
    alarm: `${CANARY_LATENCY_NAMESPACE} ${CANARY_LATENCY_METRIC} ${LATENCY_STATISTIC} > ${latency.thresholdMs} ms`,
    every: `one request ${scheduleExpression(rateMinutes).replace(/^rate\((.*)\)$/, "every $1")} from ${ROUTE53_METRICS_REGION}; ${windows}`,
  }));
}

export function p95Watchers(config: Pick<StackConfig, "environment" | "zones" | "app" | "monitoring">): P95Watcher[] {
  const m = config.monitoring;
  const l = m.latency;
  const canaries = canaryP95Watchers(apiCanaries(config.environment, uptimeChecks(config)), l, m.canaries.rateMinutes);
  const source = m.appLatency;
  if (!source) return canaries;
  const spec = appLatencyAlarmSpec(source, l.thresholdMs);
  const unit = spec.unit === "Seconds" ? `${spec.threshold} s (${l.thresholdMs} ms)` : `${spec.threshold} ms`;
  return [...canaries, {
    watchedBy: `the app's ${describeAppLatencySource(source)}`,
    endpoint: "every request it serves",
    alarm: `${spec.namespace} ${spec.metricName} ${spec.extendedStatistic} > ${unit}`,
    every: `per minute; alarm on ${source.datapointsToAlarm} of ${source.evaluationPeriods} ${source.period}-s windows (time to alert ${describeMetricAlarmTimeToAlert(source)})`,
  }];
}

/** One line: `3 API canaries (every 1 minute) and the app's load balancer … (per minute)`. */
export function describeP95Watchers(watchers: readonly P95Watcher[]): string {
  if (watchers.length === 0) return "nothing watches p95";
  const canaries = watchers.filter((w) => w.watchedBy.startsWith("canary "));
  const others = watchers.filter((w) => !w.watchedBy.startsWith("canary "));
  const parts = [
    ...(canaries.length > 0 ? [`${canaries.length} API canar${canaries.length === 1 ? "y" : "ies"} (${canaries[0].every.split(";")[0]})`] : []),
    ...others.map((w) => `${w.watchedBy} (${w.every.split(";")[0]})`),
  ];
  return `p95 alarmed by ${parts.join(" and ")}`;
}
