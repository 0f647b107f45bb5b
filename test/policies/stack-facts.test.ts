import { strict as assert } from "node:assert";
import type { Evaluation } from "../../offline/evaluate";
import { fromWire } from "../../offline/recording-runtime";
import { literalsOf } from "../../rules/expression";
import { resource, TYPES } from "../support/harness";
import { createdZonePreview, shippedPreview } from "./support";

const SITE = "launch-stack:site:Site";
const LAUNCH_STACK = "launch-stack:index:LaunchStack";
const PROD_PRIVATE_PATHS = ["/dashboard", "/account", "/settings", "/billing", "/api/", "/webhooks/", "/login", "/password/reset", "/invitations/accept"];
const RATE_LIMITED_PATHS = ["/login", "/password/reset", "/invitations/accept", "/api/", "/webhooks/"];
/** What each prod hostname with an origin serves (rules/dns-only.ts): the apex carries the two legacy-path redirects. */
const PROD_HOST_ROLES = [
  { name: "example.com", isAppHost: false, authenticated: false, redirects: 2 },
  { name: "admin.example.com", isAppHost: false, authenticated: true, redirects: 0 },
  { name: "api.example.com", isAppHost: false, authenticated: true, redirects: 0 },
  { name: "app.example.com", isAppHost: true, authenticated: true, redirects: 0 },
  { name: "status.example.com", isAppHost: false, authenticated: false, redirects: 0 },
];

/** A component's registered outputs, unknowns as undefined. */
function outputsOf(ev: Evaluation, type: string, name: string): Record<string, unknown> {
  return fromWire(resource(ev, type, name).outputs, { secret: () => "[secret]", unknown: undefined }) as Record<string, unknown>;
}

function facts(o: Record<string, unknown>) {
  return { domain: o.domain, plan: o.plan, environment: o.environment, rateLimitedPaths: o.rateLimitedPaths, privatePaths: o.privatePaths, hostRoles: o.hostRoles };
}

describe("the facts the policy pack reads from the stack's components", () => {
  let prod: Evaluation;
  before(async () => {
    prod = await shippedPreview("prod");
  });

  it("declares a serving zone's domain, plan, environment, required paths and host roles as the Site's inputs", () => {
    assert.deepEqual(resource(prod, SITE, "example-com").wire, {
      domain: "example.com", plan: "pro", environment: "prod", rateLimitedPaths: RATE_LIMITED_PATHS, privatePaths: PROD_PRIVATE_PATHS, hostRoles: PROD_HOST_ROLES,
    });
  });

  it("registers the same facts as the Site's outputs, which is what the engine hands stack policies", () => {
    assert.deepEqual(facts(outputsOf(prod, SITE, "example-com")), resource(prod, SITE, "example-com").wire);
  });

  it("requires no paths and has no host roles in a redirect-only zone", () => {
    assert.deepEqual(resource(prod, SITE, "example-net").wire, { domain: "example.net", plan: "free", environment: "prod", rateLimitedPaths: [], privatePaths: [], hostRoles: [] });
  });

  it("declares the environment as the LaunchStack's input and output", () => {
    assert.deepEqual(resource(prod, LAUNCH_STACK, "launch-stack").wire, { environment: "prod" });
    assert.equal(outputsOf(prod, LAUNCH_STACK, "launch-stack").environment, "prod");
  });

  it("declares exactly the paths the zone's cache-bypass rule matches", () => {
    const cache = resource(prod, TYPES.ruleset, "example-com-edge-cache").wire as { rules: { expression: string; actionParameters: { cache: boolean } }[] };
    const bypass = cache.rules.find((r) => r.actionParameters.cache === false)!;
    assert.deepEqual(literalsOf(bypass.expression).filter((l) => l.startsWith("/")), PROD_PRIVATE_PATHS);
  });

  it("knows the facts of a zone the update creates at preview, while its id is unknown", async () => {
    const created = await createdZonePreview();
    const outputs = outputsOf(created, SITE, "example-com");
    assert.equal(outputs.zoneId, undefined);
    assert.deepEqual(facts(outputs), resource(prod, SITE, "example-com").wire);
  });
});
