import { strict as assert } from "node:assert";
import type { Evaluation } from "../../offline/evaluate";
import { edit, reported, shippedPreview, without } from "./support";

describe("policies: monitoring", () => {
  let prod: Evaluation;
  let staging: Evaluation;
  before(async () => {
    prod = await shippedPreview("prod");
    staging = await shippedPreview("staging");
  });

  describe("uptime-check-per-public-hostname", () => {
    it("accepts checks on every public hostname, none needed on admin.example.com behind login", async () => {
      assert.deepEqual(await reported(prod, "uptime-check-per-public-hostname"), []);
      assert.deepEqual(await reported(staging, "uptime-check-per-public-hostname"), []);
    });

    it("rejects a public hostname without a check", async () => {
      assert.deepEqual(await reported(without(prod, "uptime-status"), "uptime-check-per-public-hostname"), [
        "status.example.com serves the public but has no uptime check (launch checklist: monitoring); add a check with url https://status.example.com/ under monitoring.checks",
      ]);
    });

    it("does not count a plain-HTTP check as watching the canonical https URL", async () => {
      const ev = edit(staging, { "uptime-homepage": (w) => { w.type = "HTTP"; w.port = 80; } });
      assert.deepEqual(await reported(ev, "uptime-check-per-public-hostname"), [
        "example.org serves the public but has no uptime check (launch checklist: monitoring); add a check with url https://example.org/ under monitoring.checks",
      ]);
    });
  });

  describe("health-check-regions", () => {
    it("accepts three checker regions", async () => {
      assert.deepEqual(await reported(prod, "health-check-regions"), []);
    });

    it("rejects two", async () => {
      const ev = edit(prod, { "uptime-login": (w) => { w.regions = ["us-east-1", "eu-west-1"]; } });
      assert.deepEqual(await reported(ev, "health-check-regions"), [
        "2 distinct checker regions; Route 53 needs at least 3 (Route 53 health checks); list three or more regions, on different continents",
      ]);
    });
  });

  describe("route53-alarms-us-east-1", () => {
    it("accepts alarms declared in us-east-1", async () => {
      assert.deepEqual(await reported(prod, "route53-alarms-us-east-1"), []);
    });

    it("rejects an alarm in the stack's own region", async () => {
      const ev = edit(prod, { "uptime-login-down": (w) => { w.region = "us-east-2"; } });
      assert.deepEqual(await reported(ev, "route53-alarms-us-east-1"), [
        'alarm launch-stack-prod-login-down on HealthCheckStatus is in us-east-2, but Route 53 metrics exist only in us-east-1 (launch checklist: monitoring); set region: "us-east-1"',
      ]);
    });

    it("rejects an alarm that leaves the region to the provider", async () => {
      const ev = edit(prod, { "uptime-login-slow": (w) => { delete w.region; } });
      assert.deepEqual(await reported(ev, "route53-alarms-us-east-1"), [
        'alarm launch-stack-prod-login-slow on TimeToFirstByte is in the provider\'s default region, but Route 53 metrics exist only in us-east-1 (launch checklist: monitoring); set region: "us-east-1"',
      ]);
    });
  });

  describe("alert-topic-encrypted", () => {
    it("accepts the topic encrypted with its own key, whose ARN is unknown at preview", async () => {
      assert.deepEqual(await reported(prod, "alert-topic-encrypted"), []);
    });

    it("rejects an unencrypted topic", async () => {
      const ev = edit(prod, { "uptime-alerts-topic": (w) => { delete w.kmsMasterKeyId; } });
      assert.deepEqual(await reported(ev, "alert-topic-encrypted"), [
        "topic launch-stack-prod-alerts is not encrypted (launch checklist: monitoring); set kmsMasterKeyId to a customer-managed KMS key whose policy lets cloudwatch.amazonaws.com use it",
      ]);
    });

    it("rejects the AWS managed key, which CloudWatch cannot publish with", async () => {
      const ev = edit(prod, { "uptime-alerts-topic": (w) => { w.kmsMasterKeyId = "alias/aws/sns"; } });
      assert.deepEqual(await reported(ev, "alert-topic-encrypted"), [
        "topic launch-stack-prod-alerts uses the AWS managed key alias/aws/sns, which CloudWatch alarms cannot publish with (launch checklist: monitoring); use a customer-managed key whose policy lets cloudwatch.amazonaws.com use it",
      ]);
    });
  });

  describe("alerts-routed", () => {
    it("accepts staging's single team mailbox", async () => {
      assert.deepEqual(await reported(staging, "alerts-routed"), []);
    });

    it("rejects alerts that reach nobody", async () => {
      assert.deepEqual(await reported(without(staging, "uptime-alerts-email-portal-staging-example-org"), "alerts-routed"), [
        "alerts go nowhere: no email, SMS, Slack, PagerDuty, Opsgenie or HTTPS route (launch checklist: monitoring); add at least one address under monitoring.alerts.emails",
      ]);
    });
  });

  describe("two-human-alert-routes", () => {
    it("accepts two people by email plus Slack in prod", async () => {
      assert.deepEqual(await reported(prod, "two-human-alert-routes"), []);
    });

    it("accepts staging's one team mailbox, since staging's LaunchStack declares staging", async () => {
      assert.deepEqual(await reported(staging, "two-human-alert-routes"), []);
    });

    it("holds a stack whose LaunchStack declares no environment to production's two people", async () => {
      const ev = edit(staging, { "launch-stack": (_w, r) => { delete r.outputs!.environment; } });
      assert.deepEqual(await reported(ev, "two-human-alert-routes"), [
        "production alerts reach 1 person (portal-staging@example.org); at least 2 are required (each mailbox or phone number counts once, a person's routes grouped under alerts.people count once, all PagerDuty and Opsgenie services together count as one person, whoever is on call, and Slack and webhooks count as nobody) (launch checklist: monitoring); add 1 more person: an address under monitoring.alerts.emails or a phone under monitoring.alerts.sms",
      ]);
    });

    it("rejects one person plus Slack in prod: a channel is not a person", async () => {
      assert.deepEqual(await reported(without(prod, "uptime-alerts-email-sam-okafor-example-com", "uptime-alerts-pagerduty"), "two-human-alert-routes"), [
        "production alerts reach 1 person (dana.whitfield@example.com); at least 2 are required (each mailbox or phone number counts once, a person's routes grouped under alerts.people count once, all PagerDuty and Opsgenie services together count as one person, whoever is on call, and Slack and webhooks count as nobody) (launch checklist: monitoring); add 1 more person: an address under monitoring.alerts.emails or a phone under monitoring.alerts.sms",
      ]);
    });

    it("counts dana+alerts@ as the same person as dana@", async () => {
      const ev = edit(without(prod, "uptime-alerts-pagerduty"), { "uptime-alerts-email-sam-okafor-example-com": (w) => { w.endpoint = "Dana.Whitfield+alerts@example.com"; } });
      assert.deepEqual(await reported(ev, "two-human-alert-routes"), [
        "production alerts reach 1 person (dana.whitfield@example.com); at least 2 are required (each mailbox or phone number counts once, a person's routes grouped under alerts.people count once, all PagerDuty and Opsgenie services together count as one person, whoever is on call, and Slack and webhooks count as nobody) (launch checklist: monitoring); add 1 more person: an address under monitoring.alerts.emails or a phone under monitoring.alerts.sms",
      ]);
    });

    it("reports no people at all in prod too, next to alerts-routed", async () => {
      const ev = without(prod, "uptime-alerts-email-dana-whitfield-example-com", "uptime-alerts-email-sam-okafor-example-com", "uptime-alerts-slack", "uptime-alerts-pagerduty");
      assert.deepEqual(await reported(ev, "two-human-alert-routes"), [
        "production alerts reach 0 people; at least 2 are required (each mailbox or phone number counts once, a person's routes grouped under alerts.people count once, all PagerDuty and Opsgenie services together count as one person, whoever is on call, and Slack and webhooks count as nobody) (launch checklist: monitoring); add 2 more people: an address under monitoring.alerts.emails or a phone under monitoring.alerts.sms",
      ]);
    });
  });

  describe("two-human-alert-routes: SMS and on-call routes", () => {
    const SAM = "uptime-alerts-email-sam-okafor-example-com";
    const RULE = "(each mailbox or phone number counts once, a person's routes grouped under alerts.people count once, all PagerDuty and Opsgenie services together count as one person, whoever is on call, and Slack and webhooks count as nobody)";

    it("counts a phone texted by SMS as a person", async () => {
      const ev = edit(prod, { [SAM]: (w) => { w.protocol = "sms"; w.endpoint = "+14155550123"; } });
      assert.deepEqual(await reported(ev, "two-human-alert-routes"), []);
    });

    it("counts a phone the AlertRouting component groups with a mailbox as that person, not a second one", async () => {
      const ev = edit(without(prod, "uptime-alerts-pagerduty"), {
        [SAM]: (w) => { w.protocol = "sms"; w.endpoint = "+14155550123"; },
        "uptime-alerts": (_w, r) => { r.outputs!.samePerson = [["dana.whitfield@example.com", "+14155550123"]]; },
      });
      assert.deepEqual(await reported(ev, "two-human-alert-routes"), [
        `production alerts reach 1 person (dana.whitfield@example.com + +14155550123); at least 2 are required ${RULE} (launch checklist: monitoring); add 1 more person: an address under monitoring.alerts.emails or a phone under monitoring.alerts.sms`,
      ]);
    });

    it("counts a PagerDuty subscription as the person on call", async () => {
      const ev = edit(prod, { [SAM]: (w) => { w.protocol = "https"; w.endpoint = "https://events.pagerduty.com/integration/0123456789abcdef0123456789abcdef/enqueue"; } });
      assert.deepEqual(await reported(ev, "two-human-alert-routes"), []);
    });

    it("counts prod's sealed PagerDuty subscription, which the offline plan cannot read, as the on-call person its AlertRouting declares", async () => {
      assert.equal((prod.resources.find((r) => r.name === "uptime-alerts-pagerduty")!.wire.endpoint as { value: unknown }).value, "[secret]");
      assert.deepEqual(await reported(without(prod, SAM), "two-human-alert-routes"), []);
    });

    it("counts an unreadable HTTPS endpoint its AlertRouting does not declare as nobody", async () => {
      const ev = edit(without(prod, SAM), { "uptime-alerts": (_w, r) => { delete r.outputs!.onCallSubscriptions; } });
      assert.equal((await reported(ev, "two-human-alert-routes")).length, 1);
    });

    it("judges a readable URL by its host alone, whatever the AlertRouting declares for the subscription", async () => {
      const ev = edit(without(prod, SAM), { "uptime-alerts-pagerduty": (w) => { w.endpoint = "https://hooks.example.com/alerts"; } });
      assert.deepEqual(await reported(ev, "two-human-alert-routes"), [
        `production alerts reach 1 person (dana.whitfield@example.com); at least 2 are required ${RULE} (launch checklist: monitoring); add 1 more person: an address under monitoring.alerts.emails or a phone under monitoring.alerts.sms`,
      ]);
    });

    it("does not count an HTTPS receiver that is neither PagerDuty nor Opsgenie", async () => {
      const ev = edit(without(prod, "uptime-alerts-pagerduty"), { [SAM]: (w) => { w.protocol = "https"; w.endpoint = "https://hooks.example.com/alerts"; } });
      assert.equal((await reported(ev, "two-human-alert-routes")).length, 1);
    });
  });

  describe("time-to-alert", () => {
    it("accepts 30 s × 3 + 60 s × 1 = 150 s", async () => {
      assert.deepEqual(await reported(prod, "time-to-alert"), []);
    });

    it("rejects an alarm that needs five minutes of data on top of the checks", async () => {
      const ev = edit(prod, { "uptime-homepage-down": (w) => { w.period = 300; } });
      assert.deepEqual(await reported(ev, "time-to-alert"), [
        "alarm launch-stack-prod-homepage-down: time to alert is 30 s × 3 + 300 s × 1 = 390 s, over the 300 s limit (launch checklist: monitoring); lower failureThreshold, requestInterval, alarmPeriod or datapointsToAlarm",
      ]);
    });

    it("judges every status alarm against the slowest health check, since their link is unknown at preview", async () => {
      const ev = edit(prod, { "uptime-status": (w) => { w.failureThreshold = 9; } });
      const alarms = ["homepage", "login", "password-reset", "webhooks", "status", "api-health"];
      assert.deepEqual((await reported(ev, "time-to-alert")).sort(), alarms.map((a) =>
        `alarm launch-stack-prod-${a}-down: time to alert is 30 s × 9 + 60 s × 1 = 330 s, over the 300 s limit (launch checklist: monitoring); lower failureThreshold, requestInterval, alarmPeriod or datapointsToAlarm`).sort());
    });

    it("rejects a health check without a status alarm", async () => {
      assert.deepEqual(await reported(without(prod, "uptime-status-down"), "time-to-alert"), [
        "6 uptime checks but 5 HealthCheckStatus alarms, so an outage of some endpoint notifies nobody (launch checklist: monitoring); give every health check an alarm on HealthCheckStatus",
      ]);
    });

    it("rejects an alarm without actions", async () => {
      const ev = edit(prod, { "uptime-login-down": (w) => { delete w.alarmActions; } });
      assert.deepEqual(await reported(ev, "time-to-alert"), [
        "alarm launch-stack-prod-login-down has no alarmActions, so it notifies nobody (launch checklist: monitoring); point alarmActions at the alert topic",
      ]);
    });
  });

  describe("alarm-statistic-documented", () => {
    it("accepts the shipped alarms: HealthCheckStatus Minimum, TimeToFirstByte Average", async () => {
      assert.deepEqual(await reported(prod, "alarm-statistic-documented"), []);
    });

    it("rejects a p95 of Route 53's time to first byte, which Route 53 documents only as Average, Minimum and Maximum", async () => {
      const ev = edit(prod, { "uptime-login-slow": (w) => { delete w.statistic; w.extendedStatistic = "p95"; } });
      assert.deepEqual(await reported(ev, "alarm-statistic-documented"), [
        "alarm launch-stack-prod-login-slow: AWS/Route53 TimeToFirstByte is not documented to support p95 (valid: Average, Minimum, Maximum), so the alarm may never get data (Route 53 Developer Guide: health-check metrics); use Average, or alarm on a percentile from a metric published as raw data points (the API canaries' LaunchStack/Canaries ResponseTime)",
      ]);
    });

    it("rejects an average of HealthCheckStatus, documented with Minimum only", async () => {
      const ev = edit(prod, { "uptime-login-down": (w) => { w.statistic = "Average"; } });
      assert.deepEqual(await reported(ev, "alarm-statistic-documented"), [
        "alarm launch-stack-prod-login-down: AWS/Route53 HealthCheckStatus is not documented to support Average (valid: Minimum), so the alarm may never get data (Route 53 Developer Guide: health-check metrics); use one of Minimum",
      ]);
    });
  });

  describe("latency-alarm-p95-in-prod", () => {
    it("accepts latency alarms at 500 ms with a documented statistic", async () => {
      assert.deepEqual(await reported(prod, "latency-alarm-p95-in-prod"), []);
    });

    it("rejects a looser threshold in production, as the config gate does", async () => {
      const ev = edit(prod, { "uptime-api-health-slow": (w) => { w.threshold = 800; } });
      assert.deepEqual(await reported(ev, "latency-alarm-p95-in-prod"), [
        "alarm launch-stack-prod-api-health-slow: latency threshold 800 ms is looser than the production bar of 500 ms (launch checklist: performance); set the threshold to 500 ms or less",
      ]);
    });

    it("accepts a looser threshold in staging, whose LaunchStack declares staging", async () => {
      const ev = edit(staging, { "uptime-login-slow": (w) => { w.threshold = 800; } });
      assert.deepEqual(await reported(ev, "latency-alarm-p95-in-prod"), []);
    });

    it("rejects a stack whose latency alarms are all gone", async () => {
      const ev = without(staging, "uptime-homepage-slow", "uptime-login-slow", "canaries-homepage-p95", "canaries-login-p95");
      assert.deepEqual(await reported(ev, "latency-alarm-p95-in-prod"), [
        "no latency alarm with actions and a threshold uses a statistic its metric is documented to support (launch checklist: monitoring); alarm on the API canaries' response time p95 or on AWS/Route53 TimeToFirstByte Average, threshold 500 ms",
      ]);
    });

    it("does not count a p95 of Route 53's time to first byte, which is not documented to get data", async () => {
      const ev = edit(without(staging, "uptime-homepage-slow", "canaries-homepage-p95", "canaries-login-p95"), { "uptime-login-slow": (w) => { delete w.statistic; w.extendedStatistic = "p95"; } });
      assert.deepEqual(await reported(ev, "latency-alarm-p95-in-prod"), [
        "no latency alarm with actions and a threshold uses a statistic its metric is documented to support (launch checklist: monitoring); alarm on the API canaries' response time p95 or on AWS/Route53 TimeToFirstByte Average, threshold 500 ms",
      ]);
    });

    it("rejects a production stack whose only latency alarms are averages", async () => {
      const ev = without(prod, "canaries-homepage-p95", "canaries-login-p95", "canaries-api-health-p95");
      assert.deepEqual(await reported(ev, "latency-alarm-p95-in-prod"), [
        "production has no p95 latency alarm on a metric documented to support percentiles (launch checklist: performance); keep the API canaries (launch-stack:monitoring.canaries) or name the app's load balancer or API gateway under launch-stack:monitoring.appLatency",
      ]);
    });

    it("accepts the canaries' p95 of their own raw response times", async () => {
      const ev = without(prod, "uptime-homepage-slow", "uptime-login-slow", "uptime-api-health-slow");
      assert.deepEqual(await reported(ev, "latency-alarm-p95-in-prod"), []);
    });
  });

  describe("login-flow-canary", () => {
    it("accepts the shipped prod stack, whose login canary signs in with a test account", async () => {
      assert.deepEqual(await reported(prod, "login-flow-canary"), []);
    });

    it("rejects a production login canary that only loads the login page", async () => {
      const ev = edit(prod, { "canaries-login-flow": (w) => { delete w.runConfig.environmentVariables.TEST_USERNAME; } });
      assert.deepEqual(await reported(ev, "login-flow-canary"), [
        "the login canary only loads the login page: nothing signs in, so a broken login or session store would go unnoticed (launch checklist: synthetic checks for the login flow); name a test account (username, and the Secrets Manager secret holding its password) or write noTestAccountReason",
      ]);
    });

    it("accepts staging without a signing-in canary", async () => {
      const ev = without(staging, "canaries-login-flow");
      assert.deepEqual(await reported(ev, "login-flow-canary"), []);
    });
  });
});
