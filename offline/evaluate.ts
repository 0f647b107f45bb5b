/**
 * Evaluates the real program (index.ts) offline: the same code `pulumi up` runs, under the recording
 * mock runtime, with a stack's raw config. Used by the tests and by `npm run plan`.
 */
import * as pulumi from "@pulumi/pulumi";
import * as rpc from "@pulumi/pulumi/runtime/rpc";
import type { RawConfig } from "../config/load";
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

/**
 * The SDK captures a stack trace for every resource it registers; with ts-node's source-map support
 * formatting each one, that is most of an evaluation's time. Plain V8 traces are enough offline.
 */
async function withUnmappedStackTraces<T>(run: () => Promise<T>): Promise<T> {
  const formatting = Error as { prepareStackTrace?: unknown };
  const mapped = formatting.prepareStackTrace;
  formatting.prepareStackTrace = undefined;
  try {
    return await run();
  } finally {
    formatting.prepareStackTrace = mapped;
  }
}

/** Runs index.ts once with `raw` as the stack's config. A ConfigError propagates before any resource exists. */
export function evaluateProgram(raw: RawConfig, opts: EvaluateOptions): Promise<Evaluation> {
  return withUnmappedStackTraces(() => evaluate(raw, opts));
}

async function evaluate(raw: RawConfig, opts: EvaluateOptions): Promise<Evaluation> {
  const preview = opts.preview ?? true;
  const resources = await installRecordingRuntime({ project: PROJECT, stack: opts.stack, preview });
  pulumi.runtime.setAllConfig(raw.values, [...raw.secretKeys]);
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
