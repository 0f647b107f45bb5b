import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { parseStackConfig } from "../../gate/load";
import { installRecordingRuntime } from "../../offline/recording-runtime";
import { configProblems, editedConfig, shippedConfig } from "../support/harness";

describe("config: the spine's bad input is rejected with one line per problem", () => {
  it("accepts both shipped stacks", () => {
    assert.equal(parseStackConfig(shippedConfig("prod")).environment, "prod");
    assert.equal(parseStackConfig(shippedConfig("staging")).environment, "staging");
  });

  it("names an unknown top-level key and lists the known ones", async () => {
    const raw = shippedConfig("staging");
    raw.values["launch-stack:zone"] = "example.org";
    const problems = await configProblems(raw);
    assert.equal(problems.length, 1);
    assert.match(problems[0], /^launch-stack:zone: unknown key \(did you mean launch-stack:zones\?\); remove it or check the spelling \(known keys: environment, cloudflareAccountId, zones, app, /);
  });

  it("names an unknown nested key with its full path", async () => {
    assert.deepEqual(await configProblems(editedConfig("staging", (c) => { c.zones[0].edge.hst = {}; })), [
      'launch-stack:zones[0].edge: unknown key "hst" (did you mean "hsts"?); remove it or check the spelling',
    ]);
  });

  it("names a wrong type and the type to use", async () => {
    assert.deepEqual(await configProblems(editedConfig("staging", (c) => { c.zones[0].edge.hsts.maxAge = "one year"; })), [
      "launch-stack:zones[0].edge.hsts.maxAge: expected a number, got a string; set it to a number",
    ]);
  });

  it("reports a missing required key", async () => {
    assert.deepEqual(await configProblems(editedConfig("staging", (c) => { delete c.app; })), [
      "launch-stack:app: is required; set it to an object",
    ]);
  });

  it("rejects an enum value it does not know, listing the allowed ones", async () => {
    assert.deepEqual(await configProblems(editedConfig("staging", (c) => { c.zones[0].plan = "premium"; })), [
      'launch-stack:zones[0].plan: must be one of "free", "pro", "business", "enterprise"; got "premium"',
    ]);
  });

  it("rejects a legacy URL outside the zone", async () => {
    const problems = await configProblems(editedConfig("prod", (c) => { c.zones[0].legacyPaths[0].from = "https://example.org/login.php"; }));
    assert.ok(problems.includes("launch-stack:zones[0].legacyPaths[0].from: example.org is outside the zone example.com; list it under the zone it belongs to"), problems.join("\n"));
  });

  it("rejects a redirect loop between two legacy hosts", async () => {
    const problems = await configProblems(editedConfig("prod", (c) => {
      c.zones[0].legacyHosts = { portal: "https://client.example.com", client: "https://portal.example.com" };
    }));
    assert.deepEqual(problems, [
      "launch-stack:zones[0].legacyHosts.client: redirect from client.example.com goes to portal.example.com, which redirects again to https://client.example.com and back (a loop) (launch checklist: canonical redirects); remove one of the two redirects",
      "launch-stack:zones[0].legacyHosts.portal: redirect from portal.example.com goes to client.example.com, which redirects again to https://portal.example.com and back (a loop) (launch checklist: canonical redirects); remove one of the two redirects",
    ]);
  });

  it("rejects a chain: a redirect to a host that itself redirects", async () => {
    assert.deepEqual(await configProblems(editedConfig("prod", (c) => { c.zones[0].legacyHosts.portal = "https://www.example.com"; })), [
      "launch-stack:zones[0].legacyHosts.portal: redirect from portal.example.com goes to www.example.com, which redirects again to https://example.com (a chain of two hops) (launch checklist: canonical redirects); point it straight at https://example.com",
    ]);
  });

  it("rejects a legacy path listed twice, whose rules would share one ref", async () => {
    assert.deepEqual(await configProblems(editedConfig("prod", (c) => { c.zones[0].legacyPaths.push({ from: "https://example.com/login.php", to: "https://app.example.com/signin" }); })), [
      "launch-stack:zones[0].legacyPaths[2]: redirect from example.com/login.php is declared twice; only one of them can apply (launch checklist: canonical redirects); keep one redirect per URL",
      "launch-stack:zones[0].legacyPaths[2]: redirect from www.example.com/login.php is declared twice; only one of them can apply (launch checklist: canonical redirects); keep one redirect per URL",
    ]);
  });

  it("rejects a legacy path on an alias that the canonical host's legacy path already redirects, as the pack would", async () => {
    assert.deepEqual(await configProblems(editedConfig("prod", (c) => { c.zones[0].legacyPaths.push({ from: "https://www.example.com/login.php", to: "https://app.example.com/signin" }); })), [
      "launch-stack:zones[0].legacyPaths[2]: redirect from www.example.com/login.php is declared twice; only one of them can apply (launch checklist: canonical redirects); keep one redirect per URL",
    ]);
  });

  it("rejects a custom WAF rule that repeats another's expression", async () => {
    assert.deepEqual(await configProblems(editedConfig("prod", (c) => {
      const first = c.zones[0].edge.customRules[0];
      c.zones[0].edge.customRules.push({ ...first, description: "the same rule again", expression: ` ${first.expression.replace(" and ", "  and ")}` });
    })), [
      "launch-stack:zones[0].edge.customRules[1].expression: repeats the expression of rule 1 (Cloudflare rulesets); merge the two rules into one",
    ]);
  });

  it("rejects a redirect to a hostname the stack does not serve", async () => {
    assert.deepEqual(await configProblems(editedConfig("prod", (c) => { c.zones[1].redirectTo = "https://shop.example.com"; })), [
      "launch-stack:zones[1].redirectTo: redirect target shop.example.com is not a hostname this stack serves (launch checklist: canonical redirects); redirect to a declared hostname with an origin",
    ]);
  });

  it("rejects an origin that is not an address or hostname", async () => {
    assert.deepEqual(await configProblems(editedConfig("staging", (c) => { c.zones[0].hosts.api.origin = "http://198.51.100.30"; })), [
      'launch-stack:zones[0].hosts.api.origin: "http://198.51.100.30" is not an IPv4 address, IPv6 address or hostname; set the origin server\'s address',
    ]);
  });

  it("rejects a proxied hostname two labels below the zone, which Universal SSL cannot cover", async () => {
    assert.deepEqual(await configProblems(editedConfig("staging", (c) => {
      c.zones[0].hosts["eu.app"] = { origin: "198.51.100.40" };
      c.zones[0].legacyHosts = { "old.portal": "https://app.example.org" };
    })), [
      'launch-stack:zones[0].hosts["eu.app"]: eu.app.example.org is 2 labels below example.org; the zone\'s Universal SSL certificate (example.org, *.example.org) does not cover it, so visitors get a certificate error (RFC 9525 §6.3; Cloudflare Universal SSL limitations); use one label below the zone, e.g. eu-app.example.org (covering deeper names takes Advanced Certificate Manager)',
      'launch-stack:zones[0].legacyHosts["old.portal"]: old.portal.example.org is 2 labels below example.org; the zone\'s Universal SSL certificate (example.org, *.example.org) does not cover it, so visitors get a certificate error (RFC 9525 §6.3; Cloudflare Universal SSL limitations); use one label below the zone, e.g. old-portal.example.org (covering deeper names takes Advanced Certificate Manager)',
    ]);
  });

  it("names the apex's key as zod does, hosts[\"@\"]", async () => {
    assert.deepEqual(await configProblems(editedConfig("staging", (c) => { c.zones[0].hosts["@"].origin = "example.org"; })), [
      'launch-stack:zones[0].hosts["@"].origin: origin example.org is inside the zone itself and would loop through the proxy; point at the origin server\'s own hostname or address',
    ]);
  });

  it("rejects a canonical apex without an apex origin", async () => {
    assert.deepEqual(await configProblems(editedConfig("staging", (c) => { delete c.zones[0].hosts["@"]; })), [
      'launch-stack:zones[0].hosts: canonical is apex but hosts has no "@" entry; add its origin or change canonical',
    ]);
  });

  it("rejects an app host that has no origin", async () => {
    assert.deepEqual(await configProblems(editedConfig("staging", (c) => { c.app.host = "portal.example.org"; })), [
      "launch-stack:app.host: portal.example.org is not a hostname with an origin in any zone; add it under zones[].hosts or correct app.host",
    ]);
  });

  it("rejects HSTS under a year in prod", async () => {
    assert.deepEqual(await configProblems(editedConfig("prod", (c) => { c.zones[0].edge.hsts.maxAge = 86400; })), [
      "launch-stack:zones[0].edge.hsts: HSTS max-age 86400 is under one year in prod (launch checklist: SSL/TLS); set max-age to 31536000 or more",
    ]);
  });

  it("rejects a minimum TLS version below 1.2", async () => {
    assert.deepEqual(await configProblems(editedConfig("staging", (c) => { c.zones[0].edge.minTlsVersion = "1.0"; })), [
      'launch-stack:zones[0].edge.minTlsVersion: minimum TLS version 1.0 allows TLS below 1.2 (launch checklist: SSL/TLS); set it to "1.2" or "1.3"',
    ]);
  });

  it("rejects a plaintext Cloudflare API token and says how to store it", async () => {
    const raw = shippedConfig("staging");
    raw.values["cloudflare:apiToken"] = "not-a-real-token";
    assert.deepEqual(await configProblems(raw), [
      "cloudflare:apiToken: is stored in plaintext (launch checklist: secrets); remove it, rotate it (it has been in a plaintext file), and run pulumi config set --secret cloudflare:apiToken (it prompts), or export CLOUDFLARE_API_TOKEN instead",
    ]);
  });

  it("rejects an account id that is not Cloudflare's 32-hex form", async () => {
    assert.deepEqual(await configProblems(editedConfig("staging", (c) => { c.cloudflareAccountId = "acme"; })), [
      "launch-stack:cloudflareAccountId: must be the 32-character hex account id from the Cloudflare dashboard",
    ]);
  });

  it("rejects a stack named after one environment that declares the other", () => {
    const raw = shippedConfig("staging");
    raw.values["launch-stack:environment"] = "prod";
    assert.throws(() => parseStackConfig(raw), (e: { problems?: string[] }) => {
      assert.ok(e.problems!.includes('launch-stack:environment: is "prod" in stack staging, which would write prod secrets and judge them by staging\'s policy config; set it to "staging"'), e.problems!.join("\n"));
      return true;
    });
  });

  it("lists every problem at once, not just the first", async () => {
    const problems = await configProblems(editedConfig("prod", (c) => { c.environment = "production"; c.zones[0].plan = "gold"; }));
    assert.equal(problems.length, 2);
  });

  it("declares no resource when the config is invalid", async () => {
    const recorded = await installRecordingRuntime({ project: "launch-stack", stack: "test", preview: true });
    const raw = editedConfig("staging", (c) => { c.zones[0].plan = "gold"; });
    pulumi.runtime.setAllConfig(raw.values, [...raw.secretKeys]);
    delete require.cache[require.resolve("../../index")];
    assert.throws(() => require("../../index"), { name: "ConfigError" });
    assert.deepEqual(recorded, []);
  });

  it("raises a RunError so pulumi up prints the message without a stack trace", async () => {
    try {
      parseStackConfig(editedConfig("staging", (c) => { c.zones[0].plan = "gold"; }));
      assert.fail("expected a ConfigError");
    } catch (e) {
      assert.ok(pulumi.RunError.isInstance(e));
      assert.equal((e as Error).message, 'Invalid stack configuration (1 problem):\n  launch-stack:zones[0].plan: must be one of "free", "pro", "business", "enterprise"; got "gold"');
    }
  });
});

describe("config: plan entitlements fail loudly, naming the setting, the plan and the limit", () => {
  it("rejects managed WAF rulesets on Free", async () => {
    assert.deepEqual(await configProblems(editedConfig("staging", (c) => { c.zones[0].edge.managedRulesets = true; })), [
      "launch-stack:zones[0].edge.managedRulesets: the Cloudflare Managed and OWASP rulesets is not allowed on the free plan (limit: Pro and up) (Cloudflare plan entitlements); set managedRulesets: false (the Free Managed Ruleset still runs) or upgrade to Pro",
    ]);
  });

  it("rejects a 60-second rate-limit period and a 600-second timeout on Free", async () => {
    assert.deepEqual(await configProblems(editedConfig("staging", (c) => { c.zones[0].edge.rateLimits[0].period = 60; c.zones[0].edge.rateLimits[0].mitigationTimeout = 600; })), [
      "launch-stack:zones[0].edge.rateLimits[0].period: rate-limit period 60 s is not allowed on the free plan (limit: 10 s only) (Cloudflare plan entitlements); use a period of at most 10 s",
      "launch-stack:zones[0].edge.rateLimits[0].mitigationTimeout: mitigation timeout 600 s is not allowed on the free plan (limit: 10 s only) (Cloudflare plan entitlements); use a timeout of at most 10 s",
    ]);
  });

  it("rejects a timeout on a challenge rate-limit rule", async () => {
    assert.deepEqual(await configProblems(editedConfig("prod", (c) => { c.zones[0].edge.rateLimits[0].action = "managed_challenge"; })), [
      "launch-stack:zones[0].edge.rateLimits[0].mitigationTimeout: a managed_challenge rate-limit rule has mitigation timeout 600 s (Cloudflare rate limiting); set mitigationTimeout: 0 (the challenge lasts for the zone's Challenge Passage) or use block",
    ]);
  });

  it("reports a malformed URL once, by its key, without running the checks that would read it", async () => {
    assert.deepEqual(await configProblems(editedConfig("prod", (c) => { c.zones[0].legacyPaths[0].from = "example.com/login.php"; })), [
      "launch-stack:zones[0].legacyPaths[0].from: must be an absolute https:// URL such as https://app.example.com/login",
    ]);
  });

  it("rejects a period Cloudflare does not accept at all", async () => {
    assert.deepEqual(await configProblems(editedConfig("prod", (c) => { c.zones[0].edge.rateLimits[0].period = 50; })), [
      "launch-stack:zones[0].edge.rateLimits[0].period: rate-limit period 50 s is not one Cloudflare accepts (Cloudflare rate limiting); use one of 10, 15, 20, 30, 40, 45, 60",
    ]);
  });

  it("rejects a second rate-limit rule on Free", async () => {
    assert.deepEqual(await configProblems(editedConfig("staging", (c) => {
      c.zones[0].edge.rateLimits = [
        { name: "auth", routes: ["login", "passwordReset", "invitation"], requestsPerPeriod: 5, period: 10, mitigationTimeout: 10 },
        { name: "api", routes: ["api", "webhooks"], requestsPerPeriod: 50, period: 10, mitigationTimeout: 10 },
      ];
    })), [
      "launch-stack:zones[0].edge.rateLimits: 2 rate-limiting rules is not allowed on the free plan (limit: 1) (Cloudflare plan entitlements); remove 1 or upgrade the zone's plan",
    ]);
  });

  it("rejects a regular expression in a custom rule below Business", async () => {
    assert.deepEqual(await configProblems(editedConfig("prod", (c) => { c.zones[0].edge.customRules[0].expression = 'http.request.uri.path matches "^/wp-"'; })), [
      "launch-stack:zones[0].edge.customRules[0].expression: a regular expression (matches / ~) in a rule expression is not allowed on the pro plan (limit: Business and up) (Cloudflare plan entitlements); use eq, in, starts_with or wildcard instead",
    ]);
  });

  it("rejects more WAF custom rules than the plan allows", async () => {
    const rule = (k: number) => ({ description: "block", expression: `http.request.uri.path eq "/x${k}"`, action: "block" });
    const problems = await configProblems(editedConfig("staging", (c) => { c.zones[0].edge.customRules = [0, 1, 2, 3, 4, 5].map(rule); }));
    assert.deepEqual(problems, ["launch-stack:zones[0].edge.customRules: 6 WAF custom rules is not allowed on the free plan (limit: 5) (Cloudflare plan entitlements); remove 1 or upgrade the zone's plan"]);
  });

  it("requires login, password reset, invitation and API to be rate limited, with the pack's message", async () => {
    assert.deepEqual(await configProblems(editedConfig("prod", (c) => { c.zones[0].edge.rateLimits[1].routes = ["webhooks"]; })), [
      'launch-stack:zones[0].edge.rateLimits: no enabled rate-limit rule that blocks or challenges covers /api/ (launch checklist: rate limiting); add it to the routes of a rate-limit rule (zones[].edge.rateLimits) with action "block" or "managed_challenge"',
    ]);
  });

  it("requires the webhook route rate limited, as the launch checklist does", async () => {
    assert.deepEqual(await configProblems(editedConfig("prod", (c) => { c.zones[0].edge.rateLimits[1].routes = ["api"]; })), [
      'launch-stack:zones[0].edge.rateLimits: no enabled rate-limit rule that blocks or challenges covers /webhooks/ (launch checklist: rate limiting); add it to the routes of a rate-limit rule (zones[].edge.rateLimits) with action "block" or "managed_challenge"',
    ]);
  });

  it("requires the routes rate limited on every zone with a logged-in host, not only the app's", async () => {
    const problems = await configProblems(editedConfig("prod", (c) => {
      delete c.zones[1].redirectTo;
      c.zones[1].hosts = { "@": { origin: "203.0.113.50", authenticated: true } };
    }));
    assert.deepEqual(problems.filter((p) => p.includes("rate limiting")), [
      'launch-stack:zones[1].edge.rateLimits: no enabled rate-limit rule that blocks or challenges covers /login, /password/reset, /invitations/accept, /api/, /webhooks/ (launch checklist: rate limiting); add them to the routes of a rate-limit rule (zones[].edge.rateLimits) with action "block" or "managed_challenge"',
    ]);
  });

  it("checks the routes the app declares, so a login moved to /signin is judged at /signin", async () => {
    assert.deepEqual(await configProblems(editedConfig("staging", (c) => {
      c.app.routes = { login: "/signin" };
      c.zones[0].edge.rateLimits[0].routes = ["passwordReset", "invitation", "api", "webhooks"];
    })), [
      'launch-stack:zones[0].edge.rateLimits: no enabled rate-limit rule that blocks or challenges covers /signin (launch checklist: rate limiting); add it to the routes of a rate-limit rule (zones[].edge.rateLimits) with action "block" or "managed_challenge"',
    ]);
  });

  it("requires auth routes to be limited more strictly than reads", async () => {
    assert.deepEqual(await configProblems(editedConfig("prod", (c) => { c.zones[0].edge.rateLimits[0].requestsPerPeriod = 500; })), [
      "launch-stack:zones[0].edge.rateLimits[0].requestsPerPeriod: auth rule auth allows 500/60 s, looser than api (300/60 s); make auth routes the stricter limit",
    ]);
  });
});

describe("config: defaults an engineer would expect", () => {
  it("turns managed WAF rulesets on by default where the plan allows and HSTS includeSubDomains when every host is proxied", () => {
    const config = parseStackConfig(shippedConfig("prod"));
    assert.equal(config.zones[0].edge.managedRulesets, undefined, "left to the plan");
    assert.equal(config.zones[0].edge.hsts.includeSubdomains, undefined, "left to the hostnames");
    assert.deepEqual(config.app.routes, { login: "/login", passwordReset: "/password/reset", invitation: "/invitations/accept", api: "/api/", webhooks: "/webhooks/", health: "/api/health" });
  });
});

describe("config: warnings that do not block a deploy", () => {
  it("warns that turning managed WAF rulesets off on a paid plan needs the pack's waf-managed-rules lowered", async () => {
    const { collectWarnings } = await import("../../gate/warnings");
    const config = parseStackConfig(editedConfig("prod", (c) => { c.zones[0].edge.managedRulesets = false; }));
    assert.ok(collectWarnings(config).includes(
      "launch-stack:zones[0].edge.managedRulesets: false on a pro zone: the pack's waf-managed-rules policy rejects it unless the stack's pack config (policies/config/<stack>.json) lowers that policy; remove it to keep the Cloudflare Managed and OWASP rulesets",
    ));
  });
});
