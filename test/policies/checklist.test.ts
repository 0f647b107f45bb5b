/**
 * Every policy says which launch-checklist area it enforces, how to fix a violation and where to read
 * more: the plan, the PR comment and the handover's scorecard group verdicts by that area.
 */
import { strict as assert } from "node:assert";
import { CHECKLIST_AREAS, checklistArea } from "../../rules/checklist";
import { allPolicies } from "../../policies/all";
import { areaOfPolicy, checklistItem } from "../../policies/checklist";

describe("policies and the launch checklist", () => {
  for (const p of allPolicies) {
    it(`${p.name} names a checklist area, remediation steps and an https url`, () => {
      const area = areaOfPolicy(p);
      assert.ok(area && checklistArea(area), `${p.name}: framework ${JSON.stringify(p.framework)} names no checklist area`);
      assert.ok(p.remediationSteps.trim().length > 20, `${p.name}: remediationSteps says nothing`);
      assert.match(p.url, /^https:\/\/[a-z0-9.-]+\.[a-z]{2,}\//);
    });
  }

  it("reads no area from a framework that is not the launch checklist", () => {
    assert.equal(areaOfPolicy({ name: "x", description: "d", framework: { name: "CIS", version: "1", reference: "tls", specification: "" } }), undefined);
    assert.equal(areaOfPolicy({ name: "x", description: "d", framework: checklistItem("tls") }), "tls");
  });

  it("has one entry per area of the checklist, with unique ids", () => {
    assert.equal(new Set(CHECKLIST_AREAS.map((a) => a.id)).size, CHECKLIST_AREAS.length);
    assert.equal(CHECKLIST_AREAS.length, 15);
  });
});
