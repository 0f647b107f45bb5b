import { strict as assert } from "node:assert";
import {
  buildDmarc,
  checkDmarc,
  isDmarcRecord,
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

  describe("isDmarcRecord", () => {
    it("matches the v tag name in any case (RFC 5234 §2.3)", () => {
      assert.equal(isDmarcRecord("V=DMARC1;p=reject"), true);
    });

    it("matches the version value DMARC1 case-sensitively (RFC 9989 §4.8)", () => {
      assert.equal(isDmarcRecord("v=dmarc1; p=reject"), false);
    });
  });

  describe("checkDmarc", () => {
    const both = (text: string, options: { environment: "prod" | "staging" } = prod) => checkDmarc(text, options).map((f) => [f.severity, f.message]);

    it("accepts a production record with p=reject and local reports", () => {
      assert.deepEqual(checkDmarc("v=DMARC1; p=reject; sp=reject; np=reject; adkim=s; aspf=s; fo=1:d; rua=mailto:dmarc@example.com; ruf=mailto:f@example.com", prod), []);
    });

    it("reads tag names in any case", () => {
      assert.deepEqual(checkDmarc("V=DMARC1; P=Reject; SP=REJECT; ADKIM=S", prod), []);
    });

    it("reads a record without p as p=none with a warning naming both generations", () => {
      const [finding] = checkDmarc("v=DMARC1; rua=mailto:dmarc@example.com", staging);
      assert.equal(finding.severity, "warning");
      assert.equal(finding.message, "DMARC record has no p= tag: RFC 9989 receivers read it as p=none; RFC 7489 receivers require p and apply the record only when rua holds a valid address");
      assert.equal(finding.ref, "RFC 9989 §4.7, §4.10.1; RFC 7489 §6.3");
    });

    it("holds a record without p to the launch gate as p=none in production", () => {
      assert.deepEqual(messages("v=DMARC1; rua=mailto:dmarc@example.com").slice(1), ["DMARC p (missing, so none) only monitors domain mail; the launch gate is quarantine or reject"]);
    });

    it("accepts p after other tags with a warning for RFC 7489 receivers", () => {
      assert.deepEqual(both("v=DMARC1; rua=mailto:dmarc@example.com; p=reject"), [["warning", "DMARC p= is tag 3: RFC 9989 accepts any order after v, but RFC 7489 receivers require p right after v=DMARC1"]]);
    });

    it("rejects a record that does not start with v=DMARC1", () => {
      assert.deepEqual(messages("p=reject; v=DMARC1"), ["DMARC record must start with v=DMARC1", "DMARC p= is tag 1: RFC 9989 accepts any order after v, but RFC 7489 receivers require p right after v=DMARC1"]);
    });

    it("rejects a version other than exactly DMARC1", () => {
      assert.deepEqual(messages("v=dmarc1; p=reject"), ['DMARC version is "dmarc1"; it must be exactly DMARC1 (case-sensitive)']);
    });

    it("rejects p=none in production as below the launch gate", () => {
      const [finding] = checkDmarc("v=DMARC1; p=none", prod);
      assert.equal(finding.message, "DMARC p=none only monitors domain mail; the launch gate is quarantine or reject");
      assert.equal(finding.ref, "RFC 9989 §4.7; launch checklist");
      assert.equal(finding.severity, "error");
    });

    it("only warns about p=none in staging", () => {
      assert.deepEqual(both("v=DMARC1; p=none", staging), [["warning", "DMARC p=none only monitors domain mail; production needs quarantine or reject"]]);
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

    it("rejects psd=x", () => {
      assert.deepEqual(messages("v=DMARC1; p=reject; psd=x"), ["DMARC psd=x is not y, n or u"]);
    });

    it("rejects t=yes", () => {
      assert.deepEqual(messages("v=DMARC1; p=reject; t=yes"), ["DMARC t=yes is not y or n"]);
    });

    it("warns that t=y is read differently by RFC 7489 receivers", () => {
      assert.deepEqual(both("v=DMARC1; p=reject; t=y"), [["warning", "DMARC t=y: RFC 9989 receivers apply one level below p=reject, while RFC 7489 receivers ignore t and apply p=reject in full"]]);
    });

    it("holds p=quarantine with t=y to the launch gate, since RFC 9989 receivers then apply none", () => {
      assert.deepEqual(both("v=DMARC1; p=quarantine; t=y")[0], ["error", "DMARC p=quarantine with t=y asks RFC 9989 receivers to apply none, so it only monitors domain mail; the launch gate is quarantine or reject"]);
    });

    it("rejects adkim=x", () => {
      assert.deepEqual(messages("v=DMARC1; p=reject; adkim=x"), ["DMARC adkim=x is not r (relaxed) or s (strict)"]);
    });

    it("rejects fo=2", () => {
      assert.deepEqual(messages("v=DMARC1; p=reject; fo=2; ruf=mailto:f@example.com"), ['DMARC fo=2 has "2", not one of 0, 1, d, s']);
    });

    it("rejects fo=0:1, whose options exclude each other", () => {
      assert.deepEqual(messages("v=DMARC1; p=reject; fo=0:1; ruf=mailto:f@example.com"), ["DMARC fo=0:1 has both 0 and 1, which exclude each other"]);
    });

    it("warns that fo without ruf is ignored", () => {
      assert.deepEqual(both("v=DMARC1; p=reject; fo=1"), [["warning", "DMARC fo=1 is ignored because there is no ruf="]]);
    });

    it("warns that pct below 100 is read differently by the two generations", () => {
      const [finding] = checkDmarc("v=DMARC1; p=quarantine; pct=25", prod);
      assert.equal(finding.severity, "warning");
      assert.equal(finding.message, "DMARC pct=25 was removed in RFC 9989: RFC 9989 receivers apply p=quarantine to all failing mail, while RFC 7489 receivers apply it to 25%");
      assert.equal(finding.ref, "RFC 9989 Appendix A.6, C.5.2; RFC 7489 §6.3");
    });

    it("warns about the removed ri and rf tags, whatever their value", () => {
      assert.deepEqual(both("v=DMARC1; p=reject; ri=1.5; rf=afrf"), [
        ["warning", "DMARC ri= (the aggregate report interval) was removed in RFC 9989: RFC 9989 receivers ignore it, RFC 7489 receivers still read it"],
        ["warning", "DMARC rf= (the failure report format) was removed in RFC 9989: RFC 9989 receivers ignore it, RFC 7489 receivers still read it"],
      ]);
    });

    it("warns that a !size suffix is obsolete", () => {
      assert.deepEqual(both("v=DMARC1; p=reject; rua=mailto:dmarc@example.com!10m"), [
        ["warning", "DMARC rua destination mailto:dmarc@example.com!10m has a size limit, which is obsolete: RFC 9989 reporters ignore it, RFC 7489 receivers may drop larger reports"],
      ]);
    });

    it("warns about more than 2 rua destinations", () => {
      const [finding] = checkDmarc("v=DMARC1; p=reject; rua=mailto:a@example.com,mailto:b@example.com,mailto:c@example.com", prod);
      assert.equal(finding.message, "DMARC rua= lists 3 addresses; RFC 7489 receivers only have to send to the first 2");
      assert.equal(finding.severity, "warning");
    });

    it("rejects a report destination that is not mailto: as launch policy", () => {
      const [finding] = checkDmarc("v=DMARC1; p=reject; ruf=https://reports.example.com/dmarc", prod);
      assert.equal(finding.message, "DMARC ruf destination https://reports.example.com/dmarc is not a mailto: URI, the only scheme receivers must support");
      assert.equal(finding.ref, "RFC 9989 §4.7; launch checklist");
    });

    it("rejects a mailto: without an address", () => {
      assert.deepEqual(messages("v=DMARC1; p=reject; rua=mailto:dmarc"), ["DMARC rua destination mailto:dmarc is not a valid mailto: address"]);
    });

    it("rejects a tag given twice", () => {
      assert.deepEqual(messages("v=DMARC1; p=reject; p=none"), ["DMARC tag p= appears more than once"]);
    });

    it("warns about an unknown tag", () => {
      assert.deepEqual(both("v=DMARC1; p=reject; pc=100"), [["warning", "DMARC tag pc= is not defined and receivers ignore it"]]);
    });
  });

  describe("checkDmarcRecordSet", () => {
    it("accepts exactly one DMARC record", () => {
      assert.deepEqual(checkDmarcRecordSet(["v=DMARC1; p=reject", "unrelated"]), []);
    });

    it("rejects two DMARC records", () => {
      assert.deepEqual(checkDmarcRecordSet(["v=DMARC1; p=reject", "v=DMARC1; p=none"]).map((f) => f.message), [
        "2 TXT records at _dmarc start with v=DMARC1; receivers discard them all and apply no DMARC policy",
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
      assert.deepEqual(checkDmarc(buildDmarc({ p: "reject", np: "reject", rua: ["dmarc@example.com"], ruf: ["f@example.com"], fo: "1" }), prod), []);
    });
  });

  describe("report authorization", () => {
    it("finds the organizational domain by the tree walk over the plan-time table", () => {
      assert.equal(organizationalDomain("mail.eu.example.com."), "example.com");
    });

    it("keeps three labels under a multi-label public suffix", () => {
      assert.equal(organizationalDomain("mail.example.co.uk"), "example.co.uk");
    });

    it("lets a declared psd=n record make a subdomain its own organizational domain", () => {
      const declared = (name: string) => (name === "eu.example.com" ? ["v=DMARC1; p=reject; psd=n"] : undefined);
      assert.equal(organizationalDomain("mail.eu.example.com", declared), "eu.example.com");
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
      assert.equal(finding.ref, "RFC 9990, Verifying External Destinations");
      assert.equal(finding.fix, 'have the destination\'s owner publish TXT "v=DMARC1" at example.com._report._dmarc.rua.dmarc-vendor.net');
    });

    it("rejects an authorization record that does not start with v=DMARC1", () => {
      assert.equal(checkReportAuthorization(["authorized"]).length, 1);
    });
  });
});
