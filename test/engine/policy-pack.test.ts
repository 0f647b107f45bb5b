/**
 * The policy pack exactly as `pulumi preview --policy-pack policies` runs it: started through
 * `@pulumi/pulumi/cmd/run-policy-pack`, which loads the package's `main` (the build in policies/dist;
 * compiled-pack.test.ts proves it current and self-contained), then driven over the
 * Analyzer gRPC service the way the engine drives it: GetAnalyzerInfo, GetPluginInfo, Configure with the
 * stack's resolved pack config, Analyze per resource and AnalyzeStack. The offline plan judges stacks with
 * offline/run-policies.ts; the last test proves both give the same verdicts, downgrades included.
 */
import { strict as assert } from "node:assert";
import * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import type { Evaluation } from "../../offline/evaluate";
import { loadPackConfig, resolvePackConfig, runPolicies, Violation } from "../../offline/run-policies";
import { checklistArea } from "../../rules/checklist";
import { allPolicies, PACK_NAME } from "../../policies/all";
import { areaOfPolicy } from "../../policies/checklist";
import { badStack } from "../policies/fixtures/bad-stack";
import { edit, shippedPreview, UNKNOWN } from "../policies/support";
import { analyzeOverGrpc, call, configure, LEVELS, RunningPack, startPolicyPack } from "../support/analyzer";

const POLICY_TYPES: Record<number, string> = { [analyzer.PolicyType.POLICY_TYPE_RESOURCE]: "resource", [analyzer.PolicyType.POLICY_TYPE_STACK]: "stack" };

function sorted(vs: readonly Violation[]): string[] {
  return vs.map((v) => JSON.stringify([v.policy, v.enforcementLevel, v.urn ?? "", v.message])).sort();
}

type Stack = "prod" | "staging";

describe("the policy pack as the engine runs it (run-policy-pack, Analyzer gRPC)", function () {
  // The compiled pack serves in ~1 s alone; the Analyze calls over three fixtures take a few more.
  this.timeout(120_000);
  let pack: RunningPack;
  let bad: Evaluation;
  /** What the pack answered, per stack's pack config, for the shipped stack and for the bad stack. */
  const answered = {} as Record<Stack, { shipped: Violation[]; bad: Violation[] }>;
  before(async () => {
    [pack, bad] = await Promise.all([
      startPolicyPack("as-engine"),
      // Every policy trips, and one reads a value still unknown at preview, so a downgrade is compared too.
      badStack().then((ev) => edit(ev, { "example-net-edge-ssl": (w) => { w.value = UNKNOWN; } })),
    ]);
    // Configure replaces the pack's whole config, so each stack is analyzed right after its own.
    for (const stack of ["prod", "staging"] as const) {
      await configure(pack.client, loadPackConfig(stack));
      answered[stack] = { shipped: await analyzeOverGrpc(pack.client, await shippedPreview(stack)), bad: await analyzeOverGrpc(pack.client, bad) };
    }
  });
  after(() => pack?.stop());

  it("names the pack, its version and every policy with its type, description, level and config schema", async () => {
    const info = await call<analyzer.AnalyzerInfo>(pack.client, "getAnalyzerInfo", new Empty());
    assert.deepEqual([info.getName(), info.getVersion(), info.getSupportsconfig()], [PACK_NAME, "0.1.0", true]);
    assert.deepEqual(
      info.getPoliciesList().map((p) => ({
        name: p.getName(),
        type: POLICY_TYPES[p.getPolicyType()],
        description: p.getDescription(),
        level: LEVELS[p.getEnforcementlevel()],
        schema: p.getConfigschema()?.getProperties()?.toJavaScript(),
      })),
      allPolicies.map((p) => ({
        name: p.name,
        type: "validateStack" in p ? "stack" : "resource",
        description: p.description,
        level: "mandatory",
        schema: p.configSchema ? JSON.parse(JSON.stringify(p.configSchema.properties)) : undefined,
      })),
    );
  });

  it("tells the engine each policy's checklist area (as its compliance framework), remediation steps and url", async () => {
    const info = await call<analyzer.AnalyzerInfo>(pack.client, "getAnalyzerInfo", new Empty());
    assert.deepEqual(
      info.getPoliciesList().map((p) => ({
        name: p.getName(),
        framework: [p.getFramework()?.getName(), p.getFramework()?.getVersion(), p.getFramework()?.getReference(), p.getFramework()?.getSpecification()],
        remediationSteps: p.getRemediationSteps(),
        url: p.getUrl(),
      })),
      allPolicies.map((p) => ({
        name: p.name,
        framework: ["launch-stack launch checklist", "1", areaOfPolicy(p), checklistArea(areaOfPolicy(p)!)!.criteria],
        remediationSteps: p.remediationSteps,
        url: p.url,
      })),
    );
  });

  it("reports the policy SDK's version, as pinned in package.json, as its plugin version", async () => {
    const info = await call<{ getVersion(): string }>(pack.client, "getPluginInfo", new Empty());
    assert.equal(info.getVersion(), require("../../package.json").dependencies["@pulumi/policy"]);
  });

  for (const stack of ["prod", "staging"] as const) {
    it(`passes every resource and the whole ${stack} stack with no diagnostic under ${stack}'s pack config`, () => {
      assert.deepEqual(answered[stack].shipped, []);
    });
  }

  for (const stack of ["prod", "staging"] as const) {
    it(`reports every policy of the pack on the bad stack, each at the level ${stack}'s pack config sets`, () => {
      const levels = resolvePackConfig(allPolicies, loadPackConfig(stack));
      const found = answered[stack].bad.filter((v) => !v.message.startsWith("can't run policy"));
      assert.deepEqual(found.filter((v) => v.enforcementLevel !== levels.get(v.policy)!.enforcementLevel), []);
      const enabled = allPolicies.map((p) => p.name).filter((name) => levels.get(name)!.enforcementLevel !== "disabled");
      assert.deepEqual(enabled.filter((name) => !found.some((v) => v.policy === name)), []);
    });
  }

  it("downgrades to advisory, as the engine does, only the policy that read a value unknown at preview", () => {
    assert.deepEqual(answered.prod.bad.filter((v) => v.message.startsWith("can't run policy")).map((v) => [v.policy, v.enforcementLevel, v.urn]), [["ssl-full-strict", "advisory", bad.resources.find((r) => r.name === "example-net-edge-ssl")!.urn]]);
  });

  it("reports at the levels Configure sends: disabled policies silent, lowered ones advisory", async () => {
    await configure(pack.client, { all: "advisory", "hsts-one-year": "disabled", "ssl-full-strict": "mandatory" });
    const found = await analyzeOverGrpc(pack.client, bad);
    assert.equal(found.some((v) => v.policy === "hsts-one-year"), false);
    assert.deepEqual([...new Set(found.map((v) => `${v.policy === "ssl-full-strict" ? "ssl-full-strict" : "others"}: ${v.enforcementLevel}`))].sort(), ["others: advisory", "ssl-full-strict: advisory", "ssl-full-strict: mandatory"]);
  });

  for (const stack of ["prod", "staging"] as const) {
    it(`reports exactly what offline/run-policies reports on the bad stack under ${stack}'s pack config, downgrades included`, async () => {
      assert.deepEqual(sorted(answered[stack].bad), sorted(await runPolicies(bad, { config: loadPackConfig(stack) })));
    });
  }
});
