/** Which checklist area each verify row speaks for: one table, with a fallback for rows a newer verifier adds. */
import { strict as assert } from "node:assert";
import { liveArea } from "../../../cli/handover/live-areas";
import { verifyRows } from "./verify-fixture";

describe("verify rows by checklist area", () => {
  for (const stack of ["prod", "staging"] as const) {
    it(`claims every row the verifier builds for the shipped ${stack} stack`, () => {
      const unclaimed = verifyRows(stack).filter((r) => liveArea(r) === undefined).map((r) => `${r.area} ${r.check}`);
      assert.deepEqual(unclaimed, []);
    });
  }

  it("puts a proxied hostname's DNS row under edge protection and a CAA row under SSL/TLS", () => {
    const rows = verifyRows("prod");
    assert.equal(liveArea(rows.find((r) => r.area === "DNS" && /Cloudflare's edge/.test(r.criteria))!), "edge-protection");
    assert.equal(liveArea(rows.find((r) => r.area === "DNS" && r.check.startsWith("CAA "))!), "tls");
    assert.equal(liveArea(rows.find((r) => r.area === "DNS" && r.check.startsWith("NS "))!), "dns");
  });

  it("falls back to the area named like the row's, and to none when nothing matches", () => {
    assert.equal(liveArea({ area: "Monitoring", check: "x", criteria: "y" }), "monitoring");
    assert.equal(liveArea({ area: "Rollback", check: "x", criteria: "y" }), "rollback-handover");
    assert.equal(liveArea({ area: "Quantum", check: "x", criteria: "y" }), undefined);
  });
});
