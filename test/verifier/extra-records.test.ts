/**
 * verify checks each declared extra record live: the loopback fixture serves the prod stack plus a
 * business's extra records (SaaS CNAME, verification TXT, SRV, subdomain MX, CAA, an office A, a proxied
 * CNAME, an HTTPS record); a clean zone passes every row, a missing or stray record fails its row.
 */
import { strict as assert } from "node:assert";
import { parseStackConfig } from "../../gate/load";
import { editedConfig } from "../support/harness";
import { Fixture, startProdFixture } from "./fixture/harness";

const EXTRAS = [
  { type: "CNAME", name: "help", content: "acme.zendesk.example" },
  { type: "TXT", name: "@", content: "stripe-verification=5f1e9c3b7a" },
  { type: "SRV", name: "_sip._tls", data: { priority: 100, weight: 1, port: 443, target: "sipdir.online.lync.com" } },
  { type: "MX", name: "support", priority: 10, content: "mx1.example.net" },
  { type: "MX", name: "support", priority: 20, content: "mx2.example.net" },
  ...["letsencrypt.org", "pki.goog", "ssl.com", "sectigo.com"].map((value) => ({ type: "CAA", name: "shop", data: { flags: 0, tag: "issue", value } })),
  { type: "A", name: "office", content: "198.51.100.7" },
  { type: "AAAA", name: "office", content: "2001:0db8:0000::7" },
  { type: "CNAME", name: "courses", content: "courses.saas.example", proxied: true },
  { type: "HTTPS", name: "office", data: { priority: 1, target: ".", value: 'alpn="h3,h2"' } },
];

describe("verify: the zones' extra records, live", () => {
  let fixture: Fixture;
  before(async () => {
    const config = parseStackConfig(editedConfig("prod", (c) => { c.zones[0].records = EXTRAS; }));
    fixture = await startProdFixture({ config });
  });
  after(async () => fixture?.stop());
  afterEach(() => fixture.reset());

  /** The extra-record rows (their criteria name the config path), by check name. */
  async function rows() {
    const card = await fixture.audit(["DNS"]);
    return new Map(card.rows.filter((r) => /zones\[0\]\.records\[\d+\]|proxied extra record/.test(r.criteria)).map((r) => [r.check, r]));
  }

  it("passes every declared record a clean zone serves, and warns, naming dig, for a type the resolver cannot query", async () => {
    const found = await rows();
    assert.deepEqual([...found.keys()].sort(), ["A office.example.com", "AAAA office.example.com", "CAA shop.example.com", "CNAME courses.example.com", "CNAME help.example.com", "HTTPS office.example.com", "MX support.example.com", "SRV _sip._tls.example.com", "TXT example.com"]);
    for (const [name, row] of found) {
      if (name === "HTTPS office.example.com") assert.deepEqual([row.status, /dig \+short HTTPS office\.example\.com/.test(row.detail)], ["warn", true]);
      else assert.equal(row.status, "pass", `${name}: ${row.detail}`);
    }
  });

  it("fails the SRV row when the record is missing, naming the declared value", async () => {
    delete fixture.world.dns.records["_sip._tls.example.com"];
    const row = (await rows()).get("SRV _sip._tls.example.com")!;
    assert.equal(row.status, "fail");
    assert.match(row.detail, /SRV _sip\._tls\.example\.com does not serve the declared "100 1 443 sipdir\.online\.lync\.com" \(no answer\)/);
  });

  it("fails the TXT row when the verification token is gone, though other TXT records remain at the apex", async () => {
    const apex = fixture.world.dns.records["example.com"];
    apex.TXT = apex.TXT!.filter((v) => !v.startsWith("stripe-verification="));
    const row = (await rows()).get("TXT example.com")!;
    assert.equal(row.status, "fail");
    assert.match(row.detail, /does not serve the declared "stripe-verification=5f1e9c3b7a"/);
  });

  it("fails the MX row when the live set holds a record nobody declared", async () => {
    fixture.world.dns.records["support.example.com"].MX!.push({ preference: 30, exchange: "mx3.example.org" });
    const row = (await rows()).get("MX support.example.com")!;
    assert.equal(row.status, "fail");
    assert.match(row.detail, /also serves "30 mx3\.example\.org", which the stack does not declare/);
  });

  it("fails a proxied extra record that answers with its origin instead of the edge", async () => {
    fixture.world.dns.records["courses.example.com"] = { CNAME: "courses.saas.example" };
    const row = (await rows()).get("CNAME courses.example.com")!;
    assert.equal(row.status, "fail");
  });
});
