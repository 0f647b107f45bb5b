import { strict as assert } from "node:assert";
import type { Evaluation } from "../../offline/evaluate";
import type { StackValidationPolicy } from "@pulumi/policy";
import { loadPackConfig, resolvePackConfig, runPolicies } from "../../offline/run-policies";
import { allPolicies } from "../../policies/all";
import { edit, reported, shippedPreview, UNKNOWN } from "./support";

const SSL_DESCRIPTION = allPolicies.find((p) => p.name === "ssl-full-strict")!.description;
/** A policy with a tunable threshold, as the CLI validates its config: the shipped pack has none left. */
const TUNABLE: StackValidationPolicy = {
  name: "tunable",
  description: "A policy with config.",
  validateStack: () => undefined,
  configSchema: {
    properties: {
      paths: { type: "array", items: { type: "string", pattern: "^/" }, minItems: 1, default: ["/login"] },
      plans: { type: "object", additionalProperties: { type: "string", enum: ["free", "pro"] }, default: {} },
    },
  },
};
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

  it("keeps schema defaults for properties an entry does not set", () => {
    assert.deepEqual(resolvePackConfig([TUNABLE], { tunable: { enforcementLevel: "advisory", plans: { "example.com": "pro" } } }).get("tunable"), {
      enforcementLevel: "advisory",
      properties: { paths: ["/login"], plans: { "example.com": "pro" } },
    });
  });

  it("hands stack policies a component's registered outputs, not its inputs, as the engine's stack analysis does", async () => {
    const ev = edit(await shippedPreview("prod"), { "example-com": (w, r) => { w.plan = "free"; r.outputs!.plan = "business"; } });
    assert.deepEqual(await reported(ev, "ruleset-plan-limits"), []);
    const free = edit(await shippedPreview("prod"), { "example-com": (_w, r) => { r.outputs!.plan = "free"; } });
    const found = await reported(free, "ruleset-plan-limits");
    assert.ok(found.length > 0 && found.every((m) => m.startsWith("example.com (free plan): ")), found.join("\n"));
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

  it("downgrades a policy that reads an unknown value nested below the top level, as the analyzer's proxy does", async () => {
    const ev = edit(await shippedPreview("prod"), { "example-com-edge-security-header": (w) => { w.value.strict_transport_security.max_age = UNKNOWN; } });
    assert.deepEqual((await runPolicies(ev)).filter((v) => v.policy === "hsts-enabled").map((v) => [v.enforcementLevel, v.message]), [
      ["advisory", "can't run policy 'hsts-enabled' from policy pack 'launch-stack@v0.1.0' during preview: string value at .value.strict_transport_security.max_age can't be known during preview"],
    ]);
  });

  it("refuses config whose properties do not match the policy's schema, as the CLI does before a preview", () => {
    assert.throws(() => resolvePackConfig([TUNABLE], { tunable: { paths: "/login" } }), {
      message: "policy pack config is invalid:\n  tunable.paths: Invalid type. Expected: array, given: string",
    });
  });

  it("refuses a property value outside the schema's pattern or enum", () => {
    assert.throws(() => resolvePackConfig([TUNABLE], { tunable: { paths: ["login"], plans: { "example.com": "premium" } } }), {
      message: 'policy pack config is invalid:\n  tunable.paths.0: Does not match pattern \'^/\'\n  tunable.plans.example.com: must be one of "free", "pro"',
    });
  });

  it("ignores properties given to a policy without a schema, as the CLI does", async () => {
    assert.equal((await sslViolations({ "ssl-full-strict": { zonePlans: { "example.com": "pro" } } })).length, 1);
  });

  it("refuses an enforcement level the engine does not know", async () => {
    await assert.rejects(runPolicies(flexible, { config: { all: "strict" } }), {
      message: 'policy pack config is invalid:\n  all: "strict" is not an enforcement level (advisory, mandatory, remediate, disabled)',
    });
  });

  it("reads a stack's pack config from policies/config/<stack>.json, and nothing for a stack without one", () => {
    assert.deepEqual(loadPackConfig("prod"), {});
    assert.equal(loadPackConfig("dev"), undefined);
  });
});
