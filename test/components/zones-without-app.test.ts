import { strict as assert } from "node:assert";
import { buildPlan } from "../../cli/plan/stack";
import { configProblems, editedConfig, TYPES } from "../support/harness";

/** Staging plus a course site on its own zone: public pages only, no app routes, no rate limits. */
const withCourseSite = (edit: (course: Record<string, any>) => void = () => undefined) => editedConfig("staging", (c) => {
  const course: Record<string, any> = { domain: "example.net", plan: "free", hosts: { "@": { origin: "198.51.100.60" } } };
  edit(course);
  c.zones.push(course);
});

describe("Zones without the app: rate limits and cache bypass follow the routes a zone serves", () => {
  it("accepts a marketing zone without rate limits, and the pack passes it", async () => {
    const plan = await buildPlan(withCourseSite(), "staging");
    assert.deepEqual(plan.violations.filter((v) => v.message.includes("example.net")).map((v) => v.message), []);
  });

  it("declares no cache-bypass rule on a zone that serves no app routes", async () => {
    const plan = await buildPlan(withCourseSite(), "staging");
    const cache = plan.resources.filter((r) => r.type === TYPES.ruleset && r.inputs.phase === "http_request_cache_settings" && String(r.inputs.name).startsWith("example.net"));
    const rules = cache.flatMap((r) => r.inputs.rules as { ref: string }[]).map((r) => r.ref);
    assert.ok(!rules.includes("bypass-cache-authenticated"), rules.join());
  });

  it("tells the pack the zone has no paths to rate-limit or keep out of the cache", async () => {
    const plan = await buildPlan(withCourseSite(), "staging");
    const site = plan.resources.find((r) => r.type === "launch-stack:site:Site" && r.name === "example-net")!;
    assert.deepEqual([site.inputs.rateLimitedPaths, site.inputs.privatePaths], [[], []]);
  });

  it("still requires the app's rate limits on a zone with a logged-in host", async () => {
    const problems = await configProblems(withCourseSite((course) => { course.hosts.learn = { origin: "198.51.100.61", authenticated: true }; }));
    assert.ok(problems.some((p) => p.startsWith("launch-stack:zones[1].edge.rateLimits: no enabled rate-limit rule that blocks or challenges covers /login")), problems.join("\n"));
  });

  it("still requires them on the app's zone", async () => {
    const problems = await configProblems(editedConfig("staging", (c) => { c.zones[0].edge.rateLimits = []; }));
    assert.ok(problems.some((p) => p.startsWith("launch-stack:zones[0].edge.rateLimits: no enabled rate-limit rule")), problems.join("\n"));
  });
});
