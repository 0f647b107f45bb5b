/**
 * `npm run plan` in-process: the shipped stacks pass, the tree shows what a reviewer checks, --json is the
 * whole evaluation, --markdown is a PR comment, and a secret in the config never reaches any output.
 */
import { strict as assert } from "node:assert";
import { main } from "../../cli/plan";
import type { PlanDocument } from "../../cli/plan/document";
import { displayInputs } from "../../offline/recording-runtime";
import { wafManagedRules } from "../../policies/edge";
import { editedConfig, evaluate, inputsOf, REPO, shippedConfig, TYPES } from "../support/harness";
import { Captured, runInProcess } from "./plan-fixture";

/** Each shipped-stack run is an evaluation: run it once per file and share it. */
const runs = new Map<string, Promise<Captured>>();
function plan(...argv: string[]): Promise<Captured> {
  const key = argv.join(" ");
  if (!runs.has(key)) runs.set(key, runInProcess(main, argv));
  return runs.get(key)!;
}

async function planJson(stack: string): Promise<PlanDocument> {
  return JSON.parse((await plan("--stack", stack, "--json")).stdout) as PlanDocument;
}

describe("npm run plan", () => {
  describe("the shipped stacks", () => {
    for (const stack of ["staging", "prod"] as const) {
      it(`plans ${stack} with no policy violation and exit 0`, async () => {
        const run = await plan("--stack", stack);
        assert.equal(run.code, 0, run.stdout + run.stderr);
        assert.match(run.stdout, /\nPolicy: no policy violations ✔\n$/);
      });
    }
  });

  describe("the tree", () => {
    let text: string;
    before(async () => {
      text = (await plan("--stack", "prod")).stdout;
    });

    it("shows each DNS record's type, name, content and proxy status under its component", () => {
      assert.match(text, /│  ├─ launch-stack:dns:WebRecords +example-com-dns\n/);
      assert.match(text, /├─ cloudflare:index:DnsRecord +example-com-dns-app\n[│ ]+A app\.example\.com → 203\.0\.113\.20 \(proxied\)\n/);
    });

    it("shows each zone setting's id and value", () => {
      assert.match(text, /cloudflare:index:ZoneSetting +example-com-edge-ssl\n[│ ]+ssl = strict\n/);
    });

    it("shows each rule's action, expression and rate limit", () => {
      assert.ok(text.includes("rate-limit-auth: block — auth: 5 requests per 60 s per IP on /login, /password/reset, /invitations/accept\n"));
      assert.ok(text.includes('  when (starts_with(lower(http.request.uri.path), "/login") or starts_with(lower(http.request.uri.path), "/password/reset") or starts_with(lower(http.request.uri.path), "/invitations/accept"))\n'));
      assert.ok(text.includes("  5 requests per 60 s by ip.src, cf.colo.id; mitigation lasts 600 s\n"));
    });

    it("shows each redirect's status code and target", () => {
      assert.ok(text.includes("  → 301 https://app.example.com/login (query kept)\n"));
    });

    it("counts custom resources by type, with a total", async () => {
      const doc = await planJson("prod");
      const records = doc.resources.filter((r) => r.type === TYPES.dnsRecord).length;
      const custom = doc.resources.filter((r) => !r.type.startsWith("launch-stack:")).length;
      assert.match(text, new RegExp(`│ cloudflare:index:DnsRecord +│ +${records} │\n`));
      assert.match(text, new RegExp(`│ total +│ +${custom} │\n`));
    });

    it("states the time to alert and who is alerted, from the stack outputs", async () => {
      const { outputs } = await planJson("prod");
      assert.equal(outputs.timeToAlertSeconds, 150, "Pulumi.prod.yaml documents 30 s x 3 checks + 60 s x 1 datapoint");
      assert.ok(text.includes("Time to alert: 2 min 30 s (150 s)\n"));
      assert.ok(text.includes(`Alerted:       ${(outputs.alertRecipients as string[]).join(", ")}\n`));
    });
  });

  describe("--json", () => {
    it("prints one document with every recorded resource and its masked inputs, the violations and the outputs", async () => {
      const doc = await planJson("prod");
      const ev = await evaluate(shippedConfig("prod"), "prod");
      assert.deepEqual(Object.keys(doc), ["stack", "resources", "violations", "warnings", "outputs"]);
      assert.equal(doc.stack, "prod");
      assert.deepEqual(
        doc.resources.map((r) => r.urn),
        ev.resources.map((r) => r.urn).sort(),
      );
      for (const r of ev.resources) {
        const printed = doc.resources.find((p) => p.urn === r.urn)!;
        assert.deepEqual(printed, { urn: r.urn, type: r.type, name: r.name, ...(r.parent ? { parent: r.parent } : {}), ...(r.aliases ? { aliases: r.aliases } : {}), inputs: displayInputs(r) });
      }
      assert.deepEqual(doc.violations, []);
      assert.deepEqual(doc.outputs, ev.outputs);
    });

    it("is refused together with --markdown, as a usage error", async () => {
      const run = await runInProcess(main, ["--stack", "prod", "--json", "--markdown"]);
      assert.equal(run.code, 2);
      assert.equal(run.stderr, "error: option '--json' cannot be used with option '--markdown'\n");
    });
  });

  describe("--markdown", () => {
    it("heads the comment with the stack, the resource count and the verdict", async () => {
      const run = await plan("--stack", "staging", "--markdown");
      const doc = await planJson("staging");
      const custom = doc.resources.filter((r) => !r.type.startsWith("launch-stack:")).length;
      assert.equal(run.stdout.split("\n")[0], `### ✅ \`staging\`: ${custom} resources, no policy violations`);
      assert.ok(run.stdout.includes("<summary>Resource tree</summary>"));
    });

    describe("for a stack with a violation and a warning", () => {
      let run: Captured;
      before(async () => {
        const raw = editedConfig("prod", (c) => {
          c.zones[0].edge.managedRulesets = false;
          // example.com then publishes a null MX: reports and alerts go to a domain that receives mail.
          delete c.zones[0].email;
          delete c.zones[0].caaIodef;
          c.zones[1].email.dmarc.rua = ["dmarc-reports@example.org"];
          c.monitoring.alerts.emails = ["dana.whitfield@example.org", "sam.okafor@example.org"];
        });
        run = await runInProcess(main, ["--stack", "prod", "--markdown"], { prod: raw });
      });

      it("marks the stack failed and exits 1", () => {
        assert.equal(run.code, 1);
        assert.match(run.stdout, /^### ❌ `prod`: \d+ resources, 2 mandatory policy violations\n/);
      });

      it("lists the violation under its checklist area: the policy linked to its reference and its description once, each finding, then the fix", () => {
        assert.ok(run.stdout.includes([
          "**Edge protection**",
          "",
          `- **[waf-managed-rules](${wafManagedRules.url})** (mandatory, high): Every zone that serves pages on a plan that includes them (Pro and up) must execute the Cloudflare Managed and OWASP Core rulesets on all traffic: they block known exploits before they reach the origin.`,
          "  - example.com (pro plan): the Cloudflare Managed Ruleset is not executed on all traffic; add an enabled http_request_firewall_managed rule with action \"execute\", actionParameters.id \"efb7b8c949ac4650a09736fc376e9aee\" and expression \"true\"",
          "  - example.com (pro plan): the Cloudflare OWASP Core Ruleset is not executed on all traffic; add an enabled http_request_firewall_managed rule with action \"execute\", actionParameters.id \"4814384a9e5d4991b9815dcfc25d2f1f\" and expression \"true\"",
          `  - How to fix: ${wafManagedRules.remediationSteps}`,
          "",
        ].join("\n")), run.stdout);
      });

      it("lists the program's warnings in the comment, not on stderr", () => {
        assert.match(run.stdout, /\*\*Warnings\*\*\n\n(- [^\n]*\n)*- launch-stack:zones\[0\]\.email: not set, so example\.com publishes the null-mail set[^\n]*\n/);
        assert.match(run.stdout, /\n- launch-stack:zones\[0\]\.edge\.managedRulesets: false on a pro zone: [^\n]*\n/);
        assert.ok(!run.stderr.includes("warning: [runtime]"), run.stderr);
      });
    });
  });

  describe("usage errors", () => {
    it("exits 2 naming the stacks that exist when the stack file is missing", async () => {
      const run = await runInProcess(main, ["--stack", "qa", "--cwd", REPO]);
      assert.equal(run.code, 2);
      assert.equal(run.stderr, `error: no stack qa: ${REPO}/Pulumi.qa.yaml does not exist (stacks here: prod, staging)\n`);
    });

    it("exits 2 when the stack name is a path", async () => {
      const run = await runInProcess(main, ["--stack", "../prod"]);
      assert.equal(run.code, 2);
      assert.equal(run.stderr, 'error: --stack "../prod" is not a stack name: ".." may hold only letters, digits, -, _ and . and must not start with .\n');
    });

    it("plans the staging stack when --stack is not given (the README's first command)", async () => {
      const run = await runInProcess(main, []);
      assert.equal(run.code, 0);
      assert.match(run.stdout, /^Offline plan of stack staging /);
    });
  });

  describe("secrets", () => {
    const SECRET = "postgres://portal:Kn0wn-Plan-Secret-4c1e@db.internal.example.com:5432/portal";
    const withSecret = () =>
      editedConfig("prod", (c) => (c.appSecrets = { DATABASE_URL: SECRET, STRIPE_SECRET_KEY: "sk_live_Kn0wnPlanSecretStripe4c1e00" }));

    it("reach a resource, so the masking below is what hides them", async () => {
      const ev = await evaluate(withSecret(), "prod");
      assert.equal(inputsOf(ev, "aws:secretsmanager/secretVersion:SecretVersion", "app-secrets-database-url-value").secretStringWo, SECRET);
    });

    // The markdown comment leaves out prod's resource tree (over its 32,000-character budget), so it is
    // proven on staging, whose tree the comment still holds.
    const stagingWithSecret = () => editedConfig("staging", (c) => (c.appSecrets = { ...c.appSecrets, DATABASE_URL: SECRET }));
    for (const flags of [[], ["--json"], ["--markdown"]]) {
      it(`never appear in the output of plan ${flags.join(" ") || "(text)"}`, async () => {
        const stack = flags.includes("--markdown") ? "staging" : "prod";
        const run = await runInProcess(main, ["--stack", stack, ...flags], stack === "prod" ? { prod: withSecret() } : { staging: stagingWithSecret() });
        assert.equal(run.code, 0, run.stderr);
        assert.ok(run.stdout.includes("[secret]"), "the secret input is shown masked");
        assert.ok(!(run.stdout + run.stderr).includes("Kn0wn"), "a secret value was printed");
      });
    }
  });
});
