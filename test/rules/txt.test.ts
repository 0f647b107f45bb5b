import { strict as assert } from "node:assert";
import fc from "fast-check";
import { checkTxtStrings, quoteTxt, txtValue, unquoteTxt } from "../../rules/txt";

describe("rules/txt", () => {
  describe("quoteTxt", () => {
    it("quotes a short value as one string", () => {
      assert.equal(quoteTxt("v=spf1 -all"), '"v=spf1 -all"');
    });

    it("splits a 300-character value into strings of exactly 255 and 45 characters", () => {
      const value = "a".repeat(300);
      assert.equal(quoteTxt(value), `"${"a".repeat(255)}" "${"a".repeat(45)}"`);
    });

    it("keeps a 255-character value as a single string", () => {
      assert.equal(quoteTxt("b".repeat(255)), `"${"b".repeat(255)}"`);
    });

    it("escapes double quotes and backslashes", () => {
      assert.equal(quoteTxt('say "hi" \\o/'), '"say \\"hi\\" \\\\o/"');
    });

    it("counts the 255 limit in unescaped bytes, not escaped characters", () => {
      const quoted = quoteTxt('"'.repeat(256));
      assert.deepEqual(unquoteTxt(quoted).map((s) => s.length), [255, 1]);
    });

    it("never splits a multi-byte UTF-8 character", () => {
      const value = "a".repeat(254) + "é";
      assert.deepEqual(unquoteTxt(quoteTxt(value)), ["a".repeat(254), "é"]);
    });

    it("quotes an empty value as an empty string", () => {
      assert.equal(quoteTxt(""), '""');
    });
  });

  describe("unquoteTxt", () => {
    it("round-trips whatever quoteTxt produced", () => {
      const value = `v=DKIM1; k=rsa; p=${"A".repeat(400)}"\\`;
      assert.equal(unquoteTxt(quoteTxt(value)).join(""), value);
    });

    it("decodes \\DDD decimal escapes", () => {
      assert.deepEqual(unquoteTxt('"a\\059b"'), ["a;b"]);
    });

    it("decodes \\DDD escapes as raw octets, so escaped UTF-8 sequences and plain text combine", () => {
      assert.deepEqual(unquoteTxt('"caf\\195\\169 \\"ok\\"" "n\\o"'), ['café "ok"', "no"]);
    });

    it("never pairs an escaped surrogate with a plain one: each half alone is U+FFFD, as its bytes on the wire would read", () => {
      assert.deepEqual(unquoteTxt('"\uD83D\\\uDE00"'), ["\uFFFD\uFFFD"]);
    });

    it("round-trips any Unicode text through quoteTxt", () => {
      fc.assert(fc.property(fc.string({ unit: "grapheme", maxLength: 600 }), (value) => unquoteTxt(quoteTxt(value)).join("") === value));
    });

    it("returns unquoted content as one string", () => {
      assert.deepEqual(unquoteTxt("v=spf1 -all"), ["v=spf1 -all"]);
    });

    it("joins the strings into the record value with txtValue", () => {
      assert.equal(txtValue('"v=spf1 " "-all"'), "v=spf1 -all");
    });
  });

  describe("checkTxtStrings", () => {
    it("accepts what quoteTxt produced", () => {
      assert.deepEqual(checkTxtStrings(quoteTxt("x".repeat(600))), []);
    });

    it("flags a 300-character quoted string", () => {
      const findings = checkTxtStrings(`"${"a".repeat(300)}"`);
      assert.equal(findings.length, 1);
      assert.equal(findings[0].message, "TXT string 1 is 300 bytes; one string holds at most 255");
      assert.equal(findings[0].ref, "RFC 7208 §3.3; RFC 1035 §3.3.14");
      assert.equal(findings[0].severity, "error");
    });

    it("flags unquoted content as a warning", () => {
      const findings = checkTxtStrings("v=spf1 -all");
      assert.deepEqual(
        findings.map((f) => [f.severity, f.message]),
        [["warning", "TXT content is not quoted, so the DNS host chooses how to split it and previews drift"]],
      );
    });

    it("flags unquoted content over 255 characters as an error too", () => {
      const findings = checkTxtStrings("a".repeat(300));
      assert.deepEqual(findings.map((f) => f.severity), ["error", "warning"]);
    });

    it("flags a string that is never closed", () => {
      const findings = checkTxtStrings('"abc');
      assert.equal(findings[0].message, "TXT content is malformed: a quoted string is never closed");
    });

    it("flags quoted strings that are not separated by whitespace", () => {
      const findings = checkTxtStrings('"a""b"');
      assert.equal(findings[0].message, "TXT content is malformed: quoted strings must be separated by whitespace (offset 3)");
    });
  });
});
