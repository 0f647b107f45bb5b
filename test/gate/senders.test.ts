/**
 * Config validation of the Resend, Brevo, SparkPost, Mailchimp Transactional and custom senders: each
 * refusal names the key path inside the sender, and custom SPF terms are judged by the same SPF rules as
 * `email.spf` (term syntax, network widths, the 10-lookup budget over the merged apex record).
 */
import { strict as assert } from "node:assert";
import { generateKeyPairSync } from "node:crypto";
import { configProblems, editedConfig } from "../support/harness";

function spki(bits: number): string {
  return generateKeyPairSync("rsa", { modulusLength: bits }).publicKey.export({ type: "spki", format: "der" }).toString("base64");
}

/** The prod stack with one more sender on example.com (it becomes senders[1]). */
const withSender = (sender: Record<string, unknown>) => editedConfig("prod", (c) => { c.zones[0].email.senders.push(sender); });

describe("sender config", () => {
  let key1024: string;
  before(() => {
    key1024 = spki(1024);
  });

  it("refuses a custom sender that declares neither SPF terms nor DKIM keys, at the sender", async () => {
    const problems = await configProblems(withSender({ provider: "custom", name: "Helpdesk" }));
    assert.deepEqual(problems, ["launch-stack:zones[0].email.senders[1]: custom sender Helpdesk declares neither spf terms nor dkim keys, so none of its mail passes SPF or DKIM (RFC 9989 §4.4); add the SPF terms and DKIM records the sender documents"]);
  });

  it("refuses a custom sender's ptr term, at the sender whose term joined the apex record", async () => {
    const problems = await configProblems(withSender({ provider: "custom", name: "Helpdesk", spf: ["ip4:198.51.100.7", "ptr"] }));
    assert.deepEqual(problems, ['launch-stack:zones[0].email.senders[1]: SPF uses "ptr", which is slow, unreliable and should not be used (RFC 7208 §5.5); replace ptr with ip4/ip6 or include terms']);
  });

  it("refuses a custom sender's network wider than the SPF network bounds, at the term", async () => {
    const problems = await configProblems(withSender({ provider: "custom", name: "Helpdesk", spf: ["ip4:10.0.0.0/4"] }));
    assert.equal(problems.length, 1, problems.join("\n"));
    assert.match(problems[0], /^launch-stack:zones\[0\]\.email\.senders\[1\]\.spf\[0\]: .*\/4/);
  });

  it("counts a custom sender's includes in the apex record's lookup budget and names the sender", async () => {
    const problems = await configProblems(withSender({ provider: "custom", name: "Helpdesk", spf: ["include:mailgun.org", "include:spf.protection.outlook.com", "mx"] }));
    assert.deepEqual(problems, [
      "launch-stack:zones[0].email.senders[1]: SPF needs 12 DNS lookups; the limit is 10 (include:_spf.google.com=4 assumed 2026-11, include:mailgun.org=5 assumed 2026-11, include:spf.protection.outlook.com=2 assumed 2026-11, mx=1) (RFC 7208 §4.6.4); remove includes you no longer send through, replace a/mx with ip4/ip6, or move a sender to its own subdomain",
    ]);
  });

  it("refuses a custom sender's DKIM entry with both a key and a target, at the entry", async () => {
    const problems = await configProblems(withSender({ provider: "custom", name: "Helpdesk", dkim: [{ selector: "hd1", target: "hd1.dkim.helpdesk.example", publicKey: "AAAA" }] }));
    assert.deepEqual(problems, ["launch-stack:zones[0].email.senders[1].dkim[0]: DKIM selector hd1 needs exactly one of publicKey (a TXT key record) or target (a CNAME to the provider's key) (RFC 6376 §3.6.2.1); copy one of them from the provider's DNS settings"]);
  });

  it("refuses a Resend key below 2048 bits at publicKey", async () => {
    const problems = await configProblems(withSender({ provider: "resend", publicKey: key1024 }));
    assert.equal(problems.length, 1, problems.join("\n"));
    assert.match(problems[0], /^launch-stack:zones\[0\]\.email\.senders\[1\]\.publicKey: .*1024/);
  });

  it("refuses a Resend region it does not offer, naming the choices", async () => {
    const problems = await configProblems(withSender({ provider: "resend", region: "us-west-2", publicKey: key1024 }));
    assert.equal(problems.length, 1, problems.join("\n"));
    assert.match(problems[0], /^launch-stack:zones\[0\]\.email\.senders\[1\]\.region: .*"us-east-1".*"eu-west-1".*"sa-east-1".*"ap-northeast-1"/);
  });

  it("refuses a Brevo code that is not brevo-code:<32 hex>, at code", async () => {
    const problems = await configProblems(withSender({ provider: "brevo", code: "brevo-code:xyz", dkim: [{ selector: "mail", target: "b1.example-com.dkim.brevo.com" }] }));
    assert.deepEqual(problems, ["launch-stack:zones[0].email.senders[1].code: must be the code Brevo shows, such as brevo-code:e760f020e6d438149540cfc757e99b5a"]);
  });

  it("refuses a SparkPost bounce domain on a web hostname, at bounce", async () => {
    const problems = await configProblems(withSender({ provider: "sparkpost", bounce: "app", dkim: [{ selector: "scph0126", target: "scph0126.example-esp.example" }] }));
    assert.equal(problems.length, 1, problems.join("\n"));
    assert.match(problems[0], /^launch-stack:zones\[0\]\.email\.senders\[1\]\.bounce: app\.example\.com is a CNAME and also has a web hostname there/);
  });

  it("refuses a Mailchimp Transactional return path at the apex, at returnPath", async () => {
    const problems = await configProblems(withSender({ provider: "mailchimp-transactional", returnPath: "@" }));
    assert.deepEqual(problems, ["launch-stack:zones[0].email.senders[1].returnPath: must be a label below the zone such as mail, not @"]);
  });
});
