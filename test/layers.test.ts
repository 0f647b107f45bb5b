/**
 * The layer order (.dependency-cruiser.cjs): rules < config < model < gate < components, policies, verifier,
 * offline < cli, and no Pulumi in rules/. dependency-cruiser reads the imports (type-only ones included) the
 * way the TypeScript compiler resolves them; the second case proves the rules bite on a planted import per
 * layer boundary, so a rule that matched nothing could not pass as "no violations".
 */
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

const ROOT = join(__dirname, "..");
const CRUISER = join(ROOT, "node_modules", "dependency-cruiser", "bin", "dependency-cruise.mjs");
const LAYERS = ["index.ts", "rules", "config", "model", "gate", "components", "policies", "verifier", "offline", "cli"];

interface Violation {
  rule: string;
  from: string;
  to: string;
}

function cruise(cwd: string, targets: string[]): Violation[] {
  const run = spawnSync(process.execPath, [CRUISER, "--config", join(ROOT, ".dependency-cruiser.cjs"), "--output-type", "json", ...targets], { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  assert.ok(run.stdout, `dependency-cruiser printed nothing: ${run.stderr}`);
  const result = JSON.parse(run.stdout) as { summary: { violations: { rule: { name: string }; from: string; to: string }[] } };
  return result.summary.violations.map((v) => ({ rule: v.rule.name, from: v.from, to: v.to.replace(/^.*node_modules\//, "node_modules/") }));
}

describe("layers", function () {
  // One dependency-cruiser process parses every module of the repo (~2 s of CPU alone); on the shared
  // machine under load that can take more than mocha's default.
  this.timeout(120_000);
  let fixture: string | undefined;
  after(() => {
    if (fixture) rmSync(fixture, { recursive: true, force: true });
  });

  it("no module in the repo imports a layer above its own, and rules/ imports no Pulumi", () => {
    const violations = cruise(ROOT, LAYERS);
    assert.deepEqual(violations.map((v) => `${v.from} -> ${v.to} (${v.rule})`), []);
  });

  it("an import across each layer boundary, upwards, is refused by its layer's rule", () => {
    fixture = mkdtempSync(join(tmpdir(), "launch-stack-layers-"));
    symlinkSync(join(ROOT, "node_modules"), join(fixture, "node_modules"), "dir");
    const files: Record<string, string> = {
      "rules/r.ts": 'import "../config/c";\nimport * as pulumi from "@pulumi/pulumi";\nexport const p = pulumi;\n',
      "config/c.ts": 'import type { M } from "../model/m";\nexport const c: M = 1;\n',
      "model/m.ts": 'import "../gate/g";\nexport type M = number;\n',
      "gate/g.ts": 'import "../components/x";\nimport "../policies/x";\nimport "../verifier/x";\nimport "../offline/x";\n',
      "components/x.ts": 'import "../cli/x";\n',
      "policies/x.ts": 'import "../cli/x";\n',
      "verifier/x.ts": 'import "../cli/x";\n',
      "offline/x.ts": 'import "../test/x";\n',
      "cli/x.ts": 'import "../index";\n',
      "test/x.ts": "export {};\n",
      "index.ts": "export {};\n",
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(fixture, path)), { recursive: true });
      writeFileSync(join(fixture, path), text);
    }
    const found = cruise(fixture, LAYERS).map((v) => `${v.from} -> ${v.to} (${v.rule})`).sort();
    assert.deepEqual(found, [
      "cli/x.ts -> index.ts (cli-imports-no-higher-layer)",
      "components/x.ts -> cli/x.ts (components-imports-no-higher-layer)",
      "config/c.ts -> model/m.ts (config-imports-no-higher-layer)",
      "gate/g.ts -> components/x.ts (gate-imports-no-higher-layer)",
      "gate/g.ts -> offline/x.ts (gate-imports-no-higher-layer)",
      "gate/g.ts -> policies/x.ts (gate-imports-no-higher-layer)",
      "gate/g.ts -> verifier/x.ts (gate-imports-no-higher-layer)",
      "model/m.ts -> gate/g.ts (model-imports-no-higher-layer)",
      "offline/x.ts -> test/x.ts (offline-imports-no-higher-layer)",
      "policies/x.ts -> cli/x.ts (policies-imports-no-higher-layer)",
      "rules/r.ts -> config/c.ts (rules-imports-no-higher-layer)",
      "rules/r.ts -> node_modules/@pulumi/pulumi/index.js (rules-import-no-pulumi)",
      "verifier/x.ts -> cli/x.ts (verifier-imports-no-higher-layer)",
    ]);
  });
});
