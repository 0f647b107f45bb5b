/** What verify expects of a dual-stack host (hosts.<label>.originIpv6): one edge row when proxied, both declared answers when DNS-only. */
import { strict as assert } from "node:assert";
import { parseStackConfig } from "../../gate/load";
import { expectationsFor } from "../../verifier/expectations";
import { editedConfig } from "../support/harness";

describe("verifier expectations of a dual-stack host", () => {
  const e = expectationsFor(parseStackConfig(editedConfig("prod", (c) => {
    c.zones[0].hosts.app.originIpv6 = "2001:db8::20";
    c.zones[0].hosts.vpn = { origin: "198.51.100.7", originIpv6: "2001:0db8::7", proxied: false };
  })));
  const rows = (name: string) => e.hostnames.filter((h) => h.name === name);

  it("checks a proxied dual-stack host once, at the edge", () => {
    assert.deepEqual(rows("app.example.com").map((h) => h.declared), ["A, proxied"]);
  });

  it("expects a DNS-only dual-stack host to answer both its declared addresses, IPv6 in canonical form", () => {
    assert.deepEqual(rows("vpn.example.com").map((h) => h.dnsOnly), [{ type: "A", content: "198.51.100.7" }, { type: "AAAA", content: "2001:db8::7" }]);
  });
});
