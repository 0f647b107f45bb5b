import { strict as assert } from "node:assert";
import type { Evaluation } from "../../offline/evaluate";
import { SECRET_SIG, SPECIAL_SIG_KEY } from "../../offline/recording-runtime";
import { OPSGENIE_URL, PAGERDUTY_URL, withRoutes } from "../support/alert-routes";
import { evaluate, inputsOf, ofType, resource } from "../support/harness";

const T = {
  subscription: "aws:sns/topicSubscription:TopicSubscription",
  slack: "aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration",
  notification: "cloudflare:index/notificationPolicy:NotificationPolicy",
  webhook: "cloudflare:index/notificationPolicyWebhooks:NotificationPolicyWebhooks",
};
const SLACK_HOOK = "https://hooks.slack.com/services/T07EA123LEP/B07EZ1ABC23/0123456789abcdefABCDEF01";
const OPSGENIE_API = "https://api.opsgenie.com/v2/alerts";
const OPSGENIE_KEY = "2f0c3b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b";
const sealed = (value: string) => ({ [SPECIAL_SIG_KEY]: SECRET_SIG, value });

describe("AlertRouting: every route", () => {
  let ev: Evaluation;
  before(async () => {
    ev = await evaluate(withRoutes("prod", (c) => {
      c.monitoring.alerts.people = [{ name: "Lee Park", email: "lee.park@example.com", sms: "+14155550123" }];
      c.monitoring.alerts.sms = ["+442079460018"];
      c.monitoring.alerts.pagerduty = { service: "Portal production", cloudflareIntegrationId: "f9a4c2e1b0d3" };
      c.monitoring.alerts.opsgenie = { team: "Portal" };
      c.monitoring.alerts.webhooks = { "ops-slack": { kind: "slack" }, "ops-genie": { kind: "opsgenie" } };
    }, {
      pagerduty: PAGERDUTY_URL,
      opsgenie: OPSGENIE_URL,
      "webhook-ops-slack": SLACK_HOOK,
      "webhook-ops-genie": OPSGENIE_API,
      "webhook-ops-genie-secret": OPSGENIE_KEY,
    }), "prod", false);
  });

  it("texts each phone number through an SNS sms subscription in us-east-1", () => {
    for (const [name, phone] of [["uptime-alerts-sms-14155550123", "+14155550123"], ["uptime-alerts-sms-442079460018", "+442079460018"]]) {
      const s = resource(ev, T.subscription, name).wire;
      assert.deepEqual([s.protocol, s.endpoint, s.region], ["sms", phone, "us-east-1"], name);
    }
  });

  it("emails a person's mailbox like any listed one", () => {
    assert.deepEqual([resource(ev, T.subscription, "uptime-alerts-email-lee-park-example-com").wire.protocol, resource(ev, T.subscription, "uptime-alerts-email-lee-park-example-com").wire.endpoint], ["email", "lee.park@example.com"]);
  });

  it("subscribes PagerDuty's integration URL over HTTPS, sent to AWS only as a secret, confirming itself", () => {
    const s = resource(ev, T.subscription, "uptime-alerts-pagerduty").wire;
    assert.deepEqual([s.protocol, s.endpoint, s.endpointAutoConfirms, s.region], ["https", sealed(PAGERDUTY_URL), true, "us-east-1"]);
  });

  it("subscribes Opsgenie's integration URL over HTTPS, sent to AWS only as a secret, confirming itself", () => {
    const s = resource(ev, T.subscription, "uptime-alerts-opsgenie").wire;
    assert.deepEqual([s.protocol, s.endpoint, s.endpointAutoConfirms, s.region], ["https", sealed(OPSGENIE_URL), true, "us-east-1"]);
  });

  it("declares each Cloudflare webhook destination with its URL and secret sealed", () => {
    assert.deepEqual(resource(ev, T.webhook, "uptime-alerts-cf-webhook-ops-slack").wire, {
      accountId: inputsOf(ev, T.webhook, "uptime-alerts-cf-webhook-ops-slack").accountId, name: "launch-stack prod ops-slack", url: sealed(SLACK_HOOK),
    });
    const genie = resource(ev, T.webhook, "uptime-alerts-cf-webhook-ops-genie").wire;
    assert.deepEqual([genie.name, genie.url, genie.secret], ["launch-stack prod ops-genie", sealed(OPSGENIE_API), sealed(OPSGENIE_KEY)]);
  });

  it("sends every Cloudflare notification to every mailbox, both webhooks and the connected PagerDuty service", () => {
    const policies = ofType(ev, T.notification);
    assert.ok(policies.length > 0);
    for (const p of policies) {
      const { mechanisms } = inputsOf(ev, T.notification, p.name);
      assert.deepEqual(mechanisms.emails, [{ id: "dana.whitfield@example.com" }, { id: "sam.okafor@example.com" }, { id: "lee.park@example.com" }], p.name);
      assert.equal(mechanisms.webhooks.length, 2, p.name);
      assert.deepEqual(mechanisms.pagerduties, [{ id: "f9a4c2e1b0d3" }], p.name);
    }
  });

  it("declares which routes are one person, for the policy pack's count", () => {
    assert.deepEqual(resource(ev, "launch-stack:monitoring:AlertRouting", "uptime-alerts").wire.samePerson, [["lee.park@example.com", "+14155550123"]]);
  });
});
