/** A host's `originIpv6`: an AAAA beside its IPv4 origin, declared with the host's proxied state; refused beside anything but an IPv4 origin. */
import { strict as assert } from "node:assert";
import { configProblems, editedConfig, evaluate, inputsOf, TYPES } from "../support/harness";

describe("dual-stack hosts (originIpv6)", () => {
  it("declares the host's A and AAAA, both proxied as the host is", async () => {
    const ev = await evaluate(editedConfig("prod", (c) => { c.zones[0].hosts.app.originIpv6 = "2001:db8::20"; }), "prod");
    const a = inputsOf(ev, TYPES.dnsRecord, "example-com-dns-app");
    const aaaa = inputsOf(ev, TYPES.dnsRecord, "example-com-dns-app-ipv6");
    assert.deepEqual([a.name, a.type, a.content, a.proxied], ["app.example.com", "A", "203.0.113.20", true]);
    assert.deepEqual([aaaa.name, aaaa.type, aaaa.content, aaaa.proxied, aaaa.ttl], ["app.example.com", "AAAA", "2001:db8::20", true, 1]);
  });

  it("refuses originIpv6 beside an origin that is not an IPv4 address, at originIpv6", async () => {
    const problems = await configProblems(editedConfig("prod", (c) => { c.zones[0].hosts.app.origin = "origin.example"; c.zones[0].hosts.app.originIpv6 = "2001:db8::20"; }));
    assert.deepEqual(problems, ['launch-stack:zones[0].hosts.app.originIpv6: pairs an IPv6 address with an IPv4 origin, but origin is "origin.example"; set origin to the IPv4 address, or move this address to origin']);
  });

  it("refuses an originIpv6 that is not an IPv6 address", async () => {
    const problems = await configProblems(editedConfig("prod", (c) => { c.zones[0].hosts.app.originIpv6 = "203.0.113.21"; }));
    assert.deepEqual(problems, ["launch-stack:zones[0].hosts.app.originIpv6: must be an IPv6 address such as 2001:db8::10"]);
  });
});
