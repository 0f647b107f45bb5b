import { strict as assert } from "node:assert";
import { checkParkedDomain, nullMailRecords } from "../../rules/parked-domain";

const complete = () => {
  const records = nullMailRecords();
  return { txt: [records.spf], mx: [records.mx], dmarc: [records.dmarc] };
};

describe("rules/parked-domain", () => {
  it("builds v=spf1 -all, the null MX 0 . and DMARC p=reject", () => {
    assert.deepEqual(nullMailRecords({ rua: ["dmarc@example.com"] }), {
      spf: "v=spf1 -all",
      mx: { priority: 0, exchange: "." },
      dmarc: "v=DMARC1; p=reject; sp=reject; np=reject; adkim=s; aspf=s; rua=mailto:dmarc@example.com",
    });
  });

  it("accepts the complete null-mail set", () => {
    assert.deepEqual(checkParkedDomain(complete()), []);
  });

  it("accepts the null MX as node's resolveMx returns it, with an empty exchange", () => {
    assert.deepEqual(checkParkedDomain({ ...complete(), mx: [{ priority: 0, exchange: "" }] }), []);
  });

  it("says every record is missing for a bare domain", () => {
    assert.deepEqual(checkParkedDomain({ txt: [], mx: [], dmarc: [] }).map((f) => f.message), [
      "no TXT record at the name starts with v=spf1",
      "a domain that receives no mail must publish the null MX 0 .",
      "no TXT record at _dmarc starts with v=DMARC1",
    ]);
  });

  it("rejects an SPF record that authorizes senders", () => {
    assert.deepEqual(checkParkedDomain({ ...complete(), txt: ["v=spf1 include:_spf.google.com -all"] }).map((f) => f.message), [
      'a domain that sends no mail must publish exactly "v=spf1 -all"; it publishes "v=spf1 include:_spf.google.com -all"',
    ]);
  });

  it("rejects MX hosts instead of the null MX", () => {
    const findings = checkParkedDomain({ ...complete(), mx: [{ priority: 10, exchange: "mx.example.com." }] });
    assert.deepEqual(findings.map((f) => [f.ref, f.message]), [["RFC 7505 §3", "a domain that receives no mail publishes MX hosts (mx.example.com) instead of the null MX"]]);
  });

  it("rejects a null MX published next to another MX", () => {
    const findings = checkParkedDomain({ ...complete(), mx: [{ priority: 0, exchange: "." }, { priority: 10, exchange: "mx.example.com" }] });
    assert.deepEqual(findings.map((f) => f.message), ["the null MX must be the only MX, but mx.example.com is also published"]);
  });

  it("rejects a null MX with a preference other than 0", () => {
    assert.deepEqual(checkParkedDomain({ ...complete(), mx: [{ priority: 10, exchange: "." }] }).map((f) => f.message), ["the null MX must have preference 0"]);
  });

  it("rejects DMARC p=quarantine", () => {
    assert.deepEqual(checkParkedDomain({ ...complete(), dmarc: ["v=DMARC1; p=quarantine"] }).map((f) => f.message), [
      "a domain that sends no mail needs DMARC p=reject; it publishes p=quarantine",
    ]);
  });

  it("rejects DMARC sp=none under p=reject", () => {
    assert.deepEqual(checkParkedDomain({ ...complete(), dmarc: ["v=DMARC1; p=reject; sp=none"] }).map((f) => f.message), [
      "a domain that sends no mail needs DMARC sp=reject or no sp; it publishes sp=none",
    ]);
  });
});
