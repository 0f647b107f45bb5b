/**
 * Acting as the Pulumi engine towards the policy pack: start `policies/` the way the engine starts a Node.js
 * pack, read the port it prints, and make the Analyzer gRPC calls the engine makes (Configure with the
 * resolved pack config, Analyze per resource, AnalyzeStack), turning the answers into offline Violations.
 */
import { ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import type { Evaluation } from "../../offline/evaluate";
import type { RecordedResource } from "../../offline/recording-runtime";
import { resolvePackConfig, Violation } from "../../offline/run-policies";
import { allPolicies } from "../../policies/all";

const REPO = join(__dirname, "..", "..");
export const PACK_DIR = join(REPO, "policies");

/**
 * The engine runs a Node.js pack as `node <@pulumi/pulumi>/cmd/run-policy-pack <engine-address> <pack-dir>`
 * from the pack's directory; run-policy-pack requires the package's `main` (policies/dist/index.js, the
 * build of policies/build.js). It registers ts-node with `typeCheck: true` (whatever the tsconfig says),
 * which only compiles `.ts`, and drops the engine address before loading the pack ("Remove
 * <engine-address> so we simply execute the program", cmd/run-policy-pack/index.js): nothing ever dials
 * it, so a placeholder stands in for the engine's own gRPC server.
 */
const runPolicyPack = (dir: string, program: string) => [require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [dir] }), "127.0.0.1:0", program];
const START_ARGS: Record<PackStart, (dir: string) => string[]> = {
  "as-engine": (dir) => runPolicyPack(dir, "."),
  // The pack before it was compiled: `main` was index.ts, so run-policy-pack type-checked it on every start.
  "typescript-sources": () => runPolicyPack(PACK_DIR, "index.ts"),
  // How npm scripts and the old parity test ran the pack: SWC transpile-only, no type check.
  "transpile-only": () => ["-r", "ts-node/register/transpile-only", "index.ts"],
};

export type PackStart = "as-engine" | "typescript-sources" | "transpile-only";

export interface RunningPack {
  child: ChildProcess;
  client: AnalyzerClient;
  /** Milliseconds from spawn to the port on stdout: what a preview waits before the first Analyze. */
  startMs: number;
  stop(): void;
}

/**
 * Starts the pack and resolves once it prints the port of its Analyzer service, as the engine waits for it.
 * `dir` is the pack's directory: policies/ in this repository (its packages installed at the root), or an
 * unpacked tarball with its own node_modules.
 */
export function startPolicyPack(how: PackStart = "as-engine", dir = PACK_DIR): Promise<RunningPack> {
  const started = performance.now();
  const child = spawn(process.execPath, START_ARGS[how](dir), { cwd: how === "as-engine" ? dir : PACK_DIR, stdio: ["ignore", "pipe", "pipe"] });
  return new Promise((resolve, reject) => {
    let err = "";
    child.stderr!.on("data", (d) => { err += d; });
    child.once("exit", (code) => reject(new Error(`the pack exited with ${code} before serving: ${err}`)));
    child.stdout!.once("data", (d) => {
      const port = String(d).trim();
      const client = new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
      resolve({ child, client, startMs: performance.now() - started, stop: () => { client.close(); child.kill(); } });
    });
  });
}

type Method = "configure" | "getAnalyzerInfo" | "getPluginInfo" | "analyze" | "analyzeStack";

/** One unary RPC, as the engine makes it. */
export function call<Res>(client: AnalyzerClient, method: Method, req: unknown): Promise<Res> {
  const fn = client[method] as unknown as (req: unknown, cb: (e: grpc.ServiceError | null, res: Res) => void) => unknown;
  return new Promise((resolve, reject) => fn.call(client, req, (e, res) => (e ? reject(e) : resolve(res))));
}

export const LEVELS: Record<number, Violation["enforcementLevel"]> = {
  [analyzer.EnforcementLevel.ADVISORY]: "advisory",
  [analyzer.EnforcementLevel.MANDATORY]: "mandatory",
  [analyzer.EnforcementLevel.DISABLED]: "disabled",
  [analyzer.EnforcementLevel.REMEDIATE]: "remediate",
};
const LEVEL_IDS = Object.fromEntries(Object.entries(LEVELS).map(([id, level]) => [level, Number(id)]));

/** Configure, as the CLI sends `--policy-pack-config`: every policy with its resolved level and properties. */
export async function configure(client: AnalyzerClient, packConfig: Record<string, unknown> | undefined): Promise<void> {
  const req = new analyzer.ConfigureAnalyzerRequest();
  for (const [name, c] of resolvePackConfig(allPolicies, packConfig)) {
    req.getPolicyconfigMap().set(name, new analyzer.PolicyConfig().setEnforcementlevel(LEVEL_IDS[c.enforcementLevel]).setProperties(Struct.fromJavaScript(c.properties as never)));
  }
  await call(client, "configure", req);
}

function options(r: RecordedResource): analyzer.AnalyzerResourceOptions {
  const o = new analyzer.AnalyzerResourceOptions().setProtect(r.protect);
  return r.parent ? o.setParent(r.parent) : o;
}

function toViolation(d: analyzer.AnalyzeDiagnostic, urn: string | undefined): Violation {
  const severity = Object.entries(analyzer.PolicySeverity).find(([, id]) => id === d.getSeverity())?.[0].replace("POLICY_SEVERITY_", "").toLowerCase();
  return {
    policy: d.getPolicyname(),
    enforcementLevel: LEVELS[d.getEnforcementlevel()],
    ...(severity && severity !== "unspecified" ? { severity } : {}),
    ...(urn ? { urn } : {}),
    message: d.getMessage(),
  };
}

/**
 * Every diagnostic the pack returns for `ev`: Analyze for each resource's inputs (a diagnostic without a URN
 * is the analyzed resource's, as the engine attributes it), then AnalyzeStack over all of them.
 */
export async function analyzeOverGrpc(client: AnalyzerClient, ev: Evaluation): Promise<Violation[]> {
  const out: Violation[] = [];
  for (const r of ev.resources) {
    const req = new analyzer.AnalyzeRequest().setType(r.type).setName(r.name).setUrn(r.urn).setProperties(Struct.fromJavaScript(r.wire as never)).setOptions(options(r));
    for (const d of (await call<analyzer.AnalyzeResponse>(client, "analyze", req)).getDiagnosticsList()) out.push(toViolation(d, d.getUrn() || r.urn));
  }
  // The stack analysis gets each resource's outputs: a custom resource's planned outputs are its inputs
  // (the mocks echo them), a component's are what it passed to registerOutputs.
  const stack = new analyzer.AnalyzeStackRequest().setResourcesList(ev.resources.map((r) =>
    new analyzer.AnalyzerResource().setType(r.type).setName(r.name).setUrn(r.urn).setProperties(Struct.fromJavaScript((r.custom ? r.wire : r.outputs ?? {}) as never)).setOptions(options(r)).setParent(r.parent ?? "")));
  for (const d of (await call<analyzer.AnalyzeResponse>(client, "analyzeStack", stack)).getDiagnosticsList()) out.push(toViolation(d, d.getUrn() || undefined));
  return out;
}
