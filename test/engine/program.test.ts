/**
 * The program exactly as `pulumi preview` runs it: index.ts started through `@pulumi/pulumi/cmd/run` with
 * the arguments and environment pulumi-language-nodejs uses (test/support/engine.ts cites the lines), the
 * test acting as the engine's ResourceMonitor and Engine gRPC services. The twin of policy-pack.test.ts.
 *
 * What the offline plan shows must be what the engine receives: the same resources, parents, inputs
 * (secret and unknown markers included) and stack outputs, byte for byte in canonical JSON. The one thing
 * that must differ is the root: under the engine the SDK registers a `pulumi:pulumi:Stack` resource and
 * parents the program's top-level resources to it; the offline mock runtime has no stack resource.
 */
import { strict as assert } from "node:assert";
import type { RawConfig } from "../../gate/load";
import { goJsonMarshal } from "../../offline/engine-config";
import { Evaluation, evaluateProgram } from "../../offline/evaluate";
import { fromWire, SECRET_SIG, SPECIAL_SIG_KEY, UNKNOWN } from "../../offline/recording-runtime";
import { readStackFile } from "../../offline/stack-file";
import { ProgramRun, runThroughEngine } from "../support/engine";
import { editedConfig, REPO } from "../support/harness";

type Stack = "prod" | "staging";
const STACKS: Stack[] = ["prod", "staging"];
const ROOT_TYPE = "pulumi:pulumi:Stack";
const RANDOM_PASSWORD = "random:index/randomPassword:RandomPassword";
/** The plaintext the stand-in random provider generates, to look for in what the program logs and exports. */
const GENERATED = "generated-plaintext-";
/** The exit code cmd/run uses after logging a user-actionable error; the host then reports nothing more (main.go:107-110, 1033-1040). */
const ALREADY_REPORTED = 32;

interface Declared {
  resources: Record<string, string>;
  stackOutputs: string;
}

/** Every registration keyed by URN in canonical JSON; parents that are the engine's root stack read as none. */
function declared(resources: Evaluation["resources"], stackOutputs: unknown, rootUrn?: string): Declared {
  const out: Record<string, string> = {};
  for (const r of resources) {
    if (r.type === ROOT_TYPE) continue;
    const parent = r.parent === rootUrn ? null : r.parent ?? null;
    out[r.urn] = goJsonMarshal({ type: r.type, name: r.name, parent, custom: r.custom, protect: r.protect, inputs: r.wire, outputs: r.outputs ?? null });
  }
  return { resources: out, stackOutputs: goJsonMarshal(stackOutputs) };
}

function throughEngine(run: ProgramRun): Declared {
  const root = run.resources.find((r) => r.type === ROOT_TYPE);
  return declared(run.resources, run.stackOutputs, root?.urn);
}

function markers(v: unknown, found = { secret: 0, unknown: 0 }): { secret: number; unknown: number } {
  if (v === UNKNOWN) found.unknown++;
  else if (Array.isArray(v)) v.forEach((e) => markers(e, found));
  else if (typeof v === "object" && v !== null) {
    if ((v as Record<string, unknown>)[SPECIAL_SIG_KEY] === SECRET_SIG) found.secret++;
    Object.values(v).forEach((e) => markers(e, found));
  }
  return found;
}

describe("the program as the engine runs it (cmd/run, ResourceMonitor and Engine gRPC)", function () {
  // Each run starts node, ts-node (SWC) and the SDKs: ~5 s alone, the three run side by side.
  this.timeout(180_000);
  const engine = {} as Record<Stack, ProgramRun>;
  const offline = {} as Record<Stack, Evaluation>;
  let broken: ProgramRun;
  let up: ProgramRun;
  const brokenConfig: RawConfig = editedConfig("prod", (c) => { c.environment = "production"; });

  before(async () => {
    const runs = await Promise.all([
      ...STACKS.map((s) => runThroughEngine(s, readStackFile(s, REPO))),
      runThroughEngine("prod", brokenConfig),
      // An update, where the random provider answers each generated password with its (secret) result.
      runThroughEngine("staging", readStackFile("staging", REPO), false, (type, inputs) =>
        type === RANDOM_PASSWORD ? { result: { [SPECIAL_SIG_KEY]: SECRET_SIG, value: `${GENERATED}${inputs.length}` } } : {}),
    ]);
    STACKS.forEach((s, i) => { engine[s] = runs[i]; });
    [broken, up] = runs.slice(2);
    for (const s of STACKS) offline[s] = await evaluateProgram(readStackFile(s, REPO), { stack: s, preview: true });
  });

  for (const stack of STACKS) {
    it(`runs the ${stack} preview to the end with exit code 0 and no error logged`, () => {
      assert.equal(engine[stack].code, 0, engine[stack].stderr);
      assert.deepEqual(engine[stack].logs.filter((l) => l.severity === "error"), []);
    });

    it(`registers the same resources with the same parents as the offline plan of ${stack}`, () => {
      const shape = (d: Declared) => Object.entries(d.resources).map(([urn, json]) => { const { type, name, parent } = JSON.parse(json); return [urn, type, name, parent]; }).sort();
      assert.deepEqual(shape(throughEngine(engine[stack])), shape(declared(offline[stack].resources, offline[stack].wireOutputs)));
    });

    it(`sends byte-identical inputs, secret and unknown markers included, and registers the same component outputs as the offline plan of ${stack}`, () => {
      const found = markers(engine[stack].resources.map((r) => r.wire));
      assert.ok(found.secret > 0 && found.unknown > 0, `the comparison covers secret and unknown markers: ${JSON.stringify(found)}`);
      assert.deepEqual(throughEngine(engine[stack]).resources, declared(offline[stack].resources, offline[stack].wireOutputs).resources);
    });

    it(`registers byte-identical stack outputs to the offline plan's for ${stack}`, () => {
      assert.ok(engine[stack].stackOutputs, "the program registered its stack outputs");
      assert.equal(throughEngine(engine[stack]).stackOutputs, declared(offline[stack].resources, offline[stack].wireOutputs).stackOutputs);
    });
  }

  it("sends the engine every registration at debug level with the provider's answer, a generated secret in plaintext: why no command here uses --debug", () => {
    assert.equal(up.code, 0, up.stderr);
    const debug = up.logs.filter((l) => l.severity === "debug" && l.message.startsWith("RegisterResource RPC finished"));
    assert.equal(debug.length, up.resources.length);
    assert.ok(debug.some((l) => l.message.includes(GENERATED)), "a generated password's plaintext is in a debug log line");
    assert.deepEqual(up.logs.filter((l) => l.severity !== "debug" && l.message.includes(GENERATED)), []);
    assert.ok(!JSON.stringify(fromWire(up.stackOutputs, { secret: () => "[secret]", unknown: "?" })).includes(GENERATED), "stack outputs hold no generated plaintext");
  });

  it("ends a config error with one error log, no stack trace, nothing declared and the exit code the host treats as already reported", () => {
    assert.equal(broken.code, ALREADY_REPORTED, broken.stderr);
    const errors = broken.logs.filter((l) => l.severity === "error");
    assert.equal(errors.length, 1, JSON.stringify(errors));
    assert.match(errors[0].message, /^Invalid stack configuration \(1 problem\):\n {2}launch-stack:environment: must be one of "staging", "prod"; got "production"/);
    assert.doesNotMatch(`${errors[0].message}\n${broken.stderr}\n${broken.stdout}`, /\n\s+at /);
    assert.deepEqual(broken.resources.map((r) => r.type), [ROOT_TYPE]);
  });
});
