import { strict as assert } from "node:assert";
import type { Evaluation } from "../../offline/evaluate";
import type { Violation } from "../../offline/run-policies";
import { allPolicies } from "../../policies/all";
import { UNKNOWN } from "../../offline/recording-runtime";
import { badStack } from "./fixtures/bad-stack";
import { downgrades, violations } from "./support";

describe("policies: a deliberately non-compliant prod stack, as a PR preview", () => {
  let ev: Evaluation;
  let found: Violation[];
  before(async () => {
    ev = await badStack();
    found = await violations(ev);
  });

  it("has the unknowns a PR preview has: zone ids and ARNs of resources the update creates", () => {
    assert.equal(ev.resources.find((r) => r.name === "example-com-edge-ssl")!.wire.zoneId, UNKNOWN);
    assert.equal(ev.resources.find((r) => r.name === "app-secrets-database-url")!.wire.kmsKeyId, UNKNOWN);
  });

  it("trips every policy of the pack at mandatory level under prod's pack config", () => {
    const tripped = new Set(found.filter((v) => v.enforcementLevel === "mandatory").map((v) => v.policy));
    assert.deepEqual(allPolicies.map((p) => p.name).filter((name) => !tripped.has(name)), []);
  });

  it("has no policy downgraded to advisory for reading an unknown value", () => {
    assert.deepEqual(downgrades(found), []);
  });
});
