/**
 * Who an alert reaches, and the "two humans" bar of the launch checklist. Used by the config gate
 * (config/monitoring.ts), the policy pack (policies/monitoring.ts) and the handover (cli/handover/people.ts).
 *
 * A person is a distinct mailbox or phone number that can receive:
 * - each distinct mailbox counts once (case and a `+tag` ignored: `dana+alerts@` is `dana@`);
 * - each distinct phone number (E.164) counts once: a phone is a person;
 * - routes the config groups under one person (`monitoring.alerts.people`) count once together, so
 *   Dana's mailbox and Dana's phone are one person when, and only when, the config says so;
 * - PagerDuty and Opsgenie reach whoever is on call. An escalation policy notifies one responder at a
 *   time and escalates only after its timeout (usually longer than five minutes), and the on-call person
 *   may well be someone already emailed. So all on-call services together count as ONE person, never
 *   more, however many people their schedules hold: a stack needs at least one person addressed directly;
 * - Slack channels and generic HTTPS or webhook receivers count as nobody: nothing here can tell who reads them.
 */
import { Finding } from "./finding";
import type { Environment } from "./tls";

const REF = "launch checklist: monitoring";

/** Production alerts reach at least two people, so one absence does not silence an outage. */
export const MIN_HUMANS_IN_PROD = 2;

/** The on-call services this stack subscribes natively; each reaches whoever is on call. */
export const ON_CALL_SERVICES = ["pagerduty", "opsgenie"] as const;
export type OnCallService = (typeof ON_CALL_SERVICES)[number];
const ON_CALL_TITLE: Record<OnCallService, string> = { pagerduty: "PagerDuty", opsgenie: "Opsgenie" };

/** The person behind an address: case-insensitive, and `dana+alerts@` is the same mailbox as `dana@`. */
export function humanOf(address: string): string {
  const [local, domain] = address.trim().toLowerCase().split("@");
  return `${local.split("+")[0]}@${domain}`;
}

export function distinctHumans(addresses: readonly string[]): string[] {
  return [...new Set(addresses.map(humanOf))];
}

/** E.164 (ITU-T E.164, as SNS requires for `sms` subscriptions): `+`, a country code not starting with 0, at most 15 digits. */
export const E164 = /^\+[1-9]\d{1,14}$/;

/**
 * Whether a phone number is E.164, with the fix spelled out: the digits rewritten when only spacing,
 * punctuation or a `00` international prefix is in the way.
 */
export function checkPhoneNumber(phone: string): Finding[] {
  if (E164.test(phone)) return [];
  const digits = phone.replace(/[\s().\-/]/g, "");
  const candidate = digits.startsWith("00") ? `+${digits.slice(2)}` : digits;
  const suggestion = E164.test(candidate) ? `write it as ${candidate}` : "write it as + then the country code and the number, digits only, such as +14155550123";
  return [{ message: `${phone} is not an E.164 phone number`, ref: "Amazon SNS SMS: E.164 format", fix: suggestion }];
}

/**
 * PagerDuty's Amazon CloudWatch integration URL (PagerDuty, "Amazon CloudWatch Integration Guide":
 * https://www.pagerduty.com/docs/guides/aws-cloudwatch-integration-guide/): SNS posts to
 * `https://events.pagerduty.com/integration/<integration key>/enqueue` (events.eu.pagerduty.com for EU
 * service regions), or `https://events.pagerduty.com/x-ere/<key>` for a global event ruleset. The key is
 * 32 characters.
 */
export function isPagerDutyCloudWatchUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === "https:" && ["events.pagerduty.com", "events.eu.pagerduty.com"].includes(u.hostname) && !u.search && !u.hash
      && /^\/(integration\/[A-Za-z0-9]{32}\/enqueue|x-ere\/[A-Za-z0-9]{32})$/.test(u.pathname);
  } catch {
    return false;
  }
}

/**
 * Opsgenie's Amazon CloudWatch integration URL (Atlassian, "Integrate Opsgenie with Amazon CloudWatch":
 * https://support.atlassian.com/opsgenie/docs/integrate-opsgenie-with-amazon-cloudwatch/): the SNS HTTPS
 * subscription endpoint `https://api.opsgenie.com/v1/json/cloudwatch?apiKey=<integration API key>`
 * (api.eu.opsgenie.com for EU accounts). The key is in the query string, so the whole URL is a secret.
 */
export function isOpsgenieCloudWatchUrl(url: string): boolean {
  try {
    const u = new URL(url);
    const key = u.searchParams.get("apiKey") ?? "";
    return u.protocol === "https:" && ["api.opsgenie.com", "api.eu.opsgenie.com"].includes(u.hostname) && u.pathname === "/v1/json/cloudwatch"
      && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(key) && [...u.searchParams.keys()].length === 1 && !u.hash;
  } catch {
    return false;
  }
}

/** The on-call service an HTTPS endpoint belongs to, from its host; undefined for any other receiver. */
export function onCallServiceOf(url: string): OnCallService | undefined {
  try {
    const host = new URL(url).hostname;
    if (host === "events.pagerduty.com" || host === "events.eu.pagerduty.com") return "pagerduty";
    if (host === "api.opsgenie.com" || host === "api.eu.opsgenie.com") return "opsgenie";
  } catch {
    return undefined;
  }
  return undefined;
}

/** The shape each on-call integration URL must have, for error messages (never the value itself). */
export const INTEGRATION_URL_SHAPES: Record<OnCallService, { test: (url: string) => boolean; shape: string }> = {
  pagerduty: {
    test: isPagerDutyCloudWatchUrl,
    shape: "PagerDuty's Amazon CloudWatch integration URL, https://events.pagerduty.com/integration/<32-character integration key>/enqueue (events.eu.pagerduty.com for EU accounts)",
  },
  opsgenie: {
    test: isOpsgenieCloudWatchUrl,
    shape: "Opsgenie's Amazon CloudWatch integration URL, https://api.opsgenie.com/v1/json/cloudwatch?apiKey=<integration API key> (api.eu.opsgenie.com for EU accounts)",
  },
};

/** Routes that carry alerts but count as nobody, by kind. */
export type UncountedRouteKind = "slack" | "webhook" | "https";

/** Why each kind of route counts as nobody toward the two humans: printed beside the people counted. */
export const WHY_NOBODY: Record<UncountedRouteKind, string> = {
  slack: "nothing here can tell who reads a channel, or how soon",
  webhook: "Cloudflare posts to a URL, and nothing here can tell who reads what it feeds",
  https: "SNS posts to a URL, and nothing here can tell who reads what it feeds",
};

export interface AlertRoutes {
  /** Mailboxes subscribed to the alert topic. */
  emails: readonly string[];
  /** Phone numbers subscribed by SMS. */
  phones?: readonly string[];
  /** Routes (mailboxes and phone numbers) the config says belong to one person, one group per person. */
  samePerson?: readonly (readonly string[])[];
  /** On-call services subscribed (PagerDuty, Opsgenie): together they count as one person. */
  onCall?: readonly OnCallService[];
  /** Slack channels, generic HTTPS receivers, webhooks: routes that carry alerts but count as nobody. */
  otherRoutes: number;
}

/** One counted person: a label for the handover and the routes that reach them. */
export interface AlertPerson {
  label: string;
  routes: string[];
  /** The one person all on-call services reach together. */
  onCall?: true;
}

/** A route's identity for counting: a mailbox by `humanOf`, a phone by its digits. */
function routeKey(route: string): string {
  return route.includes("@") ? `email:${humanOf(route)}` : `sms:${route.replace(/[^\d+]/g, "")}`;
}

/**
 * The people the routes reach, by the rules in this module's header: mailboxes and phones joined into
 * one person where a group (or a shared route) links them, then one person for all on-call services.
 */
export function alertPeople(routes: AlertRoutes): AlertPerson[] {
  const parent = new Map<string, string>();
  const display = new Map<string, string>();
  const find = (k: string): string => {
    let root = k;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(k, root);
    return root;
  };
  const add = (route: string) => {
    const k = routeKey(route);
    if (!parent.has(k)) {
      parent.set(k, k);
      display.set(k, route.includes("@") ? humanOf(route) : route);
    }
    return k;
  };
  for (const r of [...routes.emails, ...(routes.phones ?? [])]) add(r);
  for (const group of routes.samePerson ?? []) {
    const keys = group.map(add);
    for (const k of keys.slice(1)) parent.set(find(k), find(keys[0]));
  }
  const people = new Map<string, string[]>();
  for (const k of parent.keys()) {
    const root = find(k);
    people.set(root, [...(people.get(root) ?? []), display.get(k)!]);
  }
  const out: AlertPerson[] = [...people.values()].map((r) => ({ label: r.join(" + "), routes: r }));
  const onCall = [...new Set(routes.onCall ?? [])];
  if (onCall.length > 0) {
    const names = onCall.map((s) => ON_CALL_TITLE[s]);
    out.push({ label: `whoever is on call in ${names.join(" and ")}`, routes: names, onCall: true });
  }
  return out;
}

export function checkAlertRoutes(routes: AlertRoutes, environment: Environment): Finding[] {
  const people = alertPeople(routes);
  if (people.length === 0 && routes.otherRoutes === 0) {
    return [{ message: "alerts go nowhere: no email, SMS, Slack, PagerDuty, Opsgenie or HTTPS route", ref: REF, fix: "add at least one address under monitoring.alerts.emails" }];
  }
  const n = people.length;
  const persons = (k: number) => `${k} ${k === 1 ? "person" : "people"}`;
  return environment === "prod" && n < MIN_HUMANS_IN_PROD
    ? [{
        message: `production alerts reach ${persons(n)}${n > 0 ? ` (${people.map((p) => p.label).join("; ")})` : ""}; at least ${MIN_HUMANS_IN_PROD} are required `
          + "(each mailbox or phone number counts once, a person's routes grouped under alerts.people count once, all PagerDuty and Opsgenie services together count as one person, whoever is on call, and Slack and webhooks count as nobody)",
        ref: REF,
        fix: `add ${persons(MIN_HUMANS_IN_PROD - n).replace(/ /, " more ")}: an address under monitoring.alerts.emails or a phone under monitoring.alerts.sms`,
      }]
    : [];
}
