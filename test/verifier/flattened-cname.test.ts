/**
 * verify on a flattened extra CNAME (`flattenCname: true`): the loopback fixture answers the name with the
 * target's addresses, as Cloudflare does; the row passes then, and on a rotating subset of them (CDN
 * targets); it warns on addresses the target does not answer here, and fails on no address or the CNAME itself.
 */
import { strict as assert } from "node:assert";
import { parseStackConfig } from "../../gate/load";
import { editedConfig } from "../support/harness";
import { Fixture, startProdFixture } from "./fixture/harness";

describe("verify: a flattened extra CNAME, live", () => {
  let fixture: Fixture;
  before(async () => {
    const config = parseStackConfig(editedConfig("prod", (c) => { c.zones[0].records = [{ type: "CNAME", name: "docs", content: "docs.saas.example", flattenCname: true }]; }));
    fixture = await startProdFixture({ config });
  });
  after(async () => fixture?.stop());
  afterEach(() => fixture.reset());

  const row = async () => (await fixture.audit(["DNS"])).rows.find((r) => r.check === "CNAME docs.example.com")!;

  it("passes when the name answers the target's addresses and no CNAME", async () => {
    const r = await row();
    assert.deepEqual([r.status, r.criteria], ["pass", "answers docs.saas.example's addresses, not a CNAME (flattened, zones[0].records[0])"]);
  });

  it("fails when the name answers the CNAME itself, as after flattening was turned off", async () => {
    fixture.world.dns.records["docs.example.com"] = { CNAME: "docs.saas.example" };
    const r = await row();
    assert.equal(r.status, "fail");
    assert.match(r.detail, /docs\.example\.com answers a CNAME to docs\.saas\.example, though the stack declares it flattened/);
  });

  it("passes when the name answers a rotating subset of a CDN target's addresses", async () => {
    fixture.world.dns.records["docs.saas.example"] = { A: ["192.0.2.80", "192.0.2.81", "192.0.2.82"] };
    fixture.world.dns.records["docs.example.com"] = { A: ["192.0.2.81"] };
    assert.equal((await row()).status, "pass");
  });

  it("warns, naming per-location answers, when the name answers addresses its target does not answer here", async () => {
    fixture.world.dns.records["docs.example.com"] = { A: ["198.51.100.99"] };
    const r = await row();
    assert.equal(r.status, "warn");
    assert.match(r.detail, /docs\.example\.com answers 198\.51\.100\.99, none of which docs\.saas\.example answers here \(192\.0\.2\.80\); CDN and load-balancer targets answer per location/);
  });

  it("fails when the name answers no address", async () => {
    fixture.world.dns.records["docs.example.com"] = {};
    const r = await row();
    assert.equal(r.status, "fail");
    assert.match(r.detail, /docs\.example\.com answers no address, though its flattened CNAME points at docs\.saas\.example/);
  });
});
