import { strict as assert } from "node:assert";
import type { Evaluation } from "../../offline/evaluate";
import { editedConfig, evaluate, inputsOf, ofType, shippedConfig, TYPES } from "../support/harness";

describe("CanonicalRedirects", () => {
  let ev: Evaluation;
  before(async () => {
    ev = await evaluate(shippedConfig("prod"), "prod");
  });

  it("declares exactly one dynamic-redirect entrypoint ruleset per zone", () => {
    const phases = ofType(ev, TYPES.ruleset).map((r) => inputsOf(ev, r.type, r.name)).filter((i) => i.phase === "http_request_dynamic_redirect");
    assert.deepEqual(phases.map((i) => i.name).sort(), ["example.com canonical redirects", "example.net canonical redirects"]);
  });

  it("sends legacy paths (also on their aliases) straight to their new URL, first", () => {
    const rules = inputsOf(ev, TYPES.ruleset, "example-com-redirects-ruleset").rules;
    assert.deepEqual(rules[0], {
      ref: "legacy-path-1a2ca31e5511",
      description: "example.com/login.php → https://app.example.com/login",
      expression: '(http.host in {"example.com" "www.example.com"} and http.request.uri.path eq "/login.php")',
      action: "redirect",
      enabled: true,
      actionParameters: { fromValue: { statusCode: 301, preserveQueryString: true, targetUrl: { value: "https://app.example.com/login" } } },
    });
  });

  it("derives a legacy path's ref from the URL it matches, so inserting another keeps it", async () => {
    const inserted = await evaluate(editedConfig("prod", (c) => {
      c.zones[0].legacyPaths.unshift({ from: "https://example.com/signup.php", to: "https://app.example.com/invite" });
    }), "prod");
    const refs = (e: Evaluation) => Object.fromEntries(inputsOf(e, TYPES.ruleset, "example-com-redirects-ruleset").rules.map((r: any) => [r.description, r.ref]));
    assert.equal(refs(inserted)["example.com/login.php → https://app.example.com/login"], "legacy-path-1a2ca31e5511");
    assert.match(refs(inserted)["example.com/signup.php → https://app.example.com/invite"], /^legacy-path-(?!1a2ca31e5511)[0-9a-f]{12}$/);
  });

  it("redirects the www alias to the apex keeping path and query, in one hop", () => {
    const rule = inputsOf(ev, TYPES.ruleset, "example-com-redirects-ruleset").rules.find((r: any) => r.ref === "canonical-www-example-com");
    assert.equal(rule.expression, 'http.host eq "www.example.com"');
    assert.deepEqual(rule.actionParameters.fromValue, {
      statusCode: 301,
      preserveQueryString: true,
      targetUrl: { expression: 'concat("https://example.com", http.request.uri.path)' },
    });
  });

  it("redirects a whole legacy domain to the canonical site", () => {
    const rules = inputsOf(ev, TYPES.ruleset, "example-net-redirects-ruleset").rules;
    assert.deepEqual(rules.map((r: any) => [r.expression, r.actionParameters.fromValue.targetUrl.expression]), [
      ['http.host eq "example.net"', 'concat("https://example.com", http.request.uri.path)'],
      ['http.host eq "www.example.net"', 'concat("https://example.com", http.request.uri.path)'],
    ]);
  });

  it("redirects the apex to www when www is canonical", async () => {
    const www = await evaluate(editedConfig("staging", (c) => {
      c.zones[0].canonical = "www";
      c.zones[0].hosts.www = c.zones[0].hosts["@"];
      delete c.zones[0].hosts["@"];
    }), "staging");
    const rules = inputsOf(www, TYPES.ruleset, "example-org-redirects-ruleset").rules;
    assert.deepEqual(rules.map((r: any) => [r.expression, r.actionParameters.fromValue.targetUrl.expression]), [
      ['http.host eq "example.org"', 'concat("https://www.example.org", http.request.uri.path)'],
    ]);
  });
});
