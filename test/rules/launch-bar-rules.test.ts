import { strict as assert } from "node:assert";
import { checkAuthenticatedHost, checkCachedPrefixes } from "../../rules/edge-cache";
import { checkMailDestination, ruaAddresses } from "../../rules/mail-destinations";
import { checkMtaStsMode } from "../../rules/mta-sts-mode";
import { checkSpf, parseSpf } from "../../rules/spf";
import { checkSpfNetworkWidths } from "../../rules/spf-networks";

describe("rules: launch-bar classes", () => {
  describe("spf-networks", () => {
    it("accepts ip4 up to /16 and ip6 up to /32", () => {
      assert.deepEqual(checkSpfNetworkWidths(parseSpf("v=spf1 ip4:198.51.0.0/16 ip6:2001:db8::/32 a/24 -all")), []);
    });

    it("refuses wider networks, whichever mechanism carries them", () => {
      const found = checkSpfNetworkWidths(parseSpf("v=spf1 ip4:0.0.0.0/0 ip6:::/8 mx//16 -all"));
      assert.deepEqual(found.map((f) => f.message.split('"')[1]), ["ip4:0.0.0.0/0", "ip6:::/8", "mx//16"]);
    });

    it("leaves a failing term alone", () => {
      assert.deepEqual(checkSpfNetworkWidths(parseSpf("v=spf1 -ip4:0.0.0.0/0 -all")), []);
    });

    it("is part of checkSpf, which the pack and the verifier call", () => {
      assert.ok(checkSpf("v=spf1 ip4:10.0.0.0/8 -all").some((f) => f.message.includes("ip4:10.0.0.0/8")));
    });
  });

  describe("mail-destinations", () => {
    it("refuses an address on a null-MX domain and accepts any other", () => {
      assert.equal(checkMailDestination("mailto:a@example.net", "DMARC report address", new Set(["example.net"])).length, 1);
      assert.deepEqual(checkMailDestination("a@example.com", "alert mailbox", new Set(["example.net"])), []);
    });

    it("reads the mailto addresses of a rua tag", () => {
      assert.deepEqual(ruaAddresses("v=DMARC1; p=reject; rua=mailto:a@x.test!10m, mailto:b@y.test"), ["a@x.test", "b@y.test"]);
    });
  });

  describe("mta-sts-mode", () => {
    const policy = (mode: string, maxAge: number) => `version: STSv1\r\nmode: ${mode}\r\nmax_age: ${maxAge}\r\n`;

    it("refuses mode none in prod with the RFC 8461 §8.3 retirement path as the fix", () => {
      const [f] = checkMtaStsMode(policy("none", 604800), "prod");
      assert.equal(f.severity, "error");
      assert.match(f.fix!, /serve mode: none with max_age: 86400/);
    });

    it("warns on the retirement step itself (mode none, max_age of a day)", () => {
      assert.equal(checkMtaStsMode(policy("none", 86400), "prod")[0].severity, "warning");
    });

    it("allows mode none in staging", () => {
      assert.deepEqual(checkMtaStsMode(policy("none", 604800), "staging"), []);
    });
  });

  describe("edge-cache", () => {
    it("names the cached prefix and every private path it overlaps", () => {
      const [hit] = checkCachedPrefixes(["/assets/", "/"], [{ path: "/account", what: "private page" }, { path: "/api/", what: "API route" }]);
      assert.equal(hit.index, 1);
      assert.match(hit.finding.message, /overlaps private page \/account, API route \/api\//);
    });

    it("requires the app and API hosts to be authenticated", () => {
      assert.equal(checkAuthenticatedHost("app.example.com", "app", false).length, 1);
      assert.deepEqual(checkAuthenticatedHost("app.example.com", "app", true), []);
    });
  });
});
