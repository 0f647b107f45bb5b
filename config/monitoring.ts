/**
 * Uptime checks, the latency alarm and alert routes. The checks always include the canonical homepage,
 * the app's login and every other public hostname; config adds endpoints (API health,
 * password reset, webhook receiver) and overrides defaults by name. The resolved list is derived in
 * model/uptime-checks.ts and judged in gate/monitoring-checks.ts.
 */
import { z } from "zod";
import { AlertTiming, LATENCY_THRESHOLD_MS, REQUEST_INTERVALS } from "../rules/alerting";
import { opsgenieRouteSchema, pagerDutyRouteSchema, personSchema, phoneNumber, routeLines, webhookSchema } from "./alert-routes";
import { appLatencySchema } from "./app-latency";
import { canariesSchema } from "./canaries";
import { email, httpsUrl } from "./primitives";
import type { StackConfig } from "./schema";

const alarmPeriod = z.int().min(60).multipleOf(60, { message: "must be a multiple of 60 (Route 53 metrics are per minute)" });

export const uptimeCheckSchema = z.strictObject({
  /** The https URL to check; defaults exist for homepage, login, api-health and password-reset. */
  url: httpsUrl.optional(),
  /** Text the first 5120 bytes of the response must contain (an HTTPS_STR_MATCH check). */
  searchString: z.string().min(1).max(255).optional(),
  /** Alarm on the Route 53 checkers' average time to first byte; on by default for homepage, login and api-health. */
  latencyAlarm: z.boolean().optional(),
});

export const slackRouteSchema = z.strictObject({
  /** The Slack workspace (team) id authorized once in the AWS Chatbot console, e.g. T07EA123LEP. */
  workspaceId: z.string().regex(/^T[A-Z0-9]{6,}$/, { message: "must be a Slack workspace id such as T07EA123LEP" }),
  /** The channel id from the channel's details, e.g. C07EZ1ABC23. */
  channelId: z.string().regex(/^[CG][A-Z0-9]{6,}$/, { message: "must be a Slack channel id such as C07EZ1ABC23" }),
  /** For people reading outputs and the handover. */
  channelName: z.string().regex(/^#[a-z0-9_-]+$/, { message: "must be a channel name such as #ops-alerts" }).optional(),
});

export const monitoringSchema = z.strictObject({
  /** Extra checks and overrides of the defaults, by name (lower-case id). */
  checks: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/, { message: "must be a lower-case id such as api-health" }), uptimeCheckSchema).default({}),
  /** Seconds between checks from each checker: 30 (standard) or 10 (fast). */
  requestInterval: z.int().refine((v) => (REQUEST_INTERVALS as readonly number[]).includes(v), { message: `must be ${REQUEST_INTERVALS.join(" or ")} (seconds)` }).default(30),
  /** Consecutive failures before Route 53 marks an endpoint unhealthy. */
  failureThreshold: z.int().min(1).max(10).default(3),
  /** Route 53 checker regions, at least three. */
  regions: z.array(z.string()).default(["us-east-1", "eu-west-1", "ap-southeast-1"]),
  /** Seconds per datapoint of the health-status alarm. */
  alarmPeriod: alarmPeriod.default(60),
  /** Unhealthy minutes in a row before the alarm fires. */
  datapointsToAlarm: z.int().min(1).default(1),
  latency: z.strictObject({
    /** Latency alarm threshold in milliseconds (Route 53 average, canary p95); at most 500 in prod. */
    thresholdMs: z.int().positive().default(LATENCY_THRESHOLD_MS),
    period: alarmPeriod.default(300),
    /** Fires when `datapointsToAlarm` of the last `evaluationPeriods` windows are slow. */
    evaluationPeriods: z.int().min(1).default(3),
    datapointsToAlarm: z.int().min(1).default(2),
  }).prefault({}),
  /** The app's own p95 from its load balancer or API gateway, when the origin runs on AWS (config/app-latency.ts). */
  appLatency: appLatencySchema.optional(),
  /** CloudWatch Synthetics canaries: API canaries on the core endpoints and the login flow (config/canaries.ts). */
  canaries: canariesSchema.prefault({}),
  alerts: z.strictObject({
    /** People (or a team mailbox) emailed on every alarm and recovery; each must confirm once. */
    emails: z.array(email).default([]),
    /** Phone numbers (E.164, such as +14155550123) texted on every alarm and recovery; each phone is a person. */
    sms: z.array(phoneNumber).default([]),
    /** People reached by more than one route (a mailbox and a phone): their routes count as one person (rules/alert-routes.ts). */
    people: z.array(personSchema).default([]),
    /** A Slack channel, through AWS Chatbot. */
    slack: slackRouteSchema.optional(),
    /** A PagerDuty service through its Amazon CloudWatch integration (URL in launch-stack:alertIntegrations.pagerduty). */
    pagerduty: pagerDutyRouteSchema.optional(),
    /** An Opsgenie team through its Amazon CloudWatch integration (URL in launch-stack:alertIntegrations.opsgenie). */
    opsgenie: opsgenieRouteSchema.optional(),
    /** Cloudflare notification webhooks by name (URL in launch-stack:alertIntegrations.webhook-<name>): Slack, Opsgenie, any https receiver. */
    webhooks: z.record(z.string(), webhookSchema).default({}),
  }).prefault({}),
});

export type MonitoringConfig = z.output<typeof monitoringSchema>;

/** One endpoint to watch, resolved from defaults and config. */
export interface UptimeCheck {
  /** Stable id: resource names and alarm names derive from it. */
  name: string;
  url: string;
  host: string;
  /** Path and query Route 53 requests. */
  path: string;
  searchString?: string;
  latencyAlarm: boolean;
}

export function alertTiming(m: MonitoringConfig): AlertTiming {
  return { requestInterval: m.requestInterval, failureThreshold: m.failureThreshold, alarmPeriod: m.alarmPeriod, datapointsToAlarm: m.datapointsToAlarm };
}

/** Who is alerted, as the stack outputs and the handover list them (config/alert-routes.ts). */
export { alertPeopleOf } from "./alert-routes";

export function alertRecipients(config: Pick<StackConfig, "monitoring" | "alertHttpsEndpoint">): string[] {
  return routeLines(config);
}
