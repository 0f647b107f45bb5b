/**
 * Evaluates the real program (index.ts) offline: the same code `pulumi up` runs, under the recording
 * mock runtime, with a stack's raw config. Used by the tests and by `npm run plan`.
 */
import * as rpc from "@pulumi/pulumi/runtime/rpc";
import type { RawConfig } from "../gate/load";
import { engineConfigEnvironment } from "./engine-config";
import { fromWire, installRecordingRuntime, MASKED, RecordedResource, settle, UNKNOWN_DISPLAY } from "./recording-runtime";

export const PROJECT = "launch-stack";

export interface Evaluation {
  stack: string;
  preview: boolean;
  resources: RecordedResource[];
  /** Stack outputs as a reviewer sees them: secrets masked, unknowns spelled out. */
  outputs: Record<string, unknown>;
  /** Stack outputs in wire form (secret markers kept), for the no-plaintext proof. */
  wireOutputs: Record<string, unknown>;
}

export interface EvaluateOptions {
  stack: string;
  /** Defaults to true: a PR preview, where ids and ARNs of new resources are unknown. */
  preview?: boolean;
}

const PROGRAM = require.resolve("../index");

/** The SDK's per-program store; `config` holds PULUMI_CONFIG and PULUMI_CONFIG_SECRET_KEYS (runtime/state.js). */
const state = require("@pulumi/pulumi/runtime/state") as { getStore(): { config: Record<string, string> } };

/** The SDK module that tags each of its promises with the stack that created it. */
const debuggable = require("@pulumi/pulumi/runtime/debuggable") as { debuggablePromise<T>(p: Promise<T>, ctx: unknown): Promise<T> };

/**
 * Two costs of the SDK that only ever serve a developer reading a stack trace, and that were most of an
 * evaluation's time: every resource's registration captures the stack (formatted by ts-node's source-map
 * support), and every promise the SDK creates, dozens per resource, records `new Error().stack` in case it
 * is still pending at exit. Offline, the first gets a plain V8 trace and the second is skipped; what the
 * program declares is unchanged, and an error thrown by the program keeps its trace.
 */
async function withoutDebugTraces<T>(run: () => Promise<T>): Promise<T> {
  const formatting = Error as { prepareStackTrace?: unknown };
  const mapped = formatting.prepareStackTrace;
  const tagging = debuggable.debuggablePromise;
  formatting.prepareStackTrace = undefined;
  debuggable.debuggablePromise = (p) => p;
  try {
    return await run();
  } finally {
    formatting.prepareStackTrace = mapped;
    debuggable.debuggablePromise = tagging;
  }
}

/** Runs index.ts once with `raw` as the stack's config. A ConfigError propagates before any resource exists. */
export function evaluateProgram(raw: RawConfig, opts: EvaluateOptions): Promise<Evaluation> {
  return withoutDebugTraces(() => evaluate(raw, opts));
}

async function evaluate(raw: RawConfig, opts: EvaluateOptions): Promise<Evaluation> {
  const preview = opts.preview ?? true;
  const resources = await installRecordingRuntime({ project: PROJECT, stack: opts.stack, preview });
  // The SDK's config store holds the two environment variables as it read them at start-up; they get the
  // exact text pulumi-language-nodejs would set, so the program parses the same bytes as under the engine.
  Object.assign(state.getStore().config, engineConfigEnvironment(raw));
  delete require.cache[PROGRAM];
  const exported = require(PROGRAM) as Record<string, unknown>;
  const wireOutputs = (await rpc.serializeProperties("outputs", exported)) as Record<string, unknown>;
  await settle();
  return {
    stack: opts.stack,
    preview,
    resources,
    outputs: fromWire(wireOutputs, { secret: () => MASKED, unknown: UNKNOWN_DISPLAY }) as Record<string, unknown>,
    wireOutputs,
  };
}
