/**
 * The p95 alarm on the app's own latency (launch-stack:monitoring.appLatency): its load balancer's
 * `TargetResponseTime` or its API gateway's `Latency`, over every real request rather than the canaries'
 * one a minute. It is declared in the source's region, where the metric is published, and notifies that
 * region's alert topic (components/alert-routing.ts), on ALARM and on OK.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AppLatencyConfig } from "../config/app-latency";
import { describeMetricAlarmTimeToAlert, metricAlarmTimeToAlertSeconds } from "../rules/alerting";
import { appLatencyAlarmSpec, describeAppLatencySource } from "../rules/app-latency";
import type { Environment } from "../rules/tls";

/** What watches p95 here, for the outputs, the handover and the scorecard. */
export interface AppLatencyWatch {
  alarm: string;
  source: string;
  region: string;
  metric: string;
  statistic: string;
  threshold: number;
  unit: string;
  thresholdMs: number;
  /** `60 s × 3`: the windows the alarm looks at. */
  every: string;
  timeToAlertSeconds: number;
  timeToAlert: string;
}

export function appLatencyAlarmName(environment: Environment): string {
  return `launch-stack-${environment}-app-latency-p95`;
}

export function declareAppLatencyAlarm(name: string, args: {
  environment: Environment;
  source: AppLatencyConfig;
  thresholdMs: number;
  topicArn: pulumi.Input<string>;
}, opts: pulumi.CustomResourceOptions): AppLatencyWatch {
  const { environment, source, thresholdMs } = args;
  const spec = appLatencyAlarmSpec(source, thresholdMs);
  const alarm = appLatencyAlarmName(environment);
  const described = describeAppLatencySource(source);
  const unit = spec.unit === "Seconds" ? "s" : "ms";
  new aws.cloudwatch.MetricAlarm(name, {
    name: alarm,
    alarmDescription: `The app's ${described}: p95 ${spec.metricName} above ${spec.threshold} ${unit} (${thresholdMs} ms) in ${source.datapointsToAlarm} of ${source.evaluationPeriods} ${source.period}-second windows`,
    namespace: spec.namespace,
    metricName: spec.metricName,
    dimensions: spec.dimensions,
    // Both services publish raw per-request values; AWS lists them among the metrics that support
    // percentiles (rules/metric-statistics.ts).
    extendedStatistic: spec.extendedStatistic,
    comparisonOperator: "GreaterThanThreshold",
    // TargetResponseTime is in seconds and API Gateway's Latency in milliseconds: 0.5 and 500 are the same bar.
    threshold: spec.threshold,
    period: source.period,
    evaluationPeriods: source.evaluationPeriods,
    datapointsToAlarm: source.datapointsToAlarm,
    // "If there are no requests flowing through the load balancer ... the metric is not reported" (ELB User
    // Guide, CloudWatch metrics); API Gateway likewise publishes nothing without requests. No data is no
    // traffic, not slowness; an origin that stops answering is the status and canary alarms' job, and they
    // treat missing data as breaching.
    treatMissingData: "notBreaching",
    alarmActions: [args.topicArn],
    okActions: [args.topicArn],
    region: source.region,
    tags: { Environment: environment, ManagedBy: "launch-stack" },
  }, opts);
  const timing = { period: source.period, evaluationPeriods: source.evaluationPeriods };
  return {
    alarm,
    source: described,
    region: source.region,
    metric: `${spec.namespace} ${spec.metricName}`,
    statistic: spec.extendedStatistic,
    threshold: spec.threshold,
    unit: spec.unit,
    thresholdMs,
    every: `${source.period} s × ${source.evaluationPeriods}`,
    timeToAlertSeconds: metricAlarmTimeToAlertSeconds(timing),
    timeToAlert: describeMetricAlarmTimeToAlert(timing),
  };
}
