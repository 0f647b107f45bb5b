/**
 * The import file from a plan and a live read, on small plans: which live object each planned resource
 * adopts, under which entry names and parents, and which live records are left in the zone.
 */
import { strict as assert } from "node:assert";
import { importFileFor, LiveEdge } from "../../../cli/adopt/import-file";
import type { PlanDocument, PlanResource } from "../../../cli/plan/document";
import type { LiveRecord } from "../../../model/live-zone";

const STACK = "urn:pulumi:s::launch-stack::";
const ROOT: PlanResource = { urn: `${STACK}launch-stack:index:LaunchStack::launch-stack`, type: "launch-stack:index:LaunchStack", name: "launch-stack", inputs: {} };
const SITE: PlanResource = { urn: `${STACK}launch-stack:index:LaunchStack$launch-stack:site:Site::example-com`, type: "launch-stack:site:Site", name: "example-com", parent: ROOT.urn, inputs: {} };
const RECORDS: PlanResource = { urn: `${STACK}launch-stack:index:LaunchStack$launch-stack:site:Site$launch-stack:dns:ExtraRecords::example-com-records`, type: "launch-stack:dns:ExtraRecords", name: "example-com-records", parent: SITE.urn, inputs: {} };

function record(name: string, inputs: Record<string, unknown>): PlanResource {
  return { urn: `${RECORDS.urn.replace("::example-com-records", "")}$cloudflare:index/dnsRecord:DnsRecord::${name}`, type: "cloudflare:index/dnsRecord:DnsRecord", name, parent: RECORDS.urn, inputs: { zoneId: "z", ttl: 1, proxied: false, ...inputs } };
}

function live(id: string, name: string, type: string, content: string, proxied = false): LiveRecord {
  return { id, name, type, content, ttl: 1, proxied, source: `record ${id}` };
}

const plan = (...resources: PlanResource[]): PlanDocument => ({ stack: "s", resources: [ROOT, SITE, RECORDS, ...resources], violations: [], warnings: [], outputs: {} });
const edge = (...records: LiveRecord[]): LiveEdge => ({ zone: { id: "z", name: "example.com" }, records, settings: [], rulesets: [] });

describe("import-<stack>.json from a plan and a live read", () => {
  it("adopts a live record with the same name, type and value, whatever its proxied state", () => {
    const a = importFileFor(plan(record("vpn", { name: "vpn.example.com", type: "A", content: "198.51.100.7", proxied: true })), edge(live("r1", "vpn.example.com", "A", "198.51.100.7")), "6.22.1");
    assert.deepEqual(a.file.resources.find((e) => e.name === "vpn"), { type: "cloudflare:index/dnsRecord:DnsRecord", name: "vpn", logicalName: "vpn", id: "z/r1", parent: "example-com-records", version: "6.22.1" });
  });

  it("lists each ancestor once, as a component entry parented as the plan parents it, before its children", () => {
    const a = importFileFor(plan(record("one", { name: "a.example.com", type: "A", content: "192.0.2.1" }), record("two", { name: "b.example.com", type: "A", content: "192.0.2.2" })),
      edge(live("r1", "a.example.com", "A", "192.0.2.1"), live("r2", "b.example.com", "A", "192.0.2.2")), "6.22.1");
    assert.deepEqual(a.file.resources.map((e) => [e.name, e.parent ?? null, e.component ?? false]), [
      ["launch-stack", null, true], ["example-com", "launch-stack", true], ["example-com-records", "example-com", true], ["one", "example-com-records", false], ["two", "example-com-records", false],
    ]);
  });

  it("pairs the one live CNAME at a name with the stack's CNAME there, so the up updates its target in place", () => {
    const a = importFileFor(plan(record("help", { name: "help.example.com", type: "CNAME", content: "new.example.net" })), edge(live("r1", "help.example.com", "CNAME", "old.example.net.")), "6.22.1");
    assert.equal(a.file.resources.find((e) => e.name === "help")?.id, "z/r1");
    assert.deepEqual(a.leftInZone, []);
  });

  it("pairs an SPF record only with an SPF record, never with another TXT at the name", () => {
    const a = importFileFor(plan(record("spf", { name: "example.com", type: "TXT", content: '"v=spf1 include:spf.protection.outlook.com -all"' })),
      edge(live("r1", "example.com", "TXT", '"stripe-verification=5f1e"'), live("r2", "example.com", "TXT", '"v=spf1 ~all"')), "6.22.1");
    assert.equal(a.file.resources.find((e) => e.name === "spf")?.id, "z/r2");
    assert.deepEqual(a.leftInZone.map((l) => [l.record.id, l.stray]), [["r1", undefined]]);
  });

  it("adopts the live SPF record most like the stack's and marks the other stray with the permerror", () => {
    const a = importFileFor(plan(record("spf", { name: "example.com", type: "TXT", content: '"v=spf1 include:spf.protection.outlook.com -all"' })),
      edge(live("r2", "example.com", "TXT", '"v=spf1 ~all"'), live("r3", "example.com", "TXT", '"v=spf1 include:spf.protection.outlook.com ~all"')), "6.22.1");
    assert.equal(a.file.resources.find((e) => e.name === "spf")?.id, "z/r3");
    assert.deepEqual(a.leftInZone.map((l) => l.record.id), ["r2"]);
    assert.match(a.leftInZone[0].stray ?? "", /^two SPF records at one name are a permerror \(RFC 7208 §4\.5\)/);
  });

  it("pairs several live records of one name and type with the stack's by content, whatever their order", () => {
    const a = importFileFor(plan(record("mx-a", { name: "example.com", type: "MX", priority: 20, content: "mx2.example.net" }), record("mx-b", { name: "example.com", type: "MX", priority: 10, content: "mx1.example.net" })),
      edge(live("r1", "example.com", "MX", "10 mx1.example.net."), live("r2", "example.com", "MX", "20 mx2.example.net.")), "6.22.1");
    assert.deepEqual(a.file.resources.filter((e) => !e.component).map((e) => [e.name, e.id]), [["mx-a", "z/r2"], ["mx-b", "z/r1"]]);
    assert.deepEqual(a.leftInZone, []);
  });

  it("adopts the live MX most like the stack's changed one and marks every other live MX there stray", () => {
    const a = importFileFor(plan(record("mx", { name: "example.com", type: "MX", priority: 10, content: "mx3.example.net" })),
      edge(live("r1", "example.com", "MX", "20 mx2.example.net."), live("r2", "example.com", "MX", "10 mx1.example.net.")), "6.22.1");
    assert.equal(a.file.resources.find((e) => e.name === "mx")?.id, "z/r2");
    assert.deepEqual(a.leftInZone.map((l) => [l.record.id, /^a stray MX receives mail/.test(l.stray ?? "")]), [["r1", true]]);
  });

  it("leaves a live record at a name and type the stack does not declare unmarked", () => {
    const a = importFileFor(plan(record("mx", { name: "example.com", type: "MX", priority: 10, content: "mx1.example.net" })), edge(live("r1", "support.example.com", "MX", "10 mx9.example.net.")), "6.22.1");
    assert.deepEqual(a.leftInZone.map((l) => [l.record.id, l.stray, l.blocksCreate]), [["r1", undefined, undefined]]);
  });

  it("marks a live CNAME left at a name where the stack declares another type as blocking the create", () => {
    const a = importFileFor(plan(record("www", { name: "www.example.com", type: "AAAA", content: "100::" })), edge(live("r1", "www.example.com", "CNAME", "example.com.")), "6.22.1");
    assert.match(a.leftInZone[0].blocksCreate ?? "", /declares AAAA at www\.example\.com, which cannot sit beside this CNAME/);
  });

  it("never pairs a verification token with another service's token at the name", () => {
    const a = importFileFor(plan(record("google", { name: "example.com", type: "TXT", content: '"google-site-verification=NEW"' })), edge(live("r1", "example.com", "TXT", '"facebook-domain-verification=abc123"')), "6.22.1");
    assert.equal(a.file.resources.find((e) => e.name === "google"), undefined);
    assert.deepEqual(a.leftInZone.map((l) => [l.record.id, l.stray, l.blocksCreate]), [["r1", undefined, undefined]]);
  });

  it("leaves another service's verification token beside the stack's TXT records unmarked, not stray", () => {
    const a = importFileFor(plan(record("google", { name: "example.com", type: "TXT", content: '"google-site-verification=NEW"' }), record("spf", { name: "example.com", type: "TXT", content: '"v=spf1 -all"' })),
      edge(live("r1", "example.com", "TXT", '"stripe-verification=5f1e"'), live("r2", "example.com", "TXT", '"google-site-verification=OLD"')), "6.22.1");
    assert.deepEqual(a.leftInZone.map((l) => [l.record.id, l.stray]), [["r1", undefined]]);
  });

  it("pairs the one live token of a service with the stack's one token of that service, so the up replaces it in place", () => {
    const a = importFileFor(plan(record("google", { name: "example.com", type: "TXT", content: '"google-site-verification=NEW"' })), edge(live("r1", "example.com", "TXT", '"google-site-verification=OLD"')), "6.22.1");
    assert.equal(a.file.resources.find((e) => e.name === "google")?.id, "z/r1");
  });

  it("pairs no token when a service has two live tokens at the name, and leaves both unmarked", () => {
    const a = importFileFor(plan(record("google", { name: "example.com", type: "TXT", content: '"google-site-verification=NEW"' })),
      edge(live("r1", "example.com", "TXT", '"google-site-verification=OWNER1"'), live("r2", "example.com", "TXT", '"google-site-verification=OWNER2"')), "6.22.1");
    assert.equal(a.file.resources.find((e) => e.name === "google"), undefined);
    assert.deepEqual(a.leftInZone.map((l) => [l.record.id, l.stray]), [["r1", undefined], ["r2", undefined]]);
  });

  it("adopts the live entrypoint ruleset of the planned ruleset's phase, by its zone-scoped id", () => {
    const ruleset: PlanResource = { urn: `${SITE.urn.replace("::example-com", "")}$cloudflare:index/ruleset:Ruleset::example-com-rl`, type: "cloudflare:index/ruleset:Ruleset", name: "example-com-rl", parent: SITE.urn, inputs: { phase: "http_ratelimit", rules: [] } };
    const a = importFileFor(plan(ruleset), { ...edge(), rulesets: [{ id: "rs9", phase: "http_ratelimit", name: "default", rules: [] }, { id: "rs8", phase: "http_request_firewall_custom", name: "default", rules: [] }] }, "6.22.1");
    assert.deepEqual(a.file.resources.filter((e) => !e.component).map((e) => e.id), ["zones/z/rs9"]);
  });

  it("gives an entry a unique name when two resources share a logical name", () => {
    const twin: PlanResource = { urn: `${STACK}launch-stack:index:LaunchStack$launch-stack:dns:WebRecords::example-com`, type: "launch-stack:dns:WebRecords", name: "example-com", parent: ROOT.urn, inputs: {} };
    const child = { ...record("a", { name: "a.example.com", type: "A", content: "192.0.2.1" }), parent: twin.urn };
    const a = importFileFor(plan(twin, child), edge(live("r1", "a.example.com", "A", "192.0.2.1")), "6.22.1");
    const names = a.file.resources.map((e) => e.name);
    assert.equal(new Set(names).size, names.length);
    assert.equal(a.file.resources.find((e) => e.logicalName === "a")?.parent, "example-com-webrecords");
  });
});
