import { strict as assert } from "node:assert";
import { ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import type { Evaluation } from "../../offline/evaluate";
import type { RecordedResource } from "../../offline/recording-runtime";
import { loadPackConfig, resolvePackConfig, runPolicies, Violation } from "../../offline/run-policies";
import { allPolicies } from "../../policies/all";
import { badStack } from "./fixtures/bad-stack";
import { edit, UNKNOWN } from "./support";

const LEVELS: Record<number, Violation["enforcementLevel"]> = {
  [analyzer.EnforcementLevel.ADVISORY]: "advisory",
  [analyzer.EnforcementLevel.MANDATORY]: "mandatory",
  [analyzer.EnforcementLevel.DISABLED]: "disabled",
  [analyzer.EnforcementLevel.REMEDIATE]: "remediate",
};
const LEVEL_IDS = Object.fromEntries(Object.entries(LEVELS).map(([id, level]) => [level, Number(id)]));

/** Starts policies/index.ts the way the CLI does (cwd = the pack) and resolves the port it prints. */
function startPack(): Promise<{ child: ChildProcess; port: string }> {
  const child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", "index.ts"], { cwd: join(__dirname, "..", "..", "policies"), stdio: ["ignore", "pipe", "pipe"] });
  return new Promise((resolve, reject) => {
    let err = "";
    child.stderr!.on("data", (d) => { err += d; });
    child.stdout!.once("data", (d) => resolve({ child, port: String(d).trim() }));
    child.once("exit", (code) => reject(new Error(`the pack exited with ${code}: ${err}`)));
  });
}

/** One unary RPC, as the engine makes it. */
function call<Res>(client: AnalyzerClient, method: "configure" | "getAnalyzerInfo" | "analyze" | "analyzeStack", req: unknown): Promise<Res> {
  const fn = client[method] as unknown as (req: unknown, cb: (e: grpc.ServiceError | null, res: Res) => void) => unknown;
  return new Promise((resolve, reject) => fn.call(client, req, (e, res) => (e ? reject(e) : resolve(res))));
}

function options(r: RecordedResource): analyzer.AnalyzerResourceOptions {
  const o = new analyzer.AnalyzerResourceOptions().setProtect(r.protect);
  return r.parent ? o.setParent(r.parent) : o;
}

/** What the engine shows for a diagnostic: a resource diagnostic without a URN is the analyzed resource's. */
function shown(policy: string, level: Violation["enforcementLevel"], message: string, urn: string | undefined): string {
  return JSON.stringify([policy, level, urn ?? "", message]);
}

describe("offline/run-policies agrees with the pack's own analyzer server, driven over gRPC as the engine drives it", () => {
  let pack: ChildProcess;
  let client: AnalyzerClient;
  let ev: Evaluation;
  before(async () => {
    const started = await startPack();
    pack = started.child;
    client = new AnalyzerClient(`127.0.0.1:${started.port}`, grpc.credentials.createInsecure());
    const configure = new analyzer.ConfigureAnalyzerRequest();
    for (const [name, c] of resolvePackConfig(allPolicies, loadPackConfig("prod"))) {
      configure.getPolicyconfigMap().set(name, new analyzer.PolicyConfig().setEnforcementlevel(LEVEL_IDS[c.enforcementLevel]).setProperties(Struct.fromJavaScript(c.properties as never)));
    }
    await call(client, "configure", configure);
    // Every policy trips, and one reads a value still unknown at preview.
    ev = edit(await badStack(), { "example-net-edge-ssl": (w) => { w.value = UNKNOWN; } });
  });
  after(() => {
    client?.close();
    pack?.kill();
  });

  it("names the pack's policies and their enforcement level to the engine", async () => {
    const info = await call<analyzer.AnalyzerInfo>(client, "getAnalyzerInfo", new Empty());
    assert.equal(info.getName(), "launch-stack");
    assert.deepEqual(info.getPoliciesList().map((p) => [p.getName(), LEVELS[p.getEnforcementlevel()]]), allPolicies.map((p) => [p.name, "mandatory"]));
  });

  it("reports exactly the same violations and downgrades for every resource and the stack", async () => {
    const fromServer: string[] = [];
    for (const r of ev.resources) {
      const req = new analyzer.AnalyzeRequest().setType(r.type).setName(r.name).setUrn(r.urn).setProperties(Struct.fromJavaScript(r.wire as never)).setOptions(options(r));
      const res = await call<analyzer.AnalyzeResponse>(client, "analyze", req);
      for (const d of res.getDiagnosticsList()) fromServer.push(shown(d.getPolicyname(), LEVELS[d.getEnforcementlevel()], d.getMessage(), d.getUrn() || r.urn));
    }
    const stack = new analyzer.AnalyzeStackRequest().setResourcesList(ev.resources.map((r) =>
      new analyzer.AnalyzerResource().setType(r.type).setName(r.name).setUrn(r.urn).setProperties(Struct.fromJavaScript(r.wire as never)).setOptions(options(r)).setParent(r.parent ?? "")));
    for (const d of (await call<analyzer.AnalyzeResponse>(client, "analyzeStack", stack)).getDiagnosticsList()) {
      fromServer.push(shown(d.getPolicyname(), LEVELS[d.getEnforcementlevel()], d.getMessage(), d.getUrn() || undefined));
    }

    const offline = (await runPolicies(ev, { config: loadPackConfig("prod") })).map((v) => shown(v.policy, v.enforcementLevel, v.message, v.urn));
    assert.ok(offline.some((v) => v.includes("can't run policy 'ssl-full-strict'")), "the fixture has a downgrade to compare");
    assert.deepEqual([...offline].sort(), [...fromServer].sort());
  });
});
