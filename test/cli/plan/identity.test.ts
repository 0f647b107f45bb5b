import { strict as assert } from "node:assert";
import { diffHeadline, diffLines, diffPlans } from "../../../cli/plan/diff";
import type { PlanDocument, PlanResource } from "../../../cli/plan/document";

/** Plans are paired by what a resource is, not by its URN (cli/plan/identity.ts). */
const ZONE = "431ceb26431ceb26431ceb26431ceb26";
const RECORD = "cloudflare:index/dnsRecord:DnsRecord";

function record(name: string, inputs: Record<string, unknown>, scheme = "launch-stack:index:LaunchStack$launch-stack:dns:WebRecords"): PlanResource {
  return { urn: `urn:pulumi:prod::launch-stack::${scheme}$${RECORD}::${name}`, type: RECORD, name, inputs: { zoneId: ZONE, ttl: 1, ...inputs } };
}

const plan = (resources: PlanResource[]): PlanDocument => ({ stack: "prod", resources, violations: [], warnings: [], outputs: {} });

describe("npm run plan -- --diff pairs resources by identity", () => {
  const apex = record("example-com-dns-apex", { name: "example.com", type: "A", content: "203.0.113.10" });
  const app = record("example-com-dns-app", { name: "app.example.com", type: "A", content: "203.0.113.20" });

  it("shows no change when only the URN scheme changed (a parent type added to every URN)", () => {
    const moved = [apex, app].map((r) => ({ ...r, urn: r.urn.replace("launch-stack:dns:WebRecords", "launch-stack:site:Site$launch-stack:dns:WebRecords") }));
    const diff = diffPlans(plan([apex, app]), plan(moved), "main");
    assert.deepEqual({ added: diff.added, removed: diff.removed, changed: diff.changed }, { added: [], removed: [], changed: [] });
    assert.equal(diffHeadline(diff), "No changes against main");
  });

  it("finds a renamed resource under the alias it declares, as the engine does", () => {
    const renamed = { ...app, name: "example-com-web-app", urn: app.urn.replace("example-com-dns-app", "example-com-web-app"), aliases: [`${RECORD}::example-com-dns-app`], inputs: { ...app.inputs, content: "203.0.113.21" } };
    const diff = diffPlans(plan([apex, app]), plan([apex, renamed]), "main");
    assert.deepEqual(diff.added, []);
    assert.deepEqual(diff.removed, []);
    assert.deepEqual(diff.changed.map((c) => [c.name, c.replaces, c.changes]), [["example-com-web-app", undefined, [{ path: "content", before: "203.0.113.20", after: "203.0.113.21" }]]]);
  });

  it("reports a record renamed in code without an alias, managing the same zone, name and type, as one replace", () => {
    const renamed = { ...app, name: "example-com-web-app", urn: app.urn.replace("example-com-dns-app", "example-com-web-app"), inputs: { ...app.inputs, name: "APP.example.com." } };
    const diff = diffPlans(plan([apex, app]), plan([apex, renamed]), "main");
    assert.deepEqual([diff.added, diff.removed], [[], []]);
    assert.equal(diff.changed[0].replaces, "example-com-dns-app");
    assert.equal(diffHeadline(diff), "Changes against main: 0 to add, 0 to delete, 0 to update, 1 to replace");
    assert.equal(diffLines(diff)[0], "+- cloudflare:index:DnsRecord  example-com-web-app  (replaces example-com-dns-app)");
  });

  it("does not guess between several records of one name and type: two MX renamed are two adds and two deletes", () => {
    const mx = (n: number, prefix = "mx") => record(`example-com-${prefix}-${n}`, { name: "example.com", type: "MX", content: `mx${n}.example.net`, priority: n });
    const diff = diffPlans(plan([mx(1), mx(2)]), plan([mx(1, "mail"), mx(2, "mail")]), "main");
    assert.deepEqual([diff.added.length, diff.removed.length, diff.changed.length], [2, 2, 0]);
  });

  it("treats the same logical name with another record type as the same resource changing type", () => {
    const cname = { ...app, inputs: { ...app.inputs, type: "CNAME", content: "portal.example.net" } };
    const diff = diffPlans(plan([app]), plan([cname]), "main");
    assert.deepEqual(diff.changed.map((c) => c.changes.map((x) => x.path)), [["content", "type"]]);
  });
});
