/**
 * The Mermaid diagrams of the handover and the PR comment, parsed by Mermaid's own parser (mermaid with a
 * jsdom window): hostnames → redirects → origins, and checks → alarms → topic → people.
 */
import { strict as assert } from "node:assert";
import { alertingDiagram, hostnameDiagram } from "../../../cli/handover/diagrams";
import type { PlanDocument } from "../../../cli/plan/document";
import { buildPlan } from "../../../cli/plan/stack";
import { shippedConfig } from "../../support/harness";
import { mermaidBlocks, mermaidParser } from "../../support/mermaid";

function body(lines: string[] | undefined): string {
  assert.ok(lines, "no diagram");
  assert.equal(lines[0], "```mermaid");
  return lines.slice(1, -1).join("\n");
}

describe("Mermaid diagrams", function () {
  this.timeout(120_000);
  const docs: Partial<Record<"prod" | "staging", PlanDocument>> = {};
  before(async () => {
    for (const stack of ["prod", "staging"] as const) docs[stack] = await buildPlan(shippedConfig(stack), stack);
    await mermaidParser();
  });

  for (const stack of ["prod", "staging"] as const) {
    it(`draws ${stack}'s hostnames, redirects and origins as a flowchart Mermaid parses`, async () => {
      const mermaid = await mermaidParser();
      assert.deepEqual(await mermaid.parse(body(hostnameDiagram(docs[stack]!))), { diagramType: "flowchart-v2", config: {} });
    });

    it(`draws ${stack}'s checks, alarms, topic and people as a flowchart Mermaid parses`, async () => {
      const mermaid = await mermaidParser();
      assert.deepEqual(await mermaid.parse(body(alertingDiagram(docs[stack]!))), { diagramType: "flowchart-v2", config: {} });
    });
  }

  it("sends each redirect one hop to its target and each served hostname to its origin", () => {
    const text = body(hostnameDiagram(docs.prod!));
    const id = (label: string) => new RegExp(`^  (n\\d+)[\\[(]+"${label.replace(/\./g, "\\.")}"`, "m").exec(text)?.[1];
    assert.ok(text.includes(`  ${id("www.example.com")} -->|"301 redirect"| ${id("example.com")}\n`), text);
    assert.ok(text.includes(`  ${id("example.com/login.php")} -->|"301 redirect"| ${id("app.example.com")}\n`), text);
    assert.ok(text.includes(`  ${id("app.example.com")} -->|"proxied"| ${id("origin 203.0.113.20")}\n`), text);
  });

  it("routes each uptime check's alarms through the topic to every recipient", () => {
    const text = body(alertingDiagram(docs.prod!));
    const id = (label: string) => new RegExp(`^  (n\\d+)[\\[(]+"${label}`, "m").exec(text)?.[1];
    assert.ok(text.includes(`  ${id("login: ")} --> ${id("launch-stack-prod-login-down")}\n`), text);
    assert.ok(text.includes(`  ${id("launch-stack-prod-login-slow")} --> ${id("alert topic")}\n`), text);
    assert.ok(text.includes(`  ${id("alert topic")} --> ${id("email: sam.okafor@example.com")}\n`), text);
    assert.ok(text.includes(`  ${id("alert topic")} --> ${id("slack: #portal-alerts")}`), text);
  });

  it("rejects a broken diagram, so the parse above proves something", async () => {
    const mermaid = await mermaidParser();
    await assert.rejects(mermaid.parse('flowchart LR\n  n0["app.example.com] --> n1'));
  });

  it("escapes quotes in labels so a name cannot break the diagram", async () => {
    const doc = { ...docs.prod!, outputs: { ...docs.prod!.outputs, uptimeChecks: [{ name: 'say "hi"', url: "https://example.com/<x>" }], alarms: ['launch-stack-prod-say "hi"-down'] } };
    const mermaid = await mermaidParser();
    await mermaid.parse(body(alertingDiagram(doc)));
  });

  it("are in the handover, each in a ```mermaid block that parses", async () => {
    const { main } = await import("../../../cli/handover");
    const { runInProcess } = await import("../plan-fixture");
    const run = await runInProcess(main, ["--stack", "prod", "--out", "-"]);
    const blocks = mermaidBlocks(run.stdout);
    assert.equal(blocks.length, 2);
    const mermaid = await mermaidParser();
    for (const b of blocks) await mermaid.parse(b);
  });
});
