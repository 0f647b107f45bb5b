/**
 * adopt's sender inference: a zone holding one known transactional sender's records drafts exactly that
 * sender (and claims its records, so none is left as an extra record); records no provider accounts for
 * become one `custom` sender. Each drafted config must pass the schema and every email check.
 */
import { strict as assert } from "node:assert";
import { generateKeyPairSync } from "node:crypto";
import { draftConfig } from "../../../cli/adopt/draft";
import { parseZoneFile } from "../../../cli/adopt/zone-file";
import { parseStackConfig } from "../../../gate/load";
import { rawConfig } from "../../support/harness";

const KEY = generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey.export({ type: "spki", format: "der" }).toString("base64");
const DKIM = `"v=DKIM1; k=rsa; p=${KEY.slice(0, 200)}" "${KEY.slice(200)}"`;
const SES_TOKENS = ["38os8cj27721hbtfvjuljgleu7uqvoc3", "fzs4zm5aud4l022m6m6aeccwai0fvsbp", "h86ogg8epzhzp0wm5w0uuzupnt68a1xu"];

/** A zone with a proxied apex, DMARC, and the given lines (names relative to example.com). */
function zone(lines: string[]): string {
  return [
    "$ORIGIN example.com.",
    "example.com. 1 IN A 203.0.113.10 ; cf_tags=cf-proxied:true",
    "_dmarc 3600 IN TXT \"v=DMARC1; p=quarantine; rua=mailto:dmarc-reports@example.com\"",
    ...lines,
  ].join("\n");
}

function draft(lines: string[]) {
  const d = draftConfig(parseZoneFile(zone(lines), "zone.txt"), { environment: "staging", stack: "s" });
  const zone0 = (d.config.zones as Record<string, any>[])[0];
  return { draft: d, email: zone0.email as Record<string, any>, extras: ((zone0.records ?? []) as Record<string, any>[]).map((r) => `${r.type} ${r.name}`) };
}

/** The drafted config passes the schema and the email checks (no ConfigError). */
function assertValid(d: ReturnType<typeof draft>["draft"]): void {
  assert.doesNotThrow(() => parseStackConfig(rawConfig(d.config)));
}

describe("adopt: senders inferred from the zone's records", () => {
  it("recognises Postmark by its pm.mtasv.net return path and dated DKIM key", () => {
    const { draft: d, email, extras } = draft(["pm-bounces 3600 IN CNAME pm.mtasv.net.", `20260101000000pm._domainkey 3600 IN TXT ${DKIM}`]);
    assert.deepEqual(email.senders, [{ provider: "postmark", dkim: [{ selector: "20260101000000pm", publicKey: KEY }] }]);
    assert.deepEqual(extras, []);
    assertValid(d);
  });

  it("recognises SendGrid by its em<n> return path and s1/s2 DKIM CNAMEs into the account's host", () => {
    const { draft: d, email, extras } = draft([
      "em1234 3600 IN CNAME u1234567.wl123.sendgrid.net.",
      "s1._domainkey 3600 IN CNAME s1.domainkey.u1234567.wl123.sendgrid.net.",
      "s2._domainkey 3600 IN CNAME s2.domainkey.u1234567.wl123.sendgrid.net.",
    ]);
    assert.deepEqual(email.senders, [{ provider: "sendgrid", host: "u1234567.wl123.sendgrid.net", returnPath: "em1234" }]);
    assert.deepEqual(extras, []);
    assertValid(d);
  });

  it("recognises a US Mailgun sending subdomain by its MX, SPF and DKIM there", () => {
    const { draft: d, email, extras } = draft([
      "mg 3600 IN MX 10 mxa.mailgun.org.", "mg 3600 IN MX 10 mxb.mailgun.org.",
      "mg 3600 IN TXT \"v=spf1 include:mailgun.org ~all\"", `pic._domainkey.mg 3600 IN TXT ${DKIM}`,
    ]);
    assert.deepEqual(email.senders, [{ provider: "mailgun", subdomain: "mg", dkim: [{ selector: "pic", publicKey: KEY }] }]);
    assert.deepEqual(extras, []);
    assertValid(d);
  });

  it("recognises an EU Mailgun domain by mxa/mxb.eu.mailgun.org", () => {
    const { email } = draft([
      "mg 3600 IN MX 10 mxa.eu.mailgun.org.", "mg 3600 IN MX 10 mxb.eu.mailgun.org.",
      "mg 3600 IN TXT \"v=spf1 include:mailgun.org ~all\"", `k1._domainkey.mg 3600 IN TXT ${DKIM}`,
    ]);
    assert.deepEqual(email.senders, [{ provider: "mailgun", region: "eu", subdomain: "mg", dkim: [{ selector: "k1", publicKey: KEY }] }]);
  });

  it("recognises Amazon SES by three Easy DKIM CNAMEs and its MAIL FROM feedback MX", () => {
    const { draft: d, email, extras } = draft([
      ...SES_TOKENS.map((t) => `${t}._domainkey 3600 IN CNAME ${t}.dkim.amazonses.com.`),
      "mail 3600 IN MX 10 feedback-smtp.eu-west-1.amazonses.com.", "mail 3600 IN TXT \"v=spf1 include:amazonses.com -all\"",
    ]);
    assert.deepEqual(email.senders, [{ provider: "amazon-ses", region: "eu-west-1", mailFrom: "mail", dkimTokens: SES_TOKENS }]);
    assert.deepEqual(extras, []);
    assertValid(d);
  });

  it("recognises Resend by resend._domainkey and its send MX, not as SES", () => {
    const { draft: d, email, extras } = draft([
      `resend._domainkey 3600 IN TXT "p=${KEY.slice(0, 200)}" "${KEY.slice(200)}"`,
      "send 3600 IN MX 10 feedback-smtp.eu-west-1.amazonses.com.", "send 3600 IN TXT \"v=spf1 include:amazonses.com ~all\"",
    ]);
    assert.deepEqual(email.senders, [{ provider: "resend", region: "eu-west-1", publicKey: KEY }]);
    assert.deepEqual(extras, []);
    assertValid(d);
  });

  it("recognises Brevo by its brevo-code and DKIM CNAMEs", () => {
    const { draft: d, email, extras } = draft([
      "example.com. 3600 IN TXT \"brevo-code:e760f020e6d438149540cfc757e99b5a\"",
      "brevo1._domainkey 3600 IN CNAME b1.example-com.dkim.brevo.com.", "brevo2._domainkey 3600 IN CNAME b2.example-com.dkim.brevo.com.",
    ]);
    assert.deepEqual(email.senders, [{ provider: "brevo", code: "brevo-code:e760f020e6d438149540cfc757e99b5a", dkim: [{ selector: "brevo1", target: "b1.example-com.dkim.brevo.com" }, { selector: "brevo2", target: "b2.example-com.dkim.brevo.com" }] }]);
    assert.deepEqual(extras, []);
    assertValid(d);
  });

  it("recognises SparkPost EU by its scph DKIM key and bounce CNAME", () => {
    const { draft: d, email, extras } = draft([`scph0126._domainkey 3600 IN TXT ${DKIM}`, "bounces 3600 IN CNAME eu.sparkpostmail.com."]);
    assert.deepEqual(email.senders, [{ provider: "sparkpost", region: "eu", dkim: [{ selector: "scph0126", publicKey: KEY }], bounce: "bounces" }]);
    assert.deepEqual(extras, []);
    assertValid(d);
  });

  it("recognises Mailchimp Transactional by mte1/mte2 and its return path, keeping its apex include as a term", () => {
    const { draft: d, email, extras } = draft([
      "example.com. 3600 IN TXT \"v=spf1 include:spf.mandrillapp.com -all\"",
      "mte1._domainkey 3600 IN CNAME dkim1.mandrillapp.com.", "mte2._domainkey 3600 IN CNAME dkim2.mandrillapp.com.", "mc 3600 IN CNAME mandrillapp.com.",
    ]);
    assert.deepEqual(email.senders, [{ provider: "mailchimp-transactional", returnPath: "mc" }]);
    assert.deepEqual(email.spf, ["include:spf.mandrillapp.com"]);
    assert.deepEqual(extras, []);
    assertValid(d);
  });

  it("makes records no known provider accounts for one custom sender, with a note to name it", () => {
    const { draft: d, email, extras } = draft([
      "example.com. 3600 IN TXT \"v=spf1 include:servers.mcsv.net ip4:198.51.100.7 -all\"",
      "k1._domainkey 3600 IN CNAME dkim.mcsv.net.",
    ]);
    assert.deepEqual(email.senders, [{ provider: "custom", name: "other senders", spf: ["include:servers.mcsv.net", "ip4:198.51.100.7"], dkim: [{ selector: "k1", target: "dkim.mcsv.net" }] }]);
    assert.equal(email.spf, undefined);
    assert.match(d.notes["zones.0.email.senders.0.name"], /^decide: who sends/);
    assert.deepEqual(extras, []);
    assertValid(d);
  });

  it("leaves a Postmark return path without its DKIM key to the records it is, not a sender the schema refuses", () => {
    const { email, extras } = draft(["example.com. 3600 IN TXT \"v=spf1 -all\"", "pm-bounces 3600 IN CNAME pm.mtasv.net."]);
    assert.equal(email.senders, undefined);
    assert.deepEqual(extras, ["CNAME pm-bounces"]);
  });
});
