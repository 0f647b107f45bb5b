import { strict as assert } from "node:assert";
import type { Evaluation } from "../../offline/evaluate";
import { evaluate, inputsOf, ofType, resource, shippedConfig, TYPES } from "../support/harness";

describe("Site (prod stack): zone, DNSSEC and web records", () => {
  let ev: Evaluation;
  before(async () => {
    ev = await evaluate(shippedConfig("prod"), "prod");
  });

  it("gives each resource the engine's URN, its type qualified by every ancestor's, as pulumi state and docs/import.md show it", () => {
    assert.equal(resource(ev, TYPES.dnsRecord, "example-com-dns-app").urn,
      "urn:pulumi:prod::launch-stack::launch-stack:index:LaunchStack$launch-stack:site:Site$launch-stack:dns:WebRecords$cloudflare:index/dnsRecord:DnsRecord::example-com-dns-app");
  });

  it("declares every web hostname as a proxied record on automatic TTL, typed by its origin", () => {
    const web = ofType(ev, TYPES.dnsRecord).map((r) => inputsOf(ev, r.type, r.name)).filter((i) => i.type !== "CAA" && i.comment?.startsWith("web:"));
    const byName = Object.fromEntries(web.map((i) => [i.name, [i.type, i.content, i.proxied, i.ttl]]));
    assert.deepEqual(byName, {
      "example.com": ["A", "203.0.113.10", true, 1],
      "app.example.com": ["A", "203.0.113.20", true, 1],
      "api.example.com": ["A", "203.0.113.30", true, 1],
      "admin.example.com": ["A", "203.0.113.20", true, 1],
      "status.example.com": ["A", "203.0.113.40", true, 1],
      "www.example.com": ["AAAA", "100::", true, 1],
      "portal.example.com": ["AAAA", "100::", true, 1],
      "example.net": ["AAAA", "100::", true, 1],
      "www.example.net": ["AAAA", "100::", true, 1],
    });
  });

  it("says in each record's comment what it is for, so policies can tell web from mail", () => {
    assert.equal(inputsOf(ev, TYPES.dnsRecord, "example-com-dns-app").comment, "web: origin 203.0.113.20");
    assert.equal(inputsOf(ev, TYPES.dnsRecord, "example-com-dns-www").comment, "web: alias of example.com");
  });

  it("allows every Universal SSL CA in CAA, for issue and issuewild, plus the iodef address", () => {
    const caa = ofType(ev, TYPES.dnsRecord).map((r) => inputsOf(ev, r.type, r.name)).filter((i) => i.type === "CAA" && i.name === "example.com");
    assert.deepEqual(caa.map((i) => `${i.data.flags} ${i.data.tag} ${i.data.value}`).sort(), [
      "0 iodef mailto:security@example.com",
      "0 issue letsencrypt.org", "0 issue pki.goog", "0 issue sectigo.com", "0 issue ssl.com",
      "0 issuewild letsencrypt.org", "0 issuewild pki.goog", "0 issuewild sectigo.com", "0 issuewild ssl.com",
    ]);
  });

  it("turns DNSSEC on for each zone and protects it in prod", () => {
    const dnssec = resource(ev, TYPES.zoneDnssec, "example-com-dnssec");
    assert.equal(inputsOf(ev, TYPES.zoneDnssec, "example-com-dnssec").status, "active");
    assert.equal(dnssec.protect, true);
  });

  it("looks existing zones up by name instead of creating them", () => {
    assert.equal(ofType(ev, TYPES.zone).length, 0);
    assert.equal((ev.outputs.zoneIds as Record<string, string>)["example.com"].length, 32);
  });

  it("exports the canonical URL, hostnames, DS records and the redirect map", () => {
    assert.equal(ev.outputs.canonicalUrl, "https://example.com");
    assert.equal(ev.outputs.appUrl, "https://app.example.com");
    assert.deepEqual(Object.keys(ev.outputs.dsRecords as object), ["example.com", "example.net"]);
    assert.ok((ev.outputs.hostnames as string[]).includes("portal.example.com"));
    assert.deepEqual(ev.outputs.redirectMap, [
      "example.com/login.php → https://app.example.com/login",
      "example.com/client-area → https://app.example.com/dashboard",
      "www.example.com → https://example.com (path and query kept)",
      "portal.example.com → https://app.example.com (path and query kept)",
      "example.net → https://example.com (path and query kept)",
      "www.example.net → https://example.com (path and query kept)",
    ]);
  });

  it("names children after their component so reordering config does not replace resources", () => {
    const records = ofType(ev, TYPES.dnsRecord).filter((r) => r.name.startsWith("example-com-dns-") && !r.name.includes("caa"));
    assert.deepEqual(records.map((r) => r.name).sort(), ["example-com-dns-admin", "example-com-dns-apex", "example-com-dns-api", "example-com-dns-app", "example-com-dns-portal", "example-com-dns-status", "example-com-dns-www"]);
    assert.ok(records.every((r) => r.parent?.endsWith("launch-stack:dns:WebRecords::example-com-dns")));
  });
});

describe("Site: creating a zone", () => {
  it("creates the zone in the configured account and protects it in prod when createZone is set", async () => {
    const { editedConfig } = await import("../support/harness");
    const ev = await evaluate(editedConfig("prod", (c) => { c.zones[0].createZone = true; }), "prod");
    const zone = resource(ev, TYPES.zone, "example-com-zone");
    assert.deepEqual(inputsOf(ev, TYPES.zone, "example-com-zone"), { account: { id: "023e105f4ecef8ad9ca31a8372d0c353" }, name: "example.com", type: "full" });
    assert.equal(zone.protect, true);
    assert.equal(inputsOf(ev, TYPES.dnsRecord, "example-com-dns-app").zoneId, undefined, "a new zone's id is unknown at preview");
  });
});
