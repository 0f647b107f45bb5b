import { strict as assert } from "node:assert";
import { checkDnsOnlyAnswer } from "../../rules/dns-only";

describe("rules/dns-only: a DNS-only host answers exactly what it declares", () => {
  it("passes an A host that answers its declared address", () => {
    assert.deepEqual(checkDnsOnlyAnswer("vpn.example.com", { type: "A", content: "198.51.100.9" }, ["198.51.100.9"]), []);
  });

  it("fails an A host that answers the edge's addresses instead", () => {
    assert.deepEqual(checkDnsOnlyAnswer("vpn.example.com", { type: "A", content: "198.51.100.9" }, ["104.16.1.1"]).map((f) => f.message), ["vpn.example.com answers 104.16.1.1, not the declared A 198.51.100.9"]);
  });

  it("passes a CNAME host whose target matches, trailing dot and case aside", () => {
    assert.deepEqual(checkDnsOnlyAnswer("status.example.com", { type: "CNAME", content: "example.statuspage.io" }, ["192.0.2.1"], "Example.Statuspage.io."), []);
  });

  it("fails a CNAME host that answers addresses only (proxied, or the record replaced)", () => {
    assert.deepEqual(checkDnsOnlyAnswer("status.example.com", { type: "CNAME", content: "example.statuspage.io" }, ["104.16.1.1"]).map((f) => f.message), ["status.example.com answers 104.16.1.1, not the declared CNAME example.statuspage.io"]);
  });
});
