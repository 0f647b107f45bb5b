import { strict as assert } from "node:assert";
import { loadPackConfig } from "../../offline/run-policies";
import { allPolicies } from "../../policies/all";
import { UNKNOWN } from "../../offline/recording-runtime";
import { editedConfig, evaluate } from "../support/harness";
import { createdZonePreview, downgrades, shippedPreview, Stack, violations } from "./support";

const STACKS: Stack[] = ["staging", "prod"];

describe("policies: the shipped stacks under their pack config, as PR previews", () => {
  it("passes prod with no violation and no policy downgraded", async () => {
    assert.deepEqual(await violations(await shippedPreview("prod")), []);
  });

  it("passes staging with no violation and no policy downgraded", async () => {
    assert.deepEqual(await violations(await shippedPreview("staging")), []);
  });

  it("passes prod when its app zone is created by the update, so every zone id and key ARN is unknown", async () => {
    const ev = await createdZonePreview();
    const unknownZoneIds = ev.resources.filter((r) => r.wire.zoneId === UNKNOWN).length;
    assert.ok(unknownZoneIds > 30, `only ${unknownZoneIds} resources have an unknown zoneId`);
    assert.ok(ev.resources.some((r) => r.wire.kmsKeyId === UNKNOWN) && ev.resources.some((r) => r.wire.kmsMasterKeyId === UNKNOWN));
    const found = await violations(ev);
    assert.deepEqual(downgrades(found), []);
    assert.deepEqual(found, []);
  });

  it("passes prod with the app's login moved to /signin: the Sites declare the app's own routes, not the defaults", async () => {
    const ev = await evaluate(editedConfig("prod", (c) => { c.app.routes = { login: "/signin" }; }), "prod");
    assert.ok(ev.resources.some((r) => JSON.stringify(r.wire).includes('"/signin"')), "the stack declares /signin");
    assert.deepEqual(await violations(ev), []);
  });
});

describe("policies/config/<stack>.json", () => {
  for (const stack of STACKS) {
    it(`is empty for ${stack}: plans, paths and the environment come from the stack's own components`, () => {
      assert.deepEqual(loadPackConfig(stack), {});
    });

    it(`names only policies of the pack and properties their schemas declare (${stack})`, () => {
      for (const [name, entry] of Object.entries(loadPackConfig(stack)!)) {
        const policy = allPolicies.find((p) => p.name === name);
        assert.ok(policy, `${name} is not a policy of the pack`);
        if (typeof entry === "object") {
          const declared = Object.keys(policy.configSchema?.properties ?? {});
          for (const key of Object.keys(entry as object).filter((k) => k !== "enforcementLevel")) assert.ok(declared.includes(key), `${name}.${key} is not in its schema`);
        }
      }
    });
  }
});
