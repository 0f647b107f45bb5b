import { strict as assert } from "node:assert";
import { renderTable, scorecard } from "../../verifier/scorecard";

describe("verifier scorecard table", () => {
  it("wraps long details at word boundaries, never mid-word", () => {
    const detail = "admin.example.com's certificate does not cover the name: Hostname/IP does not match certificate's altnames (launch checklist: SSL/TLS); make sure the hostname is proxied so the edge certificate covers it";
    const card = scorecard("prod", "prod", [{ area: "TLS", check: "admin.example.com", criteria: "trusted certificate covering the name", status: "fail", detail, durationMs: 1 }], 1);
    const text = renderTable(card, { width: 100, color: false });
    const cells = text.split("\n").filter((l) => l.startsWith("│")).slice(1).map((l) => l.split("│")[5].trim()).filter(Boolean);
    assert.ok(cells.length > 2, "the detail wraps over several lines");
    const words = new Set(detail.split(/\s+/));
    for (const cell of cells) for (const word of cell.split(/\s+/)) assert.ok(words.has(word), `"${word}" is a fragment of a word`);
  });

  it("says under the table which sources alarm on p95 between audits, and how often", () => {
    const card = { ...scorecard("prod", "prod", [], 1), p95Watch: [
      { watchedBy: "canary ls-prod-homepage", endpoint: "https://example.com/", alarm: "LaunchStack/Canaries ResponseTime p95 > 500 ms", every: "one request every 1 minute from us-east-1; alarm on 2 of 3 300-s windows" },
      { watchedBy: "the app's load balancer app/portal-prod/50dc6c495c0c9188 (eu-west-1)", endpoint: "every request it serves", alarm: "AWS/ApplicationELB TargetResponseTime p95 > 0.5 s (500 ms)", every: "per minute; alarm on 3 of 3 60-s windows" },
    ] };
    assert.ok(renderTable(card, { width: 100, color: false }).includes("\np95 latency alarmed by: canary ls-prod-homepage (one request every 1 minute from us-east-1); the app's load balancer app/portal-prod/50dc6c495c0c9188 (eu-west-1) (per minute)\n0 checks:"));
  });

  it("says so when nothing alarms on p95", () => {
    assert.ok(renderTable({ ...scorecard("prod", "prod", [], 1), p95Watch: [] }, { width: 100, color: false }).includes("\np95 latency: no source alarms on it\n"));
  });
});
