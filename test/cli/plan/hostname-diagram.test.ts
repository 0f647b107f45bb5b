/** The PR comment draws hostnames → redirects → origins when a change touches a web hostname or a redirect. */
import { strict as assert } from "node:assert";
import type { PlanDiff } from "../../../cli/plan/diff";
import type { PlanDocument } from "../../../cli/plan/document";
import { renderMarkdown } from "../../../cli/plan/markdown";
import { buildPlan } from "../../../cli/plan/stack";
import { shippedConfig } from "../../support/harness";
import { mermaidBlocks, mermaidParser } from "../../support/mermaid";

describe("the PR comment's hostname diagram", function () {
  this.timeout(120_000);
  let doc: PlanDocument;
  before(async () => {
    doc = await buildPlan(shippedConfig("prod"), "prod");
    await mermaidParser();
  });
  const diff = (over: Partial<PlanDiff>): PlanDiff => ({ base: "origin/main", added: [], removed: [], changed: [], ...over });
  const webRecord = () => doc.resources.find((r) => r.type === "cloudflare:index/dnsRecord:DnsRecord" && String(r.inputs.comment).startsWith("web:"))!;
  const redirects = () => doc.resources.find((r) => r.type === "cloudflare:index/ruleset:Ruleset" && r.inputs.phase === "http_request_dynamic_redirect")!;

  it("appears, and parses, when a web hostname is added", async () => {
    const blocks = mermaidBlocks(renderMarkdown(doc, diff({ added: [webRecord()] })));
    assert.equal(blocks.length, 1);
    await (await mermaidParser()).parse(blocks[0]);
  });

  it("appears when a redirect rule changes", () => {
    const r = redirects();
    const text = renderMarkdown(doc, diff({ changed: [{ urn: r.urn, type: r.type, name: r.name, changes: [{ path: "rules[0].actionParameters.fromValue.statusCode", before: 302, after: 301 }] }] }));
    assert.ok(text.includes("**Hostnames, redirects and origins after this change**\n\n```mermaid\nflowchart LR\n"));
  });

  it("stays out when the change leaves hostnames and redirects alone, or there is no diff", () => {
    const alarm = doc.resources.find((r) => r.type === "aws:cloudwatch/metricAlarm:MetricAlarm")!;
    assert.deepEqual(mermaidBlocks(renderMarkdown(doc, diff({ changed: [{ urn: alarm.urn, type: alarm.type, name: alarm.name, changes: [{ path: "threshold", before: 1, after: 2 }] }] }))), []);
    assert.deepEqual(mermaidBlocks(renderMarkdown(doc)), []);
  });
});
