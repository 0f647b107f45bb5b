import { strict as assert } from "node:assert";
import { checkAnonymousResponse, checkCorsResponse } from "../../rules/access";
import { checkCertificate, checkProtocolSupport } from "../../rules/certificate";
import { checkNameservers, checkProxiedAnswers, isCloudflareAddress } from "../../rules/cloudflare-edge";
import { checkExposedSecrets, findExposedSecrets } from "../../rules/exposed-secrets";
import { checkP95, percentile } from "../../rules/latency";

const messages = (fs: { message: string }[]) => fs.map((f) => f.message);

describe("rules used by the live verifier", () => {
  describe("exposed secrets", () => {
    const PEM_BODY = "MIIEowIBAAKCAQEA5QQG0spDtLWOoJch0/1L7ur7nW9wK4YQ2Z2B5kOYJSUl2643DrAANPBAxzPn2YIo3ADnZz8UqdUoG8aNR91M7fFIBmvIlWqV1bsPa953OOqkHPnK04W";
    const cases: [string, string, string][] = [
      ["aws access key id (secretlint aws)", 'const id = "AKIAZ3XQ7R2MPL8VN4TW";', "AKIA… (20 characters)"],
      ["Stripe secret key", 'stripe("sk_live_4eC39HqLyjWDarjtT1zdp7dc")', "sk_l… (32 characters)"],
      ["private key (secretlint privatekey)", `-----BEGIN RSA PRIVATE KEY-----\n${PEM_BODY}\n-----END RSA PRIVATE KEY-----`, "----… (193 characters)"],
      ["slack token (secretlint slack)", 'token: "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx"', "xoxb… (56 characters)"],
      ["incoming webhook (secretlint slack)", "post('https://hooks.slack.com/services/T0123ABCD/B0123ABCD/abcdEFGHijklMNOPqrstUVWX')", "http… (77 characters)"],
      ["github token (secretlint github)", "ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789", "ghp_… (40 characters)"],
      ["gitlab personal access token (secretlint gitlab)", 'const t = "glpat-xY3kLm9PqR2sT5vW8zA1";', "glpa… (26 characters)"],
      ["value assigned to api_key", 'config.api_key = "live-7f3a9c2e1b"', "live… (15 characters)"],
    ];
    for (const [name, text, masked] of cases) {
      it(`finds a ${name} and reports it masked`, () => {
        assert.deepEqual(findExposedSecrets(`// bundle\n${text}`), [{ pattern: name, line: 2, masked }]);
      });
    }

    it("ignores AWS's documented example key, browser-publishable keys and short placeholder values", () => {
      assert.deepEqual(findExposedSecrets('const id = "AKIAIOSFODNN7EXAMPLE";'), []);
      assert.deepEqual(findExposedSecrets('Stripe("pk_live_51FixturePublishableKeyOnly0000"); const cfg = { api_key: "" , secret: "xxx" };'), []);
      assert.deepEqual(findExposedSecrets('initializeApp({ apiKey: "AIzaSyFixtureBrowserKey000000000000000", stripeKey: "pk_live_51Fixture0000" })'), []);
    });

    it("names the file, the line and the fix without repeating the key", () => {
      assert.deepEqual(checkExposedSecrets("https://example.com/app.js", 'x="AKIAZ3XQ7R2MPL8VN4TW"'), [{
        message: "aws access key id (secretlint aws) in https://example.com/app.js line 1: AKIA… (20 characters)",
        ref: "launch checklist: secrets",
        fix: "rotate it now (it is public), remove it from the bundle and call the API from the server with the key from the secret manager",
      }]);
    });
  });

  describe("Cloudflare edge", () => {
    it("knows Cloudflare's published IPv4 and IPv6 ranges", () => {
      assert.deepEqual(["104.16.0.1", "172.67.1.1", "2606:4700::6812:1", "203.0.113.10", "2001:db8::1", "not-an-ip"].map(isCloudflareAddress), [true, true, true, false, false, false]);
    });

    it("reports a visible CNAME, a missing answer and an origin address", () => {
      assert.deepEqual(messages(checkProxiedAnswers("app.example.com", [], "origin.example.org")), [
        "app.example.com answers CNAME origin.example.org, so it is not proxied",
        "app.example.com has no A or AAAA answer",
      ]);
      assert.deepEqual(messages(checkProxiedAnswers("app.example.com", ["104.16.0.1", "203.0.113.20"])), [
        "app.example.com answers 203.0.113.20, outside Cloudflare's edge ranges, so traffic bypasses the proxy and the origin address is public",
      ]);
    });

    it("requires every nameserver to be Cloudflare's", () => {
      assert.deepEqual(checkNameservers("example.com", ["ada.ns.cloudflare.com", "bob.ns.cloudflare.com."]), []);
      assert.deepEqual(messages(checkNameservers("example.com", ["ada.ns.cloudflare.com", "ns1.registrar.example"])), ["example.com is delegated to ns1.registrar.example, not only to Cloudflare"]);
      assert.deepEqual(messages(checkNameservers("example.com", [])), ["example.com has no NS records"]);
    });
  });

  describe("access from outside", () => {
    const url = "https://app.example.com/billing";
    it("accepts 401, 403 and a redirect to the login route or an identity provider", () => {
      assert.deepEqual([401, 403].flatMap((s) => checkAnonymousResponse(url, s, undefined, "/login")), []);
      assert.deepEqual(checkAnonymousResponse(url, 302, "/login?next=%2Fbilling", "/login"), []);
      assert.deepEqual(checkAnonymousResponse(url, 302, "https://id.example.org/oauth2/authorize?client_id=portal", "/login"), []);
    });

    it("rejects a page served to an anonymous request and a redirect somewhere else", () => {
      assert.deepEqual(messages(checkAnonymousResponse(url, 200, undefined, "/login")), ["https://app.example.com/billing answered 200 to an anonymous request"]);
      assert.deepEqual(messages(checkAnonymousResponse(url, 302, "/", "/login")), ["https://app.example.com/billing redirects an anonymous request to https://app.example.com/, not to a login page"]);
    });

    it("rejects a reflected origin, * with credentials and null, and accepts a trusted origin or *", () => {
      const evil = "https://untrusted-origin.invalid";
      assert.deepEqual(messages(checkCorsResponse("GET /", evil, { "access-control-allow-origin": evil })), ["GET / reflects the untrusted Origin https://untrusted-origin.invalid in Access-Control-Allow-Origin"]);
      assert.deepEqual(messages(checkCorsResponse("GET /", evil, { "access-control-allow-origin": "*", "access-control-allow-credentials": "true" })), ["GET / answers Access-Control-Allow-Origin: * with Access-Control-Allow-Credentials: true"]);
      assert.equal(checkCorsResponse("GET /", evil, { "access-control-allow-origin": "null" }).length, 1);
      assert.deepEqual(checkCorsResponse("GET /", evil, { "access-control-allow-origin": "https://example.com", "access-control-allow-credentials": "true" }), []);
      assert.deepEqual(checkCorsResponse("GET /", evil, { "access-control-allow-origin": "*" }), []);
    });
  });

  describe("latency", () => {
    it("takes the nearest-rank percentile", () => {
      assert.equal(percentile([120, 80, 100, 90, 600], 95), 600);
      assert.equal(percentile([120, 80, 100, 90, 600], 50), 100);
    });

    it("fails a p95 at or over the 500 ms alarm threshold", () => {
      assert.deepEqual(checkP95("https://app.example.com/api/health", [100, 499]), []);
      assert.deepEqual(messages(checkP95("https://app.example.com/api/health", [100, 500])), ["https://app.example.com/api/health p95 is 500 ms over 2 requests; the budget is 500 ms"]);
    });
  });

  describe("certificates and protocol versions", () => {
    const validTo = new Date("2031-01-31T00:00:00Z");
    it("reports an expired, an untrusted, a wrong-name and an expiring certificate", () => {
      assert.deepEqual(messages(checkCertificate("a.example.com", { trusted: false, trustError: "CERT_HAS_EXPIRED", daysLeft: -3, validTo })), ["a.example.com's certificate expired on 2031-01-31"]);
      assert.deepEqual(messages(checkCertificate("a.example.com", { trusted: false, trustError: "DEPTH_ZERO_SELF_SIGNED_CERT", daysLeft: 80, validTo })), ["a.example.com's certificate is not trusted (DEPTH_ZERO_SELF_SIGNED_CERT)"]);
      assert.deepEqual(messages(checkCertificate("a.example.com", { trusted: true, nameError: "Host: a.example.com. is not in the cert's altnames", daysLeft: 80, validTo })), ["a.example.com's certificate does not cover the name: Host: a.example.com. is not in the cert's altnames"]);
      assert.deepEqual(messages(checkCertificate("a.example.com", { trusted: true, daysLeft: 20, validTo })), ["a.example.com's certificate expires in 20 days (on 2031-01-31)"]);
      assert.deepEqual(checkCertificate("a.example.com", { trusted: true, daysLeft: 21, validTo }), []);
    });

    it("warns, rather than passing, when this client cannot offer an old version", () => {
      const findings = checkProtocolSupport("a.example.com", [
        { version: "TLSv1", result: "client-cannot-offer", reason: "no protocols available" },
        { version: "TLSv1.1", result: "refused" },
        { version: "TLSv1.2", result: "accepted" },
        { version: "TLSv1.3", result: "refused", reason: "ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION" },
      ]);
      assert.deepEqual(findings.map((f) => [f.message, f.severity ?? "error"]), [
        ["TLSv1 on a.example.com was not tested: this client cannot offer it (no protocols available)", "warning"],
        ["a.example.com refuses TLSv1.3 (ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION)", "error"],
      ]);
    });
  });
});
