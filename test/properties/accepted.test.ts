/**
 * Components and policies agree: any config the schema accepts declares only resources the policy pack
 * passes. The cases split by cost: the config layer (parse, cross-field checks, the site, email and
 * verifier models every component reads) takes ~5 ms a case and runs CONFIG_RUNS cases; evaluating the
 * real index.ts under the mock runtime and running the whole pack over it takes ~120 ms a case (~100
 * resources each), so it runs PROGRAM_RUNS cases from the same generator. Both print the seed on failure.
 */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { parseStackConfig } from "../../gate/load";
import { emailModels } from "../../model/email";
import { siteModel } from "../../model/site";
import { loadPackConfig, runPolicies } from "../../offline/run-policies";
import { expectationsFor } from "../../verifier/expectations";
import { toRaw, validStack } from "./arbitraries";
import { evaluateGenerated } from "./program";
import { CONFIG_RUNS, PROGRAM_RUNS, runs } from "./runs";

describe("property: every config the schema accepts", function () {
  this.timeout(60_000);

  it(`parses, and the models every component, check and the verifier read build from it (${CONFIG_RUNS} configs)`, () => {
    fc.assert(fc.property(validStack(), (g) => {
      const config = parseStackConfig(toRaw(g));
      const sites = config.zones.map((zone, i) => siteModel(zone, i, config.app));
      assert.equal(sites.length, g.config.zones.length);
      assert.ok(sites[0].servedHosts.includes(config.app.host), `${config.app.host} is served`);
      assert.equal(emailModels(config.zones).length, config.zones.length);
      assert.ok(expectationsFor(config).hostnames.length >= sites[0].servedHosts.length);
    }), runs(CONFIG_RUNS));
  });

  it(`declares resources with no mandatory violation and no policy downgraded, under its environment's pack config (${PROGRAM_RUNS} whole programs)`, async () => {
    await fc.assert(fc.asyncProperty(validStack(), async (g) => {
      const stack = g.config.environment as string;
      const ev = await evaluateGenerated(g);
      const blocking = (await runPolicies(ev, { config: loadPackConfig(stack) })).filter((v) => v.enforcementLevel === "mandatory" || v.message.startsWith("can't run policy"));
      assert.deepEqual(blocking.map((v) => `${v.policy}: ${v.message.split("\n")[1] ?? v.message}`), []);
    }), runs(PROGRAM_RUNS));
  });
});
