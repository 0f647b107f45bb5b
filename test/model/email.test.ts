import { strict as assert } from "node:assert";
import { generateKeyPairSync } from "node:crypto";
import { zoneSchema, ZoneConfig } from "../../config/zones";
import { emailModels, emailSummary, EmailModel, MailRecord } from "../../model/email";
import { buildMtaStsPolicy, mtaStsId } from "../../rules/mta-sts";
import { quoteTxt, txtValue } from "../../rules/txt";

function spki(bits: number): string {
  return generateKeyPairSync("rsa", { modulusLength: bits }).publicKey.export({ type: "spki", format: "der" }).toString("base64");
}

function zone(email: unknown, extra: Record<string, unknown> = {}): ZoneConfig {
  return zoneSchema.parse({ domain: "example.com", plan: "pro", hosts: { "@": { origin: "203.0.113.10" } }, ...(email === undefined ? {} : { email }), ...extra });
}

/** `name TYPE [priority] content`, the form a reviewer reads in a zone file. */
function lines(model: EmailModel): string[] {
  return model.records.map((r) => `${r.name} ${r.type} ${r.priority !== undefined ? `${r.priority} ` : ""}${r.content}`);
}

function record(model: EmailModel, key: string): MailRecord {
  const found = model.records.find((r) => r.key === key);
  assert.ok(found, `no record ${key}; have ${model.records.map((r) => r.key).join(", ")}`);
  return found;
}

const SES_TOKENS = ["38os8cj27721hbtfvjuljgleu7uqvoc3", "fzs4zm5aud4l022m6m6aeccwai0fvsbp", "h86ogg8epzhzp0wm5w0uuzupnt68a1xu"];
const SES = { provider: "amazon-ses", region: "us-east-2", mailFrom: "mail", dkimTokens: SES_TOKENS };

describe("email model: the mail records a zone publishes", () => {
  let key2048: string;
  const google = () => ({ provider: "google-workspace", dkim: { publicKey: key2048 } });
  before(() => {
    key2048 = spki(2048);
  });

  describe("Google Workspace mailboxes with Amazon SES transactional mail", () => {
    let model: EmailModel;
    before(() => {
      [model] = emailModels([zone({ mailbox: google(), senders: [SES], dmarc: { rua: ["dmarc-reports@example.com"] } })]);
    });

    it("declares Google's MX, SES's MAIL FROM MX, one SPF per name, the DKIM keys and DMARC, in that order", () => {
      assert.deepEqual(lines(model).filter((l) => !l.startsWith("google._domainkey")), [
        "example.com MX 1 smtp.google.com",
        "mail.example.com MX 10 feedback-smtp.us-east-2.amazonses.com",
        'example.com TXT "v=spf1 include:_spf.google.com -all"',
        'mail.example.com TXT "v=spf1 include:amazonses.com -all"',
        ...SES_TOKENS.map((t) => `${t}._domainkey.example.com CNAME ${t}.dkim.amazonses.com`),
        '_dmarc.example.com TXT "v=DMARC1; p=quarantine; np=reject; adkim=r; aspf=r; rua=mailto:dmarc-reports@example.com"',
      ]);
    });

    it("puts SES's SPF on its MAIL FROM subdomain, never in the apex record", () => {
      assert.equal(record(model, "spf").value, "v=spf1 include:_spf.google.com -all");
      assert.equal(record(model, "spf-mail").name, "mail.example.com");
      assert.equal(model.records.filter((r) => r.type === "TXT" && r.value.startsWith("v=spf1") && r.name === "example.com").length, 1);
    });

    it("splits a 2048-bit DKIM key record into two quoted strings, the first exactly 255 characters", () => {
      const dkim = record(model, "dkim-google");
      const value = `v=DKIM1; k=rsa; p=${key2048}`;
      assert.equal(dkim.name, "google._domainkey.example.com");
      assert.equal(dkim.value, value);
      assert.equal(dkim.content, `"${value.slice(0, 255)}" "${value.slice(255)}"`);
      assert.equal(dkim.content, quoteTxt(value));
      assert.equal(txtValue(dkim.content), value);
    });

    it("gives every record its role, purpose and config key path", () => {
      assert.deepEqual(
        model.records.filter((r) => !r.key.startsWith("dkim-3") && !r.key.startsWith("dkim-f") && !r.key.startsWith("dkim-h")).map((r) => [r.key, r.role, r.purpose, r.configPath]),
        [
          ["mx-smtp-google-com", "mail", "Google Workspace mailboxes", "zones[0].email.mailbox"],
          ["mx-mail-feedback-smtp-us-east-2-amazonses-com", "mail", "Amazon SES MAIL FROM (bounces)", "zones[0].email.senders[0]"],
          ["spf", "mail", "SPF for Google Workspace", "zones[0].email.mailbox"],
          ["spf-mail", "mail", "SPF for Amazon SES", "zones[0].email.senders[0]"],
          ["dkim-google", "mail", "DKIM for Google Workspace (selector google)", "zones[0].email.mailbox.dkim"],
          ["dmarc", "mail", "DMARC p=quarantine", "zones[0].email.dmarc"],
        ],
      );
      assert.equal(record(model, `dkim-${SES_TOKENS[1]}`).configPath, "zones[0].email.senders[0].dkimTokens[1]");
    });

    it("counts SPF lookups per record and states the include figures it assumed", () => {
      assert.deepEqual(emailSummary(model).spf, [
        { name: "example.com", record: "v=spf1 include:_spf.google.com -all", lookups: 4, limit: 10, assumed: [{ domain: "_spf.google.com", lookups: 4, assumedOn: "2026-11" }] },
        { name: "mail.example.com", record: "v=spf1 include:amazonses.com -all", lookups: 1, limit: 10, assumed: [{ domain: "amazonses.com", lookups: 1, assumedOn: "2026-11" }] },
      ]);
    });

    it("adds the mailbox provider's ownership token as a verification TXT at the apex", () => {
      const [withToken] = emailModels([zone({ mailbox: { ...google(), verification: "google-site-verification=abc123" }, senders: [SES], dmarc: { rua: ["d@example.com"] } })]);
      const token = record(withToken, "verification");
      assert.deepEqual([token.name, token.content, token.role, token.configPath], ["example.com", '"google-site-verification=abc123"', "verification", "zones[0].email.mailbox.verification"]);
    });
  });

  describe("SPF merging", () => {
    it("merges the mailbox include and custom terms into one apex record: addresses first, duplicates dropped, other terms before all", () => {
      const [model] = emailModels([zone({
        mailbox: google(),
        spf: ["include:_spf.google.com", "ip4:198.51.100.0/24", "include:spf.crm.example.org", "exists:%{i}._spf.example.com"],
        dmarc: { rua: ["d@example.com"] },
      })]);
      const spf = model.records.filter((r) => r.name === "example.com" && r.value.startsWith("v=spf1"));
      assert.deepEqual(spf.map((r) => r.content), ['"v=spf1 ip4:198.51.100.0/24 include:_spf.google.com include:spf.crm.example.org exists:%{i}._spf.example.com -all"']);
      assert.equal(spf[0].configPath, "zones[0].email.spf");
      assert.equal(spf[0].purpose, "SPF for Google Workspace, custom terms");
    });

    it("merges two providers that share a MAIL FROM name into one record at that name", () => {
      const [model] = emailModels([zone({ senders: [SES, { provider: "mailgun", subdomain: "mail", dkim: [{ selector: "pic", publicKey: key2048 }] }], dmarc: { rua: ["d@example.com"] } })]);
      assert.deepEqual(model.records.filter((r) => r.name === "mail.example.com" && r.type === "TXT").map((r) => r.value), ["v=spf1 include:amazonses.com include:mailgun.org -all"]);
    });

    it("publishes v=spf1 -all at the apex of a domain whose senders all use their own MAIL FROM", () => {
      const [model] = emailModels([zone({ senders: [SES], dmarc: { rua: ["d@example.com"] } })]);
      assert.deepEqual([record(model, "spf").value, record(model, "spf").purpose], ["v=spf1 -all", "SPF: no sender uses this name"]);
      assert.deepEqual(model.mxHosts, []);
    });

    it("ends every SPF record in ~all when spfAll says so", () => {
      const [model] = emailModels([zone({ mailbox: google(), senders: [SES], spfAll: "~all", dmarc: { rua: ["d@example.com"] } })]);
      assert.deepEqual(model.spf.map((s) => s.value), ["v=spf1 include:_spf.google.com ~all", "v=spf1 include:amazonses.com ~all"]);
    });
  });

  describe("other providers", () => {
    const dmarc = { rua: ["d@example.com"] };

    it("Microsoft 365: MX to mail.protection.outlook.com, two DKIM CNAMEs into the tenant, autodiscover", () => {
      const [model] = emailModels([zone({ mailbox: { provider: "microsoft-365", tenant: "contoso" }, dmarc })]);
      assert.deepEqual(lines(model).filter((l) => !l.startsWith("_dmarc")), [
        "example.com MX 0 example-com.mail.protection.outlook.com",
        'example.com TXT "v=spf1 include:spf.protection.outlook.com -all"',
        "selector1._domainkey.example.com CNAME selector1-example-com._domainkey.contoso.onmicrosoft.com",
        "selector2._domainkey.example.com CNAME selector2-example-com._domainkey.contoso.onmicrosoft.com",
        "autodiscover.example.com CNAME autodiscover.outlook.com",
      ]);
    });

    it("Postmark: DKIM key TXT and a pm-bounces return-path CNAME, nothing in the apex SPF", () => {
      const [model] = emailModels([zone({ senders: [{ provider: "postmark", dkim: [{ selector: "20260101000000pm", publicKey: key2048 }] }], dmarc })]);
      assert.deepEqual(lines(model).filter((l) => l.includes("CNAME") || l.startsWith("example.com TXT")), [
        'example.com TXT "v=spf1 -all"',
        "pm-bounces.example.com CNAME pm.mtasv.net",
      ]);
      assert.equal(record(model, "dkim-20260101000000pm").value, `v=DKIM1; k=rsa; p=${key2048}`);
      assert.equal(record(model, "return-path-pm-bounces").configPath, "zones[0].email.senders[0].returnPath");
    });

    it("SendGrid: the em return-path CNAME and s1/s2 DKIM CNAMEs to the account's host", () => {
      const [model] = emailModels([zone({ senders: [{ provider: "sendgrid", host: "u1234567.wl123.sendgrid.net", returnPath: "em1234" }], dmarc })]);
      assert.deepEqual(lines(model).filter((l) => l.includes("CNAME")), [
        "s1._domainkey.example.com CNAME s1.domainkey.u1234567.wl123.sendgrid.net",
        "s2._domainkey.example.com CNAME s2.domainkey.u1234567.wl123.sendgrid.net",
        "em1234.example.com CNAME u1234567.wl123.sendgrid.net",
      ]);
    });

    it("Mailgun: SPF, MX and DKIM on its sending subdomain", () => {
      const [model] = emailModels([zone({ senders: [{ provider: "mailgun", subdomain: "mg", dkim: [{ selector: "pic", publicKey: key2048 }] }], dmarc })]);
      assert.deepEqual(lines(model).filter((l) => l.includes(".mg.") || l.startsWith("mg.")).map((l) => l.slice(0, 60)), [
        "mg.example.com MX 10 mxa.mailgun.org",
        "mg.example.com MX 10 mxb.mailgun.org",
        'mg.example.com TXT "v=spf1 include:mailgun.org -all"',
        `pic._domainkey.mg.example.com TXT "v=DKIM1; k=rsa; p=${key2048}`.slice(0, 60),
      ]);
      assert.deepEqual([model.senders[0].mailFromDomain, model.senders[0].dkimDomain], ["mg.example.com", "mg.example.com"]);
    });

    it("a custom DKIM entry publishes t=y only when testing is set", () => {
      const [model] = emailModels([zone({ mailbox: google(), dkim: [{ selector: "crm", publicKey: key2048, testing: true }, { selector: "helpdesk", target: "helpdesk._domainkey.vendor.example.net" }], dmarc })]);
      assert.equal(record(model, "dkim-crm").value, `v=DKIM1; k=rsa; t=y; p=${key2048}`);
      assert.deepEqual([record(model, "dkim-helpdesk").type, record(model, "dkim-helpdesk").content, record(model, "dkim-helpdesk").configPath], ["CNAME", "helpdesk._domainkey.vendor.example.net", "zones[0].email.dkim[1]"]);
    });
  });

  describe("MTA-STS and TLS-RPT", () => {
    const base = () => ({ mailbox: google(), dmarc: { rua: ["d@example.com"] }, mtaSts: { mode: "testing" }, tlsRpt: { rua: ["tls-reports@example.com"] } });

    it("builds the policy from the declared MX hosts and publishes its id at _mta-sts", () => {
      const [model] = emailModels([zone(base())]);
      const policy = "version: STSv1\r\nmode: testing\r\nmx: smtp.google.com\r\nmax_age: 604800\r\n";
      assert.equal(model.mtaSts!.policy, policy);
      assert.equal(model.mtaSts!.url, "https://mta-sts.example.com/.well-known/mta-sts.txt");
      assert.equal(record(model, "mta-sts").content, `"v=STSv1; id=${mtaStsId(policy)}"`);
      assert.equal(record(model, "mta-sts").name, "_mta-sts.example.com");
      assert.equal(record(model, "tls-rpt").content, '"v=TLSRPTv1; rua=mailto:tls-reports@example.com"');
      assert.equal(record(model, "tls-rpt").name, "_smtp._tls.example.com");
    });

    it("changes the id whenever the policy changes (MX list, mode), and not for other changes", () => {
      const id = (email: Record<string, unknown>) => emailModels([zone(email)])[0].mtaSts!.id;
      const google1 = id(base());
      assert.equal(id({ ...base(), tlsRpt: { rua: ["other@example.com"] } }), google1, "a TLS-RPT change leaves the policy alone");
      const microsoft = id({ ...base(), mailbox: { provider: "microsoft-365", tenant: "contoso" } });
      assert.notEqual(microsoft, google1);
      assert.equal(microsoft, mtaStsId(buildMtaStsPolicy({ mode: "testing", mx: ["example-com.mail.protection.outlook.com"], maxAge: 604800 })));
      assert.notEqual(id({ ...base(), mtaSts: { mode: "enforce" } }), google1, "a mode change is a policy change");
    });

    it("lists configured mx patterns instead of the MX hosts when mtaSts.mx is set", () => {
      const [model] = emailModels([zone({ ...base(), mtaSts: { mode: "enforce", mx: ["*.google.com"] } })]);
      assert.equal(model.mtaSts!.policy, "version: STSv1\r\nmode: enforce\r\nmx: *.google.com\r\nmax_age: 604800\r\n");
    });
  });

  describe("domains that send no mail", () => {
    it("gives a zone without email config the null-mail set: v=spf1 -all, null MX, DMARC p=reject", () => {
      const [model] = emailModels([zone(undefined, { domain: "example.net", hosts: {}, redirectTo: "https://example.com" })]);
      assert.equal(model.sendsMail, false);
      assert.deepEqual(lines(model), [
        "example.net MX 0 .",
        'example.net TXT "v=spf1 -all"',
        '_dmarc.example.net TXT "v=DMARC1; p=reject; sp=reject; np=reject; adkim=s; aspf=s"',
      ]);
    });

    it("adds aggregate reports to a parked domain's DMARC when dmarc.rua is set", () => {
      const [model] = emailModels([zone({ sendsMail: false, dmarc: { rua: ["dmarc-reports@example.net"] } }, { domain: "example.net" })]);
      assert.equal(record(model, "dmarc").value, "v=DMARC1; p=reject; sp=reject; np=reject; adkim=s; aspf=s; rua=mailto:dmarc-reports@example.net");
    });
  });

  describe("DMARC report authorization", () => {
    it("creates <domain>._report._dmarc.<destination> in the destination's zone when this stack manages it", () => {
      const [com, net] = emailModels([
        zone({ mailbox: google(), dmarc: { rua: ["dmarc-reports@example.com"] } }),
        zone({ sendsMail: false, dmarc: { rua: ["dmarc-reports@example.com"] } }, { domain: "example.net", hosts: {}, redirectTo: "https://example.com" }),
      ]);
      const auth = record(com, "dmarc-report-auth-example-net");
      assert.deepEqual([auth.name, auth.type, auth.content, auth.configPath], ["example.net._report._dmarc.example.com", "TXT", '"v=DMARC1"', "zones[1].email.dmarc.rua"]);
      assert.deepEqual(net.reportDestinations, [{ destination: "example.com", authorizationName: "example.net._report._dmarc.example.com", inStack: true }]);
      assert.equal(net.records.some((r) => r.name.includes("_report")), false);
    });

    it("records a destination outside the stack as one its owner must authorize, and declares nothing for it", () => {
      const [model] = emailModels([zone({ mailbox: google(), dmarc: { rua: ["reports@dmarc.example.org"] } })]);
      assert.deepEqual(model.reportDestinations, [{ destination: "dmarc.example.org", authorizationName: "example.com._report._dmarc.dmarc.example.org", inStack: false }]);
      assert.equal(model.records.some((r) => r.name.includes("_report")), false);
    });

    it("needs no authorization for a report mailbox in the same organizational domain", () => {
      const [model] = emailModels([zone({ mailbox: google(), dmarc: { rua: ["dmarc@reports.example.com"] } })]);
      assert.deepEqual(model.reportDestinations, []);
    });
  });
});
