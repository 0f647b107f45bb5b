import { strict as assert } from "node:assert";
import type { Evaluation } from "../../offline/evaluate";
import { loadPackConfig, runPolicies } from "../../offline/run-policies";
import { allPolicies } from "../../policies/all";
import { edit, shippedPreview, UNKNOWN, without } from "./support";

const SSL_DESCRIPTION = allPolicies.find((p) => p.name === "ssl-full-strict")!.description;
const FLEXIBLE = 'SSL mode is "flexible", not "strict" (Full (strict)) (launch checklist: SSL/TLS); set ssl to "strict" and give the origin a valid certificate; flexible loops with HTTPS-forcing origins';

describe("offline/run-policies: the pack evaluated as the engine does", () => {
  let flexible: Evaluation;
  before(async () => {
    flexible = edit(await shippedPreview("prod"), { "example-com-edge-ssl": (w) => { w.value = "flexible"; } });
  });

  const sslViolations = async (config?: Record<string, unknown>) => (await runPolicies(flexible, { config })).filter((v) => v.policy === "ssl-full-strict");

  it("reports the policy's description, a newline and the message, at the resource's URN, as the engine prints it", async () => {
    assert.deepEqual(await sslViolations(), [{
      policy: "ssl-full-strict",
      enforcementLevel: "mandatory",
      severity: "critical",
      urn: flexible.resources.find((r) => r.name === "example-com-edge-ssl")!.urn,
      message: `${SSL_DESCRIPTION}\n${FLEXIBLE}`,
    }]);
  });

  it("lowers every policy with the config's all entry", async () => {
    assert.deepEqual((await sslViolations({ all: "advisory" })).map((v) => v.enforcementLevel), ["advisory"]);
  });

  it("lets a policy's own entry override all", async () => {
    assert.deepEqual((await sslViolations({ all: "advisory", "ssl-full-strict": "mandatory" })).map((v) => v.enforcementLevel), ["mandatory"]);
  });

  it("does not run a disabled policy", async () => {
    assert.deepEqual(await sslViolations({ "ssl-full-strict": "disabled" }), []);
  });

  it("reports a remediate policy as mandatory, as the engine does when a violation remains", async () => {
    assert.deepEqual((await sslViolations({ "ssl-full-strict": { enforcementLevel: "remediate" } })).map((v) => v.enforcementLevel), ["mandatory"]);
  });

  it("keeps schema defaults for properties an entry does not set", async () => {
    const ev = without(await shippedPreview("staging"), "example-org-edge-rate-limits");
    const found = (await runPolicies(ev, { config: { "rate-limit-auth-paths": { enforcementLevel: "advisory" } } })).filter((v) => v.policy === "rate-limit-auth-paths");
    assert.deepEqual(found.map((v) => [v.enforcementLevel, v.message.split("\n")[1]]), [[
      "advisory",
      'example.org: no enabled rate-limit rule that blocks or challenges covers /login, /password/reset, /invitations/accept, /api/ (launch checklist: rate limiting); add them to an http_ratelimit rule with action "block" or "managed_challenge"',
    ]]);
  });

  it("downgrades a policy that reads an unknown value to advisory, with the engine's message", async () => {
    const ev = edit(await shippedPreview("prod"), { "example-com-edge-ssl": (w) => { w.value = UNKNOWN; } });
    assert.deepEqual((await runPolicies(ev)).filter((v) => v.policy === "ssl-full-strict"), [{
      policy: "ssl-full-strict",
      enforcementLevel: "advisory",
      severity: "critical",
      urn: ev.resources.find((r) => r.name === "example-com-edge-ssl")!.urn,
      message: "can't run policy 'ssl-full-strict' from policy pack 'launch-stack@v0.1.0' during preview: string value at .value can't be known during preview",
    }]);
  });

  it("refuses config whose properties do not match the policy's schema, as the CLI does before a preview", async () => {
    await assert.rejects(runPolicies(flexible, { config: { "rate-limit-auth-paths": { authPaths: "/login" } } }), {
      message: "policy pack config is invalid:\n  rate-limit-auth-paths.authPaths: Invalid type. Expected: array, given: string",
    });
  });

  it("refuses a property value outside the schema's pattern or enum", async () => {
    await assert.rejects(runPolicies(flexible, { config: { "rate-limit-auth-paths": { authPaths: ["login"] }, "waf-managed-rules": { zonePlans: { "example.com": "premium" } } } }), {
      message: 'policy pack config is invalid:\n  waf-managed-rules.zonePlans.example.com: must be one of "free", "pro", "business", "enterprise"\n  rate-limit-auth-paths.authPaths.0: Does not match pattern \'^/\'',
    });
  });

  it("refuses an enforcement level the engine does not know", async () => {
    await assert.rejects(runPolicies(flexible, { config: { all: "strict" } }), {
      message: 'policy pack config is invalid:\n  all: "strict" is not an enforcement level (advisory, mandatory, remediate, disabled)',
    });
  });

  it("reads a stack's pack config from policies/config/<stack>.json, and nothing for a stack without one", () => {
    assert.deepEqual((loadPackConfig("prod")!["waf-managed-rules"] as { zonePlans: unknown }).zonePlans, { "example.com": "pro", "example.net": "free" });
    assert.equal(loadPackConfig("dev"), undefined);
  });
});
