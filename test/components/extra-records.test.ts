import { strict as assert } from "node:assert";
import type { Evaluation } from "../../offline/evaluate";
import { editedConfig, evaluate, inputsOf, ofType, resource, TYPES } from "../support/harness";

/** A coaching company's extra records: SaaS verifications, helpdesk, calling, a delegation, HTTPS. */
const RECORDS = [
  { type: "TXT", name: "@", content: "stripe-verification=3f9a1c" },
  { type: "CNAME", name: "help", content: "example.zendesk.com", comment: "helpdesk" },
  { type: "CNAME", name: "book", content: "bookings.example.net", proxied: true },
  { type: "SRV", name: "_sipfederationtls._tcp", data: { priority: 100, weight: 1, port: 5061, target: "sipfed.online.lync.com" }, ttl: 3600 },
  { type: "MX", name: "support", content: "mx.example.net", priority: 10 },
  { type: "CAA", name: "shop", data: { tag: "issue", value: "letsencrypt.org" } }, { type: "CAA", name: "shop", data: { tag: "issue", value: "pki.goog" } }, { type: "CAA", name: "shop", data: { tag: "issue", value: "ssl.com" } }, { type: "CAA", name: "shop", data: { tag: "issue", value: "sectigo.com" } },
  { type: "A", name: "vpn", content: "198.51.100.99", ttl: 300 },
  { type: "NS", name: "lab", content: "ns1.example.net" },
  { type: "HTTPS", name: "@", data: { priority: 1, target: ".", value: 'alpn="h3,h2"' } },
  { type: "TLSA", name: "_25._tcp.support", data: { usage: 3, selector: 1, matchingType: 1, certificate: "AB12" } },
];

describe("ExtraRecords: a zone's own records, declared as listed", () => {
  let ev: Evaluation;
  before(async () => {
    ev = await evaluate(editedConfig("staging", (c) => { c.zones[0].records = RECORDS; }), "staging");
  });

  const extra = () => ofType(ev, TYPES.dnsRecord).filter((r) => r.name.startsWith("example-org-records-"));

  it("declares one DnsRecord per listed record, under an ExtraRecords component of the zone's Site", () => {
    assert.equal(extra().length, RECORDS.length);
    assert.match(extra()[0].urn, /launch-stack:site:Site\$launch-stack:dns:ExtraRecords\$cloudflare:index\/dnsRecord:DnsRecord::example-org-records-/);
  });

  it("sends a TXT value quoted, on automatic TTL, DNS-only, with the role in its comment", () => {
    const txt = extra().map((r) => inputsOf(ev, r.type, r.name)).find((i) => i.type === "TXT");
    assert.deepEqual({ ...txt, zoneId: undefined }, { zoneId: undefined, name: "example.org", type: "TXT", content: '"stripe-verification=3f9a1c"', ttl: 1, proxied: false, comment: "dns-only: extra record" });
  });

  it("names a CNAME by type and name alone, and keeps the written comment after the role", () => {
    const i = inputsOf(ev, TYPES.dnsRecord, "example-org-records-cname-help");
    assert.deepEqual([i.content, i.proxied, i.comment], ["example.zendesk.com", false, "dns-only: helpdesk"]);
  });

  it("proxies a record that asks for it, on automatic TTL, with the web role", () => {
    const i = inputsOf(ev, TYPES.dnsRecord, "example-org-records-cname-book");
    assert.deepEqual([i.proxied, i.ttl, i.comment], [true, 1, "web: extra record"]);
  });

  it("sends structured types as data, with the TTL as written", () => {
    const srv = extra().map((r) => inputsOf(ev, r.type, r.name)).find((i) => i.type === "SRV")!;
    assert.deepEqual([srv.name, srv.ttl, srv.data, srv.content], ["_sipfederationtls._tcp.example.org", 3600, { priority: 100, weight: 1, port: 5061, target: "sipfed.online.lync.com" }, undefined]);
    const tlsa = extra().map((r) => inputsOf(ev, r.type, r.name)).find((i) => i.type === "TLSA")!;
    assert.deepEqual(tlsa.data, { usage: 3, selector: 1, matchingType: 1, certificate: "ab12" });
  });

  it("sends an MX's priority at the top level and marks it a mail record", () => {
    const mx = extra().map((r) => inputsOf(ev, r.type, r.name)).find((i) => i.type === "MX")!;
    assert.deepEqual([mx.name, mx.content, mx.priority, mx.comment], ["support.example.org", "mx.example.net", 10, "mail: extra record"]);
  });

  it("names records by content identity, so reordering the list renames nothing", async () => {
    const reordered = await evaluate(editedConfig("staging", (c) => { c.zones[0].records = [...RECORDS].reverse(); }), "staging");
    assert.deepEqual(ofType(reordered, TYPES.dnsRecord).filter((r) => r.name.startsWith("example-org-records-")).map((r) => r.name).sort(), extra().map((r) => r.name).sort());
    assert.ok(resource(ev, TYPES.dnsRecord, "example-org-records-a-vpn-cda566d7"));
  });

  it("declares no ExtraRecords component for a zone without extra records", async () => {
    const plain = await evaluate(editedConfig("staging", () => undefined), "staging");
    assert.equal(plain.resources.filter((r) => r.type === "launch-stack:dns:ExtraRecords").length, 0);
  });

  it("publishes v=spf1 -all at a name that receives mail through an extra MX, so the name has its one SPF record", () => {
    const spf = ofType(ev, TYPES.dnsRecord).map((r) => inputsOf(ev, r.type, r.name)).filter((i) => i.type === "TXT" && i.name === "support.example.org");
    assert.deepEqual(spf.map((i) => i.content), ['"v=spf1 -all"']);
  });
});
