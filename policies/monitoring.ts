/**
 * Monitoring (launch checklist: an outage notifies within five minutes, at least two humans in
 * production, every public hostname watched, latency alarmed with a documented statistic). Health checks and alarms are
 * declared with literal inputs; their links (an alarm's HealthCheckId, its topic ARN) are unknown in a
 * PR preview, so the stack-wide checks pair every alarm with the slowest health check, which can only
 * overstate the time to alert. The arithmetic is rules/alerting.ts, as the config gate runs it, with the
 * environment the stack's components declare (stack-facts.ts).
 */
import * as aws from "@pulumi/aws";
import { PolicyResource, ReportViolation, ResourceValidationPolicy, StackValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { checklistItem, LaunchPolicy } from "./checklist";
import type { Unwrap } from "@pulumi/pulumi";
import {
  checkAlarmTopicRegion, checkCanaryTiming, checkCheckerRegions, checkLatencyThreshold, checkMetricAlarmTiming, checkTimeToAlert, checkUptimeCoverage, LATENCY_THRESHOLD_MS,
  MAX_TIME_TO_ALERT_SECONDS, ROUTE53_METRICS_REGION,
} from "../rules/alerting";
import { AlertRoutes, checkAlertRoutes, ON_CALL_SERVICES, onCallServiceOf, OnCallService } from "../rules/alert-routes";
import { APP_LATENCY_METRICS } from "../rules/app-latency";
import { checkLoginFlow, defaultTimeoutSeconds, MAX_CANARY_RETRIES, rateMinutesOf } from "../rules/canaries";
import { checkAlarmStatistic, documentedMetric, isPercentile, PERCENTILES_BY_SERVICE, supportsStatistic, thresholdMs } from "../rules/metric-statistics";
import { Environment } from "../rules/tls";
import { onlyUnder, reportFindings } from "./findings";
import { known } from "./known";
import { Canary, HealthCheck, MetricAlarm, SlackChannelConfiguration, TopicSubscription } from "./resource-classes";
import { environmentOf, LAUNCH_STACK_TYPE, stackEnvironment } from "./stack-facts";
import { authenticatedHostnames, servedHostnames, zoneViews } from "./zones";

const REF = "launch checklist: monitoring";
const ROUTE53_NAMESPACE = "AWS/Route53";
/** The namespace of Synthetics' own metrics (SuccessPercent, Duration). */
const SYNTHETICS_NAMESPACE = "CloudWatchSynthetics";
/** Route 53's defaults when a health check does not set them. */
const DEFAULT_REQUEST_INTERVAL = 30;
const DEFAULT_FAILURE_THRESHOLD = 3;

type HealthCheckProps = Unwrap<aws.route53.HealthCheckArgs>;
type AlarmProps = Unwrap<aws.cloudwatch.MetricAlarmArgs>;

function ofType<T>(resources: readonly PolicyResource[], cls: new (...rest: any[]) => any): { r: PolicyResource; props: T }[] {
  return resources.filter((r) => r.isType(cls)).map((r) => ({ r, props: r.props as T }));
}

function route53Alarms(resources: readonly PolicyResource[], metricName: string) {
  return ofType<AlarmProps>(resources, MetricAlarm).filter(({ props }) => props.namespace === ROUTE53_NAMESPACE && props.metricName === metricName);
}

/** Whether an alarm notifies anyone: it has alarm actions (their ARNs may be unknown; their presence is not). */
function notifies(props: AlarmProps): boolean {
  return "alarmActions" in props && (props.alarmActions as unknown[]).length > 0;
}

/** The URL an HTTPS health check requests, or undefined for other check types. */
function checkUrl(props: HealthCheckProps): string | undefined {
  if (!["HTTPS", "HTTPS_STR_MATCH"].includes(props.type) || !props.fqdn || (props.port !== undefined && props.port !== 443)) return undefined;
  return `https://${props.fqdn}${props.resourcePath ?? "/"}`;
}

export const uptimeCheckPerPublicHostname: LaunchPolicy<StackValidationPolicy> = {
  name: "uptime-check-per-public-hostname",
  description: "Every public hostname (served from an origin and not behind login, which the zone's cache-bypass rule names) must have an HTTPS uptime check: customers must not be the first to find an outage.",
  severity: "high",
  framework: checklistItem("monitoring"),
  remediationSteps: "Add a check for the hostname under launch-stack:monitoring.checks (name: { url: https://<host>/ }).",
  url: "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/health-checks-creating.html",
  validateStack: (args, report) => {
    const urls = ofType<HealthCheckProps>(args.resources, HealthCheck).map(({ props }) => checkUrl(props)).filter((u): u is string => u !== undefined);
    const publicHosts = zoneViews(args.resources).flatMap((view) => {
      const behindLogin = authenticatedHostnames(view);
      return servedHostnames(view).filter((h) => !behindLogin.includes(h));
    });
    reportFindings(report, checkUptimeCoverage(publicHosts, urls));
  },
};

export const healthCheckRegions: LaunchPolicy<ResourceValidationPolicy> = {
  name: "health-check-regions",
  description: "Route 53 health checks must run from at least three valid checker regions: one region's network trouble must not page anyone, nor hide an outage.",
  severity: "medium",
  framework: checklistItem("monitoring"),
  remediationSteps: "Set launch-stack:monitoring.regions to at least three Route 53 checker regions (default us-east-1, eu-west-1, ap-southeast-1).",
  url: "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/health-checks-creating-values.html",
  validateResource: validateResourceOfType(aws.route53.HealthCheck, (check, _args, report) => {
    if (check.regions !== undefined) reportFindings(report, checkCheckerRegions(check.regions));
  }),
};

export const route53AlarmsInUsEast1: LaunchPolicy<ResourceValidationPolicy> = {
  name: "route53-alarms-us-east-1",
  description: "Alarms on Route 53 health-check metrics must be created in us-east-1 (region set explicitly): Route 53 publishes those metrics only there, and an alarm elsewhere never leaves INSUFFICIENT_DATA.",
  severity: "high",
  framework: checklistItem("monitoring"),
  remediationSteps: "Create the alarm with a provider whose region is us-east-1 (components/uptime-monitoring.ts does).",
  url: "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/monitoring-health-checks.html",
  validateResource: validateResourceOfType(aws.cloudwatch.MetricAlarm, (alarm, _args, report) => {
    if (alarm.namespace === ROUTE53_NAMESPACE && alarm.region !== ROUTE53_METRICS_REGION) {
      report(`alarm ${alarm.name ?? ""} on ${alarm.metricName} is ${alarm.region ? `in ${alarm.region}` : "in the provider's default region"}, but Route 53 metrics exist only in ${ROUTE53_METRICS_REGION} (${REF}); set region: "${ROUTE53_METRICS_REGION}"`);
    }
  }),
};

export const alertTopicEncrypted: LaunchPolicy<ResourceValidationPolicy> = {
  name: "alert-topic-encrypted",
  description: "SNS topics must be encrypted with a customer-managed KMS key: alert payloads name hosts and failures, and CloudWatch cannot publish to a topic encrypted with the AWS managed key alias/aws/sns, so alarms would be dropped silently.",
  severity: "high",
  framework: checklistItem("monitoring"),
  remediationSteps: "Encrypt the SNS topic with a customer-managed KMS key whose policy lets CloudWatch use it (components/alert-routing.ts does).",
  url: "https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html",
  validateResource: validateResourceOfType(aws.sns.Topic, (topic, args, report) => {
    if (!("kmsMasterKeyId" in args.props)) report(`topic ${topic.name ?? args.name} is not encrypted (${REF}); set kmsMasterKeyId to a customer-managed KMS key whose policy lets cloudwatch.amazonaws.com use it`);
    else if (known(() => topic.kmsMasterKeyId) === "alias/aws/sns") report(`topic ${topic.name ?? args.name} uses the AWS managed key alias/aws/sns, which CloudWatch alarms cannot publish with (${REF}); use a customer-managed key whose policy lets cloudwatch.amazonaws.com use it`);
  }),
};

export const ALERT_ROUTING_TYPE = "launch-stack:monitoring:AlertRouting";

/** The routes an AlertRouting component declares belong to one person (its `samePerson` fact), when known. */
function samePersonFacts(resources: readonly PolicyResource[]): string[][] {
  return resources.filter((r) => r.type === ALERT_ROUTING_TYPE).flatMap((r) => {
    const groups = known(() => r.props.samePerson);
    return Array.isArray(groups) ? groups.filter((g): g is string[] => Array.isArray(g) && g.every((x) => typeof x === "string")) : [];
  });
}

/**
 * Which on-call service an AlertRouting component declares behind each of its subscriptions, by the
 * subscription's name (its `onCallSubscriptions` fact), when known.
 */
function onCallFacts(resources: readonly PolicyResource[]): Map<string, OnCallService> {
  return new Map(resources.filter((r) => r.type === ALERT_ROUTING_TYPE).flatMap((r) => {
    const facts = known(() => r.props.onCallSubscriptions);
    return typeof facts === "object" && facts !== null
      ? Object.entries(facts as Record<string, unknown>).filter((e): e is [string, OnCallService] => (ON_CALL_SERVICES as readonly unknown[]).includes(e[1]))
      : [];
  }));
}

/**
 * Who the stack's alert topics reach: email and SMS subscriptions (people), HTTPS subscriptions to
 * PagerDuty or Opsgenie (whoever is on call, told apart by the endpoint's host), and other HTTPS
 * subscriptions and Slack channels (routes that count as nobody). An endpoint that is not a readable URL
 * (unknown, or a secure value the offline plan cannot decrypt) is the on-call service its AlertRouting
 * component declares for that subscription, else nobody; a readable URL is judged by its host alone.
 */
function alertRoutes(resources: readonly PolicyResource[]): AlertRoutes {
  const subscriptions = ofType<Unwrap<aws.sns.TopicSubscriptionArgs>>(resources, TopicSubscription);
  const endpoints = (protocols: string[]) => subscriptions.filter(({ props }) => protocols.includes(props.protocol)).map(({ props }) => known(() => props.endpoint)).filter((e): e is string => typeof e === "string");
  const declared = onCallFacts(resources);
  const onCall = subscriptions.filter(({ props }) => props.protocol === "https").map(({ r, props }) => {
    const endpoint = known(() => props.endpoint);
    return typeof endpoint === "string" && URL.canParse(endpoint) ? onCallServiceOf(endpoint) : declared.get(r.name);
  }).filter((s): s is OnCallService => s !== undefined);
  const emails = endpoints(["email", "email-json"]);
  const phones = endpoints(["sms"]);
  const slack = resources.filter((r) => r.isType(SlackChannelConfiguration)).length;
  return { emails, phones, onCall, samePerson: samePersonFacts(resources), otherRoutes: subscriptions.length - emails.length - phones.length - onCall.length + slack };
}

export const alertsRouted: LaunchPolicy<StackValidationPolicy> = {
  name: "alerts-routed",
  description: "Alerts must reach someone: at least one email, SMS, Slack, PagerDuty, Opsgenie or HTTPS subscription to the alert topic.",
  severity: "critical",
  framework: checklistItem("monitoring"),
  remediationSteps: "Set launch-stack:monitoring.alerts.emails, sms, slack, pagerduty or opsgenie.",
  url: "https://docs.aws.amazon.com/sns/latest/dg/sns-create-subscribe-endpoint-to-topic.html",
  validateStack: (args, report) => reportFindings(report, checkAlertRoutes(alertRoutes(args.resources), "staging")),
};

export const twoHumanAlertRoutes: LaunchPolicy<StackValidationPolicy> = {
  name: "two-human-alert-routes",
  description: "Production alerts must reach at least two people (rules/alert-routes.ts): each mailbox or phone number counts once, a person's grouped routes count once, all PagerDuty and Opsgenie services together count as one person (whoever is on call), Slack and webhooks count as nobody. One person's absence must not silence an outage.",
  severity: "high",
  framework: checklistItem("monitoring"),
  remediationSteps: "Route prod alerts to at least two people: addresses under launch-stack:monitoring.alerts.emails, phones under alerts.sms, or one of them plus alerts.pagerduty or alerts.opsgenie.",
  url: "https://docs.aws.amazon.com/sns/latest/dg/sns-email-notifications.html",
  validateStack: (args, report) => {
    // Asks the rule about people alone: with a route assumed, it never stops at "alerts go nowhere" (alerts-routed reports that).
    const routes = alertRoutes(args.resources);
    const peopleAt = (environment: Environment) => checkAlertRoutes({ ...routes, otherRoutes: routes.otherRoutes + 1 }, environment);
    reportFindings(report, onlyUnder(peopleAt, stackEnvironment(args.resources), "staging"));
  },
};

type CanaryProps = Unwrap<aws.synthetics.CanaryArgs>;

/** Every health check has a notifying HealthCheckStatus alarm within the bar, judged against the slowest check. */
function healthCheckTiming(resources: readonly PolicyResource[], report: ReportViolation): void {
  const checks = ofType<HealthCheckProps>(resources, HealthCheck);
  if (checks.length === 0) return;
  const slowest = checks
    .map(({ props }) => ({ requestInterval: props.requestInterval ?? DEFAULT_REQUEST_INTERVAL, failureThreshold: props.failureThreshold ?? DEFAULT_FAILURE_THRESHOLD }))
    .sort((a, b) => b.requestInterval * b.failureThreshold - a.requestInterval * a.failureThreshold)[0];
  const alarms = route53Alarms(resources, "HealthCheckStatus");
  if (alarms.length < checks.length) {
    report(`${checks.length} uptime checks but ${alarms.length} HealthCheckStatus alarm${alarms.length === 1 ? "" : "s"}, so an outage of some endpoint notifies nobody (${REF}); give every health check an alarm on HealthCheckStatus`);
  }
  for (const { r, props } of alarms) {
    if (!notifies(props)) report(`alarm ${props.name ?? r.name} has no alarmActions, so it notifies nobody (${REF}); point alarmActions at the alert topic`, r.urn);
    const timing = { ...slowest, alarmPeriod: props.period ?? 60, datapointsToAlarm: props.datapointsToAlarm ?? props.evaluationPeriods ?? 1 };
    reportFindings(report, checkTimeToAlert(timing), { prefix: `alarm ${props.name ?? r.name}`, urn: r.urn });
  }
}

/**
 * Every canary has a notifying SuccessPercent alarm (paired by its CanaryName dimension, a config literal
 * known at preview), and its schedule, run timeout and alarm fit the bar: rules/alerting.ts
 * `checkCanaryTiming`, the same arithmetic the config gate runs on monitoring.canaries.
 */
function canaryTiming(resources: readonly PolicyResource[], report: ReportViolation): void {
  const successAlarms = ofType<AlarmProps>(resources, MetricAlarm).filter(({ props }) => props.namespace === SYNTHETICS_NAMESPACE && props.metricName === "SuccessPercent");
  for (const { r, props } of ofType<CanaryProps>(resources, Canary)) {
    const name = known(() => props.name) ?? r.name;
    const alarms = successAlarms.filter((a) => known(() => (a.props.dimensions as Record<string, unknown> | undefined)?.CanaryName) === name);
    if (alarms.length === 0) {
      report(`canary ${name} has no SuccessPercent alarm, so its failures notify nobody (${REF}); alarm on CloudWatchSynthetics SuccessPercent with dimension CanaryName ${name}`, r.urn);
      continue;
    }
    const expression = known(() => props.schedule?.expression);
    const rateMinutes = expression === undefined ? undefined : rateMinutesOf(expression);
    if (rateMinutes === undefined) {
      report(`canary ${name} runs on ${expression ?? "an unknown schedule"}, which has no fixed interval, so its time to alert cannot be shown to be within ${MAX_TIME_TO_ALERT_SECONDS} s (${REF}); use a rate expression such as rate(1 minute)`, r.urn);
      continue;
    }
    const timeoutSeconds = known(() => props.runConfig?.timeoutInSeconds) ?? defaultTimeoutSeconds(rateMinutes);
    // Unset is the provider's default (no retries); unknown at preview, the most Synthetics accepts.
    const maxRetries = known(() => props.schedule?.retryConfig?.maxRetries ?? 0) ?? MAX_CANARY_RETRIES;
    for (const a of alarms) {
      const alarm = a.props.name ?? a.r.name;
      if (!notifies(a.props)) report(`alarm ${alarm} has no alarmActions, so canary ${name} notifies nobody (${REF}); point alarmActions at the alert topic`, a.r.urn);
      const timing = { rateMinutes, timeoutSeconds, maxRetries, alarmPeriod: a.props.period ?? 60, datapointsToAlarm: a.props.datapointsToAlarm ?? a.props.evaluationPeriods ?? 1 };
      reportFindings(report, checkCanaryTiming(timing), { prefix: `alarm ${alarm}`, urn: a.r.urn });
    }
  }
}

/** The app's own latency alarms (ALB, API Gateway): period × evaluation periods + SNS delivery, as the config gate counts them. */
function appLatencyTiming(resources: readonly PolicyResource[], report: ReportViolation): void {
  const metrics = Object.values(APP_LATENCY_METRICS);
  for (const { r, props } of ofType<AlarmProps>(resources, MetricAlarm)) {
    if (!metrics.some((m) => m.namespace === props.namespace && m.metricName === props.metricName)) continue;
    reportFindings(report, checkMetricAlarmTiming({ period: props.period ?? 60, evaluationPeriods: props.evaluationPeriods ?? 1 }), { prefix: `alarm ${props.name ?? r.name}`, urn: r.urn });
  }
}

export const timeToAlert: LaunchPolicy<StackValidationPolicy> = {
  name: "time-to-alert",
  description: "Every uptime check must have a HealthCheckStatus alarm, and every Synthetics canary a SuccessPercent alarm, that notifies someone within 300 s of an outage (check interval × failure threshold + alarm period × datapoints; canary schedule × failed runs + run timeout × (1 + retries) + alarm period); the app's own latency alarm counts period × evaluation periods + SNS delivery.",
  severity: "high",
  framework: checklistItem("monitoring"),
  remediationSteps: "Lower launch-stack:monitoring.requestInterval, failureThreshold, alarmPeriod or datapointsToAlarm; run the canaries more often (monitoring.canaries.rateMinutes) or alarm on fewer failed runs; shorten monitoring.appLatency's period or evaluationPeriods.",
  url: "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/health-checks-how-route-53-chooses-records.html",
  validateStack: (args, report) => {
    healthCheckTiming(args.resources, report);
    canaryTiming(args.resources, report);
    appLatencyTiming(args.resources, report);
  },
};

/** The statistic an alarm computes: its percentile when it has one, else its plain statistic. */
function statisticOf(props: AlarmProps): string | undefined {
  return props.extendedStatistic ?? props.statistic;
}

export const alarmStatisticDocumented: LaunchPolicy<ResourceValidationPolicy> = {
  name: "alarm-statistic-documented",
  description: "An alarm on a metric in rules/metric-statistics.ts must use a statistic AWS documents for that metric: CloudWatch computes percentiles only from raw data points, so a p95 of a metric published as averages never gets data, and with missing data treated as not breaching it never fires.",
  severity: "high",
  framework: checklistItem("performance"),
  remediationSteps: "Alarm with a statistic from the metric's row in rules/metric-statistics.ts; for a p95, use a metric published as raw data points (the API canaries' LaunchStack/Canaries ResponseTime).",
  url: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricStatistics.html",
  validateResource: validateResourceOfType(aws.cloudwatch.MetricAlarm, (alarm, args, report) => {
    reportFindings(report, checkAlarmStatistic({ namespace: alarm.namespace, metricName: alarm.metricName, statistic: statisticOf(alarm as AlarmProps) }), { prefix: `alarm ${alarm.name ?? args.name}` });
  }),
};

/** Alarms on a latency metric whose statistic its documentation supports, with actions and a threshold. */
function documentedLatencyAlarms(resources: readonly PolicyResource[]) {
  return ofType<AlarmProps>(resources, MetricAlarm).flatMap(({ r, props }) => {
    const metric = documentedMetric(props.namespace, props.metricName);
    const statistic = statisticOf(props);
    return metric?.latency && statistic && supportsStatistic(metric, statistic) && props.threshold !== undefined && notifies(props) ? [{ r, props, metric, statistic }] : [];
  });
}

export const latencyAlarmP95InProd: LaunchPolicy<StackValidationPolicy> = {
  name: "latency-alarm-p95-in-prod",
  description: "Latency must be alarmed with a statistic the metric is documented to support (rules/metric-statistics.ts): in every production stack, and in any stack with uptime checks. Production needs a p95 among those alarms, and every one at 500 ms or less (launch checklist: performance): slow pages are an outage customers feel first.",
  severity: "medium",
  framework: checklistItem("performance"),
  remediationSteps: "Keep the API canaries (launch-stack:monitoring.canaries) or name the app's load balancer or API gateway under launch-stack:monitoring.appLatency; keep launch-stack:monitoring.latency.thresholdMs at 500 or less in prod.",
  url: PERCENTILES_BY_SERVICE,
  validateStack: (args, report) => {
    const environment = stackEnvironment(args.resources);
    // A production launch always has latency to watch; another stack only once it watches endpoints.
    const prodLaunch = environment === "prod" && args.resources.some((r) => r.type === LAUNCH_STACK_TYPE);
    if (!prodLaunch && !args.resources.some((r) => r.isType(HealthCheck))) return;
    const alarms = documentedLatencyAlarms(args.resources);
    if (alarms.length === 0) {
      report(`no latency alarm with actions and a threshold uses a statistic its metric is documented to support (${REF}); alarm on the API canaries' response time p95 or on ${ROUTE53_NAMESPACE} TimeToFirstByte Average, threshold ${LATENCY_THRESHOLD_MS} ms`);
    } else if (environment === "prod" && !alarms.some((a) => isPercentile(a.statistic))) {
      report(`production has no p95 latency alarm on a metric documented to support percentiles (launch checklist: performance); keep the API canaries (launch-stack:monitoring.canaries) or name the app's load balancer or API gateway under launch-stack:monitoring.appLatency`);
    }
    for (const { r, props, metric } of alarms) {
      reportFindings(report, checkLatencyThreshold(thresholdMs(metric, props.threshold!), environmentOf(r)), { prefix: `alarm ${props.name ?? r.name}`, urn: r.urn });
    }
  },
};

export const SYNTHETIC_CANARIES_TYPE = "launch-stack:monitoring:SyntheticCanaries";

/** Whether a canary runs the login flow with a test account: its handler, and the account's name and secret in its environment. */
function signsIn(props: Unwrap<aws.synthetics.CanaryArgs>): boolean {
  const env = (props.runConfig?.environmentVariables ?? {}) as Record<string, unknown>;
  return props.handler === "login-flow.handler" && typeof env.TEST_USERNAME === "string" && typeof env.TEST_ACCOUNT_SECRETSMANAGER_ID === "string";
}

export const loginFlowCanary: LaunchPolicy<StackValidationPolicy> = {
  name: "login-flow-canary",
  description: "Production must watch the login flow end to end: a Synthetics canary that signs in with a test account and reaches the dashboard, or a reason, declared by the stack, why it cannot (for example SSO-only login).",
  severity: "high",
  framework: checklistItem("monitoring"),
  remediationSteps: "Set launch-stack:monitoring.canaries.login.testAccount (username and the Secrets Manager secret name of its password), or noTestAccountReason.",
  url: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Synthetics_Canaries.html",
  validateStack: (args, report) => {
    const canaries = args.resources.filter((r) => r.isType(Canary)).map((r) => r.props as Unwrap<aws.synthetics.CanaryArgs>);
    const reasons = args.resources.filter((r) => r.type === SYNTHETIC_CANARIES_TYPE).map((r) => known(() => r.props.loginFlow?.noTestAccountReason)).filter((v): v is string => typeof v === "string");
    reportFindings(report, checkLoginFlow({ signsIn: canaries.some(signsIn), noTestAccountReason: reasons[0] }, stackEnvironment(args.resources)));
  },
};

export const alarmTopicInAlarmRegion: LaunchPolicy<StackValidationPolicy> = {
  name: "alarm-topic-in-alarm-region",
  description: "Every alarm that notifies must notify a topic in its own region: CloudWatch alarm actions can only be SNS topics in the alarm's region, so an alarm in a region without an alert topic (an app load balancer's region, say) notifies nobody.",
  severity: "high",
  framework: checklistItem("monitoring"),
  remediationSteps: "Declare the app's latency source under launch-stack:monitoring.appLatency (its region gets an alert topic with the same subscriptions), or add an encrypted alert topic in the alarm's region and point the alarm at it.",
  url: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html",
  validateStack: (args, report) => {
    const topicRegions = args.resources.filter((r) => r.isType(aws.sns.Topic)).map((r) => known(() => r.props.region) as string | undefined);
    for (const { r, props } of ofType<AlarmProps>(args.resources, MetricAlarm)) {
      if (!notifies(props)) continue;
      const actions = props.alarmActions as unknown[];
      // Element by element inside known(): at preview the engine's proxy throws on an unknown ARN, and
      // Array.map would read it outside. A value that is not an ARN is read as unknown too.
      const actionArns: (string | undefined)[] = [];
      for (let i = 0; i < actions.length; i++) {
        const arn = known(() => actions[i]);
        actionArns.push(typeof arn === "string" && arn.startsWith("arn:") ? arn : undefined);
      }
      reportFindings(report, checkAlarmTopicRegion({ name: props.name ?? r.name, region: known(() => props.region) as string | undefined, actionArns }, topicRegions), { urn: r.urn });
    }
  },
};

export const monitoringPolicies = [
  uptimeCheckPerPublicHostname, healthCheckRegions, route53AlarmsInUsEast1, alarmTopicInAlarmRegion, alertTopicEncrypted, alertsRouted, twoHumanAlertRoutes, timeToAlert, alarmStatisticDocumented, latencyAlarmP95InProd, loginFlowCanary,
];
