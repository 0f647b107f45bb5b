import { strict as assert } from "node:assert";
import { alertKeyPolicy, alertTopicPolicy } from "../../components/alert-routing";
import { UptimeMonitoring } from "../../components/uptime-monitoring";
import { parseStackConfig, RawConfig } from "../../gate/load";
import { uptimeChecks } from "../../model/uptime-checks";
import type { Evaluation } from "../../offline/evaluate";
import { SECRET_SIG, SPECIAL_SIG_KEY } from "../../offline/recording-runtime";
import { ACCOUNT_ID, fakeArn } from "../support/aws-mocks";
import { Built, builtUnderAwsMocks, LATENCY_BAR_ALARM, PROD_TAGS as TAGS } from "./monitoring-fixture";
import { editedConfig, evaluate, inputsOf, ofType, resource, shippedConfig } from "../support/harness";

const T = {
  healthCheck: "aws:route53/healthCheck:HealthCheck",
  alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
  key: "aws:kms/key:Key",
  topic: "aws:sns/topic:Topic",
  topicPolicy: "aws:sns/topicPolicy:TopicPolicy",
  subscription: "aws:sns/topicSubscription:TopicSubscription",
  slack: "aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration",
  role: "aws:iam/role:Role",
  notification: "cloudflare:index/notificationPolicy:NotificationPolicy",
};
const PAGERDUTY = "https://events.pagerduty.com/integration/0123456789abcdef0123456789abcdef/enqueue";

function withPagerDuty(raw: RawConfig): RawConfig {
  return { values: { ...raw.values, "launch-stack:alertHttpsEndpoint": PAGERDUTY }, secretKeys: new Set([...raw.secretKeys, "launch-stack:alertHttpsEndpoint"]) };
}

describe("UptimeMonitoring (prod)", () => {
  let ev: Evaluation;
  before(async () => {
    ev = await evaluate(shippedConfig("prod"), "prod");
  });

  it("checks the homepage over HTTPS with SNI from three checker regions every 30 s, measuring latency", () => {
    assert.deepEqual(inputsOf(ev, T.healthCheck, "uptime-homepage"), {
      type: "HTTPS",
      fqdn: "example.com",
      port: 443,
      resourcePath: "/",
      enableSni: true,
      requestInterval: 30,
      failureThreshold: 3,
      measureLatency: true,
      regions: ["us-east-1", "eu-west-1", "ap-southeast-1"],
      tags: { ...TAGS, Name: "launch-stack prod homepage" },
    });
  });

  it("matches a string in the API health response where one is configured", () => {
    const hc = inputsOf(ev, T.healthCheck, "uptime-api-health");
    assert.deepEqual([hc.type, hc.fqdn, hc.resourcePath, hc.searchString], ["HTTPS_STR_MATCH", "api.example.com", "/api/health", '"status":"ok"']);
  });

  it("checks every configured endpoint plus homepage and login, and declares health checks without a region (they are global)", () => {
    const checks = Object.fromEntries(ofType(ev, T.healthCheck).map((r) => [r.name, inputsOf(ev, T.healthCheck, r.name)]));
    assert.deepEqual(Object.fromEntries(Object.entries(checks).map(([name, c]) => [name, `${c.fqdn}${c.resourcePath}`])), {
      "uptime-homepage": "example.com/",
      "uptime-login": "app.example.com/login",
      "uptime-api-health": "api.example.com/api/health",
      "uptime-password-reset": "app.example.com/password/reset",
      "uptime-webhooks": "app.example.com/webhooks/health",
      "uptime-status": "status.example.com/",
    });
    assert.ok(Object.values(checks).every((c) => !("region" in c)));
  });

  it("alarms in us-east-1 when a check's status drops below healthy for one minute, treating no data as down", () => {
    const { dimensions, alarmActions, okActions, ...rest } = inputsOf(ev, T.alarm, "uptime-login-down");
    assert.deepEqual(rest, {
      name: "launch-stack-prod-login-down",
      alarmDescription: "https://app.example.com/login is failing Route 53 health checks from us-east-1, eu-west-1, ap-southeast-1",
      namespace: "AWS/Route53",
      metricName: "HealthCheckStatus",
      statistic: "Minimum",
      comparisonOperator: "LessThanThreshold",
      threshold: 1,
      period: 60,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      treatMissingData: "breaching",
      region: "us-east-1",
      tags: TAGS,
    });
    assert.deepEqual([Object.keys(dimensions), alarmActions.length, okActions.length], [["HealthCheckId"], 1, 1]);
  });

  it("alarms on the average time to first byte above 500 ms for two of three five-minute windows, the statistic Route 53 documents", () => {
    const { dimensions, alarmActions, okActions, ...rest } = inputsOf(ev, T.alarm, "uptime-api-health-slow");
    assert.deepEqual(rest, {
      name: "launch-stack-prod-api-health-slow",
      alarmDescription: "https://api.example.com/api/health: average time to first byte from the Route 53 checkers above 500 ms",
      namespace: "AWS/Route53",
      metricName: "TimeToFirstByte",
      statistic: "Average",
      ...LATENCY_BAR_ALARM,
    });
    assert.deepEqual([Object.keys(dimensions), alarmActions.length, okActions.length], [["HealthCheckId"], 1, 1]);
  });

  it("watches latency on the core endpoints only", () => {
    assert.deepEqual(ofType(ev, T.alarm).filter((r) => r.name.endsWith("-slow")).map((r) => r.name).sort(), ["uptime-api-health-slow", "uptime-homepage-slow", "uptime-login-slow"]);
  });

  it("emails both people and pages PagerDuty from the alert topic in us-east-1", () => {
    assert.deepEqual(ofType(ev, T.subscription).map((r) => inputsOf(ev, T.subscription, r.name)).map((s) => [s.protocol, s.endpoint, s.region]).sort(), [
      ["email", "dana.whitfield@example.com", "us-east-1"],
      ["email", "sam.okafor@example.com", "us-east-1"],
      ["https", "[secret]", "us-east-1"],
    ]);
  });

  it("posts to Slack through AWS Chatbot with a read-only role and guardrail", () => {
    const { iamRoleArn, snsTopicArns, ...rest } = inputsOf(ev, T.slack, "uptime-alerts-slack");
    assert.deepEqual(rest, {
      configurationName: "launch-stack-prod-alerts",
      slackTeamId: "T07EA123LEP",
      slackChannelId: "C07EZ1ABC23",
      guardrailPolicyArns: ["arn:aws:iam::aws:policy/CloudWatchReadOnlyAccess"],
      loggingLevel: "ERROR",
      region: "us-east-2",
      tags: TAGS,
    });
    assert.equal(snsTopicArns.length, 1);
    assert.deepEqual(JSON.parse(inputsOf(ev, T.role, "uptime-alerts-chatbot").assumeRolePolicy).Statement, [
      { Effect: "Allow", Principal: { Service: "chatbot.amazonaws.com" }, Action: "sts:AssumeRole" },
    ]);
  });

  it("protects the alert key in prod, with rotation on, in us-east-1", () => {
    const key = inputsOf(ev, T.key, "uptime-alerts-key");
    assert.deepEqual([key.enableKeyRotation, key.deletionWindowInDays, key.region, resource(ev, T.key, "uptime-alerts-key").protect], [true, 30, "us-east-1", true]);
  });

  it("asks Cloudflare to email the same people about origin reachability, Universal SSL and HTTP DDoS attacks", () => {
    const policies = ofType(ev, T.notification).map((r) => inputsOf(ev, T.notification, r.name));
    assert.deepEqual(policies.map((p) => [p.alertType, p.name, p.filters]).sort(), [
      ["dos_attack_l7", "launch-stack prod: HTTP DDoS attack mitigated", undefined],
      ["real_origin_monitoring", "launch-stack prod: Cloudflare cannot reach the origin (521)", undefined],
      ["universal_ssl_event_type", "launch-stack prod: Universal SSL certificate validation, issuance and renewal", undefined],
    ]);
    for (const p of policies) {
      assert.deepEqual([p.accountId, p.enabled, p.mechanisms], ["023e105f4ecef8ad9ca31a8372d0c353", true, { emails: [{ id: "dana.whitfield@example.com" }, { id: "sam.okafor@example.com" }] }]);
    }
  });

  it("exports the checks and the alarms sorted by name, the time to alert, who is alerted and the confirmation note", () => {
    assert.deepEqual((ev.outputs.uptimeChecks as { name: string; url: string }[]).map((c) => `${c.name} ${c.url}`), [
      "api-health https://api.example.com/api/health", "homepage https://example.com/", "login https://app.example.com/login",
      "password-reset https://app.example.com/password/reset", "status https://status.example.com/", "webhooks https://app.example.com/webhooks/health",
    ]);
    assert.deepEqual(ev.outputs.alarms, ["api-health-down", "api-health-slow", "homepage-down", "homepage-slow", "login-down", "login-slow", "password-reset-down", "status-down", "webhooks-down"].map((a) => `launch-stack-prod-${a}`));
    assert.equal(ev.outputs.timeToAlertSeconds, 150);
    assert.deepEqual(ev.outputs.alertRecipients, [
      "email: dana.whitfield@example.com", "email: sam.okafor@example.com", "slack: #portal-alerts (workspace T07EA123LEP, channel C07EZ1ABC23)",
      "pagerduty: service Portal production, whoever is on call (integration URL in launch-stack:alertIntegrations.pagerduty, secret)",
    ]);
    assert.match(String(ev.outputs.alertSubscriptionNote), /^Each alert email address receives an AWS confirmation email and gets alerts only after clicking its link/);
  });
});

describe("UptimeMonitoring wired with real ARNs", () => {
  let built: Built;
  const input = (type: string, name: string) => built.input(type, name);
  const topicArn = fakeArn(T.topic, "uptime-alerts-topic", "us-east-1");
  before(async () => {
    const config = parseStackConfig(withPagerDuty(editedConfig("prod", (c) => { c.zones[0].plan = "enterprise"; })));
    built = await builtUnderAwsMocks(() => new UptimeMonitoring("uptime", {
      environment: "prod",
      checks: uptimeChecks(config),
      monitoring: config.monitoring,
      httpsEndpoint: config.alertHttpsEndpoint,
      cloudflareAccountId: config.cloudflareAccountId,
      zones: config.zones.map((z) => ({ domain: z.domain, plan: z.plan, zoneId: `${z.domain}-zone-id` })),
    }));
  });

  it("points each alarm at its own health check and notifies the topic on ALARM and on OK", () => {
    for (const name of ["homepage-down", "homepage-slow", "status-down"]) {
      const alarm = input(T.alarm, `uptime-${name}`);
      assert.deepEqual([alarm.dimensions, alarm.alarmActions, alarm.okActions], [{ HealthCheckId: `uptime-${name.replace(/-(down|slow)$/, "")}-id` }, [topicArn], [topicArn]], name);
    }
  });

  it("encrypts the topic with its own key", () => {
    assert.deepEqual([input(T.topic, "uptime-alerts-topic").kmsMasterKeyId, input(T.topic, "uptime-alerts-topic").region], [fakeArn(T.key, "uptime-alerts-key", "us-east-1"), "us-east-1"]);
  });

  it("lets CloudWatch use the key, or an encrypted topic would drop every alarm", () => {
    assert.deepEqual(JSON.parse(input(T.key, "uptime-alerts-key").policy), alertKeyPolicy(ACCOUNT_ID));
    assert.deepEqual(alertKeyPolicy(ACCOUNT_ID).Statement[1], {
      Sid: "CloudWatchAlarmsEncryptNotifications", Effect: "Allow", Principal: { Service: "cloudwatch.amazonaws.com" }, Action: ["kms:Decrypt", "kms:GenerateDataKey*"], Resource: "*",
    });
  });

  it("lets only this account's CloudWatch alarms publish to the topic", () => {
    assert.deepEqual(JSON.parse(input(T.topicPolicy, "uptime-alerts-topic-policy").policy), alertTopicPolicy(topicArn, ACCOUNT_ID));
    assert.deepEqual(alertTopicPolicy(topicArn, ACCOUNT_ID).Statement[1], {
      Sid: "CloudWatchAlarmsPublish",
      Effect: "Allow",
      Principal: { Service: "cloudwatch.amazonaws.com" },
      Action: "SNS:Publish",
      Resource: topicArn,
      Condition: { ArnLike: { "aws:SourceArn": `arn:aws:cloudwatch:us-east-1:${ACCOUNT_ID}:alarm:*` }, StringEquals: { "aws:SourceAccount": ACCOUNT_ID } },
    });
  });

  it("subscribes the PagerDuty endpoint over HTTPS as a secret, and lets it confirm itself", () => {
    assert.deepEqual(input(T.subscription, "uptime-alerts-https"), {
      topic: topicArn, protocol: "https", endpoint: { [SPECIAL_SIG_KEY]: SECRET_SIG, value: PAGERDUTY }, endpointAutoConfirms: true, region: "us-east-1",
    });
  });

  it("filters the Enterprise-only origin error rate alert to the Enterprise zone", () => {
    const policy = input(T.notification, "uptime-alerts-cf-http-alert-origin-error");
    assert.deepEqual([policy.alertType, policy.filters], ["http_alert_origin_error", { zones: ["example.com-zone-id"], slos: ["99.9"] }]);
  });
});

describe("UptimeMonitoring (staging and a PagerDuty endpoint)", () => {
  let ev: Evaluation;
  before(async () => {
    ev = await evaluate(withPagerDuty(shippedConfig("staging")), "staging", false);
  });

  it("watches homepage and login with four alarms, emailing the team mailbox and no Slack", () => {
    assert.deepEqual(ofType(ev, T.alarm).map((r) => r.name).filter((n) => n.startsWith("uptime-")).sort(), ["uptime-homepage-down", "uptime-homepage-slow", "uptime-login-down", "uptime-login-slow"]);
    assert.deepEqual(ofType(ev, T.subscription).filter((r) => r.wire.protocol === "email").map((r) => r.wire.endpoint), ["portal-staging@example.org"]);
    assert.equal(ofType(ev, T.slack).length, 0);
  });

  it("sends the PagerDuty URL to AWS only as a secret", () => {
    const endpoint = resource(ev, T.subscription, "uptime-alerts-https").wire.endpoint as Record<string, unknown>;
    assert.equal(endpoint[SPECIAL_SIG_KEY], SECRET_SIG);
  });

  it("does not protect staging's alert key", () => {
    assert.equal(resource(ev, T.key, "uptime-alerts-key").protect, false);
  });
});
