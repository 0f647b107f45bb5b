import { strict as assert } from "node:assert";
import type { Evaluation } from "../../offline/evaluate";
import { editedConfig, evaluate } from "../support/harness";
import { edit, reported, shippedPreview, UNKNOWN, without } from "./support";

const LB_ARN = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/portal-prod/50dc6c495c0c9188";

describe("policies: canary and app-latency alarms", () => {
  let prod: Evaluation;
  let alb: Evaluation;
  before(async () => {
    prod = await shippedPreview("prod");
    alb = await evaluate(editedConfig("prod", (c) => { c.monitoring.appLatency = { kind: "alb", region: "eu-west-1", loadBalancer: LB_ARN }; }), "prod", true);
  });

  describe("time-to-alert counts the canaries", () => {
    it("accepts canaries every minute whose success alarm fires after two failed one-minute runs (60 s × 2 + 30 s + 60 s = 210 s)", async () => {
      assert.deepEqual(await reported(prod, "time-to-alert"), []);
    });

    it("rejects a canary every five minutes, as the config gate does, with the same arithmetic", async () => {
      const ev = edit(prod, { "canaries-homepage": (w) => { w.schedule.expression = "rate(5 minutes)"; } });
      assert.deepEqual(await reported(ev, "time-to-alert"), [
        "alarm launch-stack-prod-homepage-canary-failing: canary time to alert is 300 s × 2 + 30 s + 60 s = 690 s, over the 300 s limit (launch checklist: monitoring); run the canaries more often, lower timeoutSeconds, or alarm on fewer failed datapoints",
        "alarm launch-stack-prod-homepage-canary-failing: the success alarm's 60 s period is shorter than the 5-minute schedule, so some periods have no run and read as failures (launch checklist: monitoring); set the alarm period to at least 300 s",
      ]);
    });

    it("rejects a success alarm that waits for five failed runs", async () => {
      const ev = edit(prod, { "canaries-login-flow-failing": (w) => { w.datapointsToAlarm = 5; w.evaluationPeriods = 5; } });
      assert.deepEqual(await reported(ev, "time-to-alert"), [
        "alarm launch-stack-prod-login-flow-failing: canary time to alert is 60 s × 5 + 30 s + 60 s = 390 s, over the 300 s limit (launch checklist: monitoring); run the canaries more often, lower timeoutSeconds, or alarm on fewer failed datapoints",
      ]);
    });

    it("takes a run's timeout as the schedule when the canary sets none, as Synthetics does", async () => {
      const ev = edit(prod, { "canaries-homepage": (w) => { delete w.runConfig.timeoutInSeconds; w.schedule.expression = "rate(2 minutes)"; }, "canaries-homepage-failing": (w) => { w.period = 120; } });
      assert.deepEqual(await reported(ev, "time-to-alert"), [
        "alarm launch-stack-prod-homepage-canary-failing: canary time to alert is 120 s × 2 + 120 s + 120 s = 480 s, over the 300 s limit (launch checklist: monitoring); run the canaries more often, lower timeoutSeconds, or alarm on fewer failed datapoints",
      ]);
    });

    it("counts a retried run's timeout once per attempt, which the alarm alone would keep within the bar", async () => {
      const ev = edit(prod, {
        "canaries-homepage": (w) => { w.schedule.retryConfig = { maxRetries: 1 }; w.runConfig.timeoutInSeconds = 40; },
        "canaries-homepage-failing": (w) => { w.datapointsToAlarm = 3; w.evaluationPeriods = 3; },
      });
      assert.deepEqual(await reported(edit(ev, { "canaries-homepage": (w) => { w.schedule.retryConfig = { maxRetries: 0 }; } }), "time-to-alert"), []);
      assert.deepEqual(await reported(ev, "time-to-alert"), [
        "alarm launch-stack-prod-homepage-canary-failing: canary time to alert is 60 s × 3 + 40 s × 2 (run and 1 retry) + 60 s = 320 s, over the 300 s limit (launch checklist: monitoring); run the canaries more often, lower timeoutSeconds, retry failed runs fewer times (schedule.retryConfig.maxRetries), or alarm on fewer failed datapoints",
        "alarm launch-stack-prod-homepage-canary-failing: a failed run and its 1 retry may take 80 s, longer than the 60 s between runs (launch checklist: monitoring); lower timeoutSeconds or schedule.retryConfig.maxRetries",
      ]);
    });

    it("assumes the most retries Synthetics accepts while a canary's maxRetries is unknown", async () => {
      const ev = edit(prod, { "canaries-homepage": (w) => { w.schedule.retryConfig = { maxRetries: UNKNOWN }; } });
      assert.deepEqual(await reported(ev, "time-to-alert"), [
        "alarm launch-stack-prod-homepage-canary-failing: a failed run and its 2 retries may take 90 s, longer than the 60 s between runs (launch checklist: monitoring); lower timeoutSeconds or schedule.retryConfig.maxRetries",
      ]);
    });

    it("rejects a canary without a success alarm, whose failures notify nobody", async () => {
      assert.deepEqual(await reported(without(prod, "canaries-login-flow-failing"), "time-to-alert"), [
        "canary ls-prod-login-flow has no SuccessPercent alarm, so its failures notify nobody (launch checklist: monitoring); alarm on CloudWatchSynthetics SuccessPercent with dimension CanaryName ls-prod-login-flow",
      ]);
    });

    it("rejects a success alarm without actions", async () => {
      const ev = edit(prod, { "canaries-api-health-failing": (w) => { delete w.alarmActions; } });
      assert.deepEqual(await reported(ev, "time-to-alert"), [
        "alarm launch-stack-prod-api-health-canary-failing has no alarmActions, so canary ls-prod-api-health notifies nobody (launch checklist: monitoring); point alarmActions at the alert topic",
      ]);
    });

    it("rejects a cron schedule, whose time to alert has no fixed bound", async () => {
      const ev = edit(prod, { "canaries-homepage": (w) => { w.schedule.expression = "cron(0/10 * * * ? *)"; } });
      assert.deepEqual(await reported(ev, "time-to-alert"), [
        "canary ls-prod-homepage runs on cron(0/10 * * * ? *), which has no fixed interval, so its time to alert cannot be shown to be within 300 s (launch checklist: monitoring); use a rate expression such as rate(1 minute)",
      ]);
    });
  });

  describe("time-to-alert counts the app's latency alarm", () => {
    it("accepts 60 s × 3 + 30 s SNS delivery = 210 s", async () => {
      assert.deepEqual(await reported(alb, "time-to-alert"), []);
    });

    it("rejects five-minute windows, 300 s × 3 + 30 s = 930 s", async () => {
      const ev = edit(alb, { "uptime-app-latency-p95": (w) => { w.period = 300; } });
      assert.deepEqual(await reported(ev, "time-to-alert"), [
        "alarm launch-stack-prod-app-latency-p95: time to alert is 300 s × 3 + 30 s SNS delivery = 930 s, over the 300 s limit (launch checklist: monitoring); lower the period or evaluationPeriods",
      ]);
    });
  });

  describe("latency-alarm-p95-in-prod with the app's own latency", () => {
    it("accepts the ALB's TargetResponseTime p95 at 0.5 s as production's only p95, once the canaries' are gone", async () => {
      const ev = without(alb, "canaries-homepage-p95", "canaries-login-p95", "canaries-api-health-p95");
      assert.deepEqual(await reported(ev, "latency-alarm-p95-in-prod"), []);
    });

    it("reads the ALB threshold in seconds: 0.8 is 800 ms, over the production bar", async () => {
      const ev = edit(alb, { "uptime-app-latency-p95": (w) => { w.threshold = 0.8; } });
      assert.deepEqual(await reported(ev, "latency-alarm-p95-in-prod"), [
        "alarm launch-stack-prod-app-latency-p95: latency threshold 800 ms is looser than the production bar of 500 ms (launch checklist: performance); set the threshold to 500 ms or less",
      ]);
    });

    it("requires a latency alarm in a production launch even when its health checks are gone", async () => {
      const health = prod.resources.filter((r) => r.type === "aws:route53/healthCheck:HealthCheck").map((r) => r.name);
      const latency = prod.resources.filter((r) => /-(slow|p95)$/.test(r.name) && r.type === "aws:cloudwatch/metricAlarm:MetricAlarm").map((r) => r.name);
      assert.deepEqual(await reported(without(prod, ...health, ...latency), "latency-alarm-p95-in-prod"), [
        "no latency alarm with actions and a threshold uses a statistic its metric is documented to support (launch checklist: monitoring); alarm on the API canaries' response time p95 or on AWS/Route53 TimeToFirstByte Average, threshold 500 ms",
      ]);
    });
  });

  describe("alarm-statistic-documented with the app's own latency", () => {
    it("accepts p95 of the ALB's TargetResponseTime, which AWS lists among the percentile metrics", async () => {
      assert.deepEqual(await reported(alb, "alarm-statistic-documented"), []);
    });

    it("judges the ALB alarm against its row: a Sum of response times is not a documented statistic", async () => {
      const ev = edit(alb, { "uptime-app-latency-p95": (w) => { delete w.extendedStatistic; w.statistic = "Sum"; } });
      assert.deepEqual(await reported(ev, "alarm-statistic-documented"), [
        "alarm launch-stack-prod-app-latency-p95: AWS/ApplicationELB TargetResponseTime is not documented to support Sum (valid: Average, Minimum, Maximum, pNN), so the alarm may never get data (ELB User Guide: Application Load Balancer metrics); use one of Average, Minimum, Maximum, pNN",
      ]);
    });
  });

  describe("login-flow-canary", () => {
    it("accepts production's explicit reason for a login canary that cannot sign in", async () => {
      const ev = await evaluate(editedConfig("prod", (c) => { c.monitoring.canaries = { login: { noTestAccountReason: "Login is SSO-only through Okta; the canary cannot hold a second factor" } }; }), "prod", true);
      assert.deepEqual(await reported(ev, "login-flow-canary"), []);
    });

    it("rejects production with no login canary and no reason", async () => {
      const ev = without(prod, "canaries-login-flow");
      assert.deepEqual(await reported(ev, "login-flow-canary"), [
        "the login canary only loads the login page: nothing signs in, so a broken login or session store would go unnoticed (launch checklist: synthetic checks for the login flow); name a test account (username, and the Secrets Manager secret holding its password) or write noTestAccountReason",
      ]);
    });
  });
});

describe("policies: alarm-topic-in-alarm-region", () => {
  let prod: Evaluation;
  let alb: Evaluation;
  before(async () => {
    prod = await shippedPreview("prod");
    alb = await evaluate(editedConfig("prod", (c) => { c.monitoring.appLatency = { kind: "alb", region: "eu-west-1", loadBalancer: LB_ARN }; }), "prod", true);
  });

  it("accepts the shipped stack and an ALB alarm in eu-west-1 with its regional topic", async () => {
    assert.deepEqual(await reported(prod, "alarm-topic-in-alarm-region"), []);
    assert.deepEqual(await reported(alb, "alarm-topic-in-alarm-region"), []);
  });

  it("rejects an alarm in a region where the stack declares no topic (ARNs unknown at preview)", async () => {
    assert.deepEqual(await reported(without(alb, "uptime-alerts-eu-west-1-topic"), "alarm-topic-in-alarm-region"), [
      "alarm launch-stack-prod-app-latency-p95 is in eu-west-1, where the stack declares no alert topic, and CloudWatch notifies only topics in the alarm's region (launch checklist: monitoring); declare an encrypted alert topic in eu-west-1 with the same subscriptions (launch-stack's AlertRouting does this for monitoring.appLatency)",
    ]);
  });

  it("rejects a known action ARN in another region than the alarm's", async () => {
    const ev = edit(alb, { "uptime-app-latency-p95": (w) => { w.alarmActions = ["arn:aws:sns:us-east-1:111122223333:launch-stack-prod-alerts"]; } });
    assert.deepEqual(await reported(ev, "alarm-topic-in-alarm-region"), [
      "alarm launch-stack-prod-app-latency-p95 is in eu-west-1 but notifies a topic in us-east-1 (arn:aws:sns:us-east-1:111122223333:launch-stack-prod-alerts), and CloudWatch notifies only topics in the alarm's region (launch checklist: monitoring); notify the alert topic in eu-west-1",
    ]);
  });
});
