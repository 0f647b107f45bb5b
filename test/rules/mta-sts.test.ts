import { strict as assert } from "node:assert";
import {
  buildMtaStsPolicy,
  buildMtaStsTxt,
  checkMtaStsPolicy,
  checkMtaStsTxt,
  mtaStsId,
  mtaStsPolicyUrl,
  mxPatternMatches,
  parseMtaStsPolicy,
} from "../../rules/mta-sts";

const policy = (body: string) => body.replace(/\n/g, "\r\n");
const messages = (text: string, mx: string[]) => checkMtaStsPolicy(text, mx).map((f) => f.message);

describe("rules/mta-sts", () => {
  describe("buildMtaStsPolicy", () => {
    it("writes version, mode, one mx line per pattern and max_age, each ending in CRLF", () => {
      assert.equal(
        buildMtaStsPolicy({ mode: "testing", mx: ["smtp.google.com", "*.mail.example.net"], maxAge: 604800 }),
        "version: STSv1\r\nmode: testing\r\nmx: smtp.google.com\r\nmx: *.mail.example.net\r\nmax_age: 604800\r\n",
      );
    });

    it("builds a policy that passes its own check", () => {
      const text = buildMtaStsPolicy({ mode: "enforce", mx: ["smtp.google.com"], maxAge: 1209600 });
      assert.deepEqual(checkMtaStsPolicy(text, ["smtp.google.com."]), []);
    });

    it("serves at https://mta-sts.<domain>/.well-known/mta-sts.txt", () => {
      assert.equal(mtaStsPolicyUrl("example.com"), "https://mta-sts.example.com/.well-known/mta-sts.txt");
    });
  });

  describe("parseMtaStsPolicy", () => {
    it("reads LF and CRLF line endings alike", () => {
      const parsed = parseMtaStsPolicy("version: STSv1\nmode: enforce\r\nmx: a.example.com\nmx: b.example.com\nmax_age: 86400");
      assert.deepEqual([parsed.version, parsed.mode, parsed.mx, parsed.maxAge], ["STSv1", "enforce", ["a.example.com", "b.example.com"], "86400"]);
    });
  });

  describe("mxPatternMatches", () => {
    it("matches a wildcard against exactly one leftmost label", () => {
      assert.equal(mxPatternMatches("*.example.net", "mx1.example.net"), true);
    });

    it("does not match a wildcard against the bare domain", () => {
      assert.equal(mxPatternMatches("*.example.net", "example.net"), false);
    });

    it("does not match a wildcard against two labels", () => {
      assert.equal(mxPatternMatches("*.example.net", "a.mx1.example.net"), false);
    });

    it("compares hostnames case-insensitively and ignores a trailing dot", () => {
      assert.equal(mxPatternMatches("MX1.example.net", "mx1.example.net."), true);
    });
  });

  describe("checkMtaStsPolicy", () => {
    it("rejects a policy whose mx lines miss an MX host", () => {
      const [finding] = checkMtaStsPolicy(policy("version: STSv1\nmode: enforce\nmx: mx1.example.com\nmax_age: 604800\n"), ["mx1.example.com", "mx2.example.com"]);
      assert.equal(finding.message, "MX host mx2.example.com matches no mx: pattern in the MTA-STS policy");
      assert.equal(finding.ref, "RFC 8461 §4.1");
      assert.equal(finding.fix, 'add "mx: mx2.example.com" to the policy');
    });

    it("accepts MX hosts covered by a wildcard", () => {
      assert.deepEqual(messages(policy("version: STSv1\nmode: testing\nmx: *.mail.protection.outlook.com\nmax_age: 604800\n"), ["example-com.mail.protection.outlook.com"]), []);
    });

    it("rejects a max_age over one year", () => {
      const [finding] = checkMtaStsPolicy(policy("version: STSv1\nmode: enforce\nmx: mx.example.com\nmax_age: 31557601\n"), []);
      assert.equal(finding.message, "MTA-STS max_age is 31557601 seconds; the maximum is 31557600");
      assert.equal(finding.severity, "error");
    });

    it("warns about a max_age under a day", () => {
      const findings = checkMtaStsPolicy(policy("version: STSv1\nmode: testing\nmx: mx.example.com\nmax_age: 3600\n"), []);
      assert.deepEqual(findings.map((f) => [f.severity, f.message]), [["warning", "MTA-STS max_age is 3600 seconds; less than a day gives little protection between fetches"]]);
    });

    it("rejects a max_age that is not a whole number", () => {
      assert.deepEqual(messages(policy("version: STSv1\nmode: testing\nmx: mx.example.com\nmax_age: 1w\n"), []), ['MTA-STS max_age "1w" is not a whole number of seconds']);
    });

    it("rejects a wrong version", () => {
      assert.deepEqual(messages("version: STSv2\nmode: testing\nmx: mx.example.com\nmax_age: 86400\n", []), ['MTA-STS policy version is "STSv2"; it must be STSv1']);
    });

    it("rejects an unknown mode, as field values are case-sensitive", () => {
      assert.deepEqual(messages("version: STSv1\nmode: Enforce\nmx: mx.example.com\nmax_age: 86400\n", []), ['MTA-STS mode "Enforce" is not testing, enforce or none']);
    });

    it("rejects a testing or enforce policy with no mx line", () => {
      assert.deepEqual(messages("version: STSv1\nmode: enforce\nmax_age: 86400\n", []), ["MTA-STS policy has no mx: line, so no MX host can match"]);
    });

    it("accepts mode none without mx lines", () => {
      assert.deepEqual(messages("version: STSv1\nmode: none\nmax_age: 86400\n", ["mx.example.com"]), []);
    });

    it("rejects an mx pattern that is not a hostname", () => {
      assert.deepEqual(messages("version: STSv1\nmode: testing\nmx: mx.example.com:25\nmax_age: 86400\n", []), ['MTA-STS mx pattern "mx.example.com:25" is not a hostname or *.<domain> wildcard']);
    });

    it("rejects a field given twice", () => {
      assert.deepEqual(messages("version: STSv1\nmode: testing\nmode: enforce\nmx: mx.example.com\nmax_age: 86400\n", []), ["MTA-STS policy has mode: more than once"]);
    });

    it("rejects a line that is not name: value", () => {
      assert.deepEqual(messages("version: STSv1\nmode testing\nmx: mx.example.com\nmax_age: 86400\n", []), [
        'MTA-STS policy line 2 is not "name: value": "mode testing"',
        "MTA-STS policy has no mode: line",
      ]);
    });
  });

  describe("mtaStsId", () => {
    it("is the first 20 hex characters of the body's SHA-256, so the same policy always gets the same id", () => {
      const text = buildMtaStsPolicy({ mode: "testing", mx: ["smtp.google.com"], maxAge: 604800 });
      assert.equal(mtaStsId(text), "eee5f70e9930fff7c001");
    });

    it("changes when the policy changes", () => {
      const testing = buildMtaStsPolicy({ mode: "testing", mx: ["smtp.google.com"], maxAge: 604800 });
      const enforce = buildMtaStsPolicy({ mode: "enforce", mx: ["smtp.google.com"], maxAge: 604800 });
      assert.notEqual(mtaStsId(testing), mtaStsId(enforce));
    });
  });

  describe("_mta-sts TXT", () => {
    it("builds v=STSv1; id=<id>", () => {
      assert.equal(buildMtaStsTxt("20261122abc"), "v=STSv1; id=20261122abc");
    });

    it("accepts exactly one well-formed record among others", () => {
      assert.deepEqual(checkMtaStsTxt(["unrelated", buildMtaStsTxt("abc123")]), []);
    });

    it("rejects two records", () => {
      assert.deepEqual(checkMtaStsTxt(["v=STSv1; id=a", "v=STSv1; id=b"]).map((f) => f.message), [
        "2 TXT records at _mta-sts start with v=STSv1; senders then assume there is no policy",
      ]);
    });

    it("rejects a missing record", () => {
      assert.deepEqual(checkMtaStsTxt([]).map((f) => f.message), ["no TXT record at _mta-sts starts with v=STSv1"]);
    });

    it("rejects an id longer than 32 characters", () => {
      assert.deepEqual(checkMtaStsTxt([`v=STSv1; id=${"a".repeat(33)}`]).map((f) => f.message), [`MTA-STS id "${"a".repeat(33)}" is not 1-32 letters and digits`]);
    });

    it("rejects an id with punctuation", () => {
      assert.equal(checkMtaStsTxt(["v=STSv1; id=2026-11-22"]).length, 1);
    });

    it("rejects a record without an id", () => {
      assert.deepEqual(checkMtaStsTxt(["v=STSv1;"]).map((f) => f.message), ["MTA-STS TXT record has no id="]);
    });
  });
});
