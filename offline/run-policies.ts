/**
 * Runs the CrossGuard pack (policies/all.ts) over an offline evaluation the way @pulumi/policy's analyzer
 * server does under `pulumi preview --policy-pack policies`: the same deserialization of the wire inputs,
 * the same unknown-checking proxy, the same enforcement-level resolution and the same silent downgrade of
 * a policy that reads an unknown value to an advisory "can't run policy ... during preview". The offline
 * plan and the tests both judge a stack through this one evaluator, so neither can drift from the engine.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import type {
  EnforcementLevel, Policy, PolicyConfigSchema, PolicyResource, PolicyResourceOptions, ResourceValidationArgs,
  ResourceValidationPolicy, StackValidationArgs, StackValidationPolicy,
} from "@pulumi/policy";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { allPolicies, PACK_ENFORCEMENT_LEVEL, PACK_NAME } from "../policies/all";
import type { Evaluation } from "./evaluate";
import type { RecordedResource } from "./recording-runtime";

export interface Violation {
  policy: string;
  enforcementLevel: "advisory" | "mandatory" | "remediate" | "disabled";
  severity?: string;
  urn?: string;
  message: string;
}

export interface PolicyRunOptions {
  /** Pack config as --policy-pack-config takes it: { all?: level, <policy-name>?: level | { enforcementLevel?, ...config } } */
  config?: Record<string, unknown>;
}

// The analyzer's internals are exported at runtime but absent from the published typings.
const { deserializeProperties } = require("@pulumi/policy/deserialize") as {
  deserializeProperties(props: Struct, proxySecrets: boolean): Record<string, unknown>;
};
const { unknownCheckingProxy, UnknownValueError } = require("@pulumi/policy/proxy") as {
  unknownCheckingProxy<T extends object>(props: T): T;
  UnknownValueError: new (...args: never[]) => Error;
};

const POLICIES_DIR = join(__dirname, "..", "policies");
const PACK_CONFIG_DIR = join(POLICIES_DIR, "config");
const PACK_VERSION = (JSON.parse(readFileSync(join(POLICIES_DIR, "package.json"), "utf8")) as { version: string }).version;
const LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

/**
 * A policy pack config the CLI would refuse before a preview starts (a level it does not know, a property
 * outside a policy's schema, a file that is not JSON): the stack's configuration is wrong, not the program,
 * so `npm run plan` reports it like a config error (exit 2), one line per problem, without a stack trace.
 */
export class PackConfigError extends Error {
  constructor(readonly problems: readonly string[], readonly source?: string) {
    super(`${source ? `${source}: ` : ""}policy pack config is invalid:\n  ${problems.join("\n  ")}`);
    this.name = "PackConfigError";
  }
}

/**
 * Reads policies/config/<stack>.json (or `<dir>/<stack>.json`), the file `--policy-pack-config` is given
 * for that stack, and checks it against the pack as the CLI does; problems name the file.
 */
export function loadPackConfig(stack: string, dir = PACK_CONFIG_DIR): Record<string, unknown> | undefined {
  const file = join(dir, `${stack}.json`);
  if (!existsSync(file)) return undefined;
  const shown = relative(process.cwd(), file);
  let config: unknown;
  try {
    config = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new PackConfigError([(e as Error).message], shown);
  }
  if (typeof config !== "object" || config === null || Array.isArray(config)) {
    throw new PackConfigError(["expected an object of policy names to enforcement levels or settings"], shown);
  }
  try {
    resolvePackConfig(allPolicies, config as Record<string, unknown>);
  } catch (e) {
    throw e instanceof PackConfigError ? new PackConfigError(e.problems, shown) : e;
  }
  return config as Record<string, unknown>;
}

export interface ResolvedPolicyConfig {
  enforcementLevel: EnforcementLevel;
  properties: Record<string, unknown>;
}

function isLevel(v: unknown): v is EnforcementLevel {
  return typeof v === "string" && (LEVELS as readonly string[]).includes(v);
}

interface Entry {
  enforcementLevel?: EnforcementLevel;
  properties: Record<string, unknown>;
  problems: string[];
}

const notALevel = (path: string, v: unknown) => `${path}: ${JSON.stringify(v)} is not an enforcement level (${LEVELS.join(", ")})`;

/** `level` or `{ enforcementLevel?, ...properties }`, as the CLI normalizes each entry of the config file. */
function normalizeEntry(key: string, value: unknown): Entry {
  if (typeof value === "string") {
    return isLevel(value) ? { enforcementLevel: value, properties: {}, problems: [] } : { properties: {}, problems: [notALevel(key, value)] };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { properties: {}, problems: [`${key}: expected an enforcement level or an object`] };
  const { enforcementLevel, ...properties } = value as Record<string, unknown>;
  if (enforcementLevel !== undefined && !isLevel(enforcementLevel)) return { properties, problems: [notALevel(`${key}.enforcementLevel`, enforcementLevel)] };
  return { enforcementLevel: enforcementLevel as EnforcementLevel | undefined, properties, problems: [] };
}

type JsonSchema = PolicyConfigSchema["properties"][string];

function jsonType(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}

/** The subset of JSON Schema the pack's config schemas use, checked as the CLI does before a preview starts. */
function schemaProblems(path: string, value: unknown, schema: JsonSchema | boolean | undefined): string[] {
  if (schema === undefined || schema === true) return [];
  if (schema === false) return [`${path}: is not allowed`];
  const actual = jsonType(value);
  const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.length > 0 && !types.some((t) => t === actual || (t === "number" && actual === "integer"))) {
    return [`${path}: Invalid type. Expected: ${types.join(" or ")}, given: ${actual}`];
  }
  const out: string[] = [];
  if (schema.enum && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) {
    out.push(`${path}: must be one of ${schema.enum.map((e) => JSON.stringify(e)).join(", ")}`);
  }
  if (typeof value === "string" && schema.pattern !== undefined && !new RegExp(schema.pattern, "u").test(value)) {
    out.push(`${path}: Does not match pattern '${schema.pattern}'`);
  }
  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum) out.push(`${path}: must be greater than or equal to ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) out.push(`${path}: must be less than or equal to ${schema.maximum}`);
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) out.push(`${path}: array must have at least ${schema.minItems} items`);
    if (schema.items !== undefined && !Array.isArray(schema.items)) value.forEach((e, i) => out.push(...schemaProblems(`${path}.${i}`, e, schema.items as JsonSchema)));
  }
  if (actual === "object") {
    const obj = value as Record<string, unknown>;
    for (const req of schema.required ?? []) if (!(req in obj)) out.push(`${path}: ${req} is required`);
    for (const [k, v] of Object.entries(obj)) {
      const sub = schema.properties?.[k] ?? schema.additionalProperties;
      out.push(...schemaProblems(`${path}.${k}`, v, sub));
    }
  }
  return out;
}

/**
 * What the CLI hands each policy: its level (pack default or the policy's own, then `all`, then its own
 * entry) and its properties (schema defaults, then the entry's), validated against the policy's schema.
 */
export function resolvePackConfig(policies: readonly Policy[], config: Record<string, unknown> = {}): Map<string, ResolvedPolicyConfig> {
  const entries = Object.fromEntries(Object.entries(config).map(([k, v]) => [k, normalizeEntry(k, v)]));
  const resolved = new Map<string, ResolvedPolicyConfig>();
  const problems = Object.values(entries).flatMap((e) => e.problems);
  for (const p of policies) {
    const defaults = Object.fromEntries(Object.entries(p.configSchema?.properties ?? {}).filter(([, s]) => typeof s === "object" && s.default !== undefined).map(([k, s]) => [k, (s as JsonSchema & object).default]));
    const own = entries[p.name];
    const enforcementLevel = own?.enforcementLevel ?? entries.all?.enforcementLevel ?? p.enforcementLevel ?? PACK_ENFORCEMENT_LEVEL;
    const properties = { ...defaults, ...own?.properties };
    if (p.configSchema) {
      problems.push(...schemaProblems(p.name, properties, { type: "object", properties: p.configSchema.properties, required: p.configSchema.required }));
    }
    resolved.set(p.name, { enforcementLevel, properties });
  }
  if (problems.length > 0) throw new PackConfigError(problems);
  return resolved;
}

function isResourcePolicy(p: Policy): p is ResourceValidationPolicy {
  return "validateResource" in p && p.validateResource !== undefined;
}

function isStackPolicy(p: Policy): p is StackValidationPolicy {
  return "validateStack" in p && typeof p.validateStack === "function";
}

/**
 * Thrown by `args.notApplicable()`. Not an Error: a policy built with `validateResourceOfType` throws one
 * for every resource of another type, and capturing a stack trace each time was most of an evaluation.
 */
class NotApplicable {
  constructor(readonly reason?: string) {}
}

function throwNotApplicable(reason?: string): never {
  throw new NotApplicable(reason);
}

const NO_STACK_TAGS: ReadonlyMap<string, string> = new Map();

function resourceOptions(r: RecordedResource): PolicyResourceOptions {
  return {
    protect: r.protect,
    ignoreChanges: [],
    aliases: [],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    additionalSecretOutputs: [],
    ...(r.parent ? { parent: r.parent } : {}),
  };
}

type ResourceClass = { __pulumiType?: string; isInstance?: (o: unknown) => boolean };

function isTypeOf(type: string, resourceClass: unknown): boolean {
  const cls = resourceClass as ResourceClass;
  if (typeof cls.__pulumiType === "string" && cls.__pulumiType !== "") return cls.__pulumiType === type;
  return typeof cls.isInstance === "function" && cls.isInstance({ __pulumiType: type }) === true;
}

/**
 * Read-only all the way down, but not frozen: the unknown-checking proxy returns a non-configurable,
 * non-writable property as it is (a Proxy invariant), so under Object.freeze every nested object escaped
 * the proxy and a policy read an unknown two levels down (`schedule.retryConfig.maxRetries`) as the
 * engine's placeholder string instead of getting the UnknownValueError the analyzer throws.
 */
function deepReadOnly<T>(v: T): T {
  if (typeof v === "object" && v !== null && Object.isExtensible(v)) {
    for (const [key, value] of Object.entries(v)) Object.defineProperty(v, key, { value: deepReadOnly(value), writable: false, enumerable: true, configurable: true });
    Object.preventExtensions(v);
  }
  return v;
}

/**
 * The inputs as the analyzer sees them: wire form deserialized (secrets unwrapped), unknowns guarded.
 * The analyzer deserializes afresh for every validation, so no policy can see another's edits; here each
 * resource is deserialized once per run and made read-only, which keeps that guarantee (an edit throws) at a
 * fraction of the cost.
 */
function analyzedProps(wire: Record<string, unknown>): Record<string, any> {
  // The recorded wire is already a Struct's JavaScript form (the mock monitor's toJavaScript()), so the
  // Struct the analyzer receives is skipped; deserializing copies it, leaving the record untouched.
  const struct = { toJavaScript: () => wire } as unknown as Struct;
  return unknownCheckingProxy(deepReadOnly(deserializeProperties(struct, false)));
}

/**
 * What the engine's stack analysis hands a policy of each resource: its outputs (the engine's
 * AnalyzeResources sends `v.Outputs`). A custom resource's planned outputs are its inputs here, as the
 * mocks echo them; a component's are what it registered with registerOutputs, not its inputs.
 */
function stackProps(r: RecordedResource, inputs: Record<string, any>): Record<string, any> {
  return r.custom ? inputs : analyzedProps(r.outputs ?? {});
}

/** `isType` / `asType`, as the analyzer gives them to policies. */
function typeChecks(type: string, props: Record<string, any>) {
  return {
    isType: (resourceClass: unknown) => isTypeOf(type, resourceClass),
    asType: (resourceClass: unknown) => (isTypeOf(type, resourceClass) ? props : undefined),
  };
}

function policyResources(resources: readonly RecordedResource[], props: readonly Record<string, any>[]): PolicyResource[] {
  const byUrn = new Map<string, PolicyResource>();
  const out = resources.map((r, i) => {
    const resource = { type: r.type, props: props[i], urn: r.urn, name: r.name, opts: resourceOptions(r), dependencies: [], propertyDependencies: {}, ...typeChecks(r.type, props[i]) } as unknown as PolicyResource;
    byUrn.set(r.urn, resource);
    return resource;
  });
  resources.forEach((r, i) => {
    const parent = r.parent ? byUrn.get(r.parent) : undefined;
    if (parent) out[i].parent = parent;
  });
  return out.map((r) => Object.freeze(r));
}

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return typeof (v as { then?: unknown } | undefined)?.then === "function";
}

/**
 * Evaluates every enabled policy of the pack over `ev`. Violations carry the message the engine prints:
 * the policy's description, a newline, the reported message; a policy that reads an unknown value is
 * reported once per validation as an advisory "can't run policy" diagnostic, exactly as the engine
 * downgrades it.
 */
export async function runPolicies(ev: Evaluation, opts: PolicyRunOptions = {}): Promise<Violation[]> {
  const config = resolvePackConfig(allPolicies, opts.config);
  const violations: Violation[] = [];
  const policyFrom = (p: Policy) => `policy '${p.name}' from policy pack '${PACK_NAME}@v${PACK_VERSION}'`;

  /** An unknown read becomes the engine's advisory (attributed to the resource analyzed), not-applicable is skipped. */
  const failed = (p: Policy, e: unknown, urn?: string) => {
    if (e instanceof UnknownValueError) {
      violations.push({ policy: p.name, enforcementLevel: "advisory", severity: p.severity, ...(urn ? { urn } : {}), message: `can't run ${policyFrom(p)} during preview: ${(e as Error).message}` });
    } else if (!(e instanceof NotApplicable)) {
      throw new Error(`Error validating resource with ${policyFrom(p)}: ${(e as Error).stack ?? e}`);
    }
  };
  /** Runs one validation; returns a promise only for one that returned a promise (most are synchronous). */
  const guarded = (p: Policy, run: () => unknown, urn?: string): Promise<void> | undefined => {
    try {
      const result = run();
      return isThenable(result) ? Promise.resolve(result).then(() => undefined, (e) => failed(p, e, urn)) : undefined;
    } catch (e) {
      failed(p, e, urn);
      return undefined;
    }
  };

  const enabled = allPolicies
    .map((p) => ({ p, c: config.get(p.name)! }))
    .filter(({ c }) => c.enforcementLevel !== "disabled")
    .map(({ p, c }) => ({ p, properties: c.properties, level: c.enforcementLevel === "remediate" ? "mandatory" as const : c.enforcementLevel }));

  const reporter = (p: Policy, level: EnforcementLevel, defaultUrn?: string) => (message: string, urn?: string) => {
    const at = urn ?? defaultUrn;
    violations.push({ policy: p.name, enforcementLevel: level, severity: p.severity, ...(at ? { urn: at } : {}), message: message ? `${p.description}\n${message}` : p.description });
  };

  const props = ev.resources.map((r) => analyzedProps(r.wire));
  for (const [i, r] of ev.resources.entries()) {
    for (const { p, properties, level } of enabled) {
      if (!isResourcePolicy(p)) continue;
      // A validation tied to another resource type (validateResourceOfType) would only say "not applicable".
      const validations = (Array.isArray(p.validateResource) ? p.validateResource : [p.validateResource!])
        .filter((v) => { const only = (v as ResourceClass).__pulumiType; return !only || only === r.type; });
      for (const validate of validations) {
        const args = {
          type: r.type,
          props: props[i],
          urn: r.urn,
          name: r.name,
          opts: resourceOptions(r),
          stackTags: NO_STACK_TAGS,
          getConfig: <T extends object>() => properties as T,
          notApplicable: throwNotApplicable,
          ...typeChecks(r.type, props[i]),
        } as ResourceValidationArgs;
        const running = guarded(p, () => validate(args, reporter(p, level, r.urn)), r.urn);
        if (running) await running;
      }
    }
  }

  const stack = policyResources(ev.resources, ev.resources.map((r, i) => stackProps(r, props[i])));
  for (const { p, properties, level } of enabled) {
    if (!isStackPolicy(p)) continue;
    const onlyType = (p.validateStack as ResourceClass).__pulumiType;
    if (onlyType && !ev.resources.some((r) => r.type === onlyType)) continue;
    const args: StackValidationArgs = {
      resources: [...stack],
      stackTags: NO_STACK_TAGS,
      getConfig: <T extends object>() => properties as T,
      notApplicable: throwNotApplicable,
    };
    const running = guarded(p, () => p.validateStack(args, reporter(p, level)));
    if (running) await running;
  }
  return violations;
}
