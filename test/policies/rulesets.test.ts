import { strict as assert } from "node:assert";
import type { Evaluation } from "../../offline/evaluate";
import { createdZonePreview, duplicate, edit, reported, shippedPreview } from "./support";

describe("policies: rulesets", () => {
  let prod: Evaluation;
  let staging: Evaluation;
  before(async () => {
    prod = await shippedPreview("prod");
    staging = await shippedPreview("staging");
  });

  describe("one-entrypoint-ruleset-per-phase", () => {
    it("accepts one entrypoint ruleset per zone and phase", async () => {
      assert.deepEqual(await reported(prod, "one-entrypoint-ruleset-per-phase"), []);
    });

    it("rejects a second rate-limit entrypoint ruleset in the same zone", async () => {
      const ev = duplicate(prod, "example-com-edge-rate-limits", "example-com-more-rate-limits");
      assert.deepEqual(await reported(ev, "one-entrypoint-ruleset-per-phase"), [
        "example.com: 2 entrypoint rulesets for phase http_ratelimit (example-com-edge-rate-limits, example-com-more-rate-limits); Cloudflare allows one per zone and phase, so merge their rules into one Ruleset",
      ]);
    });

    it("groups the rulesets of a zone the update creates, whose id is unknown at preview", async () => {
      const ev = duplicate(await createdZonePreview(), "example-com-redirects-ruleset", "example-com-more-redirects");
      assert.deepEqual(await reported(ev, "one-entrypoint-ruleset-per-phase"), [
        "example.com: 2 entrypoint rulesets for phase http_request_dynamic_redirect (example-com-redirects-ruleset, example-com-more-redirects); Cloudflare allows one per zone and phase, so merge their rules into one Ruleset",
      ]);
    });

    it("does not count a custom ruleset, which is not an entrypoint", async () => {
      const ev = duplicate(prod, "example-com-edge-rate-limits", "example-com-custom-rules", (w) => { w.kind = "custom"; });
      assert.deepEqual(await reported(ev, "one-entrypoint-ruleset-per-phase"), []);
    });
  });

  describe("redirects-permanent-one-hop", () => {
    it("accepts the shipped redirects: permanent, query kept, one hop to a served hostname", async () => {
      assert.deepEqual(await reported(prod, "redirects-permanent-one-hop"), []);
    });

    it("accepts a 308", async () => {
      const ev = edit(prod, { "example-net-redirects-ruleset": (w) => { w.rules[0].actionParameters.fromValue.statusCode = 308; } });
      assert.deepEqual(await reported(ev, "redirects-permanent-one-hop"), []);
    });

    it("rejects a temporary redirect, for each hostname the rule matches", async () => {
      const ev = edit(prod, { "example-com-redirects-ruleset": (w) => { w.rules[0].actionParameters.fromValue.statusCode = 302; } });
      assert.deepEqual(await reported(ev, "redirects-permanent-one-hop"), [
        "redirect from example.com/login.php uses status 302 (launch checklist: canonical redirects); use 301 or 308 so browsers and search engines treat it as permanent",
        "redirect from www.example.com/login.php uses status 302 (launch checklist: canonical redirects); use 301 or 308 so browsers and search engines treat it as permanent",
      ]);
    });

    it("rejects a second rule redirecting a URL another rule already redirects", async () => {
      const ev = edit(prod, { "example-net-redirects-ruleset": (w) => { w.rules.push({ ...structuredClone(w.rules[1]), ref: "www-again" }); } });
      assert.deepEqual(await reported(ev, "redirects-permanent-one-hop"), [
        "redirect from www.example.net is declared twice; only one of them can apply (launch checklist: canonical redirects); keep one redirect per URL",
      ]);
    });

    it("rejects a redirect that drops the query string", async () => {
      const ev = edit(prod, { "example-net-redirects-ruleset": (w) => { w.rules[1].actionParameters.fromValue.preserveQueryString = false; } });
      assert.deepEqual(await reported(ev, "redirects-permanent-one-hop"), [
        "redirect from www.example.net drops the query string (launch checklist: canonical redirects); keep the query string",
      ]);
    });

    it("rejects a legacy domain redirected to an alias that redirects again", async () => {
      const ev = edit(prod, { "example-net-redirects-ruleset": (w) => { w.rules[0].actionParameters.fromValue.targetUrl.expression = 'concat("https://www.example.com", http.request.uri.path)'; } });
      assert.deepEqual(await reported(ev, "redirects-permanent-one-hop"), [
        "redirect from example.net goes to www.example.com, which redirects again to https://example.com (a chain of two hops) (launch checklist: canonical redirects); point it straight at https://example.com",
      ]);
    });
  });

  describe("ruleset-plan-limits", () => {
    it("accepts rules within each zone's plan", async () => {
      assert.deepEqual(await reported(prod, "ruleset-plan-limits"), []);
      assert.deepEqual(await reported(staging, "ruleset-plan-limits"), []);
    });

    it("rejects a rate-limit period longer than the Pro plan allows", async () => {
      const ev = edit(prod, { "example-com-edge-rate-limits": (w) => { w.rules[0].ratelimit.period = 120; } });
      assert.deepEqual(await reported(ev, "ruleset-plan-limits"), [
        "example.com (pro plan): rate-limit period 120 s is not allowed on the pro plan (limit: ≤ 60 s) (Cloudflare plan entitlements); use a period of at most 60 s",
      ]);
    });

    it("rejects a mitigation timeout the Free plan does not offer", async () => {
      const ev = edit(staging, { "example-org-edge-rate-limits": (w) => { w.rules[0].ratelimit.mitigationTimeout = 60; } });
      assert.deepEqual(await reported(ev, "ruleset-plan-limits"), [
        "example.org (free plan): mitigation timeout 60 s is not allowed on the free plan (limit: 10 s only) (Cloudflare plan entitlements); use a timeout of at most 10 s",
      ]);
    });

    it("rejects more rate-limiting rules than the plan has", async () => {
      const ev = edit(prod, { "example-com-edge-rate-limits": (w) => { w.rules.push({ ...w.rules[1], ref: "rate-limit-extra" }); } });
      assert.deepEqual(await reported(ev, "ruleset-plan-limits"), [
        "example.com (pro plan): 3 rate-limiting rules is not allowed on the pro plan (limit: 2) (Cloudflare plan entitlements); remove 1 or upgrade the zone's plan",
      ]);
    });

    it("reports a zone whose Site declares no plan, once, instead of judging it by any plan", async () => {
      const ev = edit(prod, { "example-com": (_w, r) => { r.outputs!.plan = "premium"; } });
      assert.deepEqual(await reported(ev, "ruleset-plan-limits"), [
        "example.com: cannot tell the zone's plan: no launch-stack:site:Site component above the zone's resources declares it; declare them under the zone's Site (components/site.ts), which registers it from the stack config",
      ]);
    });

    it("judges a zone by the plan its Site declares", async () => {
      const ev = edit(prod, { "example-com": (_w, r) => { r.outputs!.plan = "free"; } });
      assert.deepEqual(await reported(ev, "ruleset-plan-limits"), [
        "example.com (free plan): the Cloudflare Managed and OWASP rulesets is not allowed on the free plan (limit: Pro and up) (Cloudflare plan entitlements); set managedRulesets: false (the Free Managed Ruleset still runs) or upgrade to Pro",
        "example.com (free plan): 2 rate-limiting rules is not allowed on the free plan (limit: 1) (Cloudflare plan entitlements); remove 1 or upgrade the zone's plan",
        "example.com (free plan): rate-limit period 60 s is not allowed on the free plan (limit: 10 s only) (Cloudflare plan entitlements); use a period of at most 10 s",
        "example.com (free plan): mitigation timeout 600 s is not allowed on the free plan (limit: 10 s only) (Cloudflare plan entitlements); use a timeout of at most 10 s",
        "example.com (free plan): rate-limit period 60 s is not allowed on the free plan (limit: 10 s only) (Cloudflare plan entitlements); use a period of at most 10 s",
        "example.com (free plan): mitigation timeout 60 s is not allowed on the free plan (limit: 10 s only) (Cloudflare plan entitlements); use a timeout of at most 10 s",
      ]);
    });
  });

  describe("waf-custom-rules-distinct", () => {
    it("accepts the shipped custom rules", async () => {
      assert.deepEqual(await reported(prod, "waf-custom-rules-distinct"), []);
    });

    it("rejects a custom rule repeating another's expression", async () => {
      const ev = edit(prod, { "example-com-edge-waf-custom": (w) => { w.rules.push({ ...structuredClone(w.rules[0]), ref: "custom-again", description: "again" }); } });
      assert.deepEqual(await reported(ev, "waf-custom-rules-distinct"), [
        "example.com: custom WAF rule 2: repeats the expression of rule 1 (Cloudflare rulesets); merge the two rules into one",
      ]);
    });
  });
});
