/**
 * Uptime checks, the latency alarm and alert routes. The checks always include the canonical homepage,
 * the app's login and every other public hostname; config adds endpoints (API health,
 * password reset, webhook receiver) and overrides defaults by name.
 */
import { z } from "zod";
import { canonicalHostOf, siteModel } from "../model/site";
import {
  AlertTiming, checkAlertRoutes, checkCheckerRegions, checkChecksUnderRateLimit, checkLatencyThreshold, checkTimeToAlert, LATENCY_THRESHOLD_MS, REQUEST_INTERVALS,
} from "../rules/alerting";
import { formatFinding } from "../rules/finding";
import { isInZone } from "../rules/hostnames";
import { prefixCovers } from "../rules/paths";
import { appLatencySchema, checkAppLatency } from "./app-latency";
import { canariesSchema, checkCanaries } from "./canaries";
import type { ConfigProblem } from "./checks";
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
    /** A Slack channel, through AWS Chatbot. */
    slack: slackRouteSchema.optional(),
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

type App = StackConfig["app"];
const CORE = ["homepage", "login", "api-health"];

/** Default URLs of the named endpoints a portal has. */
function defaultUrls(canonicalHost: string, app: App): Record<string, string> {
  const on = (path: string) => `https://${app.host}${path}`;
  return {
    homepage: `https://${canonicalHost}/`,
    login: on(app.routes.login),
    "api-health": on(app.routes.health),
    "password-reset": on(app.routes.passwordReset),
  };
}

/** Hostnames with an origin and no login in front of them, zone by zone, each zone's sorted. */
export function publicHosts(config: Pick<StackConfig, "zones" | "app">): string[] {
  return config.zones.flatMap((zone, i) => {
    const site = siteModel(zone, i, config.app);
    return site.servedHosts.filter((h) => !site.authenticatedHosts.includes(h));
  });
}

/**
 * The checks to declare, sorted by name: homepage and login, the configured ones (a configured homepage or login
 * overrides the default), then `https://<host>/` for each public hostname nothing else checks.
 * Configured checks without a URL and without a default are left out (checkMonitoring reports them).
 */
export function uptimeChecks(config: Pick<StackConfig, "zones" | "app" | "monitoring">): UptimeCheck[] {
  const defaults = defaultUrls(canonicalHostOf(config), config.app);
  const entries: [string, z.output<typeof uptimeCheckSchema>][] = [["homepage", {}], ["login", {}]];
  for (const [name, check] of Object.entries(config.monitoring.checks)) {
    const at = entries.findIndex(([n]) => n === name);
    if (at >= 0) entries[at] = [name, check];
    else entries.push([name, check]);
  }
  const checks = entries.flatMap(([name, c]): UptimeCheck[] => {
    const url = c.url ?? defaults[name];
    if (!url) return [];
    const u = new URL(url);
    return [{ name, url, host: u.hostname, path: `${u.pathname}${u.search}`, searchString: c.searchString, latencyAlarm: c.latencyAlarm ?? CORE.includes(name) }];
  });
  for (const host of publicHosts(config)) {
    if (!checks.some((c) => c.host === host)) {
      checks.push({ name: host.replace(/\./g, "-"), url: `https://${host}/`, host, path: "/", latencyAlarm: false });
    }
  }
  // Sorted by name: the checks are a set keyed by name, and the outputs and alarms listing them must not
  // follow the order the config mapping was written in.
  return checks.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export function alertTiming(m: MonitoringConfig): AlertTiming {
  return { requestInterval: m.requestInterval, failureThreshold: m.failureThreshold, alarmPeriod: m.alarmPeriod, datapointsToAlarm: m.datapointsToAlarm };
}

/** Who is alerted, as the stack outputs and the handover list them. */
export function alertRecipients(config: Pick<StackConfig, "monitoring" | "alertHttpsEndpoint">): string[] {
  const { emails, slack } = config.monitoring.alerts;
  return [
    ...emails.map((e) => `email: ${e}`),
    ...(slack ? [`slack: ${slack.channelName ?? slack.channelId} (workspace ${slack.workspaceId}, channel ${slack.channelId})`] : []),
    ...(config.alertHttpsEndpoint ? ["https: the endpoint in launch-stack:alertHttpsEndpoint (secret)"] : []),
  ];
}

/** Time to alert, routes, regions, check URLs and the production latency bar. */
export function checkMonitoring(config: StackConfig): ConfigProblem[] {
  const m = config.monitoring;
  const out: ConfigProblem[] = [];
  const add = (path: string, message: string) => out.push({ path: [path], message });
  for (const f of checkTimeToAlert(alertTiming(m))) add("monitoring", formatFinding(f));
  for (const f of checkCheckerRegions(m.regions)) add("monitoring.regions", formatFinding(f));
  const otherRoutes = (m.alerts.slack ? 1 : 0) + (config.alertHttpsEndpoint ? 1 : 0);
  for (const f of checkAlertRoutes({ emails: m.alerts.emails, otherRoutes }, config.environment)) add("monitoring.alerts.emails", formatFinding(f));

  const defaults = defaultUrls(canonicalHostOf(config), config.app);
  const sites = config.zones.map((zone, i) => siteModel(zone, i, config.app));
  // A DNS-only host is watched only when a check names it, so a named check may point at one.
  const served = new Set(sites.flatMap((s) => [...s.servedHosts, ...s.dnsOnlyHosts]));
  const checks = uptimeChecks(config);
  for (const site of sites) {
    for (const rule of site.rateLimits) {
      const counted = checks.filter((c) => isInZone(c.host, site.domain) && rule.paths.some((p) => prefixCovers(p, c.path)));
      for (const f of checkChecksUnderRateLimit(rule.config, counted.map((c) => c.name), m.requestInterval)) add("monitoring.checks", formatFinding(f));
    }
  }
  for (const [name, check] of Object.entries(m.checks)) {
    const url = check.url ?? defaults[name];
    if (!url) add(`monitoring.checks.${name}.url`, `is required for a check without a default URL (defaults exist for ${Object.keys(defaults).join(", ")}); set the https URL to check`);
    else if (!served.has(new URL(url).hostname)) add(`monitoring.checks.${name}.url`, `${new URL(url).hostname} is not a hostname this stack serves; check a hostname with an origin under zones[].hosts`);
    else if (config.app.privatePaths.some((p) => prefixCovers(p, new URL(url).pathname))) {
      // An anonymous checker gets 401/403 (unhealthy around the clock) or a redirect to login (measures nothing).
      add(`monitoring.checks.${name}.url`, `${new URL(url).pathname} is behind login (app.privatePaths), so an anonymous health check cannot see it; check a health endpoint that answers without a session`);
    }
  }
  if (m.latency.datapointsToAlarm > m.latency.evaluationPeriods) {
    add("monitoring.latency.datapointsToAlarm", `${m.latency.datapointsToAlarm} datapoints cannot fit in ${m.latency.evaluationPeriods} evaluation periods; lower it or raise evaluationPeriods`);
  }
  for (const f of checkLatencyThreshold(m.latency.thresholdMs, config.environment)) add("monitoring.latency.thresholdMs", formatFinding(f));
  out.push(...checkCanaries(config));
  out.push(...checkAppLatency(config));
  return out;
}
