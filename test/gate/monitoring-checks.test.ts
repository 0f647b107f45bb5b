import { strict as assert } from "node:assert";
import { parseStackConfig } from "../../gate/load";
import { alertRecipients, alertTiming } from "../../config/monitoring";
import { uptimeChecks } from "../../model/uptime-checks";
import { timeToAlertSeconds } from "../../rules/alerting";
import { withRoutes } from "../support/alert-routes";
import { configProblems, editedConfig, shippedConfig } from "../support/harness";

describe("config: uptime checks and alert routes", () => {
  it("watches the canonical homepage and the app's login by default", () => {
    assert.deepEqual(uptimeChecks(parseStackConfig(shippedConfig("staging"))), [
      { name: "homepage", url: "https://example.org/", host: "example.org", path: "/", searchString: undefined, latencyAlarm: true },
      { name: "login", url: "https://app.example.org/login", host: "app.example.org", path: "/login", searchString: undefined, latencyAlarm: true },
    ]);
  });

  it("adds the configured endpoints, with default URLs for API health and password reset, sorted by name", () => {
    assert.deepEqual(uptimeChecks(parseStackConfig(shippedConfig("prod"))).map((c) => [c.name, c.url, c.searchString ?? null, c.latencyAlarm]), [
      ["api-health", "https://api.example.com/api/health", '"status":"ok"', true],
      ["homepage", "https://example.com/", null, true],
      ["login", "https://app.example.com/login", null, true],
      ["password-reset", "https://app.example.com/password/reset", null, false],
      ["status", "https://status.example.com/", null, false],
      ["webhooks", "https://app.example.com/webhooks/health", null, false],
    ]);
  });

  it("checks a public hostname nothing else watches at its canonical URL", () => {
    const checks = uptimeChecks(parseStackConfig(editedConfig("prod", (c) => { delete c.monitoring.checks.status; })));
    assert.deepEqual(checks.find((c) => c.host === "status.example.com"), { name: "status-example-com", url: "https://status.example.com/", host: "status.example.com", path: "/", latencyAlarm: false });
  });

  it("lets a configured homepage override the default in place", () => {
    const checks = uptimeChecks(parseStackConfig(editedConfig("staging", (c) => { c.monitoring.checks = { homepage: { searchString: "Client portal" } }; })));
    assert.deepEqual(checks.map((c) => [c.name, c.url, c.searchString]), [["homepage", "https://example.org/", "Client portal"], ["login", "https://app.example.org/login", undefined]]);
  });

  it("requires a URL for a check without a default", async () => {
    assert.deepEqual(await configProblems(editedConfig("prod", (c) => { delete c.monitoring.checks.webhooks.url; })), [
      "launch-stack:monitoring.checks.webhooks.url: is required for a check without a default URL (defaults exist for homepage, login, api-health, password-reset); set the https URL to check",
    ]);
  });

  it("rejects a check on a page behind login, which an anonymous checker cannot see", async () => {
    assert.deepEqual(await configProblems(editedConfig("prod", (c) => { c.monitoring.checks.dashboard = { url: "https://app.example.com/dashboard" }; })), [
      "launch-stack:monitoring.checks.dashboard.url: /dashboard is behind login (app.privatePaths), so an anonymous health check cannot see it; check a health endpoint that answers without a session",
    ]);
  });

  it("rejects a check on a hostname the stack does not serve", async () => {
    assert.deepEqual(await configProblems(editedConfig("prod", (c) => { c.monitoring.checks.status.url = "https://status.example.net/"; })), [
      "launch-stack:monitoring.checks.status.url: status.example.net is not a hostname this stack serves; check a hostname with an origin under zones[].hosts",
    ]);
  });

  it("computes the shipped time to alert as 30 s × 3 + 60 s × 1", () => {
    assert.equal(timeToAlertSeconds(alertTiming(parseStackConfig(shippedConfig("prod")).monitoring)), 150);
  });

  it("rejects a time to alert over five minutes", async () => {
    assert.deepEqual(await configProblems(editedConfig("prod", (c) => { c.monitoring.failureThreshold = 8; c.monitoring.datapointsToAlarm = 2; })), [
      "launch-stack:monitoring: time to alert is 30 s × 8 + 60 s × 2 = 360 s, over the 300 s limit (launch checklist: monitoring); lower failureThreshold, requestInterval, alarmPeriod or datapointsToAlarm",
    ]);
  });

  it("rejects production alerts that reach one human, even with Slack", async () => {
    assert.deepEqual(await configProblems(withRoutes("prod", (c) => { c.monitoring.alerts.emails = ["dana.whitfield@example.com", "Dana.Whitfield+pager@example.com"]; })), [
      "launch-stack:monitoring.alerts.emails: production alerts reach 1 person (dana.whitfield@example.com); at least 2 are required (each mailbox or phone number counts once, a person's routes grouped under alerts.people count once, all PagerDuty and Opsgenie services together count as one person, whoever is on call, and Slack and webhooks count as nobody) (launch checklist: monitoring); add 1 more person: an address under monitoring.alerts.emails or a phone under monitoring.alerts.sms",
    ]);
  });

  it("rejects a stack whose alerts go nowhere", async () => {
    assert.deepEqual(await configProblems(editedConfig("staging", (c) => { c.monitoring.alerts.emails = []; })), [
      "launch-stack:monitoring.alerts.emails: alerts go nowhere: no email, SMS, Slack, PagerDuty, Opsgenie or HTTPS route (launch checklist: monitoring); add at least one address under monitoring.alerts.emails",
    ]);
  });

  it("rejects fewer than three checker regions", async () => {
    assert.deepEqual(await configProblems(editedConfig("prod", (c) => { c.monitoring.regions = ["us-east-1", "eu-west-1"]; })), [
      "launch-stack:monitoring.regions: 2 distinct checker regions; Route 53 needs at least 3 (Route 53 health checks); list three or more regions, on different continents",
    ]);
  });

  it("accepts only the two intervals Route 53 offers", async () => {
    assert.deepEqual(await configProblems(editedConfig("staging", (c) => { c.monitoring.requestInterval = 20; })), [
      "launch-stack:monitoring.requestInterval: must be 10 or 30 (seconds)",
    ]);
  });

  it("rejects fast checks that would trip the prod login rate limit and page everyone", async () => {
    assert.deepEqual(await configProblems(editedConfig("prod", (c) => { c.monitoring.requestInterval = 10; })), [
      "launch-stack:monitoring.checks: uptime checks login, password-reset send 12 requests per 60 s from each checker, over rate-limit rule auth's 5 (launch checklist: monitoring); raise the rule's requestsPerPeriod, use requestInterval 30, or check fewer rate-limited paths",
    ]);
  });

  it("holds production to a p95 latency threshold of 500 ms or less", async () => {
    assert.deepEqual(await configProblems(editedConfig("prod", (c) => { c.monitoring.latency = { thresholdMs: 800 }; })), [
      "launch-stack:monitoring.latency.thresholdMs: latency threshold 800 ms is looser than the production bar of 500 ms (launch checklist: performance); set the threshold to 500 ms or less",
    ]);
  });

  it("lets staging loosen the latency threshold", () => {
    assert.equal(parseStackConfig(editedConfig("staging", (c) => { c.monitoring.latency = { thresholdMs: 800 }; })).monitoring.latency.thresholdMs, 800);
  });

  it("rejects a latency alarm needing more datapoints than it evaluates", async () => {
    assert.deepEqual(await configProblems(editedConfig("staging", (c) => { c.monitoring.latency = { evaluationPeriods: 1 }; })), [
      "launch-stack:monitoring.latency.datapointsToAlarm: 2 datapoints cannot fit in 1 evaluation periods; lower it or raise evaluationPeriods",
    ]);
  });

  it("requires alarm periods in whole minutes, as Route 53 publishes its metrics", async () => {
    assert.deepEqual(await configProblems(editedConfig("staging", (c) => { c.monitoring.alarmPeriod = 90; })), [
      "launch-stack:monitoring.alarmPeriod: must be a multiple of 60 (Route 53 metrics are per minute)",
    ]);
  });

  it("validates Slack ids, which AWS Chatbot needs verbatim", async () => {
    assert.deepEqual(await configProblems(editedConfig("prod", (c) => { c.monitoring.alerts.slack.channelId = "#portal-alerts"; })), [
      "launch-stack:monitoring.alerts.slack.channelId: must be a Slack channel id such as C07EZ1ABC23",
    ]);
  });

  it("lists who is alerted, naming a secret endpoint without revealing it", () => {
    const raw = shippedConfig("prod");
    const config = parseStackConfig({ values: { ...raw.values, "launch-stack:alertHttpsEndpoint": "https://events.pagerduty.com/integration/abc/enqueue" }, secretKeys: new Set([...raw.secretKeys, "launch-stack:alertHttpsEndpoint"]) });
    assert.deepEqual(alertRecipients(config), [
      "email: dana.whitfield@example.com",
      "email: sam.okafor@example.com",
      "slack: #portal-alerts (workspace T07EA123LEP, channel C07EZ1ABC23)",
      "pagerduty: service Portal production, whoever is on call (integration URL in launch-stack:alertIntegrations.pagerduty, secret)",
      "https: the endpoint in launch-stack:alertHttpsEndpoint (secret)",
    ]);
  });
});
