/**
 * Runs the Pulumi program under the SDK's mock runtime and records every resource registration as the
 * engine would receive it: the serialized inputs (secrets and unknowns still marked), parent, protect.
 * Tests, the offline plan and the policy runner all read this one record (awsx-style recording mocks).
 */
import * as pulumi from "@pulumi/pulumi";
import * as settings from "@pulumi/pulumi/runtime/settings";

/** Sentinels of the Pulumi wire format (sdk/nodejs/runtime/rpc.ts). */
export const SPECIAL_SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
export const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export interface RecordedResource {
  urn: string;
  type: string;
  name: string;
  parent?: string;
  custom: boolean;
  protect: boolean;
  /**
   * The `aliases` it declares, each as the `type::name` it had (an alias URN's last type and its name), so
   * a plan diff finds it under an old name as the engine does.
   */
  aliases?: string[];
  /** The inputs exactly as serialized for the engine (google.protobuf.Struct as JSON). */
  wire: Record<string, unknown>;
  /**
   * A component's outputs as it registered them (registerOutputs), serialized the same way. The engine's
   * state keeps them as the component's outputs, and its stack analysis hands policies every resource's
   * outputs, so this, not `wire`, is what a stack policy sees of a component.
   */
  outputs?: Record<string, unknown>;
}

interface AliasMessage {
  hasUrn(): boolean;
  getUrn(): string;
  getSpec(): { getName(): string; getType(): string } | undefined;
}

interface RegisterRequest {
  getAliasesList(): AliasMessage[];
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getProtect(): boolean;
  getObject(): { toJavaScript(): Record<string, unknown> };
}

interface RegisterOutputsRequest {
  getUrn(): string;
  getOutputs(): { toJavaScript(): Record<string, unknown> } | undefined;
}

type Monitor = {
  registerResource(req: RegisterRequest, cb: (err: unknown, res?: { getUrn(): string }) => void): unknown;
  registerResourceOutputs(req: RegisterOutputsRequest, cb: (err: unknown, res?: unknown) => void): unknown;
  newUrn(parent: string, type: string, name: string): string;
};

const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

/**
 * The URN the engine gives a resource: its type qualified by every ancestor's type but the root stack's,
 * `...::launch-stack:index:LaunchStack$launch-stack:site:Site$cloudflare:index/zone:Zone::name`. The SDK's
 * mock monitor keeps only the parent's own type, so offline URNs would differ from the ones `pulumi state`,
 * the import guide and policy violations show.
 */
export function engineUrn(project: string, stack: string, parent: string, type: string, name: string): string {
  const parentType = parent ? parent.split("::")[2] : undefined;
  const qualified = parentType && parentType !== ROOT_STACK_TYPE ? `${parentType}$${type}` : type;
  return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

/** An alias as `type::name`; a spec's empty type or name means "the same as the resource's". */
function aliasKey(alias: AliasMessage, type: string, name: string): string {
  if (alias.hasUrn()) {
    const [, , qualified = "", ...rest] = alias.getUrn().split("::");
    return `${qualified.split("$").pop()}::${rest.join("::")}`;
  }
  const spec = alias.getSpec();
  return `${spec?.getType() || type}::${spec?.getName() || name}`;
}

/** Fake but deterministic ids, like the ones Cloudflare and AWS hand out. */
function fakeId(seed: string): string {
  let h = 2166136261;
  for (const c of seed) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  return (h.toString(16).padStart(8, "0").repeat(4)).slice(0, 32);
}

/** The AWS account the offline plan pretends to deploy into (AWS's documentation account id). */
export const OFFLINE_AWS_ACCOUNT = "123456789012";

/** Data-source answers known at preview time in a real run: zone lookups and the caller's AWS identity. */
export function answerCall(token: string, inputs: Record<string, any>): Record<string, unknown> {
  switch (token) {
    case "cloudflare:index/getZone:getZone":
      return { id: fakeId(inputs.filter?.name ?? ""), name: inputs.filter?.name, status: "active" };
    case "aws:index/getCallerIdentity:getCallerIdentity":
      return { accountId: OFFLINE_AWS_ACCOUNT, arn: `arn:aws:iam::${OFFLINE_AWS_ACCOUNT}:user/offline-plan`, userId: "AIDAOFFLINEPLAN", id: OFFLINE_AWS_ACCOUNT };
    case "aws:index/getPartition:getPartition":
      return { partition: "aws", dnsSuffix: "amazonaws.com", id: "aws" };
    default:
      return {};
  }
}

export interface RuntimeOptions {
  project: string;
  stack: string;
  /** Preview: computed outputs of new resources are unknown, as in a PR preview. */
  preview: boolean;
}

/**
 * Installs the recording mocks. Zone lookups answer like the API (a zone id known at preview time);
 * every other resource echoes its inputs and, outside preview, gets an id.
 */
export async function installRecordingRuntime(opts: RuntimeOptions): Promise<RecordedResource[]> {
  const recorded: RecordedResource[] = [];
  await pulumi.runtime.setMocks({
    newResource: (args) => ({
      id: opts.preview ? undefined : fakeId(args.name),
      state: { ...args.inputs, ...(args.type === "cloudflare:index/zoneDnssec:ZoneDnssec" && !opts.preview ? { ds: `${args.name}. 3600 IN DS 2371 13 2 ${fakeId(args.name)}${fakeId(args.name + "ds")}` } : {}) },
    }),
    call: (args) => answerCall(args.token, args.inputs),
  }, opts.project, opts.stack, opts.preview);

  const monitor = settings.getMonitor() as unknown as Monitor;
  monitor.newUrn = (parent, type, name) => engineUrn(opts.project, opts.stack, parent, type, name);
  const byUrn = new Map<string, RecordedResource>();
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, cb) =>
    register(req, (err, res) => {
      if (res) {
        const r: RecordedResource = {
          urn: res.getUrn(),
          type: req.getType(),
          name: req.getName(),
          parent: req.getParent() || undefined,
          custom: req.getCustom(),
          protect: req.getProtect(),
          wire: req.getObject().toJavaScript(),
        };
        const aliases = req.getAliasesList().map((alias) => aliasKey(alias, r.type, r.name));
        if (aliases.length > 0) r.aliases = aliases;
        recorded.push(r);
        byUrn.set(r.urn, r);
      }
      cb(err, res);
    });
  // The SDK registers a component's outputs only once its URN is known, so its record exists by then.
  const registerOutputs = monitor.registerResourceOutputs.bind(monitor);
  monitor.registerResourceOutputs = (req, cb) => {
    const r = byUrn.get(req.getUrn());
    if (r) r.outputs = req.getOutputs()?.toJavaScript() ?? {};
    return registerOutputs(req, cb);
  };
  return recorded;
}

/** Waits until every registration the program started has reached the (mock) engine. */
export async function settle(): Promise<void> {
  await (settings as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Wire value → plain value. Secrets become `secret(...)`'s result: the plaintext when `reveal` is
 * given, else the string "[secret]"; unknowns become `unknown`; resource references their URN.
 */
export function fromWire(v: unknown, mode: { secret: (plain: unknown) => unknown; unknown: unknown }): unknown {
  if (v === UNKNOWN) return mode.unknown;
  if (Array.isArray(v)) return v.map((e) => fromWire(e, mode));
  if (!isObject(v)) return v;
  const sig = v[SPECIAL_SIG_KEY];
  if (sig === SECRET_SIG) return mode.secret(fromWire(v.value, mode));
  if (sig === RESOURCE_SIG) return v.urn;
  return Object.fromEntries(Object.entries(v).map(([k, e]) => [k, fromWire(e, mode)]));
}

export const MASKED = "[secret]";
export const UNKNOWN_DISPLAY = "(known after apply)";

/** What a reviewer may see: secrets masked, unknowns spelled out. */
export function displayInputs(r: RecordedResource): Record<string, unknown> {
  return fromWire(r.wire, { secret: () => MASKED, unknown: UNKNOWN_DISPLAY }) as Record<string, unknown>;
}

/** The values a provider would receive (secrets revealed), for assertions in tests. */
export function providerInputs(r: RecordedResource): Record<string, unknown> {
  return fromWire(r.wire, { secret: (p) => p, unknown: undefined }) as Record<string, unknown>;
}
