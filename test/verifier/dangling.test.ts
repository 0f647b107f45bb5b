import { strict as assert } from "node:assert";
import type { ConnectTarget } from "../../verifier/connect";
import type { HostnameExpectation } from "../../verifier/expectations";
import type { Scorecard } from "../../verifier/scorecard";
import { Fixture, startProdFixture } from "./fixture/harness";

function row(card: Scorecard, name: string) {
  const r = card.rows.find((x) => x.area === "DNS" && x.check === `dangling ${name}`);
  assert.ok(r, `no dangling row for ${name}`);
  return r;
}

const DKIM = "38os8cj27721hbtfvjuljgleu7uqvoc3._domainkey.example.com";

/** Dangling CNAMEs on the prod fixture: declared or served, and a SaaS that no longer claims a DNS-only host. */
describe("verifier dangling-record rows", function () {
  let fx: Fixture;
  const docs: HostnameExpectation = { name: "docs.example.com", zone: "example.com", declared: "CNAME portal-docs.github.io, DNS only", dnsOnly: { type: "CNAME", content: "portal-docs.github.io" } };

  // The fixture's --connect map, added to for the one DNS-only host these tests plant.
  const connect = () => fx.network.connect as Map<string, ConnectTarget>;

  before(async function () {
    fx = await startProdFixture();
  });
  after(async () => fx?.stop());
  afterEach(() => {
    fx.reset();
    fx.expectations.hostnames = fx.expectations.hostnames.filter((h) => h !== docs);
    connect().delete("docs.example.com:80");
  });

  /** Adds a DNS-only host served by GitHub Pages, answered on loopback like every other fixture host. */
  function withDocsHost(pagesAnswer: string) {
    fx.expectations.hostnames.push(docs);
    fx.world.dns.records["docs.example.com"] = { CNAME: "portal-docs.github.io" };
    fx.world.dns.records["portal-docs.github.io"] = { A: ["185.199.108.153"] };
    connect().set("docs.example.com:80", fx.network.connect.get("example.com:80")!);
    fx.world.override = (req) => (req.host === "docs.example.com" ? { status: 404, headers: { "content-type": "text/html" }, body: pagesAnswer } : undefined);
  }

  it("passes every CNAME of the clean fixture, the provider's DKIM CNAMEs included", async () => {
    const card = await fx.audit(["DNS"]);
    const rows = card.rows.filter((r) => r.check.startsWith("dangling "));
    assert.deepEqual(rows.filter((r) => r.status !== "pass"), []);
    assert.equal(row(card, DKIM).detail, `CNAME ${DKIM.replace("._domainkey.example.com", "")}.dkim.amazonses.com resolves`);
  });

  it("fails a declared CNAME whose target no longer resolves", async () => {
    const target = fx.world.dns.records[DKIM].CNAME!;
    delete fx.world.dns.records[target];
    const card = await fx.audit(["DNS"]);
    assert.equal(row(card, DKIM).status, "fail");
    assert.match(row(card, DKIM).detail, new RegExp(`^${DKIM.replace(/\./g, "\\.")} is a CNAME to ${target.replace(/\./g, "\\.")}, which does not resolve \\(NXDOMAIN\\)`));
  });

  it("fails a CNAME served on a hostname the stack declares as proxied, when its target is gone", async () => {
    fx.world.dns.records["status.example.com"] = { CNAME: "portal-status.statuspage-gone.example" };
    const card = await fx.audit(["DNS"]);
    assert.equal(row(card, "status.example.com").status, "fail");
    assert.match(row(card, "status.example.com").detail, /subdomain takeover/);
  });

  it("fails a DNS-only host whose SaaS answers that no account claims it", async () => {
    withDocsHost("<h1>404</h1><p><strong>There isn't a GitHub Pages site here.</strong></p>");
    const card = await fx.audit(["DNS"]);
    assert.equal(row(card, "docs.example.com").status, "fail");
    assert.match(row(card, "docs.example.com").detail, /^docs\.example\.com points at GitHub Pages \(portal-docs\.github\.io\), which answers that no account claims it/);
  });

  it("passes a DNS-only host the SaaS still serves", async () => {
    withDocsHost("<h1>Portal docs</h1>");
    const card = await fx.audit(["DNS"]);
    assert.equal(row(card, "docs.example.com").status, "pass");
    assert.equal(row(card, "docs.example.com").detail, "CNAME portal-docs.github.io resolves; GitHub Pages answers 404");
  });
});
