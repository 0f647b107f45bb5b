/**
 * CloudWatch Synthetics canaries as plain data: which runtime versions may be used, how a canary is
 * named and scheduled, and the production bar for watching the login flow (their time to alert is
 * rules/alerting.ts arithmetic).
 * The config gate, the policy pack and the handover call these functions.
 */
import { createHash } from "node:crypto";
import { Finding } from "./finding";
import type { Environment } from "./tls";

/**
 * Node.js runtimes AWS lists as supported, newest first: "Runtime versions using Node.js and Puppeteer"
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Synthetics_Library_nodejs_puppeteer.html)
 * names syn-nodejs-puppeteer-15.0 the most recent; from 13.1 on, the library is `@aws/synthetics-puppeteer`,
 * which the canary scripts require. The support policy page lists 7.0, 6.2 and 5.2 deprecated on
 * January 22, 2026, and older ones earlier; deprecated runtimes cannot create canaries.
 */
export const SYNTHETICS_RUNTIMES = ["syn-nodejs-puppeteer-15.0", "syn-nodejs-puppeteer-13.1"] as const;
export type SyntheticsRuntime = (typeof SYNTHETICS_RUNTIMES)[number];
export const DEFAULT_SYNTHETICS_RUNTIME: SyntheticsRuntime = SYNTHETICS_RUNTIMES[0];
export const RUNTIME_LIST_URL = "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Synthetics_Canaries_Library.html";

/** The old CreateCanary limit (21) keeps names valid everywhere and the Lambda name (cwsyn-<name>-<id>) short. */
export const MAX_CANARY_NAME_LENGTH = 21;

/**
 * `ls-prod-api-health`; a name over the limit becomes its first characters plus a 6-character hash of
 * the full name, so two long names never collide and a name never changes between runs.
 */
export function canaryName(environment: Environment, check: string): string {
  const full = `ls-${environment}-${check}`;
  if (full.length <= MAX_CANARY_NAME_LENGTH) return full;
  const hash = createHash("sha256").update(full).digest("hex").slice(0, 6);
  return `${full.slice(0, MAX_CANARY_NAME_LENGTH - 7).replace(/[-_]+$/, "")}-${hash}`;
}

/** `rate(1 minute)`, `rate(5 minutes)`: Synthetics' rate syntax. */
export function scheduleExpression(rateMinutes: number): string {
  return `rate(${rateMinutes} minute${rateMinutes === 1 ? "" : "s"})`;
}

/**
 * Minutes between runs from a Synthetics schedule: `rate(5 minutes)`, `rate(1 hour)`. A cron expression,
 * or `rate(0 minute)` (run once), has no fixed interval: undefined.
 */
export function rateMinutesOf(expression: string): number | undefined {
  const m = /^rate\((\d+) (minute|minutes|hour|hours)\)$/.exec(expression.trim());
  if (!m || Number(m[1]) === 0) return undefined;
  return Number(m[1]) * (m[2].startsWith("hour") ? 60 : 1);
}

/**
 * A run's time limit when the canary does not set one: "the frequency of the canary is used, up to a
 * maximum of 840 (14 minutes)" (Synthetics CanaryRunConfig TimeoutInSeconds).
 */
export function defaultTimeoutSeconds(rateMinutes: number): number {
  return Math.min(rateMinutes * 60, 840);
}

/**
 * Automatic retries the stack's canaries declare: none. A retried run counts as failed only after its
 * last attempt, so each retry can add a whole run timeout to the time to alert (rules/alerting.ts counts
 * them); the success alarm's consecutive failed runs already tell a blip from an outage.
 */
export const CANARY_RETRIES = 0;
/** The most retries Synthetics accepts (RetryConfigInput MaxRetries: 0 to 2); what the pack assumes of an unknown value. */
export const MAX_CANARY_RETRIES = 2;

/** What the stack says about the login flow: a test account that signs in, or why there is none. */
export interface LoginFlowFacts {
  signsIn: boolean;
  noTestAccountReason?: string;
}

/** Production watches the login end to end (a test account signs in), or says why it cannot. */
export function checkLoginFlow(facts: LoginFlowFacts, environment: Environment): Finding[] {
  return environment === "prod" && !facts.signsIn && !facts.noTestAccountReason?.trim()
    ? [{
        message: "the login canary only loads the login page: nothing signs in, so a broken login or session store would go unnoticed",
        ref: "launch checklist: synthetic checks for the login flow",
        fix: "name a test account (username, and the Secrets Manager secret holding its password) or write noTestAccountReason",
      }]
    : [];
}
