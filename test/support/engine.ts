/**
 * Acting as the Pulumi engine towards the program: serve the ResourceMonitor and Engine gRPC services on
 * loopback, start index.ts exactly the way pulumi-language-nodejs starts it for `pulumi preview`, record
 * every registration, component output, stack output and log line, and report how the process ended.
 *
 * The command line and environment follow pulumi v3.248.0 sdk/nodejs/cmd/pulumi-language-nodejs/main.go:
 * `constructArguments` (lines 1064-1097: `<run> --monitor --engine --sync --organization --project
 * --root-directory --stack --pwd [--dry-run] --parallel <entry point>`), `execRuntime` (lines 879-907:
 * the parent's environment plus PULUMI_CONFIG, PULUMI_CONFIG_SECRET_KEYS and, for `typescript: true` in
 * Pulumi.yaml, PULUMI_NODEJS_TYPESCRIPT=true), `constructConfig` (1099-1126) for the config bytes
 * (offline/engine-config.ts writes them). The entry point is "." when Pulumi.yaml sets no `main`.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as enginePb from "@pulumi/pulumi/proto/engine_pb";
import { EngineService } from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as providerPb from "@pulumi/pulumi/proto/provider_pb";
import * as resourcePb from "@pulumi/pulumi/proto/resource_pb";
import { ResourceMonitorService } from "@pulumi/pulumi/proto/resource_grpc_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import type { RawConfig } from "../../gate/load";
import { engineConfigEnvironment } from "../../offline/engine-config";
import { PROJECT } from "../../offline/evaluate";
import { answerCall, engineUrn, RecordedResource } from "../../offline/recording-runtime";
import { REPO } from "./harness";

const RUN = require.resolve("@pulumi/pulumi/cmd/run");

/** The features the v3.248.0 engine answers true to (pkg/resource/deploy/source_eval.go:789-829 `supportsFeatureID`). */
const ENGINE_FEATURES = new Set(["secrets", "resourceReferences", "outputValues", "aliasSpecs", "replacementTrigger", "deletedWith", "replaceWith", "transforms", "invokeTransforms", "parameterization", "resourceHooks", "errorHooks", "sendsOptionsToHooks"]);

export interface EngineLog {
  severity: "debug" | "info" | "warning" | "error";
  message: string;
  urn: string;
}

export interface ProgramRun {
  /** Registrations in the order they arrived, the stack resource included. */
  resources: RecordedResource[];
  /** What the program registered as the root stack's outputs (wire form). */
  stackOutputs: Record<string, unknown> | undefined;
  logs: EngineLog[];
  code: number | null;
  stdout: string;
  stderr: string;
  /** Milliseconds from spawn to the last registration, and to exit. */
  lastRegistrationMs: number;
  exitMs: number;
}

/** Outputs a provider would add to a resource's state (wire form), e.g. a generated password's `result`. */
export type Answer = (type: string, inputs: Record<string, unknown>) => Record<string, unknown>;

const SEVERITIES: Record<number, EngineLog["severity"]> = {
  [enginePb.LogSeverity.DEBUG]: "debug",
  [enginePb.LogSeverity.INFO]: "info",
  [enginePb.LogSeverity.WARNING]: "warning",
  [enginePb.LogSeverity.ERROR]: "error",
};

type Unary<Req, Res> = (call: { request: Req }, cb: (err: grpc.ServiceError | null, res?: Res) => void) => void;
const unary = <Req, Res>(fn: (req: Req) => Res): Unary<Req, Res> => (call, cb) => {
  try {
    cb(null, fn(call.request));
  } catch (e) {
    cb({ code: grpc.status.INTERNAL, details: String(e), name: "Error", message: String(e), metadata: new grpc.Metadata() });
  }
};

/**
 * Runs index.ts for `stack` with `raw` as its config through `@pulumi/pulumi/cmd/run`, as a preview
 * (`--dry-run`) unless `dryRun` is false. Answers registrations as the offline mocks do (no id at
 * preview, the inputs as the planned state, plus what `answer` adds) and data-source calls with the
 * offline answers, so what differs from the offline plan can only be what the program sent.
 */
export async function runThroughEngine(stack: string, raw: RawConfig, dryRun = true, answer: Answer = () => ({})): Promise<ProgramRun> {
  const resources: RecordedResource[] = [];
  const byUrn = new Map<string, RecordedResource>();
  const logs: EngineLog[] = [];
  let stackOutputs: Record<string, unknown> | undefined;
  let rootUrn = "";
  let lastRegistration = 0;

  const server = new grpc.Server();
  server.addService(ResourceMonitorService, {
    supportsFeature: unary((req: resourcePb.SupportsFeatureRequest) => new resourcePb.SupportsFeatureResponse().setHassupport(ENGINE_FEATURES.has(req.getId()))),
    registerResource: unary((req: resourcePb.RegisterResourceRequest) => {
      const urn = engineUrn(PROJECT, stack, req.getParent(), req.getType(), req.getName());
      const r: RecordedResource = {
        urn, type: req.getType(), name: req.getName(), parent: req.getParent() || undefined,
        custom: req.getCustom(), protect: req.getProtect() ?? false, wire: req.getObject()?.toJavaScript() ?? {},
      };
      resources.push(r);
      byUrn.set(urn, r);
      lastRegistration = performance.now();
      const state = { ...r.wire, ...answer(r.type, r.wire) };
      return new resourcePb.RegisterResourceResponse().setUrn(urn).setId(dryRun || !r.custom ? "" : urn).setObject(Struct.fromJavaScript(state as never));
    }),
    registerResourceOutputs: unary((req: resourcePb.RegisterResourceOutputsRequest) => {
      const outputs = req.getOutputs()?.toJavaScript() ?? {};
      if (req.getUrn() === rootUrn) stackOutputs = outputs;
      const r = byUrn.get(req.getUrn());
      if (r) r.outputs = outputs;
      return new Empty();
    }),
    invoke: unary((req: resourcePb.ResourceInvokeRequest) => new providerPb.InvokeResponse().setReturn(Struct.fromJavaScript(answerCall(req.getTok(), req.getArgs()?.toJavaScript() ?? {}) as never))),
    registerPackage: unary((req: resourcePb.RegisterPackageRequest) => new resourcePb.RegisterPackageResponse().setRef(`${req.getName()}@${req.getVersion()}`)),
    signalAndWaitForShutdown: unary(() => new Empty()),
  });
  server.addService(EngineService, {
    log: unary((req: enginePb.LogRequest) => {
      logs.push({ severity: SEVERITIES[req.getSeverity()], message: req.getMessage(), urn: req.getUrn() });
      return new Empty();
    }),
    getRootResource: unary(() => new enginePb.GetRootResourceResponse().setUrn(rootUrn)),
    setRootResource: unary((req: enginePb.SetRootResourceRequest) => {
      rootUrn = req.getUrn();
      return new enginePb.SetRootResourceResponse();
    }),
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))));
  const address = `127.0.0.1:${port}`;
  // The host's directory for synchronous invokes; this program makes none, so it stays empty.
  const sync = mkdtempSync(join(tmpdir(), "pulumi-sync-"));
  const args = [RUN, "--monitor", address, "--engine", address, "--sync", sync, "--organization", "organization", "--project", PROJECT,
    "--root-directory", REPO, "--stack", stack, "--pwd", REPO, ...(dryRun ? ["--dry-run"] : []), "--parallel", "16", "."];
  // The language host passes its own environment on; none of the test process's PULUMI_* settings belong in it.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("PULUMI_")));
  const env = { ...inherited, ...engineConfigEnvironment(raw), PULUMI_NODEJS_TYPESCRIPT: "true" };

  const started = performance.now();
  try {
    return await new Promise<ProgramRun>((resolve, reject) => {
      const child = spawn(process.execPath, args, { cwd: REPO, env, stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d) => { stdout += d; });
      child.stderr.on("data", (d) => { stderr += d; });
      child.once("error", reject);
      child.once("close", (code) => resolve({
        resources, stackOutputs, logs, code, stdout, stderr,
        lastRegistrationMs: lastRegistration ? lastRegistration - started : 0,
        exitMs: performance.now() - started,
      }));
    });
  } finally {
    server.forceShutdown();
    rmSync(sync, { recursive: true, force: true });
  }
}
