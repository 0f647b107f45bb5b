import { strict as assert } from "node:assert";
import { parseStackConfig } from "../../gate/load";
import { expectationsFor } from "../../verifier/expectations";
import { shippedConfig } from "../support/harness";

const q = "?probe=launch-stack";

describe("verifier expectations derived from the stack config", () => {
  const prod = expectationsFor(parseStackConfig(shippedConfig("prod")));

  it("lists every web hostname of every zone, served, alias and legacy, and the MTA-STS host", () => {
    assert.deepEqual(prod.hostnames.map((h) => `${h.name}: ${h.declared}`), [
      "example.com: A, proxied", "admin.example.com: A, proxied", "api.example.com: A, proxied", "app.example.com: A, proxied", "status.example.com: A, proxied",
      "www.example.com: AAAA, proxied", "portal.example.com: AAAA, proxied", "example.net: AAAA, proxied", "www.example.net: AAAA, proxied",
      "mta-sts.example.com: MTA-STS Worker custom domain",
    ]);
  });

  it("groups the declared mail and verification records by name and type, as model/email.ts declares them", () => {
    const sets = Object.fromEntries(prod.mailRecords.map((r) => [`${r.type} ${r.name}`, r.values]));
    assert.deepEqual(Object.keys(sets), [
      "MX example.com", "MX mail.example.com", "TXT example.com", "TXT mail.example.com", "TXT google._domainkey.example.com",
      "CNAME 38os8cj27721hbtfvjuljgleu7uqvoc3._domainkey.example.com", "CNAME fzs4zm5aud4l022m6m6aeccwai0fvsbp._domainkey.example.com", "CNAME h86ogg8epzhzp0wm5w0uuzupnt68a1xu._domainkey.example.com",
      "TXT _dmarc.example.com", "TXT _mta-sts.example.com", "TXT _smtp._tls.example.com", "TXT example.net._report._dmarc.example.com",
      "MX example.net", "TXT example.net", "TXT _dmarc.example.net",
    ]);
    assert.deepEqual(sets["MX example.com"], ["1 smtp.google.com"]);
    assert.deepEqual(sets["MX example.net"], ["0 ."]);
    assert.deepEqual(sets["TXT example.com"], ["v=spf1 include:_spf.google.com -all", "google-site-verification=ow-TTVpXN4dLGS1P6qXtmEQRMha5ORrINtUZW-2pp3w"]);
    assert.deepEqual(sets["CNAME 38os8cj27721hbtfvjuljgleu7uqvoc3._domainkey.example.com"], ["38os8cj27721hbtfvjuljgleu7uqvoc3.dkim.amazonses.com"]);
  });

  it("declares the CAA entries the web-records component publishes", () => {
    assert.deepEqual(prod.zones.map((z) => [z.domain, z.caa.length, z.caa.find((c) => c.tag === "iodef")?.value]), [["example.com", 9, "mailto:security@example.com"], ["example.net", 8, undefined]]);
  });

  it("expects http:// of each served host, each alias, each legacy host and each legacy path to reach its canonical URL, query kept", () => {
    assert.deepEqual(prod.redirects.map((r) => [r.requested, r.expected]), [
      ...["example.com", "admin.example.com", "api.example.com", "app.example.com", "status.example.com"].map((h) => [`http://${h}/launch-verify${q}`, `https://${h}/launch-verify${q}`]),
      [`https://example.com/login.php${q}`, `https://app.example.com/login${q}`],
      [`https://www.example.com/login.php${q}`, `https://app.example.com/login${q}`],
      [`https://example.com/client-area${q}`, `https://app.example.com/dashboard${q}`],
      [`https://www.example.com/client-area${q}`, `https://app.example.com/dashboard${q}`],
      [`https://www.example.com/launch-verify${q}`, `https://example.com/launch-verify${q}`],
      [`https://portal.example.com/launch-verify${q}`, `https://app.example.com/launch-verify${q}`],
      [`https://example.net/launch-verify${q}`, `https://example.com/launch-verify${q}`],
      [`https://www.example.net/launch-verify${q}`, `https://example.com/launch-verify${q}`],
    ]);
  });

  it("lets a redirect landing on an authenticated host end in a login redirect", () => {
    assert.deepEqual(prod.redirects.filter((r) => r.finalRequiresLogin).map((r) => new URL(r.expected).hostname).filter((h, i, a) => a.indexOf(h) === i), ["admin.example.com", "api.example.com", "app.example.com"]);
  });

  it("expects the declared HSTS on every served host", () => {
    assert.deepEqual(prod.headers.map((h) => h.url), ["https://example.com/", "https://admin.example.com/", "https://api.example.com/", "https://app.example.com/", "https://status.example.com/"]);
    assert.deepEqual(prod.headers[0].hsts, { enabled: true, maxAge: 31536000, includeSubdomains: true, preload: false });
  });

  it("probes the app's private paths anonymously and its authenticated endpoints with untrusted Origins a loose check would grant", () => {
    assert.deepEqual(prod.access, {
      privateUrls: ["https://app.example.com/dashboard", "https://app.example.com/account", "https://app.example.com/settings", "https://app.example.com/billing"],
      loginPath: "/login",
      corsUrls: ["https://admin.example.com/", "https://api.example.com/", "https://app.example.com/", "https://app.example.com/api/"],
      untrustedOrigins: [
        "https://untrusted-origin.invalid",
        "null",
        "https://example.com.untrusted-origin.invalid",
        "https://untrustedexample.com",
        "https://example.net.untrusted-origin.invalid",
        "https://untrustedexample.net",
        "http://example.com",
        "http://app.example.com",
      ],
    });
  });

  it("times the homepage, login and health endpoint against 500 ms, and scans the homepage and login page", () => {
    const { alarmedBy, ...latency } = prod.latency;
    assert.deepEqual(latency, { urls: ["https://example.com/", "https://app.example.com/login", "https://app.example.com/api/health"], samples: 5, budgetMs: 500 });
    assert.deepEqual(alarmedBy.map((w) => w.watchedBy), ["canary ls-prod-api-health", "canary ls-prod-homepage", "canary ls-prod-login"]);
    assert.deepEqual(prod.secrets, {
      pages: ["https://example.com/", "https://app.example.com/login"],
      // The login page as the legacy /login.php redirects land on it: one request for both rows.
      fetchAs: { "https://example.com/": "https://example.com/", "https://app.example.com/login": "https://app.example.com/login?probe=launch-stack" },
      firstPartyDomains: ["example.com", "example.net"], secretNames: ["DATABASE_URL", "JWT_SIGNING_KEY", "SESSION_SECRET", "STRIPE_SECRET_KEY"] });
  });

  it("expects SPF on every sending name, DMARC as declared, each DKIM key, MTA-STS and TLS-RPT on the portal's zone", () => {
    const [com] = prod.email;
    assert.deepEqual({ ...com, mtaSts: com.mtaSts && { url: com.mtaSts.url, policy: com.mtaSts.policy } }, {
      domain: "example.com",
      sendsMail: true,
      spfNames: ["example.com", "mail.example.com"],
      dmarcPolicy: "quarantine",
      dkim: [
        { name: "google._domainkey.example.com", selector: "google" },
        { name: "38os8cj27721hbtfvjuljgleu7uqvoc3._domainkey.example.com", selector: "38os8cj27721hbtfvjuljgleu7uqvoc3" },
        { name: "fzs4zm5aud4l022m6m6aeccwai0fvsbp._domainkey.example.com", selector: "fzs4zm5aud4l022m6m6aeccwai0fvsbp" },
        { name: "h86ogg8epzhzp0wm5w0uuzupnt68a1xu._domainkey.example.com", selector: "h86ogg8epzhzp0wm5w0uuzupnt68a1xu" },
      ],
      mtaSts: { url: "https://mta-sts.example.com/.well-known/mta-sts.txt", policy: "version: STSv1\r\nmode: testing\r\nmx: smtp.google.com\r\nmax_age: 604800\r\n" },
      tlsRpt: true,
    });
  });

  it("expects the null-mail set and DMARC p=reject on the redirect-only zone", () => {
    assert.deepEqual(prod.email[1], { domain: "example.net", sendsMail: false, spfNames: [], dmarcPolicy: "reject", dkim: [], mtaSts: undefined, tlsRpt: false });
  });
});
