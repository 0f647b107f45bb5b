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
const API_GATEWAY = "https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-metrics-and-dimensions.html";
const API_GATEWAY_HTTP = "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-metrics.html";
/**
 * CloudWatch User Guide, "CloudWatch concepts", Percentiles: "The following AWS services include metrics
 * that support percentile statistics": API Gateway, Application Load Balancer, Amazon EC2, Elastic Load
 * Balancing, Kinesis, Lambda, Amazon RDS (also awsdocs/amazon-cloudwatch-user-guide, doc_source/cloudwatch_concepts.md).
 */
export const PERCENTILES_BY_SERVICE = "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_concepts.html#Percentiles";

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
  // ALB: "The most useful statistics are Average and pNN.NN (percentiles)", unit seconds, dimension
  // LoadBalancer `app/<name>/<id>` (TargetGroup `targetgroup/<name>/<id>` narrows it); and the CloudWatch
  // User Guide lists Application Load Balancer among "AWS services [that] include metrics that support
  // percentile statistics".
  { namespace: "AWS/ApplicationELB", metricName: "TargetResponseTime", statistics: ["Average", "Minimum", "Maximum"], percentiles: true, latency: true, unit: "Seconds", dimensions: "LoadBalancer (TargetGroup, AvailabilityZone optional)", source: `${ALB}; ${PERCENTILES_BY_SERVICE}`, documentedIn: "ELB User Guide: Application Load Balancer metrics" },
  // API Gateway: Latency "Unit: Millisecond" (REST metrics table; the HTTP API table names the metric
  // without a unit, same namespace and metric); REST APIs by ApiName + Stage, HTTP APIs by ApiId + Stage;
  // the CloudWatch User Guide lists API Gateway among the services whose metrics support percentiles.
  { namespace: "AWS/ApiGateway", metricName: "Latency", statistics: ["Average", "Minimum", "Maximum"], percentiles: true, latency: true, unit: "Milliseconds", dimensions: "ApiName, Stage (REST API); ApiId, Stage (HTTP API)", source: `${API_GATEWAY}; ${API_GATEWAY_HTTP}; ${PERCENTILES_BY_SERVICE}`, documentedIn: "API Gateway Developer Guide: CloudWatch metrics" },
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

/** A threshold in milliseconds, in the metric's own unit: 500 ms is 0.5 for the ALB's seconds. */
export function thresholdInUnit(metric: DocumentedMetric, ms: number): number {
  return metric.unit === "Seconds" ? ms / 1000 : ms;
}
