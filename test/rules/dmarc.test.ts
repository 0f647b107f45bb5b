import { strict as assert } from "node:assert";
import {
  buildDmarc,
  checkDmarc,
  checkDmarcRecordSet,
  checkReportAuthorization,
  externalReportDestinations,
  organizationalDomain,
  parseDmarc,
  reportAuthorizationName,
} from "../../rules/dmarc";

const prod = { environment: "prod" as const };
const staging = { environment: "staging" as const };
const messages = (text: string, options = prod) => checkDmarc(text, options).map((f) => f.message);

describe("rules/dmarc", () => {
  describe("parseDmarc", () => {
    it("reads tags with whitespace around separators and lower-cases tag names", () => {
      const record = parseDmarc("v=DMARC1 ;P = reject; rua=mailto:dmarc@example.com!10m, mailto:x@reports.example.net;");
      assert.equal(record.p, "reject");
      assert.deepEqual(record.rua, [
        { uri: "mailto:dmarc@example.com", sizeLimit: "10m", scheme: "mailto", domain: "example.com" },
        { uri: "mailto:x@reports.example.net", sizeLimit: undefined, scheme: "mailto", domain: "reports.example.net" },
      ]);
    });
  });

  describe("checkDmarc", () => {
    it("accepts a production record with p=reject and local reports", () => {
      assert.deepEqual(checkDmarc("v=DMARC1; p=reject; sp=reject; adkim=s; aspf=s; fo=1:d; pct=100; ri=86400; rua=mailto:dmarc@example.com", prod), []);
    });

    it("rejects a record without p", () => {
      const [finding] = checkDmarc("v=DMARC1; rua=mailto:dmarc@example.com", prod);
      assert.equal(finding.message, "DMARC record has no p= tag");
      assert.equal(finding.ref, "RFC 7489 §6.3");
      assert.equal(finding.fix, "add p=quarantine or p=reject right after v=DMARC1");
    });

    it("rejects p that does not come right after v", () => {
      assert.deepEqual(messages("v=DMARC1; rua=mailto:dmarc@example.com; p=reject"), ["DMARC p= must come right after v=DMARC1; it is tag 3"]);
    });

    it("rejects a record that does not start with v=DMARC1", () => {
      assert.deepEqual(messages("p=reject; v=DMARC1"), ["DMARC record must start with v=DMARC1", "DMARC p= must come right after v=DMARC1; it is tag 1"]);
    });

    it("rejects a version other than exactly DMARC1", () => {
      assert.deepEqual(messages("v=dmarc1; p=reject"), ['DMARC version is "dmarc1"; it must be exactly DMARC1']);
    });

    it("rejects p=none in production as below the launch gate", () => {
      const [finding] = checkDmarc("v=DMARC1; p=none", prod);
      assert.equal(finding.message, "DMARC p=none only monitors domain mail; the launch gate is quarantine or reject");
      assert.equal(finding.ref, "RFC 7489 §6.3; launch checklist");
      assert.equal(finding.severity, "error");
    });

    it("only warns about p=none in staging", () => {
      const findings = checkDmarc("v=DMARC1; p=none", staging);
      assert.deepEqual(findings.map((f) => [f.severity, f.message]), [["warning", "DMARC p=none only monitors domain mail; production needs quarantine or reject"]]);
    });

    it("applies the launch gate to sp and np too", () => {
      assert.deepEqual(messages("v=DMARC1; p=reject; sp=none; np=none"), [
        "DMARC sp=none only monitors subdomain mail; the launch gate is quarantine or reject",
        "DMARC np=none only monitors non-existent subdomain mail; the launch gate is quarantine or reject",
      ]);
    });

    it("rejects an unknown policy value", () => {
      assert.deepEqual(messages("v=DMARC1; p=block"), ["DMARC p=block is not none, quarantine or reject"]);
    });

    it("rejects adkim=x", () => {
      assert.deepEqual(messages("v=DMARC1; p=reject; adkim=x"), ["DMARC adkim=x is not r (relaxed) or s (strict)"]);
    });

    it("rejects pct=150", () => {
      assert.deepEqual(messages("v=DMARC1; p=reject; pct=150"), ["DMARC pct=150 is not an integer from 0 to 100"]);
    });

    it("warns in production when pct is below 100", () => {
      const findings = checkDmarc("v=DMARC1; p=quarantine; pct=25", prod);
      assert.deepEqual(findings.map((f) => [f.severity, f.message]), [["warning", "DMARC pct=25 applies the policy to only 25% of failing mail"]]);
    });

    it("rejects fo=2", () => {
      assert.deepEqual(messages("v=DMARC1; p=reject; fo=2"), ['DMARC fo=2 has "2", not one of 0, 1, d, s']);
    });

    it("rejects a non-integer ri", () => {
      assert.deepEqual(messages("v=DMARC1; p=reject; ri=1.5"), ["DMARC ri=1.5 is not an integer number of seconds"]);
    });

    it("rejects more than 2 rua destinations", () => {
      const [finding] = checkDmarc("v=DMARC1; p=reject; rua=mailto:a@example.com,mailto:b@example.com,mailto:c@example.com", prod);
      assert.equal(finding.message, "DMARC rua= lists 3 addresses; receivers only have to send to 2");
      assert.equal(finding.ref, "RFC 7489 §6.2");
    });

    it("rejects a report destination that is not mailto:", () => {
      assert.deepEqual(messages("v=DMARC1; p=reject; ruf=https://reports.example.com/dmarc"), ["DMARC ruf destination https://reports.example.com/dmarc is not a mailto: URI"]);
    });

    it("rejects a mailto: without an address", () => {
      assert.deepEqual(messages("v=DMARC1; p=reject; rua=mailto:dmarc"), ["DMARC rua destination mailto:dmarc is not a valid mailto: address"]);
    });

    it("rejects a tag given twice", () => {
      assert.deepEqual(messages("v=DMARC1; p=reject; p=none"), ["DMARC tag p= appears more than once"]);
    });

    it("warns about an unknown tag", () => {
      const findings = checkDmarc("v=DMARC1; p=reject; pc=100", prod);
      assert.deepEqual(findings.map((f) => [f.severity, f.message]), [["warning", "DMARC tag pc= is not defined and receivers ignore it"]]);
    });
  });

  describe("checkDmarcRecordSet", () => {
    it("accepts exactly one DMARC record", () => {
      assert.deepEqual(checkDmarcRecordSet(["v=DMARC1; p=reject", "unrelated"]), []);
    });

    it("rejects two DMARC records", () => {
      assert.deepEqual(checkDmarcRecordSet(["v=DMARC1; p=reject", "v=DMARC1; p=none"]).map((f) => f.message), [
        "2 TXT records at _dmarc start with v=DMARC1; receivers then apply no DMARC policy",
      ]);
    });

    it("rejects a name without a DMARC record", () => {
      assert.deepEqual(checkDmarcRecordSet([]).map((f) => f.message), ["no TXT record at _dmarc starts with v=DMARC1"]);
    });
  });

  describe("buildDmarc", () => {
    it("writes tags in canonical order and adds mailto: to bare addresses", () => {
      assert.equal(
        buildDmarc({ rua: ["dmarc@example.com", "mailto:x@reports.example.net"], aspf: "s", adkim: "s", sp: "reject", p: "quarantine" }),
        "v=DMARC1; p=quarantine; sp=reject; adkim=s; aspf=s; rua=mailto:dmarc@example.com,mailto:x@reports.example.net",
      );
    });

    it("builds records that pass checkDmarc in production", () => {
      assert.deepEqual(checkDmarc(buildDmarc({ p: "reject", rua: ["dmarc@example.com"], fo: "1" }), prod), []);
    });
  });

  describe("report authorization", () => {
    it("computes the organizational domain from the last two labels", () => {
      assert.equal(organizationalDomain("mail.eu.example.com."), "example.com");
    });

    it("keeps three labels under a multi-label public suffix", () => {
      assert.equal(organizationalDomain("mail.example.co.uk"), "example.co.uk");
    });

    it("finds an external rua destination that needs authorization", () => {
      const record = "v=DMARC1; p=reject; rua=mailto:dmarc@example.com,mailto:abc@rua.dmarc-vendor.net; ruf=mailto:f@rua.dmarc-vendor.net";
      assert.deepEqual(externalReportDestinations("example.com", record), ["rua.dmarc-vendor.net"]);
    });

    it("does not treat a subdomain of the same organization as external", () => {
      assert.deepEqual(externalReportDestinations("shop.example.com", "v=DMARC1; p=reject; rua=mailto:dmarc@reports.example.com"), []);
    });

    it("tells example.co.uk apart from other.co.uk", () => {
      assert.deepEqual(externalReportDestinations("example.co.uk", "v=DMARC1; p=reject; rua=mailto:d@other.co.uk"), ["other.co.uk"]);
    });

    it("names the authorization record <domain>._report._dmarc.<destination>", () => {
      assert.equal(reportAuthorizationName("example.com", "rua.dmarc-vendor.net"), "example.com._report._dmarc.rua.dmarc-vendor.net");
    });

    it("accepts an authorization record starting with v=DMARC1", () => {
      assert.deepEqual(checkReportAuthorization(["v=DMARC1"]), []);
    });

    it("rejects a missing authorization record and names where to publish it", () => {
      const [finding] = checkReportAuthorization([], "example.com._report._dmarc.rua.dmarc-vendor.net");
      assert.equal(finding.message, "no TXT record at example.com._report._dmarc.rua.dmarc-vendor.net starts with v=DMARC1, so receivers never send reports to that destination");
      assert.equal(finding.ref, "RFC 7489 §7.1");
      assert.equal(finding.fix, 'have the destination\'s owner publish TXT "v=DMARC1" at example.com._report._dmarc.rua.dmarc-vendor.net');
    });

    it("rejects an authorization record that does not start with v=DMARC1", () => {
      assert.equal(checkReportAuthorization(["authorized"]).length, 1);
    });
  });
});
