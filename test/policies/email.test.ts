import { strict as assert } from "node:assert";
import { generateKeyPairSync } from "node:crypto";
import type { Evaluation } from "../../offline/evaluate";
import { quoteTxt } from "../../rules/txt";
import { duplicate, edit, reported, shippedPreview, without } from "./support";

/** A DKIM public key of `bits`, base64 SubjectPublicKeyInfo as providers publish it. */
export function rsaPublicKey(bits: number): string {
  return generateKeyPairSync("rsa", { modulusLength: bits }).publicKey.export({ type: "spki", format: "der" }).toString("base64");
}

describe("policies: email authentication", () => {
  let prod: Evaluation;
  let staging: Evaluation;
  before(async () => {
    prod = await shippedPreview("prod");
    staging = await shippedPreview("staging");
  });

  describe("spf-record-valid", () => {
    it("accepts one SPF record per name on every domain, the MAIL FROM subdomain and the null-mail domain", async () => {
      assert.deepEqual(await reported(prod, "spf-record-valid"), []);
      assert.deepEqual(await reported(staging, "spf-record-valid"), []);
    });

    it("accepts ~all in staging, whose Site declares staging: the softfail allowed while a domain is validated", async () => {
      const ev = edit(staging, { "example-org-email-spf-mail": (w) => { w.content = quoteTxt("v=spf1 include:amazonses.com ~all"); } });
      assert.deepEqual(await reported(ev, "spf-record-valid"), []);
    });

    it("rejects ~all in production, as the config gate does", async () => {
      const ev = edit(prod, { "example-com-email-spf": (w) => { w.content = quoteTxt("v=spf1 include:_spf.google.com ~all"); } });
      assert.deepEqual(await reported(ev, "spf-record-valid"), [
        "example.com: SPF ends in ~all (softfail); the launch gate is -all (RFC 7208 §8.4); switch to -all once every sender passes SPF",
      ]);
    });

    it("rejects a second SPF record at the same name", async () => {
      const ev = duplicate(prod, "example-com-email-spf", "example-com-marketing-spf", (w) => { w.content = quoteTxt("v=spf1 include:sendgrid.net -all"); });
      assert.deepEqual(await reported(ev, "spf-record-valid"), [
        "example.com: 2 TXT records at the name start with v=spf1; more than one is a PermError (RFC 7208 §4.5); merge them into a single SPF record",
      ]);
    });

    it("rejects +all", async () => {
      const ev = edit(prod, { "example-com-email-spf": (w) => { w.content = quoteTxt("v=spf1 include:_spf.google.com +all"); } });
      assert.deepEqual(await reported(ev, "spf-record-valid"), [
        "example.com: SPF ends in +all, which authorizes every host on the Internet to send as this domain (RFC 7208 §5.1); end the record with -all (or ~all while validating)",
      ]);
    });

    it("rejects a record that needs more than 10 DNS lookups", async () => {
      const hosts = Array.from({ length: 11 }, (_, i) => `a:relay${i + 1}.example.com`).join(" ");
      const ev = edit(prod, { "example-com-email-spf-mail": (w) => { w.content = quoteTxt(`v=spf1 ${hosts} -all`); } });
      assert.deepEqual(await reported(ev, "spf-record-valid"), [
        "mail.example.com: SPF needs 11 DNS lookups; the limit is 10 (a:relay1.example.com=1, a:relay2.example.com=1, a:relay3.example.com=1, a:relay4.example.com=1, a:relay5.example.com=1, a:relay6.example.com=1, a:relay7.example.com=1, a:relay8.example.com=1, a:relay9.example.com=1, a:relay10.example.com=1, a:relay11.example.com=1) (RFC 7208 §4.6.4); remove includes you no longer send through, replace a/mx with ip4/ip6, or move a sender to its own subdomain",
      ]);
    });

    it("rejects a domain without an SPF record", async () => {
      assert.deepEqual(await reported(without(prod, "example-net-email-spf"), "spf-record-valid"), [
        "example.net: no TXT record at the name starts with v=spf1 (RFC 7208 §4.5); publish exactly one SPF record, e.g. v=spf1 -all for a name that sends no mail",
      ]);
    });
  });

  describe("dmarc-record-valid", () => {
    it("accepts one DMARC record per domain", async () => {
      assert.deepEqual(await reported(prod, "dmarc-record-valid"), []);
    });

    it("rejects a domain without DMARC", async () => {
      assert.deepEqual(await reported(without(prod, "example-net-email-dmarc"), "dmarc-record-valid"), [
        "_dmarc.example.net: no TXT record at _dmarc starts with v=DMARC1 (RFC 9989 §4.10.1); publish one DMARC record, e.g. v=DMARC1; p=quarantine; rua=mailto:<address>",
      ]);
    });

    it("reads tag names in any case, so V=DMARC1;P=reject is a DMARC record (RFC 5234 §2.3)", async () => {
      const ev = edit(prod, { "example-com-email-dmarc": (w) => { w.content = quoteTxt("V=DMARC1;P=reject;RUA=mailto:dmarc-reports@example.com"); } });
      assert.deepEqual(await reported(ev, "dmarc-record-valid"), []);
    });

    it("holds a record without p to the launch gate as p=none", async () => {
      const ev = edit(prod, { "example-com-email-dmarc": (w) => { w.content = quoteTxt("v=DMARC1; rua=mailto:dmarc-reports@example.com"); } });
      assert.deepEqual(await reported(ev, "dmarc-enforcing"), [
        "DMARC p (missing, so none) only monitors domain mail; the launch gate is quarantine or reject (RFC 9989 §4.7; launch checklist); set p=quarantine or p=reject once aggregate reports show every sender aligned",
      ]);
    });

    it("rejects a policy that is not none, quarantine or reject", async () => {
      const ev = edit(prod, { "example-com-email-dmarc": (w) => { w.content = quoteTxt("v=DMARC1; p=block; rua=mailto:dmarc-reports@example.com"); } });
      assert.deepEqual(await reported(ev, "dmarc-record-valid"), [
        "_dmarc.example.com: DMARC p=block is not none, quarantine or reject (RFC 9989 §4.8); set p=quarantine or p=reject",
      ]);
    });
  });

  describe("dmarc-enforcing", () => {
    it("accepts quarantine and reject", async () => {
      assert.deepEqual(await reported(prod, "dmarc-enforcing"), []);
    });

    it("rejects p=none in production", async () => {
      const ev = edit(prod, { "example-com-email-dmarc": (w) => { w.content = quoteTxt("v=DMARC1; p=none; rua=mailto:dmarc-reports@example.com"); } });
      assert.deepEqual(await reported(ev, "dmarc-enforcing"), [
        "DMARC p=none only monitors domain mail; the launch gate is quarantine or reject (RFC 9989 §4.7; launch checklist); set p=quarantine or p=reject once aggregate reports show every sender aligned",
      ]);
    });

    it("accepts p=none in staging, whose Site declares staging (the config gate warns instead)", async () => {
      const ev = edit(staging, { "example-org-email-dmarc": (w) => { w.content = quoteTxt("v=DMARC1; p=none; rua=mailto:dmarc-reports@example.org"); } });
      assert.deepEqual(await reported(ev, "dmarc-enforcing"), []);
    });
  });

  describe("dkim-key-strength", () => {
    it("accepts the 2048-bit Google key and the SES CNAMEs", async () => {
      assert.deepEqual(await reported(prod, "dkim-key-strength"), []);
    });

    it("rejects a 1024-bit RSA key", async () => {
      const ev = edit(prod, { "example-com-email-dkim-google": (w) => { w.content = quoteTxt(`v=DKIM1; k=rsa; p=${rsaPublicKey(1024)}`); } });
      assert.deepEqual(await reported(ev, "dkim-key-strength"), [
        "DKIM RSA key is 1024 bits; 2048 is the launch gate; 1024 is the RFC floor (RFC 8301 §3.2); rotate to a 2048-bit key",
      ]);
    });

    it("rejects a CNAME-delegated key whose target is not a hostname", async () => {
      const ev = edit(staging, { "example-org-email-dkim-9g8sa9eqvfgrrkwuour057p15nhnn5w4": (w) => { w.content = "https://dkim.amazonses.com"; } });
      assert.deepEqual(await reported(ev, "dkim-key-strength"), [
        "DKIM CNAME target \"https://dkim.amazonses.com\" is not a DNS hostname (RFC 1035 §2.3.4); copy the target exactly from the provider's dashboard (a hostname, no scheme or spaces)",
      ]);
    });
  });

  describe("dkim-not-testing", () => {
    it("accepts keys without t=y", async () => {
      assert.deepEqual(await reported(prod, "dkim-not-testing"), []);
    });

    it("accepts t=y in a zone whose Site declares staging", async () => {
      const ev = edit(prod, {
        "example-com-email-dkim-google": (w) => { w.content = quoteTxt(`v=DKIM1; k=rsa; t=y; p=${rsaPublicKey(2048)}`); },
        "example-com": (_w, r) => { r.outputs!.environment = "staging"; },
      });
      assert.deepEqual(await reported(ev, "dkim-not-testing"), []);
    });

    it("rejects t=y in production", async () => {
      const ev = edit(prod, { "example-com-email-dkim-google": (w) => { w.content = quoteTxt(`v=DKIM1; k=rsa; t=y; p=${rsaPublicKey(2048)}`); } });
      assert.deepEqual(await reported(ev, "dkim-not-testing"), [
        "DKIM t=y marks the domain as testing, so verifiers treat signed mail like unsigned mail (RFC 6376 §3.6.1); remove t=y before production",
      ]);
    });
  });

  describe("txt-string-length", () => {
    it("accepts TXT content split into strings of at most 255 octets", async () => {
      assert.deepEqual(await reported(prod, "txt-string-length"), []);
    });

    it("rejects a single string longer than 255 octets", async () => {
      const ev = edit(prod, { "example-com-email-verification": (w) => { w.content = `"google-site-verification=${"x".repeat(280)}"`; } });
      assert.deepEqual(await reported(ev, "txt-string-length"), [
        "TXT string 1 is 305 bytes; one string holds at most 255 (RFC 7208 §3.3; RFC 1035 §3.3.14); split it into quoted strings of at most 255 characters with quoteTxt(value)",
      ]);
    });
  });

  describe("mta-sts-and-tls-rpt", () => {
    it("accepts MTA-STS and TLS-RPT on the domain that receives mail, and nothing on domains that do not", async () => {
      assert.deepEqual(await reported(prod, "mta-sts-and-tls-rpt"), []);
      assert.deepEqual(await reported(staging, "mta-sts-and-tls-rpt"), []);
    });

    it("rejects a receiving domain without TLS-RPT", async () => {
      assert.deepEqual(await reported(without(prod, "example-com-email-tls-rpt"), "mta-sts-and-tls-rpt"), [
        "example.com: no TXT record at _smtp._tls starts with v=TLSRPTv1 (RFC 8460 §3); publish v=TLSRPTv1; rua=mailto:<address>",
      ]);
    });

    it("rejects an MTA-STS record without a host serving the policy", async () => {
      assert.deepEqual(await reported(without(prod, "example-com-email-mta-sts-domain"), "mta-sts-and-tls-rpt"), [
        "example.com: nothing serves the MTA-STS policy host mta-sts.example.com (RFC 8461 §3.3); serve the policy at https://mta-sts.example.com/.well-known/mta-sts.txt (a WorkersCustomDomain or a record for the host)",
      ]);
    });
  });

  describe("report-destinations-receive-mail", () => {
    it("accepts the shipped stack's report, alert and CAA iodef addresses", async () => {
      assert.deepEqual(await reported(prod, "report-destinations-receive-mail"), []);
    });

    it("rejects a CAA iodef address on the stack's null-MX domain", async () => {
      const ev = edit(prod, { "example-com-dns-caa-iodef-security-example-com": (w) => { w.data.value = "mailto:security@example.net"; } });
      assert.deepEqual(await reported(ev, "report-destinations-receive-mail"), [
        "example.com: CAA iodef address security@example.net is on example.net, which publishes a null MX and accepts no mail, so nothing sent there is ever read (RFC 7505 §3); use a mailbox on a domain that receives mail",
      ]);
    });
  });
});
