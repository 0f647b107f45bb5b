/** `launch-stack:readiness`: owners, hours, links and human-check records, validated at the door with their key paths. */
import { strict as assert } from "node:assert";
import { ConfigError } from "../../config/errors";
import { parseStackConfig } from "../../gate/load";
import { HUMAN_CHECKS } from "../../rules/human-checks";
import { editedConfig, shippedConfig } from "../support/harness";

function problems(edit: (c: Record<string, any>) => void): string[] {
  try {
    parseStackConfig(editedConfig("prod", edit));
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
}

describe("readiness config", () => {
  it("reads the shipped prod stack's owners and a record for every human check", () => {
    const { readiness } = parseStackConfig(shippedConfig("prod"));
    assert.deepEqual(readiness.owners.map((o) => o.name), ["Dana Whitfield", "Sam Okafor"]);
    assert.deepEqual(Object.keys(readiness.humanChecks).sort(), HUMAN_CHECKS.map((c) => c.id).sort());
    assert.equal(readiness.humanChecks.tenantIsolation?.result, "pass");
  });

  it("defaults to no owners and no records when the section is absent", () => {
    const { readiness } = parseStackConfig(editedConfig("prod", (c) => delete c.readiness));
    assert.deepEqual([readiness.owners, readiness.humanChecks, readiness.dashboards], [[], {}, []]);
  });

  it("rejects a human check it does not know, naming the key", () => {
    assert.deepEqual(problems((c) => (c.readiness.humanChecks.tenantIsolaton = { checkedBy: "Sam", checkedOn: "2026-11-20" })), [
      'launch-stack:readiness.humanChecks: unknown key "tenantIsolaton" (did you mean "tenantIsolation"?); remove it or check the spelling',
    ]);
  });

  it("rejects a check recorded in the future or on a date that does not exist", () => {
    assert.deepEqual(problems((c) => {
      c.readiness.humanChecks.tenantIsolation.checkedOn = "2999-01-01";
      c.readiness.humanChecks.controlledOutage.checkedOn = "2026-02-30";
      c.readiness.humanChecks.mobileAuthFlows.checkedOn = "26/11/2026";
    }), [
      "launch-stack:readiness.humanChecks.tenantIsolation.checkedOn: is in the future; record the day the check was done",
      "launch-stack:readiness.humanChecks.controlledOutage.checkedOn: must be a real calendar date",
      "launch-stack:readiness.humanChecks.mobileAuthFlows.checkedOn: must be a date written YYYY-MM-DD, such as 2026-11-24",
    ]);
  });

  it("requires who checked it and an owner's contact to be an email address", () => {
    assert.deepEqual(problems((c) => {
      delete c.readiness.humanChecks.tenantIsolation.checkedBy;
      c.readiness.owners[0].contact = "Dana";
    }), [
      "launch-stack:readiness.owners[0].contact: must be an email address such as ops@example.com",
      "launch-stack:readiness.humanChecks.tenantIsolation.checkedBy: is required; set it to a string",
    ]);
  });
});
