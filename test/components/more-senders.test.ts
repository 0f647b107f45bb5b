/**
 * Resend, Brevo, SparkPost, Mailchimp Transactional and a `custom` sender beside the shipped prod stack's
 * Google Workspace and SES: each provider's records exactly as Cloudflare receives them, in the SPF
 * lookup count the stack exports, and in the handover's email table.
 */
import { strict as assert } from "node:assert";
import { generateKeyPairSync } from "node:crypto";
import { main as handover } from "../../cli/handover";
import type { Evaluation } from "../../offline/evaluate";
import { runInProcess } from "../cli/plan-fixture";
import { editedConfig, evaluate, inputsOf, ofType, resource, TYPES } from "../support/harness";

const EMAIL = "launch-stack:email:EmailAuthentication";
const BREVO_CODE = "brevo-code:e760f020e6d438149540cfc757e99b5a";

function spki(bits: number): string {
  return generateKeyPairSync("rsa", { modulusLength: bits }).publicKey.export({ type: "spki", format: "der" }).toString("base64");
}

/** `name type [priority] content` of every record under example.com's EmailAuthentication. */
function mailRecords(ev: Evaluation): Map<string, Record<string, any>> {
  const parent = resource(ev, EMAIL, "example-com-email").urn;
  return new Map(ofType(ev, TYPES.dnsRecord).filter((r) => r.parent === parent).map((r) => [r.name, inputsOf(ev, r.type, r.name)]));
}

const line = (i: Record<string, any>) => `${i.name} ${i.type}${i.priority !== undefined ? ` ${i.priority}` : ""} ${i.content}`;

describe("EmailAuthentication with Resend, Brevo, SparkPost, Mailchimp Transactional and a custom sender", () => {
  let ev: Evaluation;
  let records: Map<string, Record<string, any>>;
  let keys: { resend: string; brevo: string; sparkpost: string; zendesk: string };
  let config: ReturnType<typeof editedConfig>;
  before(async () => {
    keys = { resend: spki(2048), brevo: spki(2048), sparkpost: spki(2048), zendesk: spki(2048) };
    config = editedConfig("prod", (c) => {
      c.zones[0].email.senders.push(
        { provider: "resend", region: "eu-west-1", publicKey: keys.resend },
        { provider: "brevo", code: BREVO_CODE, dkim: [{ selector: "mail", publicKey: keys.brevo }] },
        { provider: "sparkpost", region: "eu", bounce: "bounces", dkim: [{ selector: "scph0126", publicKey: keys.sparkpost }] },
        { provider: "mailchimp-transactional", returnPath: "mc" },
        { provider: "custom", name: "Helpdesk", spf: ["include:mail.helpdesk.example", "ip4:198.51.100.0/28"], dkim: [{ selector: "hd1", target: "hd1.dkim.helpdesk.example" }, { selector: "hd2", publicKey: keys.zendesk }], returnPath: { label: "hd-bounces", target: "bounces.helpdesk.example" } },
      );
    });
    ev = await evaluate(config, "prod");
    records = mailRecords(ev);
  });

  const has = (expected: string) => assert.ok([...records.values()].some((i) => line(i) === expected), `missing ${expected}; have:\n${[...records.values()].map(line).sort().join("\n")}`);
  const dkimTxt = (key: string) => {
    const v = `v=DKIM1; k=rsa; p=${key}`;
    return `"${v.slice(0, 255)}" "${v.slice(255)}"`;
  };

  it("gives Resend its return-path MX in its region, the SPF include there, and its DKIM key at resend._domainkey", () => {
    has("send.example.com MX 10 feedback-smtp.eu-west-1.amazonses.com");
    has('send.example.com TXT "v=spf1 include:amazonses.com -all"');
    has(`resend._domainkey.example.com TXT ${dkimTxt(keys.resend)}`);
    assert.equal(records.get("example-com-email-mx-send-feedback-smtp-eu-west-1-amazonses-com")?.comment, "mail: Resend MAIL FROM (bounces)");
  });

  it("gives Brevo its code at the apex and its DKIM key, and no SPF of its own", () => {
    const code = records.get("example-com-email-verification-brevo");
    assert.deepEqual([code?.name, code?.type, code?.content, code?.comment], ["example.com", "TXT", `"${BREVO_CODE}"`, "verification: Brevo domain ownership"]);
    has(`mail._domainkey.example.com TXT ${dkimTxt(keys.brevo)}`);
  });

  it("points SparkPost EU's bounce domain at eu.sparkpostmail.com and publishes its DKIM key", () => {
    const bounce = records.get("example-com-email-return-path-bounces");
    assert.deepEqual([bounce?.name, bounce?.type, bounce?.content, bounce?.proxied, bounce?.comment], ["bounces.example.com", "CNAME", "eu.sparkpostmail.com", false, "mail: SparkPost bounce domain (SPF alignment)"]);
    has(`scph0126._domainkey.example.com TXT ${dkimTxt(keys.sparkpost)}`);
  });

  it("delegates Mailchimp Transactional's mte1/mte2 DKIM to Mandrill and its return path to mandrillapp.com", () => {
    has("mte1._domainkey.example.com CNAME dkim1.mandrillapp.com");
    has("mte2._domainkey.example.com CNAME dkim2.mandrillapp.com");
    has("mc.example.com CNAME mandrillapp.com");
  });

  it("publishes the custom sender's DKIM by CNAME and by key, and its return-path CNAME", () => {
    has("hd1._domainkey.example.com CNAME hd1.dkim.helpdesk.example");
    has(`hd2._domainkey.example.com TXT ${dkimTxt(keys.zendesk)}`);
    has("hd-bounces.example.com CNAME bounces.helpdesk.example");
    assert.equal(records.get("example-com-email-return-path-hd-bounces")?.comment, "mail: Helpdesk return-path");
  });

  it("merges the custom sender's SPF terms into the one apex record and counts them against the budget", () => {
    has('example.com TXT "v=spf1 ip4:198.51.100.0/28 include:_spf.google.com include:mail.helpdesk.example -all"');
    const spf = (ev.outputs.email as Record<string, any>)["example.com"].spf;
    assert.deepEqual(spf.map((s: any) => [s.name, s.lookups, s.unknownIncludes]), [
      ["example.com", 5, ["mail.helpdesk.example"]],
      ["mail.example.com", 1, undefined],
      ["send.example.com", 1, undefined],
    ]);
  });

  it("names each provider's records in the handover's email table", async () => {
    const run = await runInProcess(handover, ["--stack", "senders", "--out", "-"], { senders: config });
    assert.equal(run.code, 0, run.stderr);
    for (const row of [
      "| send.example.com | MX | 10 feedback-smtp.eu-west-1.amazonses.com |",
      `| example.com | TXT | "${BREVO_CODE}" |`,
      "| bounces.example.com | CNAME | eu.sparkpostmail.com |",
      "| mte1._domainkey.example.com | CNAME | dkim1.mandrillapp.com |",
      "| hd-bounces.example.com | CNAME | bounces.helpdesk.example |",
    ]) assert.ok(run.stdout.includes(row), `handover lacks ${row}`);
  });
});
