/**
 * The proof that no secret value appears in plaintext: the stack is evaluated with known fake secrets
 * (set as `pulumi config set --secret` sets them), then every recorded input, what a reviewer sees,
 * the stack outputs and everything written to stdout and stderr are scanned for them. A hit names the
 * place and the needle's index, never the value, so a failure cannot leak it either.
 */
import { strict as assert } from "node:assert";
import type { RawConfig } from "../gate/load";
import type { Evaluation } from "../offline/evaluate";
import { displayInputs, SECRET_SIG, SPECIAL_SIG_KEY } from "../offline/recording-runtime";
import { main } from "../cli/plan";
import { FormPage } from "./canaries/form-page";
import { runInProcess } from "./cli/plan-fixture";
import { startLoopback } from "./canaries/loopback";
import { findPlaintext } from "./support/find-plaintext";
import { configProblems, editedConfig, evaluate, ofType, resource } from "./support/harness";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { loginFlow } = require("../canaries/login-flow.js");

const DB_PASSWORD = "Xk3-db-pass-7Qm-NoPlaintext";
const DATABASE_URL = `postgres://portal:${DB_PASSWORD}@db.internal:5432/portal`;
const STRIPE_SECRET_KEY = "sk_live_51NoPlaintextProof00000000000000";
const PAGERDUTY_KEY = "feedfacecafebeef0123456789abcdef";
const PAGERDUTY_URL = `https://events.pagerduty.com/integration/${PAGERDUTY_KEY}/enqueue`;
// The native routes (launch-stack:alertIntegrations): PagerDuty and Opsgenie CloudWatch integrations, and a
// Cloudflare webhook with its secret (prod only: Cloudflare delivers webhooks from Pro up).
const ROUTE_PAGERDUTY_KEY = "0ddba11c0ffee0ddba11c0ffee012345";
const ROUTE_PAGERDUTY_URL = `https://events.pagerduty.com/integration/${ROUTE_PAGERDUTY_KEY}/enqueue`;
const OPSGENIE_KEY = "5ec7e75e-0000-4000-8000-000000c0ffee";
const OPSGENIE_URL = `https://api.opsgenie.com/v1/json/cloudwatch?apiKey=${OPSGENIE_KEY}`;
const SLACK_HOOK_TOKEN = "NoPlaintextSlackHookToken0042";
const SLACK_HOOK = `https://hooks.slack.com/services/T07EA123LEP/B07EZ1ABC23/${SLACK_HOOK_TOKEN}`;
const WEBHOOK_SECRET = "cf-webhook-auth-NoPlaintext-77";
/** Whole values and their most sensitive parts, so a value cut or embedded in something else is found too. */
const NEEDLES = [DATABASE_URL, DB_PASSWORD, STRIPE_SECRET_KEY, PAGERDUTY_URL, PAGERDUTY_KEY, ROUTE_PAGERDUTY_URL, ROUTE_PAGERDUTY_KEY, OPSGENIE_URL, OPSGENIE_KEY, SLACK_HOOK, SLACK_HOOK_TOKEN, WEBHOOK_SECRET];
/** The needles each stack's config holds: staging's Free zones take no Cloudflare webhook. */
const HELD: Record<"staging" | "prod", number[]> = { staging: [0, 1, 2, 3, 4, 5, 6, 7, 8], prod: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] };

const isSecretMarker = (v: unknown) => typeof v === "object" && v !== null && (v as Record<string, unknown>)[SPECIAL_SIG_KEY] === SECRET_SIG;

function withKnownSecrets(stack: "staging" | "prod", edit: (c: Record<string, any>) => void = () => undefined): RawConfig {
  const raw = editedConfig(stack, (c) => {
    c.appSecrets = { DATABASE_URL, STRIPE_SECRET_KEY };
    c.monitoring.alerts.pagerduty = { service: `Portal ${stack}` };
    c.monitoring.alerts.opsgenie = { team: "Portal" };
    c.alertIntegrations = { pagerduty: ROUTE_PAGERDUTY_URL, opsgenie: OPSGENIE_URL };
    // The app's p95 alarm in eu-west-1 gets an alert topic there, subscribed to every route like us-east-1's.
    c.monitoring.appLatency = { kind: "alb", region: "eu-west-1", loadBalancer: "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/portal/50dc6c495c0c9188" };
    if (stack === "prod") {
      c.monitoring.alerts.webhooks = { "ops-slack": { kind: "slack" } };
      c.alertIntegrations = { ...c.alertIntegrations, "webhook-ops-slack": SLACK_HOOK, "webhook-ops-slack-secret": WEBHOOK_SECRET };
    }
    edit(c);
  });
  const secretKeys = ["launch-stack:alertHttpsEndpoint", "launch-stack:alertIntegrations"];
  return { values: { ...raw.values, "launch-stack:alertHttpsEndpoint": PAGERDUTY_URL }, secretKeys: new Set([...raw.secretKeys, ...secretKeys]) };
}

/** Evaluates the program while recording everything written to stdout and stderr. */
async function evaluateCapturingOutput(raw: RawConfig, stack: string, preview: boolean): Promise<{ ev: Evaluation; written: string }> {
  const chunks: string[] = [];
  const streams = [process.stdout, process.stderr];
  const originals = streams.map((s) => s.write);
  streams.forEach((s) => {
    s.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      chunks.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
      const done = rest.find((r) => typeof r === "function") as (() => void) | undefined;
      done?.();
      return true;
    }) as typeof s.write;
  });
  try {
    return { ev: await evaluate(raw, stack, preview), written: chunks.join("") };
  } finally {
    streams.forEach((s, i) => { s.write = originals[i]; });
  }
}

const SCENARIOS = [
  { title: "prod preview, Secrets Manager", stack: "prod" as const, preview: true, edit: undefined, wo: ["aws:secretsmanager/secretVersion:SecretVersion", "secretStringWo", "-value"] },
  { title: "prod update, Secrets Manager", stack: "prod" as const, preview: false, edit: undefined, wo: ["aws:secretsmanager/secretVersion:SecretVersion", "secretStringWo", "-value"] },
  { title: "staging update, SSM Parameter Store", stack: "staging" as const, preview: false, edit: (c: Record<string, any>) => { c.secrets.store = "ssmParameterStore"; }, wo: ["aws:ssm/parameter:Parameter", "valueWo", ""] },
];

for (const scenario of SCENARIOS) {
  describe(`no secret in plaintext (${scenario.title})`, () => {
    let ev: Evaluation;
    let written: string;
    before(async () => {
      ({ ev, written } = await evaluateCapturingOutput(withKnownSecrets(scenario.stack, scenario.edit), scenario.stack, scenario.preview));
    });

    it("appears in no resource's name, URN or inputs outside secret markers", () => {
      assert.ok(ev.resources.length > 50);
      const hits = ev.resources.flatMap((r) => findPlaintext({ urn: r.urn, name: r.name, parent: r.parent, wire: r.wire }, NEEDLES, isSecretMarker).map((h) => ({ resource: r.urn, ...h })));
      assert.deepEqual(hits, []);
    });

    it("appears nowhere in what a reviewer sees of the inputs", () => {
      assert.deepEqual(ev.resources.flatMap((r) => findPlaintext(displayInputs(r), NEEDLES).map((h) => ({ resource: r.urn, ...h }))), []);
    });

    it("appears in no stack output, shown or on the wire", () => {
      assert.deepEqual(findPlaintext(ev.outputs, NEEDLES), []);
      assert.deepEqual(findPlaintext(ev.wireOutputs, NEEDLES, isSecretMarker), []);
    });

    it("appears in nothing written to stdout or stderr", () => {
      assert.deepEqual(findPlaintext(written, NEEDLES), []);
    });

    it("reaches AWS only inside secret markers, through the write-only inputs and the HTTPS subscription", () => {
      const [type, field, suffix] = scenario.wo;
      // Compared without printing: a failure message must not carry the value either.
      const sealedAs = (v: unknown, plain: string) => isSecretMarker(v) && (v as { value: unknown }).value === plain;
      const wo = (name: string) => resource(ev, type, `app-secrets-${name}${suffix}`).wire[field];
      assert.ok(sealedAs(wo("database-url"), DATABASE_URL), `DATABASE_URL's ${field} is not its value inside a secret marker`);
      assert.ok(sealedAs(wo("stripe-secret-key"), STRIPE_SECRET_KEY), `STRIPE_SECRET_KEY's ${field} is not its value inside a secret marker`);
      for (const topic of ["uptime-alerts", "uptime-alerts-eu-west-1"]) {
        const endpoint = (route: string) => resource(ev, "aws:sns/topicSubscription:TopicSubscription", `${topic}-${route}`).wire.endpoint;
        assert.ok(sealedAs(endpoint("https"), PAGERDUTY_URL), `the HTTPS subscription's endpoint (${topic}) is not the URL inside a secret marker`);
        assert.ok(sealedAs(endpoint("pagerduty"), ROUTE_PAGERDUTY_URL), `the PagerDuty subscription's endpoint (${topic}) is not the URL inside a secret marker`);
        assert.ok(sealedAs(endpoint("opsgenie"), OPSGENIE_URL), `the Opsgenie subscription's endpoint (${topic}) is not the URL inside a secret marker`);
      }
      if (scenario.stack === "prod") {
        const webhook = resource(ev, "cloudflare:index/notificationPolicyWebhooks:NotificationPolicyWebhooks", "uptime-alerts-cf-webhook-ops-slack").wire;
        assert.ok(sealedAs(webhook.url, SLACK_HOOK) && sealedAs(webhook.secret, WEBHOOK_SECRET), "the Cloudflare webhook's URL or secret is not inside a secret marker");
      }
    });

    it("finds the values inside the markers, so the scan above is not vacuous", () => {
      const sealedHits = ev.resources.flatMap((r) => findPlaintext(r.wire, NEEDLES).map((h) => h.needle));
      assert.deepEqual([...new Set(sealedHits)].sort((a, b) => a - b), HELD[scenario.stack]);
    });

    if (!scenario.preview) {
      it("marks generated values secret too", () => {
        const [type, field, suffix] = scenario.wo;
        for (const name of ["session-secret", "jwt-signing-key"]) assert.ok(isSecretMarker(resource(ev, type, `app-secrets-${name}${suffix}`).wire[field]), name);
        assert.equal(ofType(ev, "random:index/randomPassword:RandomPassword").length, 2);
      });
    }
  });
}

describe("no secret in plaintext: alert integrations in the offline plan", () => {
  for (const [stack, flags] of [["prod", []], ["prod", ["--json"]], ["staging", ["--markdown"]]] as const) {
    it(`never appear in plan ${[...flags].join(" ") || "(text)"} of ${stack}, which shows them masked`, async () => {
      const run = await runInProcess(main, ["--stack", stack, ...flags], { [stack]: withKnownSecrets(stack) });
      assert.equal(run.code, 0, findPlaintext(run.stderr, NEEDLES).length === 0 ? run.stderr : "plan failed (its output holds a secret)");
      assert.ok(run.stdout.includes("[secret]"), "the secret inputs are shown masked");
      assert.deepEqual(findPlaintext(run.stdout + run.stderr, NEEDLES), []);
    });
  }
});

describe("no secret in plaintext: the login canary's test account", () => {
  const PASSWORD = "Canary-Pw-9Zq-NoPlaintext";

  it("has no config key a password could go in: the schema refuses one next to the secret's name", async () => {
    const problems = await configProblems(editedConfig("prod", (c) => { c.monitoring.canaries.login.testAccount.password = PASSWORD; }));
    assert.deepEqual(problems, ['launch-stack:monitoring.canaries.login.testAccount: unknown key "password"; remove it or check the spelling']);
    assert.deepEqual(findPlaintext(problems, [PASSWORD]), []);
  });

  it("reaches the canary only as the secret's name and region, never in its inputs or the stack outputs", async () => {
    const ev = await evaluate(editedConfig("prod", () => undefined), "prod");
    const env = (resource(ev, "aws:synthetics/canary:Canary", "canaries-login-flow").wire.runConfig as { environmentVariables: Record<string, string> }).environmentVariables;
    assert.deepEqual([env.TEST_ACCOUNT_SECRETSMANAGER_ID, env.TEST_ACCOUNT_SECRETSMANAGER_REGION], ["launch-stack/prod/canary-login-password", "us-east-1"]);
    assert.ok(Object.keys(env).every((k) => !/PASSWORD/.test(k)));
    assert.deepEqual(findPlaintext({ outputs: ev.outputs, wire: ev.resources.map((r) => r.wire) }, ["Canary-Pw"]), []);
  });

  it("leaves a run only in the form post: not in its result, steps, error or anything written to stdout or stderr", async () => {
    const portal = await startLoopback((req, _body, res) => {
      if (req.method === "GET") { res.writeHead(200, { "content-type": "text/html" }); res.end('<form method="post" action="/login"><input name="email"><input type="password" name="password"><button type="submit">Go</button></form>'); }
      else { res.writeHead(303, { location: "/login?failed=1" }); res.end(); }
    });
    const page = new FormPage(portal.agent);
    const steps: string[] = [];
    const chunks: string[] = [];
    const streams = [process.stdout, process.stderr];
    const originals = streams.map((s) => s.write);
    streams.forEach((s) => { s.write = ((chunk: string | Uint8Array) => { chunks.push(String(chunk)); return true; }) as typeof s.write; });
    let error: unknown;
    try {
      await loginFlow({
        loginUrl: portal.url("app.example.com", "/login"), dashboardPath: "/dashboard",
        usernameSelector: 'input[name="email"]', passwordSelector: 'input[type="password"]', submitSelector: 'button[type="submit"]',
        username: "synthetic-monitor@example.com", passwordSecretName: "launch-stack/prod/canary-login-password", timeoutMs: 5000,
      }, { step: (name: string, fn: () => Promise<unknown>) => { steps.push(name); return fn(); }, page: async () => page, password: async () => PASSWORD });
    } catch (e) {
      error = e;
    } finally {
      streams.forEach((s, i) => { s.write = originals[i]; });
      await portal.close();
    }
    assert.ok(error instanceof Error, "the broken login fails the run");
    assert.deepEqual(findPlaintext({ steps, error: (error as Error).message, written: chunks.join(""), url: page.url() }, [PASSWORD]), []);
    assert.equal(findPlaintext(page.sentBodies, [PASSWORD]).length, 1, "the password was posted once, so the scan above is not vacuous");
  });
});
