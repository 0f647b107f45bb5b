/**
 * Which statistics each CloudWatch metric this stack alarms on is documented to support, with the
 * source that says so. An alarm whose statistic the metric cannot produce never gets data, and with
 * `treatMissingData: notBreaching` it never fires: a launch that looks watched but is not
 * (docs/latency-metrics.md has the findings). The config gate, the policy pack and the handover read
 * this one table.
 */
import { Finding } from "./finding";

/** CloudWatch computes percentiles only from raw data points (or statistic sets of one sample). */
export const PERCENTILES_NEED_RAW_DATA = "https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricStatistics.html";
const ROUTE53 = "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/monitoring-health-checks.html (Route 53 metrics and dimensions)";
const SYNTHETICS = "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Synthetics_Canaries_metrics.html";
const ALB = "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-cloudwatch-metrics.html";
const API_GATEWAY = "https://docs.aws.amazon.com/apigateway/latest/developerguide/monitoring-cloudwatch.html";

/** Namespace of the response times the API canaries publish themselves, one raw value per request. */
export const CANARY_LATENCY_NAMESPACE = "LaunchStack/Canaries";
export const CANARY_LATENCY_METRIC = "ResponseTime";

export type MetricUnit = "Milliseconds" | "Seconds" | "Percent" | "None";

export interface DocumentedMetric {
  namespace: string;
  metricName: string;
  /** Plain statistics (Average, Minimum, ...) the source lists as valid. */
  statistics: readonly string[];
  /** Whether percentiles (p95) are documented to work: the metric is published as raw data points. */
  percentiles: boolean;
  /** A latency the launch checklist's performance bar can be judged on. */
  latency: boolean;
  unit: MetricUnit;
  /** Dimensions the source documents. */
  dimensions: string;
  /** Where the statistics come from. */
  source: string;
  /** The source's title, for one-line messages. */
  documentedIn: string;
}

export const DOCUMENTED_METRICS: readonly DocumentedMetric[] = [
  // Route 53: "Valid statistics: Minimum" and "Average (recommended), Minimum, Maximum"; TimeToFirstByte is
  // "the average time ... health checkers" took, per HealthCheckId across all checker regions (Region optional).
  { namespace: "AWS/Route53", metricName: "HealthCheckStatus", statistics: ["Minimum"], percentiles: false, latency: false, unit: "None", dimensions: "HealthCheckId", source: ROUTE53, documentedIn: "Route 53 Developer Guide: health-check metrics" },
  { namespace: "AWS/Route53", metricName: "TimeToFirstByte", statistics: ["Average", "Minimum", "Maximum"], percentiles: false, latency: true, unit: "Milliseconds", dimensions: "HealthCheckId (Region optional)", source: ROUTE53, documentedIn: "Route 53 Developer Guide: health-check metrics" },
  // Synthetics' own metrics: "Valid Statistic: Average" for both; Duration is the whole run, browser start included.
  { namespace: "CloudWatchSynthetics", metricName: "SuccessPercent", statistics: ["Average"], percentiles: false, latency: false, unit: "Percent", dimensions: "CanaryName", source: SYNTHETICS, documentedIn: "CloudWatch User Guide: metrics published by canaries" },
  { namespace: "CloudWatchSynthetics", metricName: "Duration", statistics: ["Average"], percentiles: false, latency: true, unit: "Milliseconds", dimensions: "CanaryName", source: SYNTHETICS, documentedIn: "CloudWatch User Guide: metrics published by canaries" },
  // Published by canaries/api-check.js with PutMetricData, one raw value per request: percentiles per the API reference.
  { namespace: CANARY_LATENCY_NAMESPACE, metricName: CANARY_LATENCY_METRIC, statistics: ["Average", "Minimum", "Maximum", "SampleCount"], percentiles: true, latency: true, unit: "Milliseconds", dimensions: "CanaryName", source: `canaries/api-check.js publishes raw values; ${PERCENTILES_NEED_RAW_DATA}`, documentedIn: "CloudWatch API Reference: GetMetricStatistics (percentiles from raw data points)" },
  // ALB: "The most useful statistics are Average and pNN.NN (percentiles)"; in seconds.
  { namespace: "AWS/ApplicationELB", metricName: "TargetResponseTime", statistics: ["Average", "Minimum", "Maximum"], percentiles: true, latency: true, unit: "Seconds", dimensions: "LoadBalancer (TargetGroup, AvailabilityZone optional)", source: ALB, documentedIn: "ELB User Guide: Application Load Balancer metrics" },
  // API Gateway: CloudWatch "collects and processes raw data from API Gateway"; Latency in milliseconds.
  { namespace: "AWS/ApiGateway", metricName: "Latency", statistics: ["Average", "Minimum", "Maximum"], percentiles: true, latency: true, unit: "Milliseconds", dimensions: "ApiName, Stage", source: `${API_GATEWAY}; ${PERCENTILES_NEED_RAW_DATA}`, documentedIn: "API Gateway Developer Guide: CloudWatch metrics" },
];

export function documentedMetric(namespace: string | undefined, metricName: string | undefined): DocumentedMetric | undefined {
  return DOCUMENTED_METRICS.find((m) => m.namespace === namespace && m.metricName === metricName);
}

/** `p95`, `p99.9`: CloudWatch's percentile statistics. */
export function isPercentile(statistic: string): boolean {
  return /^p\d{1,2}(\.\d{1,2})?$/.test(statistic);
}

/** Whether the metric is documented to produce `statistic`. */
export function supportsStatistic(metric: DocumentedMetric, statistic: string): boolean {
  return isPercentile(statistic) ? metric.percentiles : metric.statistics.includes(statistic);
}

/**
 * An alarm's statistic against the table: a finding when the metric is listed and the statistic is
 * not documented for it. Metrics the table does not list are not judged here.
 */
export function checkAlarmStatistic(alarm: { namespace?: string; metricName?: string; statistic?: string }): Finding[] {
  const metric = documentedMetric(alarm.namespace, alarm.metricName);
  if (!metric || alarm.statistic === undefined || supportsStatistic(metric, alarm.statistic)) return [];
  const valid = [...metric.statistics, ...(metric.percentiles ? ["pNN"] : [])].join(", ");
  return [{
    message: `${metric.namespace} ${metric.metricName} is not documented to support ${alarm.statistic} (valid: ${valid}), so the alarm may never get data`,
    ref: metric.documentedIn,
    fix: metric.percentiles || !metric.latency
      ? `use one of ${valid}`
      : `use ${metric.statistics[0]}, or alarm on a percentile from a metric published as raw data points (the API canaries' ${CANARY_LATENCY_NAMESPACE} ${CANARY_LATENCY_METRIC})`,
  }];
}

/** A threshold in the metric's unit, in milliseconds. */
export function thresholdMs(metric: DocumentedMetric, threshold: number): number {
  return metric.unit === "Seconds" ? threshold * 1000 : threshold;
}
