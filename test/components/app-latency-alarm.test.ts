import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { alertKeyPolicy, alertTopicPolicy } from "../../components/alert-routing";
import { UptimeMonitoring } from "../../components/uptime-monitoring";
import { parseStackConfig, RawConfig } from "../../gate/load";
import { uptimeChecks } from "../../model/uptime-checks";
import type { Evaluation } from "../../offline/evaluate";
import { SECRET_SIG, SPECIAL_SIG_KEY } from "../../offline/recording-runtime";
import { ACCOUNT_ID, fakeArn, resolve, withAwsMocks } from "../support/aws-mocks";
import { editedConfig, evaluate, inputsOf, ofType, resource } from "../support/harness";

const T = {
  alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
  key: "aws:kms/key:Key",
  alias: "aws:kms/alias:Alias",
  topic: "aws:sns/topic:Topic",
  topicPolicy: "aws:sns/topicPolicy:TopicPolicy",
  subscription: "aws:sns/topicSubscription:TopicSubscription",
  slack: "aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration",
};
const TAGS = { Environment: "prod", ManagedBy: "launch-stack" };
const LB_ARN = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/portal-prod/50dc6c495c0c9188";
const PAGERDUTY = "https://events.pagerduty.com/integration/0123456789abcdef0123456789abcdef/enqueue";

function prodWith(source: Record<string, unknown>): RawConfig {
  return editedConfig("prod", (c) => { c.monitoring.appLatency = source; });
}

describe("app latency alarm: an ALB in eu-west-1 (prod)", () => {
  let ev: Evaluation;
  before(async () => {
    ev = await evaluate(prodWith({ kind: "alb", region: "eu-west-1", loadBalancer: LB_ARN, targetGroup: "targetgroup/portal-web/73e2d6bc24d8a067" }), "prod");
  });

  it("alarms in the load balancer's region on TargetResponseTime p95 above 0.5 s (the metric is in seconds) for three one-minute windows", () => {
    const { alarmActions, okActions, ...rest } = inputsOf(ev, T.alarm, "uptime-app-latency-p95");
    assert.deepEqual(rest, {
      name: "launch-stack-prod-app-latency-p95",
      alarmDescription: "The app's load balancer app/portal-prod/50dc6c495c0c9188 → targetgroup/portal-web/73e2d6bc24d8a067 (eu-west-1): p95 TargetResponseTime above 0.5 s (500 ms) in 3 of 3 60-second windows",
      namespace: "AWS/ApplicationELB",
      metricName: "TargetResponseTime",
      dimensions: { LoadBalancer: "app/portal-prod/50dc6c495c0c9188", TargetGroup: "targetgroup/portal-web/73e2d6bc24d8a067" },
      extendedStatistic: "p95",
      comparisonOperator: "GreaterThanThreshold",
      threshold: 0.5,
      period: 60,
      evaluationPeriods: 3,
      datapointsToAlarm: 3,
      treatMissingData: "notBreaching",
      region: "eu-west-1",
      tags: TAGS,
    });
    assert.deepEqual([alarmActions.length, okActions.length], [1, 1]);
  });

  it("gives eu-west-1 its own encrypted alert topic, key rotated and protected in prod, with the same alias and name as us-east-1's", () => {
    const key = inputsOf(ev, T.key, "uptime-alerts-eu-west-1-key");
    assert.deepEqual([key.enableKeyRotation, key.deletionWindowInDays, key.region, resource(ev, T.key, "uptime-alerts-eu-west-1-key").protect], [true, 30, "eu-west-1", true]);
    assert.deepEqual([inputsOf(ev, T.alias, "uptime-alerts-eu-west-1-key-alias").name, inputsOf(ev, T.alias, "uptime-alerts-eu-west-1-key-alias").region], ["alias/launch-stack-prod-alerts", "eu-west-1"]);
    const { kmsMasterKeyId: _key, ...topic } = inputsOf(ev, T.topic, "uptime-alerts-eu-west-1-topic");
    assert.deepEqual(topic, { name: "launch-stack-prod-alerts", displayName: "Portal prod alerts", region: "eu-west-1", tags: TAGS });
    assert.ok(resource(ev, T.topic, "uptime-alerts-eu-west-1-topic").wire.kmsMasterKeyId !== undefined, "encrypted with its key (unknown at preview)");
    assert.equal(inputsOf(ev, T.topicPolicy, "uptime-alerts-eu-west-1-topic-policy").region, "eu-west-1");
  });

  it("subscribes both people and PagerDuty to the regional topic too, in its region", () => {
    assert.deepEqual(ofType(ev, T.subscription).filter((r) => r.name.startsWith("uptime-alerts-eu-west-1-")).map((r) => inputsOf(ev, T.subscription, r.name)).map((s) => [s.protocol, s.endpoint, s.region]).sort(), [
      ["email", "dana.whitfield@example.com", "eu-west-1"],
      ["email", "sam.okafor@example.com", "eu-west-1"],
      ["https", "[secret]", "eu-west-1"],
    ]);
  });

  it("exports every alert topic by region, us-east-1 first, and asks each mailbox to confirm once per topic", () => {
    assert.deepEqual(Object.keys(ev.outputs.alertTopicArns as object), ["us-east-1", "eu-west-1"]);
    assert.match(String(ev.outputs.alertSubscriptionNote), /^Each alert email address receives an AWS confirmation email for each alert topic \(us-east-1, eu-west-1; pulumi stack output alertTopicArns lists them\) and gets alerts only after clicking its link/);
  });

  it("lists both topics in the Slack channel, which Chatbot serves from any region", () => {
    assert.equal(inputsOf(ev, T.slack, "uptime-alerts-slack").snsTopicArns.length, 2);
  });

  it("leaves the us-east-1 set under its old names, so adding a source replaces nothing", () => {
    for (const [type, name] of [[T.key, "uptime-alerts-key"], [T.topic, "uptime-alerts-topic"], [T.subscription, "uptime-alerts-email-dana-whitfield-example-com"]]) {
      assert.equal(inputsOf(ev, type, name).region, "us-east-1", name);
    }
  });

  it("exports what watches p95 and how often, with its time to alert", () => {
    assert.deepEqual(ev.outputs.appLatency, {
      alarm: "launch-stack-prod-app-latency-p95",
      source: "load balancer app/portal-prod/50dc6c495c0c9188 → targetgroup/portal-web/73e2d6bc24d8a067 (eu-west-1)",
      region: "eu-west-1",
      metric: "AWS/ApplicationELB TargetResponseTime",
      statistic: "p95",
      threshold: 0.5,
      unit: "Seconds",
      thresholdMs: 500,
      every: "60 s × 3",
      timeToAlertSeconds: 210,
      timeToAlert: "60 s × 3 + 30 s SNS delivery = 210 s",
    });
    assert.ok((ev.outputs.alarms as string[]).includes("launch-stack-prod-app-latency-p95"));
  });
});

describe("app latency alarm: API Gateway", () => {
  it("alarms on a REST API's Latency p95 above 500 (milliseconds) by ApiName and Stage", async () => {
    const ev = await evaluate(prodWith({ kind: "api-gateway-rest", region: "us-east-2", apiName: "portal-api", stage: "prod" }), "prod");
    const a = inputsOf(ev, T.alarm, "uptime-app-latency-p95");
    assert.deepEqual([a.namespace, a.metricName, a.dimensions, a.extendedStatistic, a.threshold, a.region], ["AWS/ApiGateway", "Latency", { ApiName: "portal-api", Stage: "prod" }, "p95", 500, "us-east-2"]);
  });

  it("alarms on an HTTP API's Latency p95 by ApiId and Stage, and in us-east-1 reuses the main topic", async () => {
    const ev = await evaluate(prodWith({ kind: "api-gateway-http", region: "us-east-1", apiId: "a1b2c3d4e5", stage: "$default" }), "prod");
    const a = inputsOf(ev, T.alarm, "uptime-app-latency-p95");
    assert.deepEqual([a.namespace, a.metricName, a.dimensions, a.extendedStatistic, a.threshold, a.region], ["AWS/ApiGateway", "Latency", { ApiId: "a1b2c3d4e5", Stage: "$default" }, "p95", 500, "us-east-1"]);
    assert.deepEqual(ofType(ev, T.topic).map((r) => r.name), ["uptime-alerts-topic"]);
  });
});

describe("app latency alarm wired with real ARNs", () => {
  let created: Awaited<ReturnType<typeof withAwsMocks>>["created"];
  let built: UptimeMonitoring;
  const input = (type: string, name: string) => created.find((r) => r.type === type && r.name === name)!.inputs;
  const regionalTopic = fakeArn(T.topic, "uptime-alerts-eu-west-1-topic", "eu-west-1");
  before(async () => {
    const raw = prodWith({ kind: "alb", region: "eu-west-1", loadBalancer: LB_ARN });
    const config = parseStackConfig({ values: { ...raw.values, "launch-stack:alertHttpsEndpoint": PAGERDUTY }, secretKeys: new Set([...raw.secretKeys, "launch-stack:alertHttpsEndpoint"]) });
    ({ created, built } = await withAwsMocks(() => new UptimeMonitoring("uptime", {
      environment: "prod",
      checks: uptimeChecks(config),
      monitoring: config.monitoring,
      httpsEndpoint: config.alertHttpsEndpoint,
      cloudflareAccountId: config.cloudflareAccountId,
      zones: config.zones.map((z) => ({ domain: z.domain, plan: z.plan, zoneId: `${z.domain}-zone-id` })),
    }))).created;
  });

  it("notifies the eu-west-1 topic on ALARM and on OK, never the us-east-1 one", () => {
    const alarm = input(T.alarm, "uptime-app-latency-p95");
    assert.deepEqual([alarm.alarmActions, alarm.okActions], [[regionalTopic], [regionalTopic]]);
  });

  it("encrypts the regional topic with the regional key, whose policy lets CloudWatch use it", () => {
    assert.equal(input(T.topic, "uptime-alerts-eu-west-1-topic").kmsMasterKeyId, fakeArn(T.key, "uptime-alerts-eu-west-1-key", "eu-west-1"));
    assert.deepEqual(JSON.parse(input(T.key, "uptime-alerts-eu-west-1-key").policy), alertKeyPolicy(ACCOUNT_ID));
  });

  it("lets only this account's alarms in eu-west-1 publish to the regional topic", () => {
    const policy = JSON.parse(input(T.topicPolicy, "uptime-alerts-eu-west-1-topic-policy").policy);
    assert.equal(policy.Statement[1].Condition.ArnLike["aws:SourceArn"], `arn:aws:cloudwatch:eu-west-1:${ACCOUNT_ID}:alarm:*`);
    assert.deepEqual(policy, alertTopicPolicy(regionalTopic, ACCOUNT_ID, "eu-west-1"));
  });

  it("subscribes the PagerDuty endpoint to the regional topic as a secret, through the same builder", () => {
    assert.deepEqual(input(T.subscription, "uptime-alerts-eu-west-1-https"), {
      topic: regionalTopic, protocol: "https", endpoint: { [SPECIAL_SIG_KEY]: SECRET_SIG, value: PAGERDUTY }, endpointAutoConfirms: true, region: "eu-west-1",
    });
  });

  it("lists both topic ARNs in the Slack channel configuration", () => {
    assert.deepEqual(input(T.slack, "uptime-alerts-slack").snsTopicArns, [fakeArn(T.topic, "uptime-alerts-topic", "us-east-1"), regionalTopic]);
  });

  it("exposes each topic's ARN by region, for the alertTopicArns output", async () => {
    assert.deepEqual(await resolve(pulumi.all(built.topicArns)), { "us-east-1": fakeArn(T.topic, "uptime-alerts-topic", "us-east-1"), "eu-west-1": regionalTopic });
  });
});

describe("app latency alarm in the handover", () => {
  it("lists the app's own p95 source beside the canaries, and says the regional topic needs its own confirmation", async () => {
    const { buildPlan } = await import("../../cli/plan/stack");
    const { renderHandover } = await import("../../cli/plan/handover");
    const raw = prodWith({ kind: "alb", region: "eu-west-1", loadBalancer: LB_ARN });
    const text = renderHandover(await buildPlan(raw, "prod"), { secretConfigKeys: [], config: parseStackConfig(raw) });
    assert.ok(text.includes("| every request it serves | the app's load balancer app/portal-prod/50dc6c495c0c9188 (eu-west-1) | AWS/ApplicationELB TargetResponseTime p95 > 0.5 s | 60 s × 3 windows; time to alert 60 s × 3 + 30 s SNS delivery = 210 s |"), text);
    assert.ok(text.includes("- The app's latency alarm `launch-stack-prod-app-latency-p95` lives in eu-west-1, where its metric is, and notifies the alert topic there: each alert email address confirms that second subscription too."));
  });

  it("lists both alert topics with the alarms that notify each and their subscriptions, and how to get their ARNs", async () => {
    const { buildPlan } = await import("../../cli/plan/stack");
    const { renderHandover } = await import("../../cli/plan/handover");
    const raw = prodWith({ kind: "alb", region: "eu-west-1", loadBalancer: LB_ARN });
    const text = renderHandover(await buildPlan(raw, "prod"), { secretConfigKeys: [], config: parseStackConfig(raw) });
    assert.ok(text.includes([
      "Alert topics (each is subscribed to every route, and Slack reads each through AWS Chatbot; an email address confirms one subscription per topic; their ARNs after deploy: `pulumi stack output alertTopicArns --stack prod`):",
      "",
      "| Region | Topic | Alarms notifying it | SNS subscriptions |",
      "|---|---|---|---|",
      "| us-east-1 | `launch-stack-prod-alerts` | 16 | 3 |",
      "| eu-west-1 | `launch-stack-prod-alerts` | 1 | 3 |",
    ].join("\n")), text);
  });
});
