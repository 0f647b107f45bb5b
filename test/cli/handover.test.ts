/**
 * `npm run handover`: the runbook a small team runs the portal from, rendered from the same offline
 * evaluation as the plan. Each section is checked against what the shipped prod stack declares.
 */
import { strict as assert } from "node:assert";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { main } from "../../cli/handover";
import { editedConfig, shippedConfig } from "../support/harness";
import { Captured, runInProcess, tempDir } from "./plan-fixture";

/** The lines of one `## ` section, without its heading. */
function section(doc: string, heading: string): string {
  const start = doc.indexOf(`\n## ${heading}\n`);
  assert.ok(start >= 0, `no section ${heading}`);
  const end = doc.indexOf("\n## ", start + 4);
  return doc.slice(start, end < 0 ? undefined : end);
}

describe("npm run handover", () => {
  let doc: string;
  let run: Captured;
  before(async () => {
    run = await runInProcess(main, ["--stack", "prod", "--out", "-"]);
    doc = run.stdout;
  });

  it("exits 0 for the shipped prod stack", () => {
    assert.equal(run.code, 0, run.stderr);
  });

  it("lists every web hostname, what it points to and whether it is proxied", () => {
    const hosts = section(doc, "Hostnames");
    assert.ok(hosts.includes("| Hostname | Record | Points to | Proxied | Purpose |\n"));
    assert.ok(hosts.includes("| app.example.com | A | 203.0.113.20 | yes | origin 203.0.113.20 |\n"));
    assert.ok(hosts.includes("| portal.example.com | AAAA | 100:: | yes | legacy, redirects to https://app.example.com |\n"));
    assert.ok(hosts.includes("| www.example.net | AAAA | 100:: | yes | redirects to https://example.com |\n"));
  });

  it("gives the redirect map in evaluation order with status codes", () => {
    const redirects = section(doc, "Redirects");
    assert.ok(redirects.includes("| example.com/login.php → https://app.example.com/login | 301 | yes |\n| example.com/client-area → https://app.example.com/dashboard | 301 | yes |\n"));
  });

  it("gives each zone's edge settings, rate limits and security headers", () => {
    const edge = section(doc, "Edge settings");
    assert.ok(edge.includes("### example.com\n"));
    assert.ok(edge.includes("| `ssl` | strict |\n"));
    assert.ok(edge.includes("- auth: 5 requests per 60 s per IP on /login, /password/reset, /invitations/accept; then block for 600 s\n"));
    assert.ok(edge.includes("- `X-Frame-Options`: `DENY`\n"));
  });

  it("lists the email records with what each is for", () => {
    const email = section(doc, "Email and verification records");
    assert.ok(email.includes("| Name | Type | Value | What it is for |\n"));
    assert.match(email, /\| _dmarc\.example\.com \| TXT \| "v=DMARC1; [^|]+\| [^|]+\|\n/);
  });

  it("names where each secret lives and prints no value", () => {
    const secrets = section(doc, "Secrets and app configuration (names only)");
    assert.ok(secrets.includes("- `launch-stack:appSecrets`\n"));
    assert.ok(secrets.includes("| `launch-stack/prod/DATABASE_URL` | DATABASE_URL for the prod portal (supplied with pulumi config set --secret, rotation 1) |\n"));
  });

  it("states the time to alert, who is alerted, the uptime checks and the alarms", () => {
    const monitoring = section(doc, "Monitoring and alerting");
    assert.ok(monitoring.includes("- Time to alert (worst case, from an endpoint failing to the first notification): 2 min 30 s (150 s)\n"));
    assert.ok(monitoring.includes("- Alerted: email: dana.whitfield@example.com, email: sam.okafor@example.com, slack: #portal-alerts"));
    assert.ok(monitoring.includes("| https://app.example.com/login | every 30 s, down after 3 failures | 2xx/3xx status | us-east-1, eu-west-1, ap-southeast-1 |\n"));
    assert.ok(monitoring.includes("| `launch-stack-prod-login-down` | https://app.example.com/login is failing Route 53 health checks"));
  });

  it("names the one alert topic of a stack whose alarms all live in us-east-1, with how to get its ARN", () => {
    const monitoring = section(doc, "Monitoring and alerting");
    assert.ok(monitoring.includes("their ARNs after deploy: `pulumi stack output alertTopicArns --stack prod`):\n\n| Region | Topic | Alarms notifying it | SNS subscriptions |\n|---|---|---|---|\n| us-east-1 | `launch-stack-prod-alerts` | 16 | 3 |\n\n"), monitoring);
  });

  it("shows which source watches p95 and how often, and that the login canary signs in", () => {
    const monitoring = section(doc, "Monitoring and alerting");
    assert.ok(monitoring.includes("| https://api.example.com/api/health | canary ls-prod-api-health | LaunchStack/Canaries ResponseTime p95 > 500 ms | one request every 1 minute from us-east-1; alarm on 2 of 3 300-s windows |\n"));
    assert.ok(monitoring.includes("| https://api.example.com/api/health | Route 53 checkers (`launch-stack-prod-api-health-slow`) | TimeToFirstByte Average > 500 ms | 300 s windows |\n"));
    assert.ok(monitoring.includes("- Synthetic canaries run `rate(1 minute)` from us-east-1; a failing canary notifies within 210 s"));
    assert.ok(monitoring.includes("- Login flow: canary `ls-prod-login-flow` signs in with the test account and must reach the dashboard.\n"));
  });

  it("says where the DS record for the registrar comes from, since it is unknown offline", () => {
    const dnssec = section(doc, "DNSSEC: DS records for the registrar");
    assert.ok(dnssec.includes("```sh\npulumi stack output dsRecords --stack prod\n```\n"));
    assert.ok(dnssec.includes("| example.com | shown by the command above after pulumi up |\n"));
  });

  it("gives the exact rollback and redeploy commands", () => {
    const ops = section(doc, "Deploy, verify and roll back");
    assert.ok(ops.includes("```sh\nnpm run rollback -- --stack prod --to <git ref | stack version>\n```\n"));
    assert.ok(ops.includes("```sh\ngit checkout <ref> && npm ci && pulumi up --stack prod --policy-pack policies --policy-pack-config policies/config/prod.json\n```\n"));
  });

  it("writes handover-<stack>.md in the project directory by default", async () => {
    const dir = tempDir("handover");
    try {
      const written = await runInProcess(main, ["--stack", "staging", "--cwd", dir], { staging: shippedConfig("staging") });
      assert.equal(written.code, 0, written.stderr);
      const path = join(dir, "handover-staging.md");
      assert.equal(written.stdout, `wrote ${path}\nNo blocking items for staging (the verdict on production traffic is the prod stack's) (see its launch scorecard)\n`);
      assert.ok(existsSync(path));
      assert.match(readFileSync(path, "utf8"), /^# Handover: launch-stack, stack `staging`\n/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("never contains a secret value from the config", async () => {
    const SECRET = "sk_live_Kn0wnHandoverSecret51aa";
    const raw = editedConfig("prod", (c) => (c.appSecrets = { DATABASE_URL: "postgres://portal:Kn0wnDb@db.internal.example.com/portal", STRIPE_SECRET_KEY: SECRET }));
    const withSecret = await runInProcess(main, ["--stack", "prod", "--out", "-"], { prod: raw });
    assert.equal(withSecret.code, 0, withSecret.stderr);
    assert.ok(!(withSecret.stdout + withSecret.stderr).includes("Kn0wn"), "a secret value was printed");
  });
});
