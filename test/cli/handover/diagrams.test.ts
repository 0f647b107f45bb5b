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

/**
 * A flowchart as its reader sees it: each node by its label, each edge as `from -->|label| to` (or
 * `from --> to`) between labels, sorted; a node no edge touches is listed alone.
 */
function graphOf(lines: string[] | undefined): string[] {
  const text = body(lines);
  const labels = new Map<string, string>();
  for (const m of text.matchAll(/^ {2}(n\d+)[[(]+"([^"]*)"[\])]+$/gm)) labels.set(m[1], m[2]);
  const touched = new Set<string>();
  const edges = [...text.matchAll(/^ {2}(n\d+) -->(?:\|"([^"]*)"\|)? (n\d+)$/gm)].map(([, from, edge, to]) => {
    touched.add(from).add(to);
    return `${labels.get(from) ?? from} -->${edge ? `|${edge}|` : ""} ${labels.get(to) ?? to}`;
  });
  return [...edges, ...[...labels].filter(([id]) => !touched.has(id)).map(([, l]) => l)].sort();
}

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

  it("draws every prod hostname, each redirect one hop to its target and each served hostname to its origin, and nothing else", () => {
    assert.deepEqual(graphOf(hostnameDiagram(docs.prod!)), [
      "admin.example.com -->|proxied| origin 203.0.113.20",
      "api.example.com -->|proxied| origin 203.0.113.30",
      "app.example.com -->|proxied| origin 203.0.113.20",
      "example.com -->|proxied| origin 203.0.113.10",
      "example.com/client-area -->|301 redirect| app.example.com",
      "example.com/login.php -->|301 redirect| app.example.com",
      "example.net -->|301 redirect| example.com",
      "portal.example.com -->|301 redirect| app.example.com",
      "status.example.com -->|proxied| origin 203.0.113.40",
      "www.example.com -->|301 redirect| example.com",
      "www.example.net -->|301 redirect| example.com",
    ]);
  });

  it("draws every staging hostname, its redirect and its origins, and nothing else", () => {
    assert.deepEqual(graphOf(hostnameDiagram(docs.staging!)), [
      "api.example.org -->|proxied| origin 198.51.100.30",
      "app.example.org -->|proxied| origin 198.51.100.20",
      "example.org -->|proxied| origin 198.51.100.10",
      "www.example.org -->|301 redirect| example.org",
    ]);
  });

  it("routes every uptime check to its alarms, every alarm to the topic and the topic to every recipient, for each stack", () => {
    for (const stack of ["prod", "staging"] as const) {
      const doc = docs[stack]!;
      const topic = `alert topic launch-stack-${stack}-alerts`;
      const checks = doc.outputs.uptimeChecks as { name: string; url: string }[];
      const alarms = doc.outputs.alarms as string[];
      const recipients = doc.outputs.alertRecipients as string[];
      assert.ok(checks.length > 0 && alarms.length > 0 && recipients.length > 0, stack);
      const expected = [
        ...checks.flatMap((c) => alarms.filter((a) => a === `launch-stack-${stack}-${c.name}-down` || a === `launch-stack-${stack}-${c.name}-slow`).map((a) => `${c.name}: ${c.url} --> ${a}`)),
        ...alarms.map((a) => `${a} --> ${topic}`),
        ...recipients.map((r) => `${topic} --> ${r}`),
      ].sort();
      assert.deepEqual(graphOf(alertingDiagram(doc)), expected, stack);
      // Every check has its down alarm drawn, so a check cannot lose its alarms unnoticed.
      for (const c of checks) assert.ok(expected.includes(`${c.name}: ${c.url} --> launch-stack-${stack}-${c.name}-down`), `${stack} ${c.name}`);
    }
  });

  it("notices a node deleted from a diagram, so the comparisons above prove something", () => {
    const lines = hostnameDiagram(docs.prod!)!;
    const withoutOrigin = lines.filter((l) => !l.includes('"origin 203.0.113.40"'));
    assert.notDeepEqual(graphOf(withoutOrigin), graphOf(lines));
    assert.ok(graphOf(withoutOrigin).includes("status.example.com -->|proxied| n14"), graphOf(withoutOrigin).join("\n"));
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

  it("are in the handover, the hostnames and the alert routes, each in a ```mermaid block that parses", async () => {
    const { main } = await import("../../../cli/handover");
    const { runInProcess } = await import("../plan-fixture");
    const run = await runInProcess(main, ["--stack", "prod", "--out", "-"]);
    const blocks = mermaidBlocks(run.stdout);
    assert.deepEqual(blocks, [body(hostnameDiagram(docs.prod!)), body(alertingDiagram(docs.prod!))]);
    const mermaid = await mermaidParser();
    for (const b of blocks) await mermaid.parse(b);
  });
});
