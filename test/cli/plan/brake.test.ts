import { strict as assert } from "node:assert";
import { changeSafetySchema } from "../../../config/change-safety";
import { brake, renderBrake } from "../../../cli/plan/brake";
import { diffPlans } from "../../../cli/plan/diff";
import type { PlanDocument, PlanResource } from "../../../cli/plan/document";

/**
 * The mass-change brake, grown one plan at a time as octodns' tests/test_octodns_plan.py grows its plan:
 * no records, records without changes, creates, one update under the share, one over, a bigger minimum.
 */
const ZONE = "431ceb26431ceb26431ceb26431ceb26";
const DEFAULTS = changeSafetySchema.parse({});

function resource(type: string, name: string, inputs: Record<string, unknown>): PlanResource {
  return { urn: `urn:pulumi:prod::launch-stack::launch-stack:index:LaunchStack$${type}::${name}`, type, name, inputs: { zoneId: ZONE, ...inputs } };
}
const record = (i: number, content = `203.0.113.${i}`) =>
  resource("cloudflare:index/dnsRecord:DnsRecord", `host-${i}`, { name: i === 0 ? "example.com" : `host-${i}.example.com`, type: "A", content, ttl: 1, proxied: true });
const plan = (resources: PlanResource[]): PlanDocument => ({ stack: "prod", resources, violations: [], warnings: [], outputs: {} });
const trips = (base: PlanResource[], head: PlanResource[], limits = DEFAULTS, allowed = false) => {
  const b = plan(base);
  const h = plan(head);
  return brake(b, h, diffPlans(b, h, "main"), limits, allowed).trips;
};
const zone = (n: number) => Array.from({ length: n }, (_, i) => record(i));

describe("the mass-change brake of npm run plan -- --diff", () => {
  it("does not trip on an empty plan", () => {
    assert.deepEqual(trips([], []), []);
  });

  it("does not trip on ten records that do not change", () => {
    assert.deepEqual(trips(zone(10), zone(10)), []);
  });

  it("never counts creates: ten records growing to forty", () => {
    assert.deepEqual(trips(zone(10), zone(40)), []);
  });

  it("lets three updates of ten through (30 %, not over the limit)", () => {
    const head = zone(10).map((r, i) => (i < 3 ? record(i, "198.51.100.1") : r));
    assert.deepEqual(trips(zone(10), head), []);
  });

  it("trips on four updates of ten, in one exact line", () => {
    const head = zone(10).map((r, i) => (i < 4 ? record(i, "198.51.100.1") : r));
    assert.deepEqual(trips(zone(10), head), [
      "stack prod, zone example.com: updates 4 of its 10 DNS records (40 %), over the 30 % limit (launch-stack:changeSafety)",
    ]);
  });

  it("trips on four deletes of ten", () => {
    assert.deepEqual(trips(zone(10), zone(6)), [
      "stack prod, zone example.com: deletes or replaces 4 of its 10 DNS records (40 %), over the 30 % limit (launch-stack:changeSafety)",
    ]);
  });

  it("counts a replace (same name and type, new logical name) as a delete", () => {
    const renamed = zone(10).map((r, i) => (i < 4 ? { ...r, name: `renamed-${i}`, urn: r.urn.replace(`::host-${i}`, `::renamed-${i}`) } : r));
    assert.deepEqual(trips(zone(10), renamed), [
      "stack prod, zone example.com: deletes or replaces 4 of its 10 DNS records (40 %), over the 30 % limit (launch-stack:changeSafety)",
    ]);
  });

  it("does not judge a zone under the minimum by share: nine records all deleted", () => {
    assert.deepEqual(trips(zone(9), []), []);
  });

  it("lets the stack's own bigger minimum and share win over the defaults", () => {
    assert.deepEqual(trips(zone(10), zone(6), changeSafetySchema.parse({ minRecords: 20 })), []);
    assert.deepEqual(trips(zone(10), zone(6), changeSafetySchema.parse({ maxDeleteShare: 0.5 })), []);
    assert.equal(trips(zone(10), zone(8), changeSafetySchema.parse({ maxDeleteShare: 0.1 })).length, 1);
  });

  describe("always asks, whatever the share", () => {
    const dnssec = resource("cloudflare:index/zoneDnssec:ZoneDnssec", "example-com-dnssec", { status: "active" });
    const ruleset = resource("cloudflare:index/ruleset:Ruleset", "example-com-edge-waf-custom", { kind: "zone", phase: "http_request_firewall_custom", rules: [] });
    const theZone = { ...resource("cloudflare:index/zone:Zone", "example-com-zone", { name: "example.com" }), inputs: { name: "example.com", account: { id: "x" } } };

    it("when a zone's DNSSEC is deleted", () => {
      assert.deepEqual(trips([...zone(2), dnssec], zone(2)), [
        "stack prod, zone example.com: deletes its DNSSEC (resolvers that validate fail until the DS record at the registrar is removed) (example-com-dnssec); always needs --allow-mass-change",
      ]);
    });

    it("when a ruleset is deleted", () => {
      assert.deepEqual(trips([...zone(2), ruleset], zone(2)), [
        "stack prod, zone example.com: deletes a ruleset (example-com-edge-waf-custom); always needs --allow-mass-change",
      ]);
    });

    it("when the zone itself is deleted", () => {
      assert.deepEqual(trips([theZone], []), ["stack prod, zone example.com: deletes the zone itself (example-com-zone); always needs --allow-mass-change"]);
    });
  });

  it("shows the trips with --allow-mass-change, as allowed, and how to go ahead without it", () => {
    const b = plan(zone(10));
    const h = plan(zone(6));
    const held = brake(b, h, diffPlans(b, h, "main"), DEFAULTS, false);
    const allowed = brake(b, h, diffPlans(b, h, "main"), DEFAULTS, true);
    assert.deepEqual(allowed.trips, held.trips);
    assert.match(renderBrake(held)[0], /^Mass change: stopped; if it is intended, rerun with --allow-mass-change \(in a pull request: add the allow-mass-change label\):$/);
    assert.equal(renderBrake(allowed)[0], "Mass change allowed by --allow-mass-change:");
  });
});
