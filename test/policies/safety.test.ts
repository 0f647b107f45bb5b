import { strict as assert } from "node:assert";
import type { Evaluation } from "../../offline/evaluate";
import { createdZonePreview, edit, reported, shippedPreview } from "./support";

describe("policies: safety", () => {
  let prod: Evaluation;
  before(async () => {
    prod = await shippedPreview("prod");
  });

  describe("protected-in-prod", () => {
    it("accepts prod's protected DNSSEC, created zone, secrets and keys", async () => {
      assert.deepEqual(await reported(prod, "protected-in-prod"), []);
      assert.deepEqual(await reported(await createdZonePreview(), "protected-in-prod"), []);
    });

    it("accepts staging's deliberately unprotected resources, since its components declare staging", async () => {
      assert.deepEqual(await reported(await shippedPreview("staging"), "protected-in-prod"), []);
    });

    it("judges each resource by the nearest component declaring an environment: a zone's Site, else the LaunchStack", async () => {
      const ev = edit(await shippedPreview("staging"), { "example-org": (_w, r) => { r.outputs!.environment = "prod"; } });
      assert.deepEqual(await reported(ev, "protected-in-prod"), [
        "example-org-dnssec is not protected, and deleting DNSSEC while the registrar still publishes the DS record takes the domain offline for validating resolvers; declare it with { protect: true }",
      ]);
    });

    it("rejects unprotected DNSSEC", async () => {
      const ev = edit(prod, { "example-com-dnssec": (_w, r) => { r.protect = false; } });
      assert.deepEqual(await reported(ev, "protected-in-prod"), [
        "example-com-dnssec is not protected, and deleting DNSSEC while the registrar still publishes the DS record takes the domain offline for validating resolvers; declare it with { protect: true }",
      ]);
    });

    it("rejects an unprotected app secret", async () => {
      const ev = edit(prod, { "app-secrets-stripe-secret-key": (_w, r) => { r.protect = false; } });
      assert.deepEqual(await reported(ev, "protected-in-prod"), [
        "app-secrets-stripe-secret-key is not protected, and deleting the secret takes the app's credential away; declare it with { protect: true }",
      ]);
    });

    it("rejects an unprotected KMS key", async () => {
      const ev = edit(prod, { "uptime-alerts-key": (_w, r) => { r.protect = false; } });
      assert.deepEqual(await reported(ev, "protected-in-prod"), [
        "uptime-alerts-key is not protected, and deleting the key makes everything it encrypts unreadable; declare it with { protect: true }",
      ]);
    });

    it("rejects an unprotected zone the update creates", async () => {
      const ev = edit(await createdZonePreview(), { "example-com-zone": (_w, r) => { r.protect = false; } });
      assert.deepEqual(await reported(ev, "protected-in-prod"), [
        "example-com-zone is not protected, and deleting the zone deletes every record and certificate in it; declare it with { protect: true }",
      ]);
    });
  });
});
