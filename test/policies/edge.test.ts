import { strict as assert } from "node:assert";
import type { Evaluation } from "../../offline/evaluate";
import { badStack } from "./fixtures/bad-stack";
import { createdZonePreview, duplicate, edit, reported, shippedPreview, without } from "./support";

const RATE_LIMIT_FIX = 'add them to the routes of a rate-limit rule (zones[].edge.rateLimits) with action "block" or "managed_challenge"';
const CANNOT_TELL_FIX = "no launch-stack:site:Site component above the zone's resources declares it; declare them under the zone's Site (components/site.ts), which registers it from the stack config";

describe("policies: TLS and edge", () => {
  let prod: Evaluation;
  let staging: Evaluation;
  before(async () => {
    prod = await shippedPreview("prod");
    staging = await shippedPreview("staging");
  });

  describe("ssl-full-strict", () => {
    it("accepts Full (strict) on every zone", async () => {
      assert.deepEqual(await reported(prod, "ssl-full-strict"), []);
    });

    it("rejects Flexible SSL with the rule's message", async () => {
      const ev = edit(prod, { "example-com-edge-ssl": (w) => { w.value = "flexible"; } });
      assert.deepEqual(await reported(ev, "ssl-full-strict"), [
        'SSL mode is "flexible", not "strict" (Full (strict)) (launch checklist: SSL/TLS); set ssl to "strict" and give the origin a valid certificate; flexible loops with HTTPS-forcing origins',
      ]);
    });
  });

  describe("min-tls-version", () => {
    it("accepts TLS 1.3 as the minimum", async () => {
      assert.deepEqual(await reported(edit(prod, { "example-com-edge-min-tls-version": (w) => { w.value = "1.3"; } }), "min-tls-version"), []);
    });

    it("rejects a TLS 1.1 minimum", async () => {
      const ev = edit(prod, { "example-com-edge-min-tls-version": (w) => { w.value = "1.1"; } });
      assert.deepEqual(await reported(ev, "min-tls-version"), ['minimum TLS version 1.1 allows TLS below 1.2 (launch checklist: SSL/TLS); set it to "1.2" or "1.3"']);
    });
  });

  describe("tls-1-3-on", () => {
    it("accepts zrt, which is TLS 1.3 with 0-RTT", async () => {
      assert.deepEqual(await reported(edit(prod, { "example-com-edge-tls-1-3": (w) => { w.value = "zrt"; } }), "tls-1-3-on"), []);
    });

    it("rejects TLS 1.3 turned off", async () => {
      const ev = edit(prod, { "example-net-edge-tls-1-3": (w) => { w.value = "off"; } });
      assert.deepEqual(await reported(ev, "tls-1-3-on"), ['TLS 1.3 is "off" (launch checklist: SSL/TLS); set tls_1_3 to "on"']);
    });
  });

  describe("always-use-https", () => {
    it("accepts Always Use HTTPS on every zone", async () => {
      assert.deepEqual(await reported(staging, "always-use-https"), []);
    });

    it("rejects Always Use HTTPS turned off", async () => {
      const ev = edit(staging, { "example-org-edge-always-use-https": (w) => { w.value = "off"; } });
      assert.deepEqual(await reported(ev, "always-use-https"), ['always_use_https is "off" (launch checklist: SSL/TLS); set always_use_https to "on"']);
    });
  });

  describe("hsts-enabled", () => {
    it("accepts staging's one-day HSTS, which is on with a positive max-age", async () => {
      assert.deepEqual(await reported(staging, "hsts-enabled"), []);
    });

    it("rejects HSTS turned off", async () => {
      const ev = edit(prod, { "example-com-edge-security-header": (w) => { w.value.strict_transport_security.enabled = false; } });
      assert.deepEqual(await reported(ev, "hsts-enabled"), ["HSTS is off (launch checklist: SSL/TLS); enable strict_transport_security"]);
    });

    it("rejects preload without a year of max-age, even in staging", async () => {
      const ev = edit(staging, { "example-org-edge-security-header": (w) => { w.value.strict_transport_security.preload = true; } });
      assert.deepEqual(await reported(ev, "hsts-enabled"), [
        "HSTS preload needs includeSubDomains and max-age of at least one year (hstspreload.org submission requirements); turn preload off, or meet both requirements",
      ]);
    });
  });

  describe("hsts-one-year", () => {
    it("accepts staging's one-day max-age, since staging's Site declares staging", async () => {
      assert.deepEqual(await reported(staging, "hsts-one-year"), []);
    });

    it("rejects a one-day max-age in a zone whose Site declares prod", async () => {
      const ev = edit(prod, { "example-com-edge-security-header": (w) => { w.value.strict_transport_security.max_age = 86400; } });
      assert.deepEqual(await reported(ev, "hsts-one-year"), ["HSTS max-age 86400 is under one year in prod (launch checklist: SSL/TLS); set max-age to 31536000 or more"]);
    });

    it("reads the environment from the zone's own Site, not from pack config", async () => {
      const ev = edit(prod, {
        "example-com-edge-security-header": (w) => { w.value.strict_transport_security.max_age = 86400; },
        "example-com": (_w, r) => { r.outputs!.environment = "staging"; },
      });
      assert.deepEqual(await reported(ev, "hsts-one-year"), []);
    });

    it("applies the production bar to staging's one-day HSTS when its Site declares no environment", async () => {
      const ev = edit(staging, { "example-org": (_w, r) => { delete r.outputs!.environment; } });
      assert.deepEqual(await reported(ev, "hsts-one-year"), ["HSTS max-age 86400 is under one year in prod (launch checklist: SSL/TLS); set max-age to 31536000 or more"]);
    });

    it("leaves HSTS turned off to hsts-enabled instead of reporting it twice", async () => {
      const ev = edit(prod, { "example-com-edge-security-header": (w) => { w.value.strict_transport_security.enabled = false; } });
      assert.deepEqual(await reported(ev, "hsts-one-year"), []);
    });
  });

  describe("tls-settings-declared", () => {
    it("accepts zones that declare every TLS setting once, the redirect-only zone included", async () => {
      assert.deepEqual(await reported(prod, "tls-settings-declared"), []);
    });

    it("rejects a zone whose tls_1_3 setting is not declared, naming the zone by domain", async () => {
      assert.deepEqual(await reported(without(prod, "example-net-edge-tls-1-3"), "tls-settings-declared"), [
        'example.net: zone setting tls_1_3 is not declared, so Cloudflare\'s default applies; declare a ZoneSetting with settingId "tls_1_3" ("on")',
      ]);
    });

    it("finds the missing setting of a zone the update creates, whose id is unknown at preview", async () => {
      assert.deepEqual(await reported(without(await createdZonePreview(), "example-com-edge-ssl"), "tls-settings-declared"), [
        'example.com: zone setting ssl is not declared, so Cloudflare\'s default applies; declare a ZoneSetting with settingId "ssl" ("strict")',
      ]);
    });

    it("rejects a setting declared twice for one zone", async () => {
      const ev = duplicate(prod, "example-com-edge-ssl", "example-com-ssl-again");
      assert.deepEqual(await reported(ev, "tls-settings-declared"), ["example.com: zone setting ssl is declared 2 times (example-com-edge-ssl, example-com-ssl-again); keep one"]);
    });
  });

  describe("security-headers", () => {
    it("accepts the headers transform on serving zones and none on the redirect-only zone", async () => {
      assert.deepEqual(await reported(prod, "security-headers"), []);
    });

    it("rejects a zone whose transform drops X-Frame-Options", async () => {
      const ev = edit(prod, { "example-com-edge-security-headers": (w) => { delete w.rules[0].actionParameters.headers["X-Frame-Options"]; } });
      assert.deepEqual(await reported(ev, "security-headers"), [
        "example.com: neither X-Frame-Options (DENY or SAMEORIGIN) nor a CSP frame-ancestors directive is set (launch checklist: security headers); set X-Frame-Options to DENY, or Content-Security-Policy frame-ancestors 'none'",
      ]);
    });

    it("does not count headers set on some hostnames only", async () => {
      const ev = edit(staging, { "example-org-edge-security-headers": (w) => { w.rules[0].expression = 'http.host eq "app.example.org"'; } });
      assert.deepEqual(await reported(ev, "security-headers"), [
        "example.org: X-Content-Type-Options: nosniff is missing (launch checklist: security headers); set X-Content-Type-Options to nosniff",
        "example.org: neither X-Frame-Options (DENY or SAMEORIGIN) nor a CSP frame-ancestors directive is set (launch checklist: security headers); set X-Frame-Options to DENY, or Content-Security-Policy frame-ancestors 'none'",
        'example.org: Referrer-Policy is missing (launch checklist: security headers); use one of no-referrer, same-origin, strict-origin, strict-origin-when-cross-origin',
        "example.org: Permissions-Policy is missing (launch checklist: security headers); set Permissions-Policy, e.g. camera=(), microphone=(), geolocation=()",
      ]);
    });
  });

  describe("waf-managed-rules", () => {
    it("accepts the managed rulesets on the Pro zone and their absence on Free zones", async () => {
      assert.deepEqual(await reported(prod, "waf-managed-rules"), []);
    });

    it("rejects a Pro zone whose config turns the managed rulesets off, which the config gate allows", async () => {
      assert.deepEqual(await reported(await badStack(), "waf-managed-rules"), [
        'example.com (pro plan): the Cloudflare Managed Ruleset is not executed on all traffic; add an enabled http_request_firewall_managed rule with action "execute", actionParameters.id "efb7b8c949ac4650a09736fc376e9aee" and expression "true"',
        'example.com (pro plan): the Cloudflare OWASP Core Ruleset is not executed on all traffic; add an enabled http_request_firewall_managed rule with action "execute", actionParameters.id "4814384a9e5d4991b9815dcfc25d2f1f" and expression "true"',
      ]);
    });

    it("rejects a managed ruleset that is disabled", async () => {
      const ev = edit(prod, { "example-com-edge-waf-managed": (w) => { w.rules[1].enabled = false; } });
      assert.deepEqual(await reported(ev, "waf-managed-rules"), [
        'example.com (pro plan): the Cloudflare OWASP Core Ruleset is not executed on all traffic; add an enabled http_request_firewall_managed rule with action "execute", actionParameters.id "4814384a9e5d4991b9815dcfc25d2f1f" and expression "true"',
      ]);
    });

    it("judges a zone by the plan its Site declares: Free requires nothing it cannot have", async () => {
      const ev = edit(without(prod, "example-com-edge-waf-managed"), { "example-com": (_w, r) => { r.outputs!.plan = "free"; } });
      assert.deepEqual(await reported(ev, "waf-managed-rules"), []);
    });

    it("reports a zone whose Site declares no plan instead of judging it Free", async () => {
      const ev = edit(without(prod, "example-com-edge-waf-managed"), { "example-com": (_w, r) => { delete r.outputs!.plan; } });
      assert.deepEqual(await reported(ev, "waf-managed-rules"), [`example.com: cannot tell the zone's plan: ${CANNOT_TELL_FIX}`]);
    });
  });

  describe("rate-limit-auth-paths", () => {
    it("accepts prod's auth and API rules and staging's single combined rule", async () => {
      assert.deepEqual(await reported(prod, "rate-limit-auth-paths"), []);
      assert.deepEqual(await reported(staging, "rate-limit-auth-paths"), []);
    });

    it("rejects a rule that only logs", async () => {
      const ev = edit(prod, { "example-com-edge-rate-limits": (w) => { w.rules[0].action = "log"; } });
      assert.deepEqual(await reported(ev, "rate-limit-auth-paths"), [
        `example.com: no enabled rate-limit rule that blocks or challenges covers /login, /password/reset, /invitations/accept (launch checklist: rate limiting); ${RATE_LIMIT_FIX}`,
      ]);
    });

    it("requires the webhook path throttled too", async () => {
      const ev = edit(prod, { "example-com-edge-rate-limits": (w) => { w.rules[1].expression = 'starts_with(lower(http.request.uri.path), "/api/")'; } });
      assert.deepEqual(await reported(ev, "rate-limit-auth-paths"), [
        'example.com: no enabled rate-limit rule that blocks or challenges covers /webhooks/ (launch checklist: rate limiting); add it to the routes of a rate-limit rule (zones[].edge.rateLimits) with action "block" or "managed_challenge"',
      ]);
    });

    it("rejects a serving zone with no rate-limit ruleset", async () => {
      assert.deepEqual(await reported(without(staging, "example-org-edge-rate-limits"), "rate-limit-auth-paths"), [
        `example.org: no enabled rate-limit rule that blocks or challenges covers /login, /password/reset, /invitations/accept, /api/, /webhooks/ (launch checklist: rate limiting); ${RATE_LIMIT_FIX}`,
      ]);
    });

    it("checks the paths the zone's Site declares from the app's routes", async () => {
      const ev = edit(staging, { "example-org": (_w, r) => { (r.outputs!.rateLimitedPaths as string[]).push("/signin"); } });
      assert.deepEqual(await reported(ev, "rate-limit-auth-paths"), [
        'example.org: no enabled rate-limit rule that blocks or challenges covers /signin (launch checklist: rate limiting); add it to the routes of a rate-limit rule (zones[].edge.rateLimits) with action "block" or "managed_challenge"',
      ]);
    });

    it("reports a serving zone whose Site declares no paths instead of requiring none", async () => {
      const ev = edit(staging, { "example-org": (_w, r) => { delete r.outputs!.rateLimitedPaths; } });
      assert.deepEqual(await reported(ev, "rate-limit-auth-paths"), [`example.org: cannot tell which paths must be rate limited: ${CANNOT_TELL_FIX}`]);
    });
  });

  describe("authenticated-paths-not-cached", () => {
    it("accepts the bypass rule that ends each serving zone's cache rules", async () => {
      assert.deepEqual(await reported(prod, "authenticated-paths-not-cached"), []);
    });

    it("rejects a private path the zone's Site declares and the bypass rule does not cover", async () => {
      const ev = edit(prod, { "example-com": (_w, r) => { (r.outputs!.privatePaths as string[]).push("/reports"); } });
      assert.deepEqual(await reported(ev, "authenticated-paths-not-cached"), [
        "example.com: the last cache-bypass rule does not cover /reports; add it to that rule's expression",
      ]);
    });

    it("reports a serving zone whose Site declares no private paths instead of requiring none", async () => {
      const ev = edit(prod, { "example-com": (_w, r) => { r.outputs!.privatePaths = "/dashboard"; } });
      assert.deepEqual(await reported(ev, "authenticated-paths-not-cached"), [`example.com: cannot tell which paths must never be cached: ${CANNOT_TELL_FIX}`]);
    });

    it("rejects a caching rule placed after the bypass rule", async () => {
      const ev = edit(prod, { "example-com-edge-cache": (w) => { w.rules.reverse(); } });
      assert.deepEqual(await reported(ev, "authenticated-paths-not-cached"), [
        'example.com: cache rule "cache static assets on example.com, status.example.com for 86400 s" comes after the cache-bypass rule and can cache private paths; move the bypass rule last',
      ]);
    });

    it("rejects a serving zone with no bypass rule at all", async () => {
      assert.deepEqual(await reported(without(staging, "example-org-edge-cache"), "authenticated-paths-not-cached"), [
        "example.org: no cache rule bypasses the cache for /dashboard, /account, /settings, /billing, /api/, /webhooks/, /login, /password/reset, /invitations/accept; end the http_request_cache_settings rules with one rule (actionParameters.cache false) matching every private path",
      ]);
    });
  });
});
