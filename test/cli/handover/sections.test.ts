/** The handover's people sections: who owns and watches the portal, and the checks only people can do. */
import { strict as assert } from "node:assert";
import { main } from "../../../cli/handover";
import { onCallCaveat } from "../../../cli/handover/people";
import { HUMAN_CHECKS } from "../../../rules/human-checks";
import { WHY_NOBODY } from "../../../rules/alert-routes";
import { PAGERDUTY_URL, withRoutes } from "../../support/alert-routes";
import { editedConfig } from "../../support/harness";
import { Captured, runInProcess } from "../plan-fixture";

function section(doc: string, heading: string): string {
  const start = doc.indexOf(`\n## ${heading}\n`);
  assert.ok(start >= 0, `no section ${heading}`);
  const end = doc.indexOf("\n## ", start + 4);
  return doc.slice(start, end < 0 ? undefined : end);
}

describe("the handover's people sections", () => {
  let run: Captured;
  before(async () => (run = await runInProcess(main, ["--stack", "prod", "--out", "-"])));

  it("lists the owners with their role, contact and how each is alerted", () => {
    assert.ok(section(run.stdout, "People and time").includes([
      "| Owner | Role | Contact | Alerted by |",
      "|---|---|---|---|",
      "| Dana Whitfield | Founder; decides during an incident | dana.whitfield@example.com | email, Slack #portal-alerts |",
      "| Sam Okafor | Lead engineer; deploys and rolls back | sam.okafor@example.com | email, Slack #portal-alerts |",
    ].join("\n")));
  });

  it("lists the people counted toward two humans within five minutes, named, with the on-call service", () => {
    assert.ok(section(run.stdout, "People and time").includes([
      '**People counted toward "two humans within five minutes"** (production needs 2; these alerts reach 3)',
      "",
      "- Dana Whitfield (dana.whitfield@example.com)",
      "- Sam Okafor (sam.okafor@example.com)",
      "- whoever is on call in PagerDuty (service Portal production)",
      "",
      onCallCaveat(false),
      "",
      "Routes that count as nobody:",
      "",
      `- Slack #portal-alerts: ${WHY_NOBODY.slack}`,
      "",
    ].join("\n")), section(run.stdout, "People and time"));
  });

  it("counts a mailbox and a phone grouped as one person once, and says why each webhook and the HTTPS endpoint count as nobody", async () => {
    const raw = withRoutes("prod", (c) => {
      c.monitoring.alerts.emails = ["sam.okafor@example.com"];
      c.monitoring.alerts.people = [{ name: "Dana Whitfield", email: "dana.whitfield@example.com", sms: "+14155550123" }];
      c.monitoring.alerts.webhooks = { "ops-slack": { kind: "slack" } };
      c.monitoring.alerts.pagerduty = { service: "Portal production" };
    }, { pagerduty: PAGERDUTY_URL, "webhook-ops-slack": "https://hooks.slack.com/services/T07EA123LEP/B07EZ1ABC23/0123456789abcdefABCDEF01" });
    const withEndpoint = { values: { ...raw.values, "launch-stack:alertHttpsEndpoint": "https://alerts.example.com/sns" }, secretKeys: new Set([...raw.secretKeys, "launch-stack:alertHttpsEndpoint"]) };
    const people = section((await runInProcess(main, ["--stack", "prod", "--out", "-"], { prod: withEndpoint })).stdout, "People and time");
    assert.ok(people.includes("| Dana Whitfield | Founder; decides during an incident | dana.whitfield@example.com | email, SMS, Slack #portal-alerts |"), people);
    assert.ok(people.includes([
      "(production needs 2; these alerts reach 3)",
      "",
      "- Sam Okafor (sam.okafor@example.com)",
      "- Dana Whitfield (dana.whitfield@example.com + +14155550123)",
      "- whoever is on call in PagerDuty (service Portal production)",
      "",
      onCallCaveat(false),
      "",
      "Routes that count as nobody:",
      "",
      `- Slack #portal-alerts: ${WHY_NOBODY.slack}`,
      `- Cloudflare webhook ops-slack (slack): ${WHY_NOBODY.webhook}`,
      `- the HTTPS endpoint in launch-stack:alertHttpsEndpoint: ${WHY_NOBODY.https}`,
    ].join("\n")), people);
  });

  it("says the bar rests on the on-call schedule when one mailbox and PagerDuty are all prod has", async () => {
    const raw = withRoutes("prod", (c) => {
      c.monitoring.alerts.emails = ["sam.okafor@example.com"];
      c.monitoring.alerts.pagerduty = { service: "Portal production" };
    }, { pagerduty: PAGERDUTY_URL });
    const people = section((await runInProcess(main, ["--stack", "prod", "--out", "-"], { prod: raw })).stdout, "People and time");
    assert.ok(people.includes([
      "- Sam Okafor (sam.okafor@example.com)",
      "- whoever is on call in PagerDuty (service Portal production)",
      "",
      "The on-call person may be one of those above: the stack cannot see the schedule. The bar holds only if, at every hour, the schedule pages someone not listed above; check it in the schedule.",
    ].join("\n")), people);
  });

  it("counts staging's people against production's bar without holding staging to it", async () => {
    const staging = await runInProcess(main, ["--stack", "staging", "--out", "-"]);
    assert.ok(section(staging.stdout, "People and time").includes([
      '**People counted toward "two humans within five minutes"** (production needs 2, staging is not held to it; these alerts reach 1)',
      "",
      "- portal-staging@example.org",
      "",
      "**Support hours:**",
    ].join("\n")), section(staging.stdout, "People and time"));
  });

  it("gives support hours, what happens outside them, and the alarms to watch on day one", () => {
    const people = section(run.stdout, "People and time");
    assert.ok(people.includes("**Support hours:** Mon-Fri 08:00-18:00 America/Chicago\n"));
    assert.ok(people.includes("**Outside support hours:** Alerts email both owners, post to #portal-alerts and page whoever is on call in PagerDuty (Portal production): Sam from 07:00 to 22:00"));
    assert.match(people, /- Alarms \(any of them in ALARM is an incident\): `launch-stack-prod-api-health-down`, [^\n]*`launch-stack-prod-homepage-down`, [^\n]*`launch-stack-prod-webhooks-down`/);
    assert.ok(people.includes("| App logs (CloudWatch Logs Insights, us-east-2) | logs | https://us-east-2.console.aws.amazon.com/cloudwatch/home?region=us-east-2 |\n"));
  });

  it("gives the rollback in three lines", () => {
    const people = section(run.stdout, "People and time");
    const rollback = people.slice(people.indexOf("**Rollback in three lines**\n\n") + 29).trim().split("\n");
    assert.equal(rollback.length, 3);
    assert.equal(rollback[1], "2. Roll back to it: `npm run rollback -- --stack prod --to <git ref | stack version>` (it previews and asks before deploying).");
  });

  it("lists every check only people can do, with its steps and who recorded it when", () => {
    const checks = section(run.stdout, "Checks only people can do");
    for (const [i, c] of HUMAN_CHECKS.entries()) {
      assert.ok(checks.includes(`\n### ${i + 1}. ${c.title}\n`), c.title);
      assert.ok(checks.includes(c.steps.map((s, n) => `${n + 1}. ${s}`).join("\n")), `${c.id} steps`);
    }
    assert.ok(checks.includes("✅ Passed: checked by Dana Whitfield on 2026-11-24 (clients Acme and Globex, ids swapped in URLs, bodies and exports). Key: `readiness.humanChecks.tenantIsolation`.\n"));
  });

  it("says which checks nobody recorded, and that they block production", async () => {
    const raw = editedConfig("prod", (c) => delete c.readiness);
    const bare = await runInProcess(main, ["--stack", "prod", "--out", "-"], { prod: raw });
    const checks = section(bare.stdout, "Checks only people can do");
    assert.equal(checks.split("⏳ **Not recorded**: blocks production until done and recorded.").length - 1, HUMAN_CHECKS.length);
    assert.ok(section(bare.stdout, "People and time").includes("No owners are declared: list them under `launch-stack:readiness.owners` (name, role, contact)."));
  });
});
