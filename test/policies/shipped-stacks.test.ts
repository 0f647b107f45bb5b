import { strict as assert } from "node:assert";
import { parseStackConfig } from "../../config/load";
import { siteModel } from "../../model/site";
import { UNKNOWN } from "../../offline/recording-runtime";
import { loadPackConfig } from "../../offline/run-policies";
import { allPolicies } from "../../policies/all";
import { literalsOf } from "../../rules/expression";
import { isInZone } from "../../rules/hostnames";
import { shippedConfig } from "../support/harness";
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
});

describe("policies/config/<stack>.json", () => {
  for (const stack of STACKS) {
    const config = loadPackConfig(stack)!;
    const stackConfig = parseStackConfig(shippedConfig(stack));

    it(`names each of the ${stack} stack's zones with the plan its stack config gives`, () => {
      const plans = Object.fromEntries(stackConfig.zones.map((z) => [z.domain, z.plan]));
      for (const policy of ["waf-managed-rules", "ruleset-plan-limits"]) {
        assert.deepEqual((config[policy] as { zonePlans: unknown }).zonePlans, plans, policy);
      }
    });

    it(`lists exactly the paths the ${stack} app zone's cache-bypass rule covers`, () => {
      const i = stackConfig.zones.findIndex((z) => isInZone(stackConfig.app.host, z.domain));
      const bypass = siteModel(stackConfig.zones[i], i, stackConfig.app).cacheRules.find((r) => !r.cache)!;
      const paths = literalsOf(bypass.expression).filter((l) => l.startsWith("/"));
      assert.deepEqual((config["authenticated-paths-not-cached"] as { privatePaths: string[] }).privatePaths, paths);
    });

    it(`names only policies of the pack and properties their schemas declare (${stack})`, () => {
      for (const [name, entry] of Object.entries(config)) {
        const policy = allPolicies.find((p) => p.name === name);
        assert.ok(policy, `${name} is not a policy of the pack`);
        if (typeof entry === "object") {
          const declared = Object.keys(policy.configSchema?.properties ?? {});
          for (const key of Object.keys(entry as object).filter((k) => k !== "enforcementLevel")) assert.ok(declared.includes(key), `${name}.${key} is not in its schema`);
        }
      }
    });
  }

  it("keeps every policy mandatory in prod", () => {
    const levels = Object.values(loadPackConfig("prod")!).map((e) => (typeof e === "string" ? e : (e as { enforcementLevel?: string }).enforcementLevel)).filter((l) => l !== undefined);
    assert.deepEqual(levels, []);
  });

  it("lowers in staging only the production bars: HSTS a year, DMARC enforcing, DKIM not testing, two people alerted, protect", () => {
    const lowered = Object.entries(loadPackConfig("staging")!).filter(([, e]) => typeof e === "string").map(([name, level]) => `${name}: ${level}`);
    assert.deepEqual(lowered.sort(), [
      "dkim-not-testing: disabled", "dmarc-enforcing: advisory", "hsts-one-year: disabled", "protected-in-prod: disabled", "two-human-alert-routes: disabled",
    ]);
  });
});
