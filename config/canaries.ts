/**
 * `launch-stack:monitoring.canaries`: CloudWatch Synthetics canaries beside the Route 53 checks. An API
 * canary per core endpoint (the checks with a latency alarm: their URL and search string) and a browser
 * canary on the login page that signs in when a test account is named. The test account's password
 * stays in Secrets Manager: config names the secret, never the value.
 */
import { z } from "zod";
import { CanaryTiming, checkCanaryTiming } from "../rules/alerting";
import { CANARY_RETRIES, canaryName, checkLoginFlow, DEFAULT_SYNTHETICS_RUNTIME, SYNTHETICS_RUNTIMES } from "../rules/canaries";
import { formatFinding } from "../rules/finding";
import type { ConfigProblem } from "./problem";
import { urlPath } from "./primitives";
import type { StackConfig } from "./schema";
import type { UptimeCheck } from "./monitoring";

/** Secrets Manager's secret-name alphabet (1-512 of letters, digits and /_+=.@-). */
const secretName = z.string().regex(/^[A-Za-z0-9/_+=.@-]{1,512}$/, { message: "must be a Secrets Manager secret name such as launch-stack/prod/canary-login-password" });
const cssSelector = z.string().min(1).max(200);

export const canariesSchema = z.strictObject({
  /** Minutes between runs (Synthetics' rate expression). */
  rateMinutes: z.int().min(1).max(60).default(1),
  /** Seconds a run may take. */
  timeoutSeconds: z.int().min(15).max(840).default(30),
  /** A current Node.js Synthetics runtime (rules/canaries.ts lists them, with AWS's page). */
  runtimeVersion: z.enum(SYNTHETICS_RUNTIMES).default(DEFAULT_SYNTHETICS_RUNTIME),
  /** The success alarm: failed datapoints of `period` seconds before it fires. */
  successAlarm: z.strictObject({
    period: z.int().min(60).multipleOf(60, { message: "must be a multiple of 60" }).default(60),
    evaluationPeriods: z.int().min(1).default(2),
    datapointsToAlarm: z.int().min(1).default(2),
  }).prefault({}),
  /** Days Synthetics keeps run records; the artifact bucket expires its objects after the longer of the two. */
  successRetentionDays: z.int().min(1).max(455).default(7),
  failureRetentionDays: z.int().min(1).max(455).default(31),
  login: z.strictObject({
    /** Where a signed-in user lands. */
    dashboardPath: urlPath.default("/dashboard"),
    usernameSelector: cssSelector.default('input[name="email"]'),
    passwordSelector: cssSelector.default('input[type="password"]'),
    submitSelector: cssSelector.default('button[type="submit"]'),
    /** A dedicated account with no real data; its password is a Secrets Manager secret, named here. */
    testAccount: z.strictObject({
      username: z.string().min(1).max(256),
      passwordSecretName: secretName,
      /** Region of the secret; the monitoring region (us-east-1) when unset. */
      passwordSecretRegion: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, { message: "must be an AWS region such as us-east-2" }).optional(),
    }).optional(),
    /** Why production has no test account (for example, SSO-only login); required in prod without one. */
    noTestAccountReason: z.string().min(1).max(300).optional(),
  }).prefault({}),
});

export type CanariesConfig = z.output<typeof canariesSchema>;

/** One API canary: the endpoint, what it must answer, and its name. */
export interface ApiCanary {
  check: string;
  name: string;
  url: string;
  expectedStatus: number;
  bodyContains?: string;
}

/** The endpoints the uptime checks already answer with 200 and alarm on for latency. */
export function apiCanaries(environment: StackConfig["environment"], checks: readonly UptimeCheck[]): ApiCanary[] {
  return checks.filter((c) => c.latencyAlarm).map((c) => ({ check: c.name, name: canaryName(environment, c.name), url: c.url, expectedStatus: 200, bodyContains: c.searchString }));
}

/** The canaries' timing as rules/alerting.ts counts it, with the retries the component declares (none). */
export function canaryTiming(c: CanariesConfig): CanaryTiming {
  return { rateMinutes: c.rateMinutes, timeoutSeconds: c.timeoutSeconds, maxRetries: CANARY_RETRIES, alarmPeriod: c.successAlarm.period, datapointsToAlarm: c.successAlarm.datapointsToAlarm };
}

/** Timing within five minutes, retention that fits, and the production login-flow bar. */
export function checkCanaries(config: StackConfig): ConfigProblem[] {
  const c = config.monitoring.canaries;
  const at = (key: string) => [`monitoring.canaries.${key}`];
  const out: ConfigProblem[] = [];
  for (const f of checkCanaryTiming(canaryTiming(c))) out.push({ path: at("rateMinutes"), message: formatFinding(f) });
  if (c.successAlarm.datapointsToAlarm > c.successAlarm.evaluationPeriods) {
    out.push({ path: at("successAlarm.datapointsToAlarm"), message: `${c.successAlarm.datapointsToAlarm} datapoints cannot fit in ${c.successAlarm.evaluationPeriods} evaluation periods; lower it or raise evaluationPeriods` });
  }
  const login = c.login;
  for (const f of checkLoginFlow({ signsIn: login.testAccount !== undefined, noTestAccountReason: login.noTestAccountReason }, config.environment)) {
    out.push({ path: at("login.testAccount"), message: formatFinding(f) });
  }
  if (login.testAccount && !config.app.privatePaths.some((p) => login.dashboardPath.toLowerCase().startsWith(p.toLowerCase()))) {
    out.push({ path: at("login.dashboardPath"), message: `${login.dashboardPath} is not under app.privatePaths, so reaching it proves no sign-in; name a page behind login` });
  }
  return out;
}
