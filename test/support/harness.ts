/**
 * Test helpers over the offline engine: evaluate a stack (shipped or built in the test), then look
 * resources up by type and name and assert on exactly what the provider would receive.
 */
import { strict as assert } from "node:assert";
import { join } from "node:path";
import type { RawConfig } from "../../gate/load";
import { Evaluation, evaluateProgram } from "../../offline/evaluate";
import { providerInputs, RecordedResource } from "../../offline/recording-runtime";
import { engineValue } from "../../offline/engine-config";
import { readStackFile } from "../../offline/stack-file";

export const REPO = join(__dirname, "..", "..");

/** A shipped stack's raw config, exactly as `Pulumi.<stack>.yaml` has it. */
export function shippedConfig(stack: "staging" | "prod"): RawConfig {
  return readStackFile(stack, REPO);
}

/** Parses the `launch-stack:*` part of a raw config back into objects, to modify in a test. */
export function configObject(raw: RawConfig): Record<string, any> {
  const out: Record<string, any> = {};
  for (const [k, v] of Object.entries(raw.values)) {
    if (!k.startsWith("launch-stack:")) continue;
    out[k.slice("launch-stack:".length)] = v.startsWith("{") || v.startsWith("[") ? JSON.parse(v) : v;
  }
  return out;
}

/** Builds a raw config from objects (namespaced, encoded as the engine encodes them), keeping other namespaces from `base`; secret keys with or without the namespace. */
export function rawConfig(config: Record<string, unknown>, base?: RawConfig, secretKeys: string[] = []): RawConfig {
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(base?.values ?? {})) if (!k.startsWith("launch-stack:")) values[k] = v;
  for (const [k, v] of Object.entries(config)) values[`launch-stack:${k}`] = engineValue(v);
  return { values, secretKeys: new Set([...(base?.secretKeys ?? []), ...secretKeys.map((k) => (k.includes(":") ? k : `launch-stack:${k}`))]) };
}

/** The shipped stack with `edit` applied to a deep copy of its config objects. */
export function editedConfig(stack: "staging" | "prod", edit: (c: Record<string, any>) => void): RawConfig {
  const base = shippedConfig(stack);
  const config = configObject(base);
  edit(config);
  return rawConfig(config, base, [...base.secretKeys]);
}

export async function evaluate(raw: RawConfig, stack = "test", preview = true): Promise<Evaluation> {
  return evaluateProgram(raw, { stack, preview });
}

export function ofType(ev: Evaluation, type: string): RecordedResource[] {
  return ev.resources.filter((r) => r.type === type);
}

/** The one resource of `type` named `name`; fails with the names that exist. */
export function resource(ev: Evaluation, type: string, name: string): RecordedResource {
  const found = ev.resources.find((r) => r.type === type && r.name === name);
  assert.ok(found, `no ${type} named ${name}; have: ${ofType(ev, type).map((r) => r.name).join(", ")}`);
  return found;
}

/** Inputs as the provider receives them (secrets revealed, unknowns undefined). */
export function inputsOf(ev: Evaluation, type: string, name: string): Record<string, any> {
  return providerInputs(resource(ev, type, name)) as Record<string, any>;
}

/** Runs `fn` and returns the config problems it threw (fails if it did not throw a ConfigError). */
export async function configProblems(raw: RawConfig): Promise<string[]> {
  try {
    await evaluate(raw);
  } catch (e) {
    const problems = (e as { problems?: string[] }).problems;
    assert.ok(problems, `expected a ConfigError, got ${(e as Error).stack}`);
    return problems;
  }
  assert.fail("expected the config to be rejected");
}

export const TYPES = {
  dnsRecord: "cloudflare:index/dnsRecord:DnsRecord",
  zone: "cloudflare:index/zone:Zone",
  zoneDnssec: "cloudflare:index/zoneDnssec:ZoneDnssec",
  zoneSetting: "cloudflare:index/zoneSetting:ZoneSetting",
  ruleset: "cloudflare:index/ruleset:Ruleset",
} as const;
