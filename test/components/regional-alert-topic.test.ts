/**
 * A regional alert topic (the app's p95 alarm in eu-west-1, monitoring.appLatency) receives every route
 * through the one subscription builder: each mailbox, phone, PagerDuty, Opsgenie and the HTTPS endpoint
 * subscribed in its region, and Slack through the Chatbot channel that lists it. The integration URLs reach
 * AWS only inside secret markers, in the regional subscriptions as in us-east-1's.
 */
import { strict as assert } from "node:assert";
import { UptimeMonitoring } from "../../components/uptime-monitoring";
import { parseStackConfig, RawConfig } from "../../gate/load";
import { uptimeChecks } from "../../model/uptime-checks";
import type { Evaluation } from "../../offline/evaluate";
import { displayInputs, SECRET_SIG, SPECIAL_SIG_KEY } from "../../offline/recording-runtime";
import { fakeArn, withAwsMocks } from "../support/aws-mocks";
import { OPSGENIE_URL, PAGERDUTY_URL, withRoutes } from "../support/alert-routes";
import { findPlaintext } from "../support/find-plaintext";
import { evaluate, ofType, resource } from "../support/harness";

const T = {
  topic: "aws:sns/topic:Topic",
  subscription: "aws:sns/topicSubscription:TopicSubscription",
  slack: "aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration",
};
const LB_ARN = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/portal-prod/50dc6c495c0c9188";
const HTTPS_ENDPOINT = "https://alerts.example.com/sns/4b1d0c5e9f2a";
const sealed = (value: string) => ({ [SPECIAL_SIG_KEY]: SECRET_SIG, value });

/** The shipped prod stack with the app's ALB in eu-west-1 and every SNS route: two mailboxes, a person with a phone, a phone, PagerDuty, Opsgenie, the HTTPS endpoint. */
function everyRoute(): RawConfig {
  const raw = withRoutes("prod", (c) => {
    c.monitoring.appLatency = { kind: "alb", region: "eu-west-1", loadBalancer: LB_ARN };
    c.monitoring.alerts.people = [{ name: "Lee Park", email: "lee.park@example.com", sms: "+14155550123" }];
    c.monitoring.alerts.sms = ["+442079460018"];
    c.monitoring.alerts.pagerduty = { service: "Portal production" };
    c.monitoring.alerts.opsgenie = { team: "Portal" };
  }, { pagerduty: PAGERDUTY_URL, opsgenie: OPSGENIE_URL });
  return { values: { ...raw.values, "launch-stack:alertHttpsEndpoint": HTTPS_ENDPOINT }, secretKeys: new Set([...raw.secretKeys, "launch-stack:alertHttpsEndpoint"]) };
}

/** Every subscription the us-east-1 topic gets, by child-name suffix: [protocol, endpoint, endpointAutoConfirms]. */
const ROUTES: Record<string, [string, unknown, boolean | undefined]> = {
  "email-dana-whitfield-example-com": ["email", "dana.whitfield@example.com", undefined],
  "email-sam-okafor-example-com": ["email", "sam.okafor@example.com", undefined],
  "email-lee-park-example-com": ["email", "lee.park@example.com", undefined],
  "sms-442079460018": ["sms", "+442079460018", undefined],
  "sms-14155550123": ["sms", "+14155550123", undefined],
  pagerduty: ["https", sealed(PAGERDUTY_URL), true],
  opsgenie: ["https", sealed(OPSGENIE_URL), true],
  https: ["https", sealed(HTTPS_ENDPOINT), true],
};

describe("a regional alert topic receives every route", () => {
  describe("as the engine sends the subscriptions", () => {
    let ev: Evaluation;
    before(async () => (ev = await evaluate(everyRoute(), "prod", false)));

    it("subscribes the eu-west-1 topic to each mailbox, phone, PagerDuty, Opsgenie and the HTTPS endpoint, in eu-west-1", () => {
      const regional = ofType(ev, T.subscription).filter((r) => r.name.startsWith("uptime-alerts-eu-west-1-"));
      assert.deepEqual(Object.fromEntries(regional.map((r) => [r.name.slice("uptime-alerts-eu-west-1-".length), [r.wire.protocol, r.wire.endpoint, r.wire.endpointAutoConfirms, r.wire.region]])),
        Object.fromEntries(Object.entries(ROUTES).map(([suffix, [protocol, endpoint, confirms]]) => [suffix, [protocol, endpoint, confirms, "eu-west-1"]])));
    });

    it("declares which subscription on each topic is which on-call service, for the pack when a sealed URL cannot be read", () => {
      assert.deepEqual(resource(ev, "launch-stack:monitoring:AlertRouting", "uptime-alerts").wire.onCallSubscriptions, {
        "uptime-alerts-pagerduty": "pagerduty", "uptime-alerts-opsgenie": "opsgenie",
        "uptime-alerts-eu-west-1-pagerduty": "pagerduty", "uptime-alerts-eu-west-1-opsgenie": "opsgenie",
      });
    });

    it("gives the regional topic exactly the subscriptions us-east-1's topic gets, so no route is left out of either", () => {
      const names = ofType(ev, T.subscription).map((r) => r.name);
      const regional = names.filter((n) => n.startsWith("uptime-alerts-eu-west-1-")).map((n) => n.slice("uptime-alerts-eu-west-1-".length));
      const main = names.filter((n) => !n.startsWith("uptime-alerts-eu-west-1-")).map((n) => n.slice("uptime-alerts-".length));
      assert.deepEqual(regional.sort(), Object.keys(ROUTES).sort());
      assert.deepEqual(main.sort(), regional.sort());
    });

    it("shows the integration URLs and the endpoint nowhere outside secret markers, in what the engine gets or a reviewer sees", () => {
      const needles = [PAGERDUTY_URL, OPSGENIE_URL, HTTPS_ENDPOINT, "0123456789abcdef0123456789abcdef", "6f86a81b-7497-4ba6-9a7e-8851fd07c651"];
      const isMarker = (v: unknown) => typeof v === "object" && v !== null && (v as Record<string, unknown>)[SPECIAL_SIG_KEY] === SECRET_SIG;
      const regional = ofType(ev, T.subscription).filter((r) => r.name.startsWith("uptime-alerts-eu-west-1-"));
      assert.deepEqual(regional.flatMap((r) => findPlaintext({ name: r.name, urn: r.urn, wire: r.wire }, needles, isMarker).map((h) => ({ resource: r.name, ...h }))), []);
      assert.deepEqual(regional.flatMap((r) => findPlaintext(displayInputs(r), needles).map((h) => ({ resource: r.name, ...h }))), []);
      assert.deepEqual(findPlaintext(ev.outputs, needles), []);
      const sealedHits = new Set(regional.flatMap((r) => findPlaintext(r.wire, needles).map((h) => h.needle)));
      assert.deepEqual([...sealedHits].sort(), [0, 1, 2, 3, 4], "every URL and key is in the regional subscriptions, inside markers, so the scan is not vacuous");
    });
  });

  describe("wired with real ARNs", () => {
    let created: Awaited<ReturnType<typeof withAwsMocks>>["created"];
    const regionalTopic = fakeArn(T.topic, "uptime-alerts-eu-west-1-topic", "eu-west-1");
    before(async () => {
      const config = parseStackConfig(everyRoute());
      created = (await withAwsMocks(() => new UptimeMonitoring("uptime", {
        environment: "prod",
        checks: uptimeChecks(config),
        monitoring: config.monitoring,
        httpsEndpoint: config.alertHttpsEndpoint,
        integrations: config.alertIntegrations,
        cloudflareAccountId: config.cloudflareAccountId,
        zones: config.zones.map((z) => ({ domain: z.domain, plan: z.plan, zoneId: `${z.domain}-zone-id` })),
      }))).created;
    });

    it("sends each regional subscription to the provider on the regional topic's ARN, with the URLs sealed", () => {
      const regional = created.filter((r) => r.type === T.subscription && r.name.startsWith("uptime-alerts-eu-west-1-"));
      assert.deepEqual(Object.fromEntries(regional.map((r) => [r.name.slice("uptime-alerts-eu-west-1-".length), r.inputs])), Object.fromEntries(Object.entries(ROUTES).map(([suffix, [protocol, endpoint, confirms]]) => [
        suffix, { topic: regionalTopic, protocol, endpoint, ...(confirms ? { endpointAutoConfirms: true } : {}), region: "eu-west-1" },
      ])));
    });

    it("delivers the regional topic to Slack through the one Chatbot channel, beside us-east-1's topic", () => {
      const slack = created.filter((r) => r.type === T.slack);
      assert.equal(slack.length, 1);
      assert.deepEqual([slack[0].inputs.snsTopicArns, slack[0].inputs.slackChannelId, slack[0].inputs.region], [[fakeArn(T.topic, "uptime-alerts-topic", "us-east-1"), regionalTopic], "C07EZ1ABC23", "us-east-2"]);
    });
  });
});

