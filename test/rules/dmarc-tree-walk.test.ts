import { strict as assert } from "node:assert";
import { DMARC_TREE_WALK_MAX_QUERIES, organizationalDomainWalk, policyDiscoveryWalk, runTreeWalk, runTreeWalkLive, treeWalkNames } from "../../rules/dmarc-tree-walk";

/** TXT answers for `_dmarc.<name>` queries from a table; every other name has none. */
const zone = (records: Record<string, string>) => (query: string) => (records[query] !== undefined ? [records[query]] : []);

describe("rules/dmarc-tree-walk", () => {
  it("queries at most eight names however many labels the domain has (RFC 9989 §4.10)", () => {
    const names = treeWalkNames("a.b.c.d.e.f.g.h.i.j.k.l.example.com");
    assert.equal(names.length, DMARC_TREE_WALK_MAX_QUERIES);
    assert.deepEqual(names.slice(0, 2), ["a.b.c.d.e.f.g.h.i.j.k.l.example.com", "h.i.j.k.l.example.com"]);
  });

  it("stops at a record with psd=n and makes that name the organizational domain", () => {
    const result = runTreeWalk(organizationalDomainWalk("a.mail.example.com"), zone({ "_dmarc.mail.example.com": "v=DMARC1; p=reject; psd=n", "_dmarc.example.com": "v=DMARC1; p=none" }));
    assert.equal(result.organizationalDomain, "mail.example.com");
    assert.deepEqual(result.queries, ["_dmarc.a.mail.example.com", "_dmarc.mail.example.com"]);
  });

  it("ignores a name with two DMARC records, as receivers discard both", () => {
    const result = runTreeWalk(organizationalDomainWalk("mail.example.com"), (q) => (q === "_dmarc.mail.example.com" ? ["v=DMARC1; p=none", "v=DMARC1; p=reject"] : []));
    assert.equal(result.organizationalDomain, "mail.example.com");
    assert.deepEqual(result.records, []);
  });

  it("discovers the organizational domain's record for a subdomain without its own", async () => {
    const found = await runTreeWalkLive(policyDiscoveryWalk("shop.example.com"), async (q) => zone({ "_dmarc.example.com": "v=DMARC1; p=reject" })(q));
    assert.deepEqual([found.source, found.policyDomain, found.record], ["organizational", "example.com", "v=DMARC1; p=reject"]);
  });
});
