import { strict as assert } from "node:assert";
import { emailSchema } from "../../config/email";
import { mailboxParts, senderParts } from "../../model/mail-providers";

const mailbox = (m: unknown) => emailSchema.parse({ mailbox: m }).mailbox!;
const sender = (s: unknown) => emailSchema.parse({ senders: [s] }).senders[0];

describe("model/mail-providers: provider records", () => {
  it("derives Microsoft 365 DKIM targets from the tenant by default", () => {
    const parts = mailboxParts(mailbox({ provider: "microsoft-365", tenant: "contoso" }), "example.com", "zones[0].email.mailbox");
    assert.deepEqual(parts.dkim.map((d) => d.target), ["selector1-example-com._domainkey.contoso.onmicrosoft.com", "selector2-example-com._domainkey.contoso.onmicrosoft.com"]);
  });

  it("publishes the DKIM targets Get-DkimSigningConfig shows when they are overridden", () => {
    const targets = ["selector1-example-com._domainkey.contoso.n-v1.dkim.mail.microsoft", "selector2-example-com._domainkey.contoso.n-v1.dkim.mail.microsoft"];
    const parts = mailboxParts(mailbox({ provider: "microsoft-365", tenant: "contoso", dkimTargets: targets }), "example.com", "zones[0].email.mailbox");
    assert.deepEqual(parts.dkim.map((d) => [d.name, d.target, d.configPath]), [
      ["selector1._domainkey.example.com", targets[0], "zones[0].email.mailbox.dkimTargets[0]"],
      ["selector2._domainkey.example.com", targets[1], "zones[0].email.mailbox.dkimTargets[1]"],
    ]);
  });

  it("points an EU Mailgun domain's MX at the EU hosts", () => {
    const parts = senderParts(sender({ provider: "mailgun", region: "eu", subdomain: "mg", dkim: [{ selector: "k1", target: "k1.example.net" }] }), "example.com", "s");
    assert.deepEqual(parts.mx.map((m) => `${m.name} ${m.priority} ${m.host}`), ["mg.example.com 10 mxa.eu.mailgun.org", "mg.example.com 10 mxb.eu.mailgun.org"]);
  });

  it("keeps a US Mailgun domain on mxa/mxb.mailgun.org", () => {
    const parts = senderParts(sender({ provider: "mailgun", subdomain: "mg", dkim: [{ selector: "k1", target: "k1.example.net" }] }), "example.com", "s");
    assert.deepEqual(parts.mx.map((m) => m.host), ["mxa.mailgun.org", "mxb.mailgun.org"]);
  });
});
