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
});
