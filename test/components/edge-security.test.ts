import { strict as assert } from "node:assert";
import type { Evaluation } from "../../offline/evaluate";
import { evaluate, inputsOf, ofType, shippedConfig, TYPES } from "../support/harness";

function rulesets(ev: Evaluation, zone: string): Record<string, any> {
  return Object.fromEntries(ofType(ev, TYPES.ruleset).map((r) => inputsOf(ev, r.type, r.name)).filter((i) => i.name.startsWith(`${zone} `)).map((i) => [i.phase, i]));
}

describe("EdgeSecurity (prod, Pro plan)", () => {
  let ev: Evaluation;
  before(async () => {
    ev = await evaluate(shippedConfig("prod"), "prod");
  });

  it("declares one ZoneSetting per setting with the API's snake_case ids and values", () => {
    const settings = ofType(ev, TYPES.zoneSetting).map((r) => inputsOf(ev, r.type, r.name)).filter((i) => i.zoneId === (ev.outputs.zoneIds as any)["example.com"]);
    assert.deepEqual(Object.fromEntries(settings.map((s) => [s.settingId, s.value])), {
      ssl: "strict",
      min_tls_version: "1.2",
      tls_1_3: "on",
      always_use_https: "on",
      automatic_https_rewrites: "on",
      security_header: { strict_transport_security: { enabled: true, max_age: 31536000, include_subdomains: true, preload: false, nosniff: true } },
    });
  });

  it("executes the Cloudflare Managed and OWASP rulesets where the plan allows them", () => {
    const rules = rulesets(ev, "example.com").http_request_firewall_managed.rules;
    assert.deepEqual(rules.map((r: any) => [r.action, r.actionParameters.id, r.expression]), [
      ["execute", "efb7b8c949ac4650a09736fc376e9aee", "true"],
      ["execute", "4814384a9e5d4991b9815dcfc25d2f1f", "true"],
    ]);
  });

  it("declares the custom WAF rules from config", () => {
    assert.deepEqual(rulesets(ev, "example.com").http_request_firewall_custom.rules, [{
      ref: "custom-3abcd2468fea",
      description: "Challenge the admin console outside the office network",
      expression: '(http.host eq "admin.example.com" and not ip.src in {198.51.100.0/24})',
      action: "managed_challenge",
      enabled: true,
    }]);
  });

  it("rate-limits auth routes strictly and API routes per IP and data centre", () => {
    const rules = rulesets(ev, "example.com").http_ratelimit.rules;
    assert.deepEqual(rules.map((r: any) => [r.ref, r.action, r.expression, r.ratelimit]), [
      ["rate-limit-auth", "block",
        '(starts_with(lower(http.request.uri.path), "/login") or starts_with(lower(http.request.uri.path), "/password/reset") or starts_with(lower(http.request.uri.path), "/invitations/accept"))',
        { characteristics: ["ip.src", "cf.colo.id"], period: 60, requestsPerPeriod: 5, mitigationTimeout: 600 }],
      ["rate-limit-api", "block",
        '(starts_with(lower(http.request.uri.path), "/api/") or starts_with(lower(http.request.uri.path), "/webhooks/"))',
        { characteristics: ["ip.src", "cf.colo.id"], period: 60, requestsPerPeriod: 300, mitigationTimeout: 60 }],
    ]);
  });

  it("sets the security headers on every response as a map keyed by header name", () => {
    const rule = rulesets(ev, "example.com").http_response_headers_transform.rules[0];
    assert.equal(rule.expression, "true");
    assert.equal(rule.action, "rewrite");
    assert.deepEqual(rule.actionParameters.headers, {
      "X-Content-Type-Options": { operation: "set", value: "nosniff" },
      "X-Frame-Options": { operation: "set", value: "DENY" },
      "Referrer-Policy": { operation: "set", value: "strict-origin-when-cross-origin" },
      "Permissions-Policy": { operation: "set", value: "camera=(), microphone=(), geolocation=(), payment=()" },
    });
  });

  it("caches static assets on public hosts and never caches authenticated hosts, APIs or auth routes (last rule wins)", () => {
    const rules = rulesets(ev, "example.com").http_request_cache_settings.rules;
    assert.deepEqual(rules.map((r: any) => [r.ref, r.expression, r.actionParameters]), [
      ["cache-static-assets", '(http.host in {"example.com" "status.example.com"} and starts_with(lower(http.request.uri.path), "/assets/"))',
        { cache: true, edgeTtl: { mode: "override_origin", default: 86400 } }],
      ["bypass-cache-authenticated",
        '(http.host in {"admin.example.com" "api.example.com" "app.example.com"} or (starts_with(lower(http.request.uri.path), "/dashboard") or starts_with(lower(http.request.uri.path), "/account") or starts_with(lower(http.request.uri.path), "/settings") or starts_with(lower(http.request.uri.path), "/billing") or starts_with(lower(http.request.uri.path), "/api/") or starts_with(lower(http.request.uri.path), "/webhooks/") or starts_with(lower(http.request.uri.path), "/login") or starts_with(lower(http.request.uri.path), "/password/reset") or starts_with(lower(http.request.uri.path), "/invitations/accept")))',
        { cache: false }],
    ]);
  });

  it("gives a redirect-only legacy zone TLS settings and redirects but no content rulesets", () => {
    assert.deepEqual(Object.keys(rulesets(ev, "example.net")), ["http_request_dynamic_redirect"]);
  });
});

describe("EdgeSecurity (staging, Free plan)", () => {
  let ev: Evaluation;
  before(async () => {
    ev = await evaluate(shippedConfig("staging"), "staging");
  });

  it("declares no managed WAF ruleset on Free (the Free Managed Ruleset is automatic)", () => {
    assert.equal(rulesets(ev, "example.org").http_request_firewall_managed, undefined);
  });

  it("fits auth and API into the single 10-second rate-limit rule Free allows", () => {
    const rules = rulesets(ev, "example.org").http_ratelimit.rules;
    assert.equal(rules.length, 1);
    assert.deepEqual(rules[0].ratelimit, { characteristics: ["ip.src", "cf.colo.id"], period: 10, requestsPerPeriod: 20, mitigationTimeout: 10 });
  });

  it("uses a one-day HSTS max-age in staging", () => {
    const hsts = ofType(ev, TYPES.zoneSetting).map((r) => inputsOf(ev, r.type, r.name)).find((i) => i.settingId === "security_header");
    assert.equal(hsts!.value.strict_transport_security.max_age, 86400);
  });
});
