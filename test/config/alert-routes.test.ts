import { strict as assert } from "node:assert";
import { parseStackConfig } from "../../gate/load";
import { alertNobodyOf, alertRoutesOf } from "../../config/alert-routes";
import { alertPeopleOf, alertRecipients } from "../../config/monitoring";
import { WHY_NOBODY } from "../../rules/alert-routes";
import { OPSGENIE_URL, PAGERDUTY_URL, withRoutes } from "../support/alert-routes";
import { configProblems } from "../support/harness";

describe("config: SMS, PagerDuty, Opsgenie and webhook routes", () => {
  it("rejects a phone number that is not E.164, with the number rewritten in the fix", async () => {
    assert.deepEqual(await configProblems(withRoutes("prod", (c) => { c.monitoring.alerts.sms = ["+1 (415) 555-0123"]; })), [
      "launch-stack:monitoring.alerts.sms[0]: is not an E.164 phone number; write it as +14155550123",
    ]);
  });

  it("rejects a person with neither a mailbox nor a phone", async () => {
    assert.deepEqual(await configProblems(withRoutes("prod", (c) => { c.monitoring.alerts.people = [{ name: "Dana Whitfield" }]; })), [
      "launch-stack:monitoring.alerts.people[0]: needs an email or an sms route; add one or remove the person",
    ]);
  });

  it("rejects a mailbox listed both on its own and under a person, naming both keys", async () => {
    assert.deepEqual(await configProblems(withRoutes("prod", (c) => { c.monitoring.alerts.people = [{ name: "Dana Whitfield", email: "dana.whitfield@example.com", sms: "+14155550123" }]; })), [
      "launch-stack:monitoring.alerts.people[0].email: dana.whitfield@example.com is already a route at launch-stack:monitoring.alerts.emails[0]; list each mailbox and phone once (group a person's routes under monitoring.alerts.people)",
    ]);
  });

  it("requires the PagerDuty integration URL once the route is declared", async () => {
    assert.deepEqual(await configProblems(withRoutes("prod", (c) => { c.monitoring.alerts.pagerduty = { service: "Portal production" }; })), [
      "launch-stack:monitoring.alerts.pagerduty: is declared but its integration URL is not set; run pulumi config set --secret --path 'alertIntegrations.pagerduty' (it prompts)",
    ]);
  });

  it("refuses the integration URLs in plaintext, naming the key and the command, never the value", async () => {
    const problems = await configProblems(withRoutes("prod", (c) => { c.monitoring.alerts.pagerduty = { service: "Portal production" }; }, { pagerduty: PAGERDUTY_URL }, false));
    assert.deepEqual(problems, [
      "launch-stack:alertIntegrations: is stored in plaintext; remove it from the stack file and run pulumi config set --secret --path 'alertIntegrations.<NAME>' (it prompts)",
    ]);
    assert.ok(!problems.join("\n").includes("0123456789abcdef"));
  });

  it("refuses a plaintext entry beside secure ones, naming its key path", () => {
    const raw = withRoutes("prod", (c) => { c.monitoring.alerts.pagerduty = { service: "Portal production" }; c.monitoring.alerts.opsgenie = { team: "Portal" }; }, { pagerduty: PAGERDUTY_URL, opsgenie: OPSGENIE_URL });
    // The stack file tells which leaves are secure; the program reads it beside the engine's config (config/secure-leaves.ts).
    assert.throws(() => parseStackConfig({ ...raw, plaintextLeaves: { "launch-stack:alertIntegrations": [".opsgenie"] } }), (e: { problems?: string[] }) => (assert.deepEqual(e.problems, [
      "launch-stack:alertIntegrations.opsgenie: is stored in plaintext beside secure values, and every leaf of launch-stack:alertIntegrations must be secure; remove it, rotate it, and run pulumi config set --secret --path 'alertIntegrations.opsgenie' (it prompts)",
    ]), true));
  });

  it("rejects a PagerDuty URL that is not the CloudWatch integration's, without quoting it", async () => {
    const problems = await configProblems(withRoutes("prod", (c) => { c.monitoring.alerts.pagerduty = { service: "Portal production" }; }, { pagerduty: "https://events.pagerduty.com/v2/enqueue?routing_key=0123456789abcdef" }));
    assert.deepEqual(problems, [
      "launch-stack:alertIntegrations.pagerduty: must be PagerDuty's Amazon CloudWatch integration URL, https://events.pagerduty.com/integration/<32-character integration key>/enqueue (events.eu.pagerduty.com for EU accounts); run pulumi config set --secret --path 'alertIntegrations.pagerduty' (it prompts)",
    ]);
  });

  it("rejects an Opsgenie URL without its apiKey", async () => {
    assert.deepEqual(await configProblems(withRoutes("prod", (c) => { c.monitoring.alerts.opsgenie = { team: "Portal" }; }, { opsgenie: "https://api.opsgenie.com/v1/json/cloudwatch" })), [
      "launch-stack:alertIntegrations.opsgenie: must be Opsgenie's Amazon CloudWatch integration URL, https://api.opsgenie.com/v1/json/cloudwatch?apiKey=<integration API key> (api.eu.opsgenie.com for EU accounts); run pulumi config set --secret --path 'alertIntegrations.opsgenie' (it prompts)",
    ]);
  });

  it("rejects an integration no route uses", async () => {
    assert.deepEqual(await configProblems(withRoutes("prod", () => undefined, { opsgenie: OPSGENIE_URL })), [
      "launch-stack:alertIntegrations.opsgenie: no route uses it (known entries: pagerduty, opsgenie, webhook-<name> and webhook-<name>-secret for each monitoring.alerts.webhooks name); declare the route or run pulumi config rm --path 'alertIntegrations.opsgenie'",
    ]);
  });

  it("requires an Opsgenie webhook's API key as its secret", async () => {
    assert.deepEqual(await configProblems(withRoutes("prod", (c) => { c.monitoring.alerts.webhooks = { "ops-genie": { kind: "opsgenie" } }; }, { "webhook-ops-genie": "https://api.opsgenie.com/v2/alerts" })), [
      "launch-stack:monitoring.alerts.webhooks[\"ops-genie\"]: an opsgenie webhook needs the Opsgenie API integration key as its secret (Cloudflare sends it as the GenieKey); run pulumi config set --secret --path 'alertIntegrations[\"webhook-ops-genie-secret\"]' (it prompts)",
    ]);
  });

  it("refuses Cloudflare webhooks and PagerDuty when every zone is on Free, where Cloudflare only emails", async () => {
    const raw = withRoutes("staging", (c) => {
      c.monitoring.alerts.webhooks = { slack: { kind: "slack" } };
      c.monitoring.alerts.pagerduty = { service: "Portal staging", cloudflareIntegrationId: "f9a4c2e1b0d3" };
    }, { "webhook-slack": "https://hooks.slack.com/services/T000/B000/XXXX", pagerduty: PAGERDUTY_URL });
    assert.deepEqual(await configProblems(raw), [
      "launch-stack:monitoring.alerts.webhooks: Cloudflare delivers notifications by webhook and PagerDuty only on Pro and above, and every zone here is on Free; remove it or move a zone to Pro",
      "launch-stack:monitoring.alerts.pagerduty.cloudflareIntegrationId: Cloudflare delivers notifications by webhook and PagerDuty only on Pro and above, and every zone here is on Free; remove it or move a zone to Pro",
    ]);
  });

  it("counts a person's mailbox and phone once, so one person with a phone fails prod's two-humans bar", async () => {
    const problems = await configProblems(withRoutes("prod", (c) => {
      c.monitoring.alerts.emails = [];
      c.monitoring.alerts.people = [{ name: "Dana Whitfield", email: "dana.whitfield@example.com", sms: "+14155550123" }];
    }));
    assert.equal(problems.length, 1);
    assert.match(problems[0], /^launch-stack:monitoring\.alerts\.emails: production alerts reach 1 person \(dana\.whitfield@example\.com \+ \+14155550123\); at least 2 are required/);
  });

  it("accepts one mailbox plus PagerDuty in prod: the on-call person is the second", () => {
    const config = parseStackConfig(withRoutes("prod", (c) => {
      c.monitoring.alerts.emails = ["dana.whitfield@example.com"];
      c.monitoring.alerts.pagerduty = { service: "Portal production" };
      delete c.readiness;
    }, { pagerduty: PAGERDUTY_URL }));
    assert.deepEqual(alertPeopleOf(config), ["dana.whitfield@example.com", "whoever is on call in PagerDuty (service Portal production)"]);
  });

  it("names each person counted as the people list, else as the owner whose contact is the mailbox", () => {
    const config = parseStackConfig(withRoutes("prod", (c) => {
      c.monitoring.alerts.people = [{ name: "Lee Park", email: "Lee.Park+alerts@example.com", sms: "+14155550123" }];
      c.monitoring.alerts.pagerduty = { service: "Portal production" };
      c.monitoring.alerts.opsgenie = { team: "Portal" };
    }, { pagerduty: PAGERDUTY_URL, opsgenie: OPSGENIE_URL }));
    assert.deepEqual(alertPeopleOf(config), [
      "Dana Whitfield (dana.whitfield@example.com)",
      "Sam Okafor (sam.okafor@example.com)",
      "Lee Park (lee.park@example.com + +14155550123)",
      "whoever is on call in PagerDuty and Opsgenie (service Portal production, team Portal)",
    ]);
  });

  it("lists each route that counts as nobody with why, as many as the two-humans count leaves out", () => {
    const raw = withRoutes("prod", (c) => { c.monitoring.alerts.webhooks = { "ops-slack": { kind: "slack" } }; }, { "webhook-ops-slack": "https://hooks.slack.com/services/T000/B000/XXXX" });
    const config = parseStackConfig({ values: { ...raw.values, "launch-stack:alertHttpsEndpoint": "https://alerts.example.com/sns" }, secretKeys: new Set([...raw.secretKeys, "launch-stack:alertHttpsEndpoint"]) });
    const nobody = alertNobodyOf(config);
    assert.deepEqual(nobody.map((n) => [n.route, n.why]), [
      ["Slack #portal-alerts", WHY_NOBODY.slack],
      ["Cloudflare webhook ops-slack (slack)", WHY_NOBODY.webhook],
      ["the HTTPS endpoint in launch-stack:alertHttpsEndpoint", WHY_NOBODY.https],
    ]);
    assert.equal(alertRoutesOf(config).otherRoutes, nobody.length);
  });

  it("lists every route for the outputs and the handover, secrets only by the key that holds them", () => {
    const config = parseStackConfig(withRoutes("prod", (c) => {
      c.zones[0].plan = "pro";
      c.monitoring.alerts.people = [{ name: "Sam Okafor", sms: "+14155550123" }];
      c.monitoring.alerts.pagerduty = { service: "Portal production", cloudflareIntegrationId: "f9a4c2e1b0d3" };
      c.monitoring.alerts.opsgenie = { team: "Portal" };
      c.monitoring.alerts.webhooks = { "ops-slack": { kind: "slack" } };
    }, { pagerduty: PAGERDUTY_URL, opsgenie: OPSGENIE_URL, "webhook-ops-slack": "https://hooks.slack.com/services/T000/B000/XXXX" }));
    assert.deepEqual(alertRecipients(config), [
      "email: dana.whitfield@example.com",
      "email: sam.okafor@example.com",
      "sms: +14155550123 (Sam Okafor)",
      "slack: #portal-alerts (workspace T07EA123LEP, channel C07EZ1ABC23)",
      "pagerduty: service Portal production, whoever is on call (integration URL in launch-stack:alertIntegrations.pagerduty, secret)",
      "opsgenie: team Portal, whoever is on call (integration URL in launch-stack:alertIntegrations.opsgenie, secret)",
      "cloudflare webhook: ops-slack (slack, URL in launch-stack:alertIntegrations[\"webhook-ops-slack\"], secret)",
      "cloudflare pagerduty: f9a4c2e1b0d3 (connected in the Cloudflare dashboard)",
    ]);
  });
});
