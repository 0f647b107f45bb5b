/**
 * Alert routes beyond email and Slack: SMS (E.164 phone numbers), PagerDuty and Opsgenie through their
 * Amazon CloudWatch integrations, and the webhooks Cloudflare's notifications post to. The integration URLs
 * carry keys, so they live in the secret-only key `launch-stack:alertIntegrations` (set with
 * `pulumi config set --secret --path`), never beside the plain routes; the routes here name what uses them.
 *
 * Who counts as a person for the two-humans bar is rules/alert-routes.ts; `alertRoutesOf` hands it the
 * routes this config declares, as the pack hands it the subscriptions the program declares.
 */
import { z } from "zod";
import { AlertRoutes, alertPeople, checkAlertRoutes, checkPhoneNumber, INTEGRATION_URL_SHAPES, humanOf, OnCallService, UncountedRouteKind, WHY_NOBODY } from "../rules/alert-routes";
import { planIncludes, ROUTE53_METRICS_REGION } from "../rules/alerting";
import { formatFinding } from "../rules/finding";
import type { ConfigProblem } from "./problem";
import { member } from "./errors";
import { email } from "./primitives";
import type { StackConfig } from "./schema";

/** A phone number texted by SNS: E.164, with the rewrite spelled out when it is not. */
export const phoneNumber = z.string().superRefine((v, ctx) => {
  for (const f of checkPhoneNumber(v)) ctx.addIssue({ code: "custom", message: `is not an E.164 phone number; ${f.fix}` });
});

export const personSchema = z.strictObject({
  /** Who this is, for the handover. */
  name: z.string().min(1),
  /** Their mailbox, emailed on every alarm and recovery (confirmed once by its owner). */
  email: email.optional(),
  /** Their phone, texted on every alarm and recovery. */
  sms: phoneNumber.optional(),
}).refine((p) => p.email !== undefined || p.sms !== undefined, { message: "needs an email or an sms route; add one or remove the person" });

export const pagerDutyRouteSchema = z.strictObject({
  /** The PagerDuty service the alarms open incidents on, for the handover (its escalation policy decides who is paged). */
  service: z.string().min(1),
  /**
   * The id Cloudflare gave the PagerDuty service connected under Notifications → Destinations (the connection is an
   * OAuth flow in the dashboard; the API and the provider can only list it): Cloudflare's own alerts then page too.
   */
  cloudflareIntegrationId: z.string().regex(/^[A-Za-z0-9-]{6,64}$/, { message: "must be the id Cloudflare lists for the connected PagerDuty service (GET /accounts/<id>/alerting/v3/destinations/pagerduty)" }).optional(),
});

export const opsgenieRouteSchema = z.strictObject({
  /** The Opsgenie team owning the integration, for the handover (its on-call schedule decides who is notified). */
  team: z.string().min(1),
});

/** What a Cloudflare webhook destination is: Cloudflare formats the payload for Slack and Opsgenie URLs. */
export const WEBHOOK_KINDS = ["slack", "opsgenie", "generic"] as const;

export const webhookSchema = z.strictObject({
  /** slack (an incoming-webhook URL), opsgenie (the Alert API URL; its API key is the secret), or generic (any https receiver). */
  kind: z.enum(WEBHOOK_KINDS),
});

export const WEBHOOK_NAME = /^[a-z][a-z0-9-]{0,39}$/;

/** The `alertIntegrations` entry holding a webhook's URL, and the one holding its `cf-webhook-auth` secret. */
export const webhookUrlKey = (name: string) => `webhook-${name}`;
export const webhookSecretKey = (name: string) => `webhook-${name}-secret`;

const HOW_TO_SET = (entry: string) => `pulumi config set --secret --path 'alertIntegrations${member(entry)}' (it prompts)`;

function isHttpsUrl(text: string): boolean {
  try {
    return new URL(text).protocol === "https:";
  } catch {
    return false;
  }
}

/**
 * The shape one `alertIntegrations` entry must have, checked by the loader on the plaintext before it is
 * sealed; the message never quotes the value. Webhook secrets are free text.
 */
export function checkAlertIntegration(entry: string, text: string): string | undefined {
  const onCall = INTEGRATION_URL_SHAPES[entry as OnCallService];
  if (onCall) return onCall.test(text) ? undefined : `must be ${onCall.shape}; run ${HOW_TO_SET(entry)}`;
  if (entry.startsWith("webhook-") && !entry.endsWith("-secret")) return isHttpsUrl(text) ? undefined : `must be an https:// URL; run ${HOW_TO_SET(entry)}`;
  return undefined;
}

type Alerts = StackConfig["monitoring"]["alerts"];

/** Every mailbox the alerts go to: the listed ones, then each person's. */
export function alertMailboxes(alerts: Alerts): string[] {
  return [...alerts.emails, ...alerts.people.flatMap((p) => (p.email ? [p.email] : []))];
}

/** Every phone number texted: the listed ones, then each person's. */
export function alertPhones(alerts: Alerts): string[] {
  return [...alerts.sms, ...alerts.people.flatMap((p) => (p.sms ? [p.sms] : []))];
}

/** The on-call services the config subscribes. */
export function onCallServices(alerts: Alerts): OnCallService[] {
  return [...(alerts.pagerduty ? ["pagerduty" as const] : []), ...(alerts.opsgenie ? ["opsgenie" as const] : [])];
}

/** A route that carries alerts but counts as nobody toward the two humans, and why. */
export interface UncountedRoute {
  route: string;
  kind: UncountedRouteKind;
  why: string;
}

/** The routes that count as nobody (Slack, Cloudflare webhooks, the HTTPS endpoint), for the count and the handover. */
export function alertNobodyOf(config: Pick<StackConfig, "monitoring" | "alertHttpsEndpoint">): UncountedRoute[] {
  const { alerts } = config.monitoring;
  const of = (route: string, kind: UncountedRouteKind): UncountedRoute => ({ route, kind, why: WHY_NOBODY[kind] });
  return [
    ...(alerts.slack ? [of(`Slack ${alerts.slack.channelName ?? alerts.slack.channelId}`, "slack")] : []),
    ...Object.entries(alerts.webhooks).map(([name, w]) => of(`Cloudflare webhook ${name} (${w.kind})`, "webhook")),
    ...(config.alertHttpsEndpoint ? [of("the HTTPS endpoint in launch-stack:alertHttpsEndpoint", "https")] : []),
  ];
}

/** The routes as the two-humans rule counts them. */
export function alertRoutesOf(config: Pick<StackConfig, "monitoring" | "alertHttpsEndpoint">): AlertRoutes {
  const { alerts } = config.monitoring;
  return {
    emails: alertMailboxes(alerts),
    phones: alertPhones(alerts),
    samePerson: alerts.people.map((p) => [p.email, p.sms].filter((r): r is string => r !== undefined)),
    onCall: onCallServices(alerts),
    otherRoutes: alertNobodyOf(config).length,
  };
}

/**
 * The people the alerts reach, for the handover: named as `alerts.people` names them, else as the readiness
 * owner whose contact is that mailbox; the on-call person with the PagerDuty service and Opsgenie team paged.
 */
export function alertPeopleOf(config: Pick<StackConfig, "monitoring" | "alertHttpsEndpoint"> & Partial<Pick<StackConfig, "readiness">>): string[] {
  const { alerts } = config.monitoring;
  const named = new Map<string, string>([
    ...(config.readiness?.owners ?? []).map((o) => [humanOf(o.contact), o.name] as const),
    ...alerts.people.flatMap((p) => [p.email, p.sms].filter((r): r is string => r !== undefined).map((r) => [r.includes("@") ? humanOf(r) : r, p.name] as const)),
  ]);
  const paged = [
    ...(alerts.pagerduty ? [`service ${alerts.pagerduty.service}`] : []),
    ...(alerts.opsgenie ? [`team ${alerts.opsgenie.team}`] : []),
  ];
  return alertPeople(alertRoutesOf(config)).map((person) => {
    if (person.onCall) return `${person.label} (${paged.join(", ")})`;
    const name = person.routes.map((r) => named.get(r)).find((n) => n !== undefined);
    return name ? `${name} (${person.label})` : person.label;
  });
}

/** Who is alerted, one line per route, as the stack outputs, the plan and the handover list them. Secrets appear only as the key that holds them. */
export function routeLines(config: Pick<StackConfig, "monitoring" | "alertHttpsEndpoint">): string[] {
  const { alerts } = config.monitoring;
  const owner = new Map(alerts.people.flatMap((p) => [p.email, p.sms].filter((r): r is string => r !== undefined).map((r) => [r, p.name] as const)));
  const of = (r: string) => (owner.has(r) ? ` (${owner.get(r)})` : "");
  return [
    ...alertMailboxes(alerts).map((e) => `email: ${e}${of(e)}`),
    ...alertPhones(alerts).map((p) => `sms: ${p}${of(p)}`),
    ...(alerts.slack ? [`slack: ${alerts.slack.channelName ?? alerts.slack.channelId} (workspace ${alerts.slack.workspaceId}, channel ${alerts.slack.channelId})`] : []),
    ...(alerts.pagerduty ? [`pagerduty: service ${alerts.pagerduty.service}, whoever is on call (integration URL in launch-stack:alertIntegrations.pagerduty, secret)`] : []),
    ...(alerts.opsgenie ? [`opsgenie: team ${alerts.opsgenie.team}, whoever is on call (integration URL in launch-stack:alertIntegrations.opsgenie, secret)`] : []),
    ...(config.alertHttpsEndpoint ? ["https: the endpoint in launch-stack:alertHttpsEndpoint (secret)"] : []),
    ...Object.entries(alerts.webhooks).map(([name, w]) => `cloudflare webhook: ${name} (${w.kind}, URL in launch-stack:alertIntegrations${member(webhookUrlKey(name))}, secret)`),
    ...(alerts.pagerduty?.cloudflareIntegrationId ? [`cloudflare pagerduty: ${alerts.pagerduty.cloudflareIntegrationId} (connected in the Cloudflare dashboard)`] : []),
  ];
}

/**
 * The regions with an alert topic, each subscribed to every route: us-east-1 first (Route 53's metrics, the
 * canaries and their alarms), then the app latency source's region, whose alarm can notify only a topic there.
 */
export function alertTopicRegions(monitoring: Pick<StackConfig["monitoring"], "appLatency">): string[] {
  return [...new Set([ROUTE53_METRICS_REGION, ...(monitoring.appLatency ? [monitoring.appLatency.region] : [])])];
}

/** What a person must do after the first deploy for the routes to deliver, for the outputs and the handover. */
export function subscriptionNote(config: Pick<StackConfig, "monitoring">): string {
  const { alerts } = config.monitoring;
  const regions = alertTopicRegions(config.monitoring);
  const perTopic = regions.length > 1 ? ` for each alert topic (${regions.join(", ")}; pulumi stack output alertTopicArns lists them)` : "";
  return [
    `Each alert email address receives an AWS confirmation email${perTopic} and gets alerts only after clicking its link; check the inboxes after the first deploy (Pulumi cannot delete a subscription nobody confirmed).`,
    ...(alertPhones(alerts).length > 0 ? ["SMS reaches a phone only once the AWS account is out of the SNS SMS sandbox (or the number is verified in it), with a monthly SMS spend limit that covers an incident and, for US numbers, a registered origination number (toll-free or 10DLC); set the account's default SMS type to Transactional."] : []),
    ...(onCallServices(alerts).length > 0 ? ["PagerDuty and Opsgenie confirm their SNS subscriptions themselves; trigger a test alarm and see the incident open and close."] : []),
  ].join(" ");
}

/**
 * The routes' cross-field checks: each mailbox and phone listed once, every declared integration has its
 * secret and every secret a declaration, webhooks and PagerDuty only where Cloudflare delivers them, and
 * the two-humans bar.
 */
export function checkAlertRouting(config: Pick<StackConfig, "monitoring" | "alertHttpsEndpoint" | "alertIntegrations" | "environment" | "zones">): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  const add = (path: string, message: string) => out.push({ path: [path], message });
  const { alerts } = config.monitoring;
  const at = "monitoring.alerts";

  const seen = new Map<string, string>();
  const listed: [string, string][] = [
    ...alerts.emails.map((e, i): [string, string] => [`email:${e.toLowerCase()}`, `${at}.emails[${i}]`]),
    ...alerts.sms.map((p, i): [string, string] => [`sms:${p}`, `${at}.sms[${i}]`]),
    ...alerts.people.flatMap((p, i): [string, string][] => [
      ...(p.email ? [[`email:${p.email.toLowerCase()}`, `${at}.people[${i}].email`] as [string, string]] : []),
      ...(p.sms ? [[`sms:${p.sms}`, `${at}.people[${i}].sms`] as [string, string]] : []),
    ]),
  ];
  for (const [route, path] of listed) {
    const first = seen.get(route);
    if (first) add(path, `${route.slice(route.indexOf(":") + 1)} is already a route at launch-stack:${first}; list each mailbox and phone once (group a person's routes under ${at}.people)`);
    else seen.set(route, path);
  }

  const secrets = config.alertIntegrations;
  const needed = new Map<string, string>();
  for (const service of onCallServices(alerts)) needed.set(service, `${at}.${service}`);
  for (const [name, w] of Object.entries(alerts.webhooks)) {
    needed.set(webhookUrlKey(name), `${at}.webhooks${member(name)}`);
    if (w.kind === "opsgenie" && !(webhookSecretKey(name) in secrets)) {
      add(`${at}.webhooks${member(name)}`, `an opsgenie webhook needs the Opsgenie API integration key as its secret (Cloudflare sends it as the GenieKey); run ${HOW_TO_SET(webhookSecretKey(name))}`);
    }
  }
  for (const [entry, path] of needed) {
    if (!(entry in secrets)) add(path, `is declared but its integration URL is not set; run ${HOW_TO_SET(entry)}`);
  }
  for (const entry of Object.keys(secrets)) {
    const webhook = entry.match(/^webhook-(.+?)(-secret)?$/);
    const declared = needed.has(entry) || (webhook?.[2] !== undefined && needed.has(webhookUrlKey(webhook[1])));
    if (!declared) {
      add(`alertIntegrations${member(entry)}`, `no route uses it (known entries: pagerduty, opsgenie, webhook-<name> and webhook-<name>-secret for each ${at}.webhooks name); declare the route or run pulumi config rm --path 'alertIntegrations${member(entry)}'`);
    }
  }
  for (const name of Object.keys(alerts.webhooks)) {
    if (!WEBHOOK_NAME.test(name)) add(`${at}.webhooks${member(name)}`, "must be a lower-case id such as ops-slack (it names the Cloudflare destination and its alertIntegrations entry)");
  }

  // Cloudflare delivers notifications by email on every plan, by webhook and PagerDuty from Pro up.
  const edgeRoutes = [
    ...(Object.keys(alerts.webhooks).length > 0 ? [`${at}.webhooks`] : []),
    ...(alerts.pagerduty?.cloudflareIntegrationId ? [`${at}.pagerduty.cloudflareIntegrationId`] : []),
  ];
  if (!config.zones.some((z) => planIncludes(z.plan, "pro"))) {
    for (const path of edgeRoutes) add(path, "Cloudflare delivers notifications by webhook and PagerDuty only on Pro and above, and every zone here is on Free; remove it or move a zone to Pro");
  }

  for (const f of checkAlertRoutes(alertRoutesOf(config), config.environment)) add(`${at}.emails`, formatFinding(f));
  return out;
}
