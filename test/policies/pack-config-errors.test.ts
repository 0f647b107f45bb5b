import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { withExitCodes } from "../../cli/plan/exit";
import { loadPackConfig, PackConfigError } from "../../offline/run-policies";

describe("an invalid policy pack config (policies/config/<stack>.json)", () => {
  let dir: string;
  const file = (stack: string) => relative(process.cwd(), join(dir, `${stack}.json`));
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "launch-stack-pack-config-"));
    writeFileSync(join(dir, "levels.json"), JSON.stringify({ all: "strict", "ssl-full-strict": { enforcementLevel: "blocking" }, "hsts-one-year": 3 }));
    writeFileSync(join(dir, "broken.json"), "{ \"ssl-full-strict\": \"mandatory\",");
    writeFileSync(join(dir, "list.json"), "[]");
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("is a PackConfigError naming the file and, one line each, every key that is wrong", () => {
    assert.throws(() => loadPackConfig("levels", dir), (e: unknown) => {
      assert.ok(e instanceof PackConfigError);
      assert.deepEqual(e.problems, [
        'all: "strict" is not an enforcement level (advisory, mandatory, remediate, disabled)',
        'ssl-full-strict.enforcementLevel: "blocking" is not an enforcement level (advisory, mandatory, remediate, disabled)',
        "hsts-one-year: expected an enforcement level or an object",
      ]);
      assert.equal(e.message, `${file("levels")}: policy pack config is invalid:\n  ${e.problems.join("\n  ")}`);
      return true;
    });
  });

  it("is a PackConfigError naming the file when the file is not JSON", () => {
    assert.throws(() => loadPackConfig("broken", dir), (e: unknown) => e instanceof PackConfigError && e.message.startsWith(`${file("broken")}: policy pack config is invalid:\n  `));
  });

  it("is a PackConfigError when the file holds something other than an object", () => {
    assert.throws(() => loadPackConfig("list", dir), { name: "PackConfigError", message: `${file("list")}: policy pack config is invalid:\n  expected an object of policy names to enforcement levels or settings` });
  });

  it("ends npm run plan with exit 2 and the problem lines, without a stack trace, like a stack config error", async () => {
    let err = "";
    const code = await withExitCodes({ out: () => undefined, err: (t) => void (err += t), readConfig: () => ({ values: {}, secretKeys: new Set() }), env: {} }, async () => {
      loadPackConfig("levels", dir);
      return 0;
    });
    assert.equal(code, 2);
    assert.equal(err, [
      `error: ${file("levels")}: policy pack config is invalid:`,
      '  all: "strict" is not an enforcement level (advisory, mandatory, remediate, disabled)',
      '  ssl-full-strict.enforcementLevel: "blocking" is not an enforcement level (advisory, mandatory, remediate, disabled)',
      "  hsts-one-year: expected an enforcement level or an object",
      "",
    ].join("\n"));
  });
});
