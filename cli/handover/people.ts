/**
 * People and time: who owns the portal, who is alerted and how, support hours, what to watch on day one
 * (the alarms, where the dashboards and logs are) and the rollback in three lines. Owners, hours and the
 * app's own dashboards come from `launch-stack:readiness`; alert routes, alarms and consoles from the plan;
 * the people the alerts count as reaching from the config, by rules/alert-routes.ts.
 */
import { alertMailboxes, alertNobodyOf, alertPeopleOf } from "../../config/alert-routes";
import type { StackConfig } from "../../config/schema";
import { humanOf, MIN_HUMANS_IN_PROD } from "../../rules/alert-routes";
import type { PlanDocument } from "../plan/document";
import { alerting } from "../plan/summary";
import { code, table } from "./markdown";

/** Where Route 53 health-check alarms live: Route 53 publishes its metrics only in us-east-1. */
const ALARMS_CONSOLE = "https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#alarmsV2:";
const HEALTH_CHECKS_CONSOLE = "https://us-east-1.console.aws.amazon.com/route53/healthchecks/home";

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

function owners(config: StackConfig): string[] {
  const { owners } = config.readiness;
  if (owners.length === 0) return ["No owners are declared: list them under `launch-stack:readiness.owners` (name, role, contact)."];
  const { alerts } = config.monitoring;
  const emails = new Set(alertMailboxes(alerts).map(humanOf));
  const texted = new Set(alerts.people.filter((p) => p.sms).map((p) => p.name));
  const slack = alerts.slack;
  return table(["Owner", "Role", "Contact", "Alerted by"], owners.map((o) => [
    o.name,
    o.role,
    o.contact,
    [emails.has(humanOf(o.contact)) ? "email" : "", texted.has(o.name) ? "SMS" : "", slack ? `Slack ${slack.channelName ?? slack.channelId}` : ""].filter(Boolean).join(", ") || "not on an alert route",
  ]));
}

/**
 * What the count cannot see: who the on-call schedule pages. rules/alert-routes.ts counts the on-call
 * person as one more; the schedule may page someone already listed, which matters when the bar needs them.
 */
export function onCallCaveat(barNeedsOnCall: boolean): string {
  return "The on-call person may be one of those above: the stack cannot see the schedule."
    + (barNeedsOnCall ? ` The bar holds only if, at every hour, the schedule pages someone not listed above; check it in the schedule.` : "");
}

/**
 * Who counts toward the checklist's "two humans within five minutes" (rules/alert-routes.ts decides), and
 * which routes count as nobody and why, so a reviewer sees the arithmetic behind the monitoring verdict.
 */
function peopleCounted(config: StackConfig): string[] {
  const people = alertPeopleOf(config);
  const nobody = alertNobodyOf(config);
  const onCall = config.monitoring.alerts.pagerduty !== undefined || config.monitoring.alerts.opsgenie !== undefined;
  const bar = config.environment === "prod"
    ? `production needs ${MIN_HUMANS_IN_PROD}; these alerts reach ${people.length}`
    : `production needs ${MIN_HUMANS_IN_PROD}, ${config.environment} is not held to it; these alerts reach ${people.length}`;
  return [
    `**People counted toward "two humans within five minutes"** (${bar})`,
    "",
    ...(people.length > 0 ? people.map((p) => `- ${p}`) : ["- Nobody: no mailbox, phone, PagerDuty or Opsgenie route is declared."]),
    // The on-call person counts as one more, but the schedule may well page someone already listed.
    ...(onCall && people.length > 1 ? ["", onCallCaveat(config.environment === "prod" && people.length - 1 < MIN_HUMANS_IN_PROD)] : []),
    ...(nobody.length > 0 ? ["", "Routes that count as nobody:", "", ...nobody.map((n) => `- ${n.route}: ${n.why}`)] : []),
  ];
}

function watchList(doc: PlanDocument, config: StackConfig): string[] {
  const alarms = stringList(doc.outputs.alarms);
  const notifications = stringList(doc.outputs.cloudflareNotificationPolicies);
  const { dashboards, logs } = config.readiness;
  const zones = config.zones.map((z) => z.domain);
  const links = [
    ...dashboards.map((d) => [d.name, "dashboard", d.url]),
    ...logs.map((l) => [l.name, "logs", l.url]),
    ["CloudWatch alarms (us-east-1, where every uptime and latency alarm lives)", "dashboard", ALARMS_CONSOLE],
    ["Route 53 health checks (per-region status of each uptime check)", "dashboard", HEALTH_CHECKS_CONSOLE],
    ...zones.map((d) => [`Cloudflare security events for ${d} (WAF blocks, rate limits)`, "logs", `https://dash.cloudflare.com/${config.cloudflareAccountId}/${d}/security/events`]),
  ];
  return [
    "**What to watch on day one**",
    "",
    ...(alarms.length > 0 ? [`- Alarms (any of them in ALARM is an incident): ${alarms.map(code).join(", ")}`] : ["- No alarms are declared."]),
    ...(notifications.length > 0 ? [`- Cloudflare notifications: ${notifications.join("; ")}`] : []),
    "- Support inbox and the alert channel for login, invitation and password-reset complaints: mail that lands in spam shows up there first.",
    "",
    ...table(["What", "Kind", "Where"], links),
    ...(dashboards.length + logs.length === 0 ? ["", "The app's own dashboards and logs are not declared: list them under `launch-stack:readiness.dashboards` and `logs`."] : []),
  ];
}

export function peopleSection(doc: PlanDocument, config: StackConfig): string[] {
  const alert = alerting(doc.outputs);
  const { supportHours, outsideSupportHours } = config.readiness;
  const stack = doc.stack;
  return [
    "## People and time",
    "",
    ...owners(config),
    "",
    "**Who is alerted and how**",
    "",
    ...(alert.recipients.length > 0 ? alert.recipients.map((r) => `- ${r}`) : ["- Nobody: no alert routes are declared."]),
    `- Within ${alert.timeToAlert ?? "(no uptime checks declared)"} of an endpoint failing, worst case.`,
    "",
    ...peopleCounted(config),
    "",
    `**Support hours:** ${supportHours ?? "not declared (set `launch-stack:readiness.supportHours`)"}`,
    ...(outsideSupportHours ? ["", `**Outside support hours:** ${outsideSupportHours}`] : []),
    "",
    ...watchList(doc, config),
    "",
    "**Rollback in three lines**",
    "",
    `1. Find the last good deploy: ${code(`pulumi stack history --stack ${stack}`)} (or the last green commit on main).`,
    `2. Roll back to it: ${code(`npm run rollback -- --stack ${stack} --to <git ref | stack version>`)} (it previews and asks before deploying).`,
    `3. Confirm: ${code(`npm run verify -- --stack ${stack}`)} passes, then tell the alert channel.`,
  ];
}
