/**
 * The pack as it is published and as the engine starts it: policies/dist/index.js, built by
 * policies/build.js from the TypeScript sources and everything they import, is what `main` names. These
 * tests prove the build is current, that `npm pack` in policies/ (what `pulumi policy publish` runs) gives
 * a tarball that starts alone with only its declared dependencies, and that the unpacked tarball gives the
 * verdicts the TypeScript sources give (offline/run-policies.ts runs them in-process) on every fixture.
 */
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import type { Evaluation } from "../../offline/evaluate";
import { loadPackConfig, runPolicies, Violation } from "../../offline/run-policies";
import { allPolicies } from "../../policies/all";
import { badStack } from "../policies/fixtures/bad-stack";
import { edit, shippedPreview, UNKNOWN } from "../policies/support";
import { analyzeOverGrpc, call, configure, PACK_DIR, RunningPack, startPolicyPack } from "../support/analyzer";

const { buildPack, OUTFILE } = require("../../policies/build") as { buildPack(outfile: string): Promise<{ outputs: Record<string, { imports: { path: string; external?: boolean }[] }> }>; OUTFILE: string };
const MANIFEST = JSON.parse(readFileSync(join(PACK_DIR, "package.json"), "utf8")) as { main: string; dependencies: Record<string, string> };
const ROOT_MODULES = join(PACK_DIR, "..", "node_modules");

/** The package a bare import names: `@pulumi/policy/proxy` → `@pulumi/policy`. */
const packageOf = (spec: string) => spec.split("/").slice(0, spec.startsWith("@") ? 2 : 1).join("/");
const sorted = (vs: readonly Violation[]) => vs.map((v) => JSON.stringify([v.policy, v.enforcementLevel, v.urn ?? "", v.message])).sort();

describe("the compiled pack, as published and as the engine starts it", function () {
  // npm pack, a tarball unpacked, the pack started and ~600 Analyze calls: ~10 s alone.
  this.timeout(180_000);
  let tmp: string;
  let externals: string[];
  let fresh: string;
  let files: string[];
  let pack: RunningPack;
  const fixtures = {} as Record<"prod" | "staging" | "bad", Evaluation>;

  before(async () => {
    tmp = mkdtempSync(join(tmpdir(), "launch-stack-compiled-pack-"));
    const meta = await buildPack(join(tmp, "fresh", "index.js"));
    fresh = readFileSync(join(tmp, "fresh", "index.js"), "utf8");
    externals = [...new Set(Object.values(meta.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path)))];
    // What `pulumi policy publish` uploads: npm pack of policies/ (scripts off: the build above is already checked).
    const [packed] = JSON.parse(execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", tmp], { cwd: PACK_DIR, encoding: "utf8" })) as { filename: string; files: { path: string }[] }[];
    files = packed.files.map((f) => f.path).sort();
    execFileSync("tar", ["-xzf", join(tmp, packed.filename), "-C", tmp]);
    // Unpacked alone: only the declared dependencies are installed next to it (linked from the root's install).
    for (const dep of Object.keys(MANIFEST.dependencies)) {
      mkdirSync(dirname(join(tmp, "package", "node_modules", dep)), { recursive: true });
      symlinkSync(join(ROOT_MODULES, dep), join(tmp, "package", "node_modules", dep), "dir");
    }
    const starting = startPolicyPack("as-engine", join(tmp, "package"));
    // One evaluation at a time: the SDK's runtime state is per process.
    fixtures.prod = await shippedPreview("prod");
    fixtures.staging = await shippedPreview("staging");
    fixtures.bad = edit(await badStack(), { "example-net-edge-ssl": (w) => { w.value = UNKNOWN; } });
    pack = await starting;
  });
  after(() => {
    pack?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it("names the build as the package's main, so run-policy-pack loads JavaScript and ts-node type-checks nothing", () => {
    assert.equal(join(PACK_DIR, MANIFEST.main), OUTFILE);
  });

  it("has a build identical to what policies/build.js makes from today's sources (run npm run build:policies after editing them)", () => {
    assert.ok(readFileSync(OUTFILE, "utf8") === fresh, "policies/dist/index.js is stale: run npm run build:policies (npm install does it too)");
  });

  it("leaves as require() only the packages policies/package.json declares and Node built-ins", () => {
    const undeclared = externals.filter((spec) => !builtinModules.includes(spec.replace(/^node:/, "")) && !(packageOf(spec) in MANIFEST.dependencies));
    assert.deepEqual(undeclared, []);
  });

  it("packs the build, PulumiPolicy.yaml and the stacks' pack configs, and no TypeScript source", () => {
    assert.deepEqual(files, ["PulumiPolicy.yaml", "config/prod.json", "config/staging.json", "dist/index.js", "package.json"]);
  });

  it("starts from the unpacked tarball through run-policy-pack and serves every policy of the sources", async () => {
    const info = await call<analyzer.AnalyzerInfo>(pack.client, "getAnalyzerInfo", new Empty());
    assert.deepEqual(info.getPoliciesList().map((p) => p.getName()), allPolicies.map((p) => p.name));
  });

  for (const stack of ["prod", "staging"] as const) {
    it(`gives the TypeScript sources' verdicts on both shipped stacks and the bad stack under ${stack}'s pack config`, async () => {
      const config = loadPackConfig(stack);
      await configure(pack.client, config);
      for (const ev of [fixtures.prod, fixtures.staging, fixtures.bad]) {
        assert.deepEqual(sorted(await analyzeOverGrpc(pack.client, ev)), sorted(await runPolicies(ev, { config })), `${ev.stack} fixture`);
      }
    });
  }
});
