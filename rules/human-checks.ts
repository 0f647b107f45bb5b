/**
 * The launch checks only people can do (the launch checklist's "checks only people can do"): what the app
 * does with a logged-in user, what its logs hold, whether an alert really wakes two people. No probe from
 * outside can prove them, so the handover lists each with exact steps and the stack's `readiness` config
 * records who did it and when; the scorecard's verdict counts them (unrecorded blocks production).
 */
import type { ChecklistAreaId } from "./checklist";

export interface HumanCheck {
  /** The key under `launch-stack:readiness.humanChecks`. */
  readonly id: string;
  readonly title: string;
  /** The checklist area whose pass criteria it completes. */
  readonly area: ChecklistAreaId;
  /** What to do, in order, and what passing looks like (the last step). */
  readonly steps: readonly string[];
}

export const HUMAN_CHECKS = [
  {
    id: "privateRoutesLoggedOut",
    title: "Auth on every private API route, as a logged-out user",
    area: "access-control",
    steps: [
      "List every private API route from the app's router (not from memory), including admin, export and file-download routes.",
      "In a private browser window, logged out, request each one with its method (curl -i -X <METHOD> <url>, no cookie or token).",
      "Repeat with an expired session cookie and with a token of a deleted user.",
      "Pass: every request gets 401 or 403 (or a redirect to login carrying no private data); none returns data.",
    ],
  },
  {
    id: "tenantIsolation",
    title: "Tenant isolation with two accounts of different clients",
    area: "access-control",
    steps: [
      "Create two test accounts under two different client organisations (A and B), each with a few records.",
      "Logged in as A, open each of B's records by swapping B's ids into URLs (pages and API calls) and into request bodies (updates, deletes, exports, invitations).",
      "Repeat for list endpoints with filters or pagination that take an organisation or user id.",
      "Pass: every attempt is refused (403 or 404) and nothing of B's appears in A's responses, exports or emails.",
    ],
  },
  {
    id: "serverSideValidation",
    title: "Server-side input validation",
    area: "exposure",
    steps: [
      "Send each write endpoint (forms and API) bad payloads with the browser's checks bypassed: missing and extra fields, wrong types, very long strings, negative and huge numbers, malformed JSON.",
      "Include a payload with HTML and script in text fields and check where it is rendered back.",
      "Pass: every bad payload gets a 4xx with a plain message, never a 500, a stack trace or a framework debug page; rendered text is escaped.",
    ],
  },
  {
    id: "loggingWithoutSecrets",
    title: "Logs without passwords, tokens or personal data",
    area: "secrets",
    steps: [
      "Log in, reset a password, accept an invitation and call the API with a token on production-like config.",
      "Search the app, proxy and error-tracker logs of that window for the password, the token, session cookies, reset links and the test user's email and phone.",
      "Pass: none appears in clear (masked or absent); request logs carry no Authorization or Cookie header.",
    ],
  },
  {
    id: "controlledOutage",
    title: "A controlled outage reaches both people within five minutes",
    area: "monitoring",
    steps: [
      "Announce the drill, then make one watched endpoint fail (e.g. point the api-health uptime check's search string at text the page lacks, or stop a staging origin behind the same alarms).",
      "Note the time; each person alerted notes when the email, Slack or page arrives.",
      "Restore the endpoint and confirm the OK notification arrives too.",
      "Pass: every person on the alert route got the alert within 5 minutes of the failure.",
    ],
  },
  {
    id: "mobileAuthFlows",
    title: "Login, password reset and invitation on mobile browsers",
    area: "performance",
    steps: [
      "On a real phone with Safari (iOS) and Chrome (Android), on mobile data, not Wi-Fi: log in, log out, reset a password from the email link, and accept an invitation from the email link.",
      "Watch for the emails arriving in the inbox (not spam), links opening the right host, and the session surviving the switch from the mail app to the browser.",
      "Pass: each flow completes, key pages appear within about 2.5 s, and no step needs zooming or a desktop layout.",
    ],
  },
  {
    id: "rollbackRehearsal",
    title: "A rehearsed rollback on staging",
    area: "rollback-handover",
    steps: [
      "Deploy a harmless change to staging, then roll it back: npm run rollback -- --stack staging --to <previous ref>.",
      "Time it from the decision to roll back to npm run verify -- --stack staging passing.",
      "Pass: the rollback completes in under 10 minutes, following docs/rollback.md without help.",
    ],
  },
] as const satisfies readonly HumanCheck[];

export type HumanCheckId = (typeof HUMAN_CHECKS)[number]["id"];

export const HUMAN_CHECK_IDS = HUMAN_CHECKS.map((c) => c.id) as [HumanCheckId, ...HumanCheckId[]];
