import { strict as assert } from "node:assert";
import { KeyObject, generateKeyPairSync } from "node:crypto";
import { checkDkim, checkDkimCnameTarget, checkDkimSelector, dkimRecordName, parseDkim, rsaKeyBits } from "../../rules/dkim";

const prod = { environment: "prod" as const };
const staging = { environment: "staging" as const };

function spki(key: KeyObject): string {
  return key.export({ type: "spki", format: "der" }).toString("base64");
}

describe("rules/dkim", () => {
  let rsa512: KeyObject;
  let rsa1024: KeyObject;
  let rsa2048: KeyObject;
  let ed25519: KeyObject;

  before(function () {
    this.timeout(20000);
    rsa512 = generateKeyPairSync("rsa", { modulusLength: 512 }).publicKey;
    rsa1024 = generateKeyPairSync("rsa", { modulusLength: 1024 }).publicKey;
    rsa2048 = generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey;
    ed25519 = generateKeyPairSync("ed25519").publicKey;
  });

  const rsaRecord = (key: KeyObject, extra = "") => `v=DKIM1; k=rsa;${extra} p=${spki(key)}`;
  const messages = (text: string, options = prod) => checkDkim(text, options).map((f) => f.message);

  describe("rsaKeyBits", () => {
    it("reads the modulus length of a SubjectPublicKeyInfo", () => {
      assert.equal(rsaKeyBits(spki(rsa2048)), 2048);
    });

    it("reads the modulus length of a bare PKCS#1 RSAPublicKey", () => {
      assert.equal(rsaKeyBits(rsa1024.export({ type: "pkcs1", format: "der" }).toString("base64")), 1024);
    });

    it("returns undefined for bytes that are not an RSA key", () => {
      assert.equal(rsaKeyBits(Buffer.from("not a key").toString("base64")), undefined);
    });
  });

  describe("checkDkim", () => {
    it("accepts a 2048-bit RSA key", () => {
      assert.deepEqual(checkDkim(rsaRecord(rsa2048), prod), []);
    });

    it("rejects a 1024-bit RSA key as below the launch gate", () => {
      const [finding] = checkDkim(rsaRecord(rsa1024), prod);
      assert.equal(finding.message, "DKIM RSA key is 1024 bits; 2048 is the launch gate; 1024 is the RFC floor");
      assert.equal(finding.ref, "RFC 8301 §3.2");
      assert.equal(finding.fix, "rotate to a 2048-bit key");
    });

    it("rejects an RSA key under 1024 bits as below the RFC floor", () => {
      assert.deepEqual(messages(rsaRecord(rsa512)), ["DKIM RSA key is 512 bits; the minimum is 1024"]);
    });

    it("accepts a PKCS#1 key and a key split by whitespace", () => {
      const der = rsa2048.export({ type: "pkcs1", format: "der" }).toString("base64");
      assert.deepEqual(checkDkim(`v=DKIM1; k=rsa; p=${der.slice(0, 100)} ${der.slice(100)}`, prod), []);
    });

    it("accepts a record without v= and k=, which default to DKIM1 and rsa", () => {
      assert.deepEqual(checkDkim(`p=${spki(rsa2048)}`, prod), []);
    });

    it("rejects t=y in production", () => {
      const [finding] = checkDkim(rsaRecord(rsa2048, " t=y;"), prod);
      assert.equal(finding.severity, "error");
      assert.equal(finding.message, "DKIM t=y marks the domain as testing, so verifiers treat signed mail like unsigned mail");
    });

    it("only warns about t=y in staging", () => {
      const findings = checkDkim(rsaRecord(rsa2048, " t=y:s;"), staging);
      assert.deepEqual(findings.map((f) => [f.severity, f.message]), [["warning", "DKIM t=y marks the domain as testing; remove it before production"]]);
    });

    it("accepts a raw 32-byte ed25519 key", () => {
      const raw = ed25519.export({ type: "spki", format: "der" }).subarray(-32).toString("base64");
      assert.deepEqual(checkDkim(`v=DKIM1; k=ed25519; p=${raw}`, prod), []);
    });

    it("rejects an ed25519 key published as SubjectPublicKeyInfo", () => {
      assert.deepEqual(messages(`v=DKIM1; k=ed25519; p=${spki(ed25519)}`), ["DKIM ed25519 p= is 44 bytes; it must be the raw 32-byte public key"]);
    });

    it("rejects an unknown key type", () => {
      assert.deepEqual(messages(`v=DKIM1; k=dsa; p=${spki(rsa2048)}`), ["DKIM k=dsa is not rsa or ed25519"]);
    });

    it("rejects an empty p= when the selector signs mail", () => {
      const [finding] = checkDkim("v=DKIM1; k=rsa; p=", prod);
      assert.equal(finding.message, "DKIM p= is empty, which revokes the key, but mail is signed with this selector");
    });

    it("accepts an empty p= for a selector that no longer signs", () => {
      assert.deepEqual(checkDkim("v=DKIM1; k=rsa; p=", { ...prod, signing: false }), []);
    });

    it("rejects a record without p=", () => {
      assert.deepEqual(messages("v=DKIM1; k=rsa"), ["DKIM record has no p= tag"]);
    });

    it("rejects p= that is not base64", () => {
      assert.deepEqual(messages("v=DKIM1; k=rsa; p=not*base64"), ["DKIM p= is not valid base64"]);
    });

    it("rejects p= that is base64 but not an RSA key", () => {
      assert.deepEqual(messages(`v=DKIM1; k=rsa; p=${Buffer.from("hello world!").toString("base64")}`), ["DKIM p= is not an RSA public key"]);
    });

    it("rejects v= that is not the first tag", () => {
      assert.deepEqual(messages(`k=rsa; v=DKIM1; p=${spki(rsa2048)}`), ["DKIM v=DKIM1 must be the first tag"]);
    });

    it("rejects h= that excludes sha256", () => {
      assert.deepEqual(messages(rsaRecord(rsa2048, " h=sha1;")), ["DKIM h=sha1 does not allow sha256, the only hash verifiers accept"]);
    });

    it("rejects s= that excludes email", () => {
      assert.deepEqual(messages(rsaRecord(rsa2048, " s=other;")), ["DKIM s=other excludes email, so verifiers ignore the key"]);
    });
  });

  describe("parseDkim", () => {
    it("reads the key type, flags and whitespace-free key", () => {
      const record = parseDkim("v=DKIM1; k=ED25519; t=y:s; p=ab cd\r\n ef");
      assert.deepEqual([record.keyType, record.flags, record.publicKey], ["ed25519", ["y", "s"], "abcdef"]);
    });
  });

  describe("names", () => {
    it("builds <selector>._domainkey.<domain>", () => {
      assert.equal(dkimRecordName("google", "example.com"), "google._domainkey.example.com");
    });

    it("accepts dotted selectors of letters, digits and hyphens", () => {
      assert.deepEqual(checkDkimSelector("s2026-01.eu"), []);
    });

    it("rejects a selector with an underscore", () => {
      assert.deepEqual(checkDkimSelector("my_selector").map((f) => f.message), ['DKIM selector "my_selector" is not a valid selector']);
    });

    it("accepts a Microsoft 365 style CNAME target under _domainkey", () => {
      assert.deepEqual(checkDkimCnameTarget("selector1-example-com._domainkey.example.onmicrosoft.com."), []);
    });

    it("accepts an Amazon SES style CNAME target", () => {
      assert.deepEqual(checkDkimCnameTarget("abcdefghijklmnop.dkim.amazonses.com"), []);
    });

    it("rejects a CNAME target that is a URL", () => {
      assert.deepEqual(checkDkimCnameTarget("https://dkim.example.com").map((f) => f.message), ['DKIM CNAME target "https://dkim.example.com" is not a DNS hostname']);
    });

    it("rejects a CNAME target that is an IP address", () => {
      assert.equal(checkDkimCnameTarget("192.0.2.1").length, 1);
    });
  });
});
