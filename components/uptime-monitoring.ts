/**
 * Uptime checks and the alarms on them: one Route 53 HTTPS health check per endpoint (global, from at
 * least three checker regions, latency measured), an alarm on its status and, for core endpoints, an
 * average time-to-first-byte alarm, all in us-east-1 where Route 53 publishes the metrics. The p95 bar
 * is watched by the API canaries (synthetic-canaries.ts), whose metric has raw data points. Every alarm notifies
 * on ALARM and on OK, so people also learn when it recovered.
 */
import { uptimeAlarmNames } from "../rules/aws-names";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { alertTopicRegions } from "../config/alert-routes";
import { alertTiming, MonitoringConfig, UptimeCheck } from "../config/monitoring";
import { ROUTE53_METRICS_REGION, timeToAlertSeconds } from "../rules/alerting";
import type { CloudflarePlan } from "../rules/cloudflare-plan";
import type { Environment } from "../rules/tls";
import { AlertRouting } from "./alert-routing";
import { AppLatencyWatch, declareAppLatencyAlarm } from "./app-latency-alarm";

export interface UptimeMonitoringArgs {
  readonly environment: Environment;
  /** The resolved endpoints to watch (model/uptime-checks.ts `uptimeChecks`). */
  readonly checks: readonly UptimeCheck[];
  /** The validated `launch-stack:monitoring` section: timing, regions, latency, routes. */
  readonly monitoring: MonitoringConfig;
  /** Sealed HTTPS receiver URL, when configured. */
  readonly httpsEndpoint?: pulumi.Output<string>;
  /** Sealed integration URLs and webhook secrets by entry (`launch-stack:alertIntegrations`). */
  readonly integrations?: Readonly<Record<string, pulumi.Output<string>>>;
  readonly cloudflareAccountId: string;
  readonly zones: readonly { domain: string; plan: CloudflarePlan; zoneId: pulumi.Input<string> }[];
}

export const ROUTE53_NAMESPACE = "AWS/Route53";
/**
 * Route 53 documents TimeToFirstByte as "the average time" its checkers took, with valid statistics
 * Average (recommended), Minimum and Maximum, per HealthCheckId across all checker regions (Region is an
 * optional extra dimension): Route 53 Developer Guide, "Monitoring health checks using CloudWatch",
 * metrics and dimensions table (rules/metric-statistics.ts). A percentile of it is not documented to
 * get data, so the alarm uses Average.
 */
export const ROUTE53_LATENCY_STATISTIC = "Average";

export class UptimeMonitoring extends pulumi.ComponentResource {
  /** Each check: its name, URL and Route 53 health check id. */
  public readonly checks: { name: string; url: string; healthCheckId: pulumi.Output<string> }[];
  /** Alarm names, status first then latency, in check order. */
  public readonly alarms: string[];
  /** Worst-case seconds from outage to notification (≤ 300, enforced by config). */
  public readonly timeToAlertSeconds: number;
  public readonly topicArn: pulumi.Output<string>;
  /** The alert topic of each region that holds alarms, us-east-1 first. */
  public readonly topicArns: Record<string, pulumi.Output<string>>;
  public readonly cloudflarePolicies: string[];
  /** The p95 alarm on the app's own load balancer or API gateway, when configured. */
  public readonly appLatency?: AppLatencyWatch;

  constructor(name: string, args: UptimeMonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
    super("launch-stack:monitoring:UptimeMonitoring", name, {}, opts);
    const { environment, monitoring: m } = args;
    const child = { parent: this };
    const region = ROUTE53_METRICS_REGION;
    const tags = { Environment: environment, ManagedBy: "launch-stack" };

    const routing = new AlertRouting(`${name}-alerts`, {
      environment, alerts: m.alerts, httpsEndpoint: args.httpsEndpoint, integrations: args.integrations, cloudflareAccountId: args.cloudflareAccountId, zones: args.zones,
      alarmRegions: alertTopicRegions(m),
    }, child);
    const actions = { alarmActions: [routing.topicArn], okActions: [routing.topicArn] };

    this.checks = [];
    this.alarms = [];
    for (const check of args.checks) {
      const healthCheck = new aws.route53.HealthCheck(`${name}-${check.name}`, {
        type: check.searchString ? "HTTPS_STR_MATCH" : "HTTPS",
        fqdn: check.host,
        port: 443,
        resourcePath: check.path,
        searchString: check.searchString,
        enableSni: true,
        requestInterval: m.requestInterval,
        failureThreshold: m.failureThreshold,
        measureLatency: true,
        regions: m.regions,
        tags: { ...tags, Name: `launch-stack ${environment} ${check.name}` },
      }, child);
      const dimensions = { HealthCheckId: healthCheck.id };

      const [down, slow] = uptimeAlarmNames(environment, check.name);
      new aws.cloudwatch.MetricAlarm(`${name}-${check.name}-down`, {
        name: down,
        alarmDescription: `${check.url} is failing Route 53 health checks from ${m.regions.join(", ")}`,
        namespace: ROUTE53_NAMESPACE,
        metricName: "HealthCheckStatus",
        dimensions,
        statistic: "Minimum",
        comparisonOperator: "LessThanThreshold",
        threshold: 1,
        period: m.alarmPeriod,
        evaluationPeriods: m.datapointsToAlarm,
        datapointsToAlarm: m.datapointsToAlarm,
        // No data means Route 53 stopped reporting: treat it as down, not as fine.
        treatMissingData: "breaching",
        ...actions,
        region,
        tags,
      }, child);
      this.alarms.push(down);

      if (check.latencyAlarm) {
        new aws.cloudwatch.MetricAlarm(`${name}-${check.name}-slow`, {
          name: slow,
          alarmDescription: `${check.url}: average time to first byte from the Route 53 checkers above ${m.latency.thresholdMs} ms`,
          namespace: ROUTE53_NAMESPACE,
          metricName: "TimeToFirstByte",
          dimensions,
          statistic: ROUTE53_LATENCY_STATISTIC,
          comparisonOperator: "GreaterThanThreshold",
          threshold: m.latency.thresholdMs,
          period: m.latency.period,
          evaluationPeriods: m.latency.evaluationPeriods,
          datapointsToAlarm: m.latency.datapointsToAlarm,
          // An endpoint that is down has no latency; the status alarm reports that.
          treatMissingData: "notBreaching",
          ...actions,
          region,
          tags,
        }, child);
        this.alarms.push(slow);
      }
      this.checks.push({ name: check.name, url: check.url, healthCheckId: healthCheck.id });
    }

    if (m.appLatency) {
      this.appLatency = declareAppLatencyAlarm(`${name}-app-latency-p95`, {
        environment, source: m.appLatency, thresholdMs: m.latency.thresholdMs, topicArn: routing.topicArns[m.appLatency.region],
      }, child);
      this.alarms.push(this.appLatency.alarm);
    }

    this.timeToAlertSeconds = timeToAlertSeconds(alertTiming(m));
    this.topicArn = routing.topicArn;
    this.topicArns = routing.topicArns;
    this.cloudflarePolicies = routing.cloudflarePolicies;
    this.registerOutputs({
      checks: this.checks, alarms: this.alarms, timeToAlertSeconds: this.timeToAlertSeconds, topicArn: this.topicArn, topicArns: this.topicArns, cloudflarePolicies: this.cloudflarePolicies,
      ...(this.appLatency ? { appLatency: this.appLatency } : {}),
    });
  }
}
