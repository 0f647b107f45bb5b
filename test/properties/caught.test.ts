/**
 * The pack catches what the components would never declare: take a compliant stack (the shipped ones and
 * generated ones, evaluated once as PR previews), change one input of one resource to a value a policy
 * forbids (resource-mutations.ts picks the resource, the mutation and the bad value), and the pack must
 * report that policy as a mandatory violation under the stack's pack config. A case re-runs the whole
 * pack over ~100 resources (~20 ms), so it runs MUTATION_RUNS cases.
 */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import type { Evaluation } from "../../offline/evaluate";
import { loadPackConfig, runPolicies } from "../../offline/run-policies";
import { shippedPreview } from "../policies/support";
import { validStack } from "./arbitraries";
import { evaluateGenerated } from "./program";
import { RESOURCE_MUTATIONS } from "./resource-mutations";
import { MUTATION_RUNS, runs } from "./runs";

type Environment = "staging" | "prod";

/** Generated bases are fixed (this seed) so a failing case replays from the property's own seed alone. */
const BASE_SEED = 20_260_101;
const GENERATED_BASES = 4;

describe("property: one resource input changed to a non-compliant value", function () {
  this.timeout(60_000);
  const bases: { name: string; environment: Environment; ev: Evaluation }[] = [];
  before(async () => {
    for (const stack of ["prod", "staging"] as const) bases.push({ name: `shipped ${stack}`, environment: stack, ev: await shippedPreview(stack) });
    for (const [i, g] of fc.sample(validStack(), { numRuns: GENERATED_BASES, seed: BASE_SEED }).entries()) {
      const environment = g.config.environment as Environment;
      bases.push({ name: `generated ${i} (${environment})`, environment, ev: await evaluateGenerated(g) });
    }
  });

  it("has compliant stacks to start from", async () => {
    for (const b of bases) assert.deepEqual((await runPolicies(b.ev, { config: loadPackConfig(b.environment) })).map((v) => v.policy), [], b.name);
  });

  it(`is reported by the policy it breaks, as mandatory (${MUTATION_RUNS} mutations)`, async () => {
    // Cases are names and indexes, so a failure prints a counterexample a person can read and replay.
    const cases = fc.nat({ max: bases.length - 1 }).chain((b) => {
      const { ev, environment } = bases[b];
      const candidates = RESOURCE_MUTATIONS.flatMap((m, k) => ev.resources.flatMap((r, i) => (m.appliesTo(r, environment, ev.resources) ? [{ k, i }] : [])));
      return fc.constantFrom(...candidates).chain(({ k, i }) => RESOURCE_MUTATIONS[k].value(ev.resources[i], environment).map((value) => ({
        base: bases[b].name, mutation: RESOURCE_MUTATIONS[k].name, resource: ev.resources[i].name, at: i, value,
      })));
    });
    await fc.assert(fc.asyncProperty(cases, async ({ base: name, mutation, at, value }) => {
      const base = bases.find((b) => b.name === name)!;
      const m = RESOURCE_MUTATIONS.find((x) => x.name === mutation)!;
      const resources = base.ev.resources.map((r, i) => (i === at ? structuredClone(r) : r));
      m.apply(resources[at], value);
      const found = await runPolicies({ ...base.ev, resources }, { config: loadPackConfig(base.environment) });
      assert.ok(
        found.some((v) => v.policy === m.policy && v.enforcementLevel === "mandatory"),
        `not reported by ${m.policy}; reported: ${found.map((v) => `${v.policy} (${v.enforcementLevel})`).join(", ") || "nothing"}`,
      );
    }), runs(MUTATION_RUNS));
  });
});
