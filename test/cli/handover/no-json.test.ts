/** Results a person reads are tables and lists: no handover table cell holds JSON, whatever the outputs hold. */
import { strict as assert } from "node:assert";
import { main } from "../../../cli/handover";
import { Captured, runInProcess } from "../plan-fixture";

/** Every cell of every markdown table row in `doc` (escaped pipes stay inside their cell). */
function cells(doc: string): string[] {
  return doc.split("\n").filter((l) => /^\s*\|.*\|\s*$/.test(l) && !/^\s*\|(-|:|\|)+\|\s*$/.test(l))
    .flatMap((l) => l.trim().slice(1, -1).split(/(?<!\\)\|/).map((c) => c.trim().replace(/\\\|/g, "|")));
}

/** A cell that is JSON text, or carries an object or list of it. */
function holdsJson(cell: string): boolean {
  const text = cell.replace(/^`|`$/g, "");
  for (const start of [...text.matchAll(/[[{]/g)].map((m) => m.index!)) {
    for (let end = text.length; end > start + 1; end--) {
      if (!"]}".includes(text[end - 1])) continue;
      try {
        const v = JSON.parse(text.slice(start, end));
        if (typeof v === "object" && v !== null && (Array.isArray(v) ? v.length > 0 : Object.keys(v).length > 0)) return true;
      } catch {
        // not JSON from here to there
      }
    }
  }
  return false;
}

describe("the handover's tables", () => {
  const runs: Record<string, Captured> = {};
  before(async () => {
    for (const stack of ["prod", "staging"]) runs[stack] = await runInProcess(main, ["--stack", stack, "--out", "-"]);
  });

  it("recognise JSON in a cell, so the checks below prove something", () => {
    assert.deepEqual(cells('| `a` | {"x":1} |\n|---|---|\n| b \\| c | see ["y"] here |').map(holdsJson), [false, true, false, true]);
    assert.equal(holdsJson("v=DMARC1; p=reject [see RFC 7489]"), false);
  });

  for (const stack of ["prod", "staging"]) {
    it(`hold no JSON in any cell of the ${stack} handover`, () => {
      const all = cells(runs[stack].stdout);
      assert.ok(all.length > 100, `only ${all.length} cells`);
      assert.deepEqual(all.filter(holdsJson), []);
    });
  }

  it("render every stack output, the ones without a section of their own under their name", () => {
    assert.match(runs.prod.stdout, /\n## Other stack outputs\n[\s\S]*\n### `email`\n\n- example\.com:\n {2}- sendsMail: true\n/);
    assert.ok(runs.prod.stdout.includes("\n### `alertTopicArn`\n\n`(known after apply)`\n"));
  });
});
