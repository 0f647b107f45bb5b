import { strict as assert } from "node:assert";
import { generateKeyPairSync } from "node:crypto";
import { parseStackConfig, RawConfig } from "../../gate/load";
import { collectWarnings } from "../../gate/warnings";
import { configProblems, editedConfig, shippedConfig } from "../support/harness";

function spki(bits: number): string {
  return generateKeyPairSync("rsa", { modulusLength: bits }).publicKey.export({ type: "spki", format: "der" }).toString("base64");
}

function warnings(raw: RawConfig): string[] {
  return collectWarnings(parseStackConfig(raw));
}

const SES = { provider: "amazon-ses", region: "us-east-2", mailFrom: "mail", dkimTokens: ["38os8cj27721hbtfvjuljgleu7uqvoc3", "fzs4zm5aud4l022m6m6aeccwai0fvsbp", "h86ogg8epzhzp0wm5w0uuzupnt68a1xu"] };
const MAILGUN_AT_MAIL = (key: string) => ({ provider: "mailgun", subdomain: "mail", dkim: [{ selector: "pic", publicKey: key }] });

describe("email config", () => {
  let key2048: string;
  before(() => {
    key2048 = spki(2048);
  });

  describe("the shipped stacks", () => {
    it("parse with no email warnings", () => {
      assert.deepEqual(warnings(shippedConfig("prod")), []);
      assert.deepEqual(warnings(shippedConfig("staging")), []);
    });
  });

  describe("SPF errors name the key and RFC 7208", () => {
    it("refuses a merged apex record over 10 DNS lookups, listing each term's cost and the figures assumed", async () => {
      const problems = await configProblems(editedConfig("prod", (c) => { c.zones[0].email.spf = ["include:mailgun.org", "include:spf.protection.outlook.com", "mx"]; }));
      assert.deepEqual(problems, [
        "launch-stack:zones[0].email.spf: SPF needs 12 DNS lookups; the limit is 10 (include:_spf.google.com=4 assumed 2026-11, include:mailgun.org=5 assumed 2026-11, include:spf.protection.outlook.com=2 assumed 2026-11, mx=1) (RFC 7208 §4.6.4); remove includes you no longer send through, replace a/mx with ip4/ip6, or move a sender to its own subdomain",
      ]);
    });

    it("refuses ptr in custom terms", async () => {
      const problems = await configProblems(editedConfig("prod", (c) => { c.zones[0].email.spf = ["ptr"]; }));
      assert.deepEqual(problems, ['launch-stack:zones[0].email.spf: SPF uses "ptr", which is slow, unreliable and should not be used (RFC 7208 §5.5); replace ptr with ip4/ip6 or include terms']);
    });

    it("refuses +all in custom terms", async () => {
      const problems = await configProblems(editedConfig("prod", (c) => { c.zones[0].email.spf = ["+all"]; }));
      assert.ok(problems.includes("launch-stack:zones[0].email.spf: SPF ends in +all, which authorizes every host on the Internet to send as this domain (RFC 7208 §5.1); end the record with -all (or ~all while validating)"), problems.join("\n"));
    });

    it("points a malformed custom term at its own index", async () => {
      const problems = await configProblems(editedConfig("prod", (c) => { c.zones[0].email.spf = ["ip4:198.51.100.0/24", "include:"]; }));
      assert.deepEqual(problems, ['launch-stack:zones[0].email.spf[1]: SPF term "include:" needs a domain: include:<domain> (RFC 7208 §5); correct the term or remove it']);
    });

    it("refuses ~all in prod once, at spfAll, though two records end in it", async () => {
      const problems = await configProblems(editedConfig("prod", (c) => { c.zones[0].email.spfAll = "~all"; }));
      assert.deepEqual(problems, ["launch-stack:zones[0].email.spfAll: SPF ends in ~all (softfail); the launch gate is -all (RFC 7208 §8.4); switch to -all once every sender passes SPF"]);
    });

    it("accepts ~all in staging", () => {
      assert.doesNotThrow(() => parseStackConfig(editedConfig("staging", (c) => { c.zones[0].email.spfAll = "~all"; })));
    });
  });

  describe("DKIM errors name the key and RFC 6376 / 8301", () => {
    it("refuses a 1024-bit RSA key: 2048 is the launch gate", async () => {
      const problems = await configProblems(editedConfig("prod", (c) => { c.zones[0].email.mailbox.dkim.publicKey = spki(1024); }));
      assert.deepEqual(problems, ["launch-stack:zones[0].email.mailbox.dkim.publicKey: DKIM RSA key is 1024 bits; 2048 is the launch gate; 1024 is the RFC floor (RFC 8301 §3.2); rotate to a 2048-bit key"]);
    });

    it("refuses t=y in prod at the testing key", async () => {
      const problems = await configProblems(editedConfig("prod", (c) => { c.zones[0].email.mailbox.dkim.testing = true; }));
      assert.deepEqual(problems, ["launch-stack:zones[0].email.mailbox.dkim.testing: DKIM t=y marks the domain as testing, so verifiers treat signed mail like unsigned mail (RFC 6376 §3.6.1); remove t=y before production"]);
    });

    it("only warns about t=y in staging", () => {
      const raw = editedConfig("staging", (c) => { c.zones[0].email.dkim = [{ selector: "crm", publicKey: key2048, testing: true }]; });
      assert.deepEqual(warnings(raw), ["launch-stack:zones[0].email.dkim[0].testing: DKIM t=y marks the domain as testing; remove it before production (RFC 6376 §3.6.1); remove t=y once signatures verify"]);
    });

    it("needs exactly one of publicKey or target per custom DKIM entry", async () => {
      const problems = await configProblems(editedConfig("prod", (c) => { c.zones[0].email.dkim = [{ selector: "crm", publicKey: key2048, target: "crm._domainkey.vendor.example.org" }]; }));
      assert.deepEqual(problems, ["launch-stack:zones[0].email.dkim[0]: DKIM selector crm needs exactly one of publicKey (a TXT key record) or target (a CNAME to the provider's key) (RFC 6376 §3.6.2.1); copy one of them from the provider's DNS settings"]);
    });

    it("refuses a selector declared twice", async () => {
      const problems = await configProblems(editedConfig("prod", (c) => { c.zones[0].email.dkim = [{ selector: "google", target: "google._domainkey.vendor.example.org" }]; }));
      assert.deepEqual(problems, ["launch-stack:zones[0].email.dkim[0]: google._domainkey.example.com is declared twice (also by zones[0].email.mailbox.dkim); keep one: selectors and labels must be unique in the zone"]);
    });
  });

  describe("DMARC", () => {
    it("refuses p=none in prod at dmarc.policy", async () => {
      const problems = await configProblems(editedConfig("prod", (c) => { c.zones[0].email.dmarc.policy = "none"; }));
      assert.deepEqual(problems, ["launch-stack:zones[0].email.dmarc.policy: DMARC p=none only monitors domain mail; the launch gate is quarantine or reject (RFC 9989 §4.7; launch checklist); set p=quarantine or p=reject once aggregate reports show every sender aligned"]);
    });

    it("allows p=none in staging with a warning", () => {
      const raw = editedConfig("staging", (c) => { c.zones[0].email.dmarc.policy = "none"; });
      assert.deepEqual(warnings(raw), ["launch-stack:zones[0].email.dmarc.policy: DMARC p=none only monitors domain mail; production needs quarantine or reject (RFC 9989 §4.7; launch checklist); move to p=quarantine once aggregate reports show every sender aligned"]);
    });

    it("warns, without refusing, when a report mailbox is in a domain outside the stack, saying what it must publish", () => {
      const raw = editedConfig("prod", (c) => { c.zones[0].email.dmarc.rua = ["reports@dmarc-service.example.org"]; });
      assert.deepEqual(warnings(raw), ['launch-stack:zones[0].email.dmarc.rua: dmarc-service.example.org is not a zone of this stack: no TXT record at example.com._report._dmarc.dmarc-service.example.org starts with v=DMARC1, so receivers never send reports to that destination (RFC 9990, Verifying External Destinations); have the destination\'s owner publish TXT "v=DMARC1" at example.com._report._dmarc.dmarc-service.example.org']);
    });

    it("requires an aggregate report mailbox for a domain that sends mail", async () => {
      const problems = await configProblems(editedConfig("prod", (c) => { c.zones[0].email.dmarc.rua = []; }));
      assert.deepEqual(problems, ["launch-stack:zones[0].email.dmarc.rua: DMARC has no aggregate report address, so nobody sees which mail fails authentication (RFC 9989 §5.1.3; launch checklist); add a mailbox such as dmarc-reports@example.com"]);
    });

    it("refuses strict alignment that a sender on its own subdomain can never meet", async () => {
      const problems = await configProblems(editedConfig("prod", (c) => {
        c.zones[0].email.senders.push({ provider: "mailgun", subdomain: "mg", dkim: [{ selector: "pic", publicKey: key2048 }] });
        Object.assign(c.zones[0].email.dmarc, { adkim: "s", aspf: "s" });
      }));
      assert.deepEqual(problems, ["launch-stack:zones[0].email.senders[1]: Mailgun mail From: example.com aligns with neither its DKIM domain mg.example.com (adkim=s) nor its MAIL FROM mg.example.com (aspf=s), so it fails DMARC (RFC 9989 §4.4); set dmarc.adkim: r (relaxed alignment)"]);
    });
  });

  describe("MTA-STS and TLS-RPT", () => {
    it("refuses mx patterns that do not cover every MX host", async () => {
      const problems = await configProblems(editedConfig("prod", (c) => { c.zones[0].email.mtaSts.mx = ["*.example.com"]; }));
      assert.deepEqual(problems, ['launch-stack:zones[0].email.mtaSts.mx: MX host smtp.google.com matches no mx: pattern in the MTA-STS policy (RFC 8461 §4.1); add "mx: smtp.google.com" to the policy']);
    });

    it("refuses a policy for a domain with no MX to cover", async () => {
      const problems = await configProblems(editedConfig("staging", (c) => { c.zones[0].email.mtaSts = { mode: "enforce" }; }));
      assert.deepEqual(problems, ["launch-stack:zones[0].email.mtaSts: MTA-STS policy has no mx: line, so no MX host can match (RFC 8461 §3.2); add one mx: line per MX host or wildcard"]);
    });

    it("refuses a max_age over one year", async () => {
      const problems = await configProblems(editedConfig("prod", (c) => { c.zones[0].email.mtaSts.maxAge = 31557601; }));
      assert.deepEqual(problems, ["launch-stack:zones[0].email.mtaSts: MTA-STS max_age is 31557601 seconds; the maximum is 31557600 (RFC 8461 §3.2); set max_age to at most 31557600 (one year)"]);
    });
  });

  describe("names and senders", () => {
    it("refuses two senders that would share a MAIL FROM name", async () => {
      const problems = await configProblems(editedConfig("prod", (c) => { c.zones[0].email.senders.push(MAILGUN_AT_MAIL(key2048)); }));
      assert.deepEqual(problems, ["launch-stack:zones[0].email.senders[1]: mail.example.com gets MX records from both zones[0].email.senders[0] and zones[0].email.senders[1], so bounces reach only one of them (RFC 5321 §5.1); give each sender its own MAIL FROM label"]);
    });

    it("refuses a return-path CNAME on a web hostname", async () => {
      const problems = await configProblems(editedConfig("prod", (c) => { c.zones[0].email.senders.push({ provider: "postmark", returnPath: "status", dkim: [{ selector: "20260101000000pm", publicKey: key2048 }] }); }));
      assert.deepEqual(problems, ["launch-stack:zones[0].email.senders[1].returnPath: status.example.com is a CNAME and also has a web hostname there; a CNAME cannot coexist with other data (RFC 1034 §3.6.2); choose another label"]);
    });

    it("names the providers when one is misspelled", async () => {
      const problems = await configProblems(editedConfig("prod", (c) => { c.zones[0].email.senders[0].provider = "ses"; }));
      assert.deepEqual(problems, ['launch-stack:zones[0].email.senders[0].provider: must be one of "amazon-ses", "postmark", "sendgrid", "mailgun", "resend", "brevo", "sparkpost", "mailchimp-transactional", "custom"']);
    });

    it("refuses a sending domain with nobody declared to send", async () => {
      const problems = await configProblems(editedConfig("staging", (c) => { c.zones[0].email = { dmarc: { rua: ["dmarc-reports@example.org"] } }; }));
      assert.deepEqual(problems, ["launch-stack:zones[0].email: example.org sends mail but no mailbox, sender, spf term or dkim key is declared, so nothing passes SPF or DKIM (RFC 9989 §5.1.1, §5.1.2); declare who sends (mailbox, senders) or set sendsMail: false"]);
    });

    it("refuses senders on a domain that sends no mail", async () => {
      const problems = await configProblems(editedConfig("prod", (c) => { c.zones[1].email.senders = [SES]; }));
      assert.deepEqual(problems, ["launch-stack:zones[1].email.senders: example.net sends no mail (sendsMail: false), so it publishes only the null-mail set (RFC 7505 §3; RFC 9989 §4.7); remove senders, or set sendsMail: true and declare the domain's senders"]);
    });

    it("warns that a zone with hostnames and no email config publishes the null-mail set", () => {
      const raw = editedConfig("staging", (c) => {
        delete c.zones[0].email;
        c.monitoring.alerts.emails = ["portal-staging@example.com"];
      });
      assert.deepEqual(warnings(raw), ["launch-stack:zones[0].email: not set, so example.org publishes the null-mail set (v=spf1 -all, null MX, DMARC p=reject) and receivers reject mail from it (RFC 7505; RFC 9989); declare email.mailbox and email.senders if anyone sends mail from this domain"]);
    });
  });
});

describe("email config: a domain that receives mail protects its inbound TLS", () => {
  it("requires MTA-STS and TLS-RPT wherever a mailbox receives mail", async () => {
    const { configProblems, editedConfig } = await import("../support/harness");
    const problems = await configProblems(editedConfig("prod", (c) => { delete c.zones[0].email.mtaSts; delete c.zones[0].email.tlsRpt; }));
    assert.deepEqual(problems.filter((p) => /\.(mtaSts|tlsRpt):/.test(p)), [
      "launch-stack:zones[0].email.mtaSts: example.com receives mail (mailbox is set) but declares no MTA-STS policy, so senders may deliver to it over plaintext or a forged MX (RFC 8461 §3); add mtaSts: { mode: testing } and switch to enforce after clean TLS reports",
      "launch-stack:zones[0].email.tlsRpt: example.com receives mail (mailbox is set) but declares no TLS-RPT address, so nobody hears when senders fail TLS (RFC 8460 §3); add tlsRpt: { rua: [tls-reports@<domain>] }",
    ]);
  });
});
