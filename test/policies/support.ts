/**
 * Policy test helpers: evaluate a shipped stack once as a PR preview, then derive fixtures by editing the
 * recorded wire inputs (what a program author could declare around the config gate), and read what one
 * policy reports through the same evaluator the offline plan uses.
 */
import { strict as assert } from "node:assert";
import type { Evaluation } from "../../offline/evaluate";
import type { RecordedResource } from "../../offline/recording-runtime";
import { UNKNOWN } from "../../offline/recording-runtime";
import { loadPackConfig, runPolicies, Violation } from "../../offline/run-policies";
import { allPolicies } from "../../policies/all";
import { editedConfig, evaluate, shippedConfig } from "../support/harness";

export type Stack = "staging" | "prod";

const cache = new Map<string, Promise<Evaluation>>();

/** A shipped stack evaluated as a PR preview (computed outputs unknown), evaluated once per test run. */
export function shippedPreview(stack: Stack): Promise<Evaluation> {
  if (!cache.has(stack)) cache.set(stack, evaluate(shippedConfig(stack), stack, true));
  return cache.get(stack)!;
}

/**
 * The prod stack with its app zone created by the update instead of looked up: every zoneId is unknown at
 * preview, as in the first PR of a new domain.
 */
export function createdZonePreview(): Promise<Evaluation> {
  if (!cache.has("prod-created-zone")) {
    cache.set("prod-created-zone", evaluate(editedConfig("prod", (c) => { c.zones[0].createZone = true; }), "prod", true));
  }
  return cache.get("prod-created-zone")!;
}

export { UNKNOWN };

function copy(ev: Evaluation): Evaluation {
  return { ...ev, resources: ev.resources.map((r) => structuredClone(r)) };
}

function find(ev: Evaluation, name: string): RecordedResource {
  const found = ev.resources.find((r) => r.name === name);
  assert.ok(found, `no resource named ${name}; have: ${ev.resources.map((r) => r.name).join(", ")}`);
  return found;
}

/** A copy of `ev` with each named resource's recorded wire inputs (and options) edited in place. */
export function edit(ev: Evaluation, edits: Record<string, (wire: any, r: RecordedResource) => void>): Evaluation {
  const out = copy(ev);
  for (const [name, fn] of Object.entries(edits)) {
    const r = find(out, name);
    fn(r.wire, r);
  }
  return out;
}

/** A copy of `ev` without the named resources, as if the program never declared them. */
export function without(ev: Evaluation, ...names: string[]): Evaluation {
  for (const name of names) find(ev, name);
  const out = copy(ev);
  return { ...out, resources: out.resources.filter((r) => !names.includes(r.name)) };
}

/** A copy of `ev` with a second declaration of resource `name`, named `newName`, and `fn` applied to it. */
export function duplicate(ev: Evaluation, name: string, newName: string, fn: (wire: any, r: RecordedResource) => void = () => undefined): Evaluation {
  const out = copy(ev);
  const original = find(out, name);
  const twin = structuredClone(original);
  twin.name = newName;
  twin.urn = original.urn.replace(/::[^:]+$/, `::${newName}`);
  fn(twin.wire, twin);
  out.resources.push(twin);
  return out;
}

/** Every violation of the pack over `ev`, with the stack's shipped pack config unless one is given. */
export function violations(ev: Evaluation, config: Record<string, unknown> | undefined = loadPackConfig(ev.stack)): Promise<Violation[]> {
  return runPolicies(ev, { config });
}

function descriptionOf(policy: string): string {
  const p = allPolicies.find((x) => x.name === policy);
  assert.ok(p, `no policy named ${policy}`);
  return p.description;
}

function levelOf(entry: unknown): string | undefined {
  return typeof entry === "string" ? entry : (entry as { enforcementLevel?: string } | undefined)?.enforcementLevel;
}

/**
 * `config` with every policy but `policy` disabled (through the config's own `all`), `policy` keeping the
 * level and properties `config` gives it: one policy's verdict without paying for the whole pack.
 */
export function only(policy: string, config: Record<string, unknown> = {}): Record<string, unknown> {
  const entry = config[policy];
  const level = levelOf(entry) ?? levelOf(config.all) ?? "mandatory";
  return { ...config, all: "disabled", [policy]: { ...(typeof entry === "object" ? entry : {}), enforcementLevel: level } };
}

/** What `policy` reported over `ev`, without the description the engine prefixes to every message. */
export async function reported(ev: Evaluation, policy: string, config?: Record<string, unknown>): Promise<string[]> {
  const prefix = `${descriptionOf(policy)}\n`;
  return (await violations(ev, only(policy, config ?? loadPackConfig(ev.stack))))
    .filter((v) => v.policy === policy)
    .map((v) => (v.message.startsWith(prefix) ? v.message.slice(prefix.length) : v.message));
}

/** The "can't run during preview" downgrades among `vs`: each one is a mandatory policy that decided nothing. */
export function downgrades(vs: readonly Violation[]): Violation[] {
  return vs.filter((v) => v.message.startsWith("can't run policy"));
}
