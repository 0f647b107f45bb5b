import { strict as assert } from "node:assert";
import { checkCaa } from "../../rules/caa";
import { checkMitigationTimeout, checkRateLimitExpression, checkRateLimitPeriod, checkRuleCount } from "../../rules/cloudflare-plan";
import { checkRecordProxying, roleOf } from "../../rules/dns-records";
import { equalsAny, fieldsOf, literal, literalsOf, usesRegex } from "../../rules/expression";
import { fqdn, isHostname, originRecordType, zoneOf } from "../../rules/hostnames";
import { checkSecurityHeaders } from "../../rules/security-headers";
import { checkHsts, checkMinTlsVersion, checkSslMode, checkTls13, parseHstsHeader } from "../../rules/tls";

describe("rules/tls", () => {
  it("accepts only Full (strict) SSL", () => {
    assert.deepEqual(checkSslMode("strict"), []);
    assert.equal(checkSslMode("flexible")[0].message, 'SSL mode is "flexible", not "strict" (Full (strict))');
  });

  it("accepts TLS 1.2 and 1.3 as the minimum, nothing older", () => {
    assert.deepEqual([checkMinTlsVersion("1.2"), checkMinTlsVersion("1.3")], [[], []]);
    assert.equal(checkMinTlsVersion("1.1").length, 1);
  });

  it("requires TLS 1.3 on (0-RTT counts as on)", () => {
    assert.deepEqual(checkTls13("zrt"), []);
    assert.equal(checkTls13("off")[0].fix, 'set tls_1_3 to "on"');
  });

  it("requires a year of HSTS in prod but not in staging", () => {
    const hsts = { enabled: true, maxAge: 86400, includeSubdomains: false, preload: false };
    assert.equal(checkHsts(hsts, { environment: "prod", everyHostnameHttps: true }).length, 1);
    assert.deepEqual(checkHsts(hsts, { environment: "staging", everyHostnameHttps: true }), []);
  });

  it("refuses includeSubDomains when a hostname is not HTTPS-proxied, and preload without its prerequisites", () => {
    const messages = checkHsts({ enabled: true, maxAge: 31536000, includeSubdomains: true, preload: false }, { environment: "prod", everyHostnameHttps: false }).map((f) => f.message);
    assert.deepEqual(messages, ["HSTS includeSubDomains is on but not every hostname in the zone is HTTPS-proxied"]);
    assert.equal(checkHsts({ enabled: true, maxAge: 31536000, includeSubdomains: false, preload: true }, { environment: "prod", everyHostnameHttps: true })[0].message, "HSTS preload needs includeSubDomains and max-age of at least one year");
  });

  it("parses a Strict-Transport-Security header", () => {
    assert.deepEqual(parseHstsHeader("max-age=31536000; includeSubDomains; preload"), { enabled: true, maxAge: 31536000, includeSubdomains: true, preload: true });
    assert.deepEqual(parseHstsHeader("includeSubDomains"), { enabled: false, maxAge: 0, includeSubdomains: true, preload: false });
  });
});

describe("rules/security-headers", () => {
  const good = { "x-content-type-options": "nosniff", "X-Frame-Options": "DENY", "Referrer-Policy": "strict-origin-when-cross-origin", "Permissions-Policy": "camera=()" };
  it("accepts the full set, header names in any case", () => {
    assert.deepEqual(checkSecurityHeaders(good, { requirePermissionsPolicy: true }), []);
  });
  it("accepts CSP frame-ancestors instead of X-Frame-Options", () => {
    const { "X-Frame-Options": _, ...rest } = good;
    assert.deepEqual(checkSecurityHeaders({ ...rest, "Content-Security-Policy": "frame-ancestors 'none'" }, { requirePermissionsPolicy: true }), []);
  });
  it("names each missing or weak header", () => {
    assert.deepEqual(checkSecurityHeaders({ "Referrer-Policy": "unsafe-url" }, { requirePermissionsPolicy: true }).map((f) => f.message), [
      "X-Content-Type-Options: nosniff is missing",
      "neither X-Frame-Options (DENY or SAMEORIGIN) nor a CSP frame-ancestors directive is set",
      'Referrer-Policy is "unsafe-url"',
      "Permissions-Policy is missing",
    ]);
  });
});

describe("rules/cloudflare-plan", () => {
  it("limits rate-limit rule counts per plan", () => {
    assert.deepEqual(checkRuleCount("rate-limiting rules", 2, "pro"), []);
    assert.equal(checkRuleCount("rate-limiting rules", 3, "pro")[0].message, "3 rate-limiting rules is not allowed on the pro plan (limit: 2)");
  });
  it("limits periods and timeouts per plan", () => {
    assert.deepEqual(checkRateLimitPeriod(600, "business"), []);
    assert.equal(checkRateLimitPeriod(120, "pro")[0].message, "rate-limit period 120 s is not allowed on the pro plan (limit: ≤ 60 s)");
    assert.deepEqual(checkMitigationTimeout(3600, "pro", "block"), []);
    assert.equal(checkMitigationTimeout(86400, "pro", "block")[0].message, "mitigation timeout 86400 s is not allowed on the pro plan (limit: ≤ 3600 s)");
  });
  it("takes a zero timeout for challenge actions, which last for the zone's Challenge Passage", () => {
    assert.deepEqual(checkMitigationTimeout(0, "pro", "managed_challenge"), []);
    assert.equal(checkMitigationTimeout(600, "pro", "managed_challenge")[0].fix, "set mitigationTimeout: 0 (the challenge lasts for the zone's Challenge Passage) or use block");
    assert.equal(checkMitigationTimeout(0, "pro", "block")[0].message, "mitigation timeout 0 s is not one Cloudflare accepts");
  });
  it("limits rate-limit expression fields per plan", () => {
    const expr = 'http.request.method eq "POST" and starts_with(http.request.uri.path, "/login")';
    assert.deepEqual(checkRateLimitExpression(expr, "business", fieldsOf, usesRegex), []);
    assert.deepEqual(checkRateLimitExpression(expr, "pro", fieldsOf, usesRegex).map((f) => f.message), ["rate-limit expression field http.request.method is not allowed on the pro plan (limit: http.request.uri.path, cf.client.bot, http.host, http.request.uri, http.request.full_uri, http.request.uri.query)"]);
  });
});

describe("rules/expression", () => {
  it("builds string literals and set membership safely", () => {
    assert.equal(literal('a"b\\c'), '"a\\"b\\\\c"');
    assert.equal(equalsAny("http.host", ["a.example.com"]), 'http.host eq "a.example.com"');
    assert.equal(equalsAny("http.host", ["a.example.com", "b.example.com"]), 'http.host in {"a.example.com" "b.example.com"}');
  });
  it("reads fields and regex operators outside string literals only", () => {
    assert.deepEqual(fieldsOf('starts_with(lower(http.request.uri.path), "http.host") and ip.src in {1.2.3.4}'), ["http.request.uri.path", "ip.src"]);
    assert.equal(usesRegex('http.request.uri.path eq "~matches"'), false);
    assert.equal(usesRegex('http.request.uri.path ~ "^/a"'), true);
    assert.deepEqual(literalsOf('a eq "/login" or b eq "x\\"y"'), ["/login", 'x"y']);
  });
});

describe("rules/dns-records and hostnames", () => {
  it("requires web records proxied on automatic TTL and mail records DNS-only", () => {
    assert.deepEqual(checkRecordProxying({ name: "app.example.com", type: "A", proxied: true, ttl: 1, comment: "web: app" }), []);
    assert.equal(checkRecordProxying({ name: "app.example.com", type: "CNAME", proxied: false, ttl: 300, comment: "web: app" })[0].message, "web record app.example.com (CNAME) is not proxied");
    assert.equal(checkRecordProxying({ name: "s1._domainkey.example.com", type: "CNAME", proxied: true, ttl: 1 })[0].message, "mail record s1._domainkey.example.com (CNAME) is proxied");
    assert.equal(checkRecordProxying({ name: "app.example.com", type: "A", proxied: true, ttl: 300, comment: "web: app" })[0].message, "proxied record app.example.com has ttl 300");
  });
  it("tells a record's role from its comment, falling back to its name and type", () => {
    assert.equal(roleOf("mail: return path", "pm-bounces.example.com", "CNAME"), "mail");
    assert.equal(roleOf(undefined, "_dmarc.example.com", "TXT"), "verification");
    assert.equal(roleOf(undefined, "example.com", "MX"), "mail");
    assert.equal(roleOf(undefined, "www.example.com", "CNAME"), "web");
  });
  it("derives record types from origins and zones from hostnames", () => {
    assert.deepEqual(["203.0.113.1", "2001:db8::1", "origin.example.net", "http://x"].map(originRecordType), ["A", "AAAA", "CNAME", undefined]);
    assert.equal(fqdn("@", "example.com"), "example.com");
    assert.equal(zoneOf("a.b.example.com", ["example.com", "b.example.com"]), "b.example.com");
    assert.equal(isHostname("localhost"), false);
  });
});

describe("rules/caa", () => {
  it("accepts no CAA at all (any CA may issue) and the full Universal SSL set", () => {
    assert.deepEqual(checkCaa([]), []);
    assert.deepEqual(checkCaa(["letsencrypt.org", "pki.goog", "ssl.com", "sectigo.com"].map((value) => ({ tag: "issue", value }))), []);
  });
  it("names each Universal SSL CA a CAA set would block", () => {
    assert.deepEqual(checkCaa([{ tag: "issue", value: "letsencrypt.org" }]).map((f) => f.fix), ['add CAA 0 issue "pki.goog"', 'add CAA 0 issue "ssl.com"', 'add CAA 0 issue "sectigo.com"']);
  });
});
