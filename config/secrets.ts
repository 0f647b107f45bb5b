/**
 * The application's environment variables and where their secret values live. Plain values stay plain
 * config; secret values are supplied with `pulumi config set --secret` (under the top-level
 * `launch-stack:appSecrets` key) or generated, and land in AWS Secrets Manager or SSM Parameter Store
 * under a per-environment prefix. The supplied values are sealed with `pulumi.secret` by the loader
 * before zod or anything else sees them.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { ENV_VAR_NAME, checkPlainVariable } from "../rules/secret-names";
import { checkAlertIntegration } from "./alert-routes";
import { formatFinding } from "../rules/finding";
import { checkRecoveryWindow } from "../rules/recovery-window";
import type { ConfigProblem } from "./problem";
import { member, NAMESPACE } from "./errors";
import type { StackConfig } from "./schema";

export const SECRET_STORES = ["secretsManager", "ssmParameterStore"] as const;
export type SecretStore = (typeof SECRET_STORES)[number];

/**
 * Bumped to push a new value. Values reach AWS through write-only inputs, which Pulumi cannot diff, so
 * AWS receives a value only when this number changes (and a generated value is regenerated).
 */
const rotation = z.int().min(1).default(1);

const VARIABLE_SHAPE = "must be a plain value, { source: supplied } or { source: generated }";

export const suppliedSecretSchema = z.strictObject({
  /** The value comes from `pulumi config set --secret --path 'appSecrets.<NAME>'` (it prompts). */
  source: z.literal("supplied"),
  rotation,
});

export const generatedSecretSchema = z.strictObject({
  /** A random value (session keys, signing secrets), kept in state only as a secret. */
  source: z.literal("generated"),
  length: z.int().min(32).max(512).default(64),
  /** Include punctuation; off by default so the value survives shells and URLs unquoted. */
  special: z.boolean().default(false),
  rotation,
});

/** A plain value (numbers and booleans as YAML writes them become strings), or a secret's source. */
export const envVariableSchema = z.union([
  z.union([z.string(), z.number(), z.boolean()]).transform(String),
  z.discriminatedUnion("source", [suppliedSecretSchema, generatedSecretSchema], { error: VARIABLE_SHAPE }),
], { error: VARIABLE_SHAPE });

export const secretsSchema = z.strictObject({
  /** Where secret values land: Secrets Manager (default) or SSM Parameter Store SecureString. */
  store: z.enum(SECRET_STORES).default("secretsManager"),
  /** Name prefix, `launch-stack/<environment>` by default; it must contain the environment as a segment. */
  prefix: z.string().regex(/^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/, { message: "must be slash-separated names such as launch-stack/prod" }).optional(),
  /** Days a deleted secret can still be restored (Secrets Manager); 30 in prod (rules/recovery-window.ts). */
  recoveryWindowInDays: z.int().min(7).max(30).default(30),
  /** Days before a deleted KMS key is gone for good; 30 in prod. */
  keyDeletionWindowInDays: z.int().min(7).max(30).default(30),
  /** Environment variables by name. */
  env: z.record(z.string().regex(ENV_VAR_NAME, { message: "must be an environment variable name such as DATABASE_URL" }), envVariableSchema).default({}),
});

export type SecretsConfig = z.output<typeof secretsSchema>;
export type SuppliedSecret = z.output<typeof suppliedSecretSchema>;
export type GeneratedSecret = z.output<typeof generatedSecretSchema>;

/** A config value the loader sealed with `pulumi.secret`: zod checks it is sealed, never reads it. */
export const sealedString = z.custom<pulumi.Output<string>>((v) => pulumi.Output.isInstance(v), { message: "must be set with pulumi config set --secret" });

/** `launch-stack:appSecrets`: supplied secret values by variable name. */
export const appSecretsSchema = z.record(z.string().regex(ENV_VAR_NAME, { message: "must be an environment variable name such as DATABASE_URL" }), sealedString);

/** Top-level keys whose values are secrets, the shape each must have, and how to set it. */
export const SECRET_CONFIG_KEYS: Record<string, { shape: "map" | "httpsUrl"; howToSet: string; checkEntry?: (name: string, text: string) => string | undefined }> = {
  appSecrets: { shape: "map", howToSet: "pulumi config set --secret --path 'appSecrets.<NAME>' (it prompts)" },
  alertIntegrations: { shape: "map", howToSet: "pulumi config set --secret --path 'alertIntegrations.<NAME>' (it prompts)", checkEntry: checkAlertIntegration },
  alertHttpsEndpoint: { shape: "httpsUrl", howToSet: "pulumi config set --secret alertHttpsEndpoint (it prompts for the https URL)" },
};

function isHttpsUrl(text: string): boolean {
  try {
    return new URL(text).protocol === "https:";
  } catch {
    return false;
  }
}

/**
 * What the offline plan reads for a `secure:` value it has no key to decrypt: its shape cannot be
 * checked offline, only that it was set as a secret.
 */
export const UNDECRYPTED_SECRET = "[secret]";

/**
 * Checks a secret key's raw text and seals it: every string leaf becomes `pulumi.secret(...)` before
 * the schema or anything else sees it, and no problem line ever quotes the value.
 */
export function sealSecretConfig(name: string, text: string, isSecret: boolean): { value?: unknown; problems: string[] } {
  const { shape, howToSet, checkEntry } = SECRET_CONFIG_KEYS[name];
  const key = `${NAMESPACE}:${name}`;
  const problems = isSecret ? [] : [`${key}: is stored in plaintext; remove it from the stack file and run ${howToSet}`];
  if (shape === "httpsUrl") {
    if (text !== UNDECRYPTED_SECRET && !isHttpsUrl(text)) return { problems: [...problems, `${key}: must be an https:// URL; run ${howToSet}`] };
    return { value: pulumi.secret(text), problems };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return { problems: [...problems, `${key}: must be a map of ${name === "appSecrets" ? "variable name" : "entry name"} to secret value; run ${howToSet}`] };
  }
  const sealed: Record<string, pulumi.Output<string>> = {};
  for (const [k, v] of Object.entries(parsed)) {
    if (typeof v === "string") {
      const shapeProblem = v === UNDECRYPTED_SECRET ? undefined : checkEntry?.(k, v);
      if (shapeProblem) problems.push(`${key}${member(k)}: ${shapeProblem}`);
      sealed[k] = pulumi.secret(v);
    } else problems.push(`${key}.${k}: must be a string; run ${howToSet.replace("<NAME>", k)}`);
  }
  return { value: sealed, problems };
}

/** One declared variable, resolved: plain with its value, or a secret with its store name. */
export type AppVariable =
  | { name: string; kind: "plain"; value: string }
  | { name: string; kind: "supplied"; storeName: string; spec: SuppliedSecret }
  | { name: string; kind: "generated"; storeName: string; spec: GeneratedSecret };

export function secretsPrefix(secrets: SecretsConfig, environment: string): string {
  return secrets.prefix ?? `launch-stack/${environment}`;
}

/** Secrets Manager names are `prefix/NAME`; SSM parameter names are fully qualified paths, `/prefix/NAME`. */
export function secretStoreName(store: SecretStore, prefix: string, name: string): string {
  return store === "secretsManager" ? `${prefix}/${name}` : `/${prefix}/${name}`;
}

/**
 * Every variable with what it resolves to, sorted by name: the variables are a set, and the read policy's
 * Resource list and the outputs built from them must not follow the order the config mapping was written in.
 */
export function appVariables(secrets: SecretsConfig, environment: string): AppVariable[] {
  const prefix = secretsPrefix(secrets, environment);
  return Object.entries(secrets.env).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, v]): AppVariable =>
    typeof v === "string"
      ? { name, kind: "plain", value: v }
      : v.source === "supplied"
        ? { name, kind: "supplied", storeName: secretStoreName(secrets.store, prefix, name), spec: v }
        : { name, kind: "generated", storeName: secretStoreName(secrets.store, prefix, name), spec: v });
}

/** Cross-field checks: secret-looking plain values, supplied secrets without a value, a shared prefix. */
export function checkSecrets(config: StackConfig): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  const { env } = config.secrets;
  for (const [name, v] of Object.entries(env)) {
    if (typeof v === "string") for (const f of checkPlainVariable(name, v)) out.push({ path: [`secrets.env.${name}`], message: formatFinding(f) });
    else if (v.source === "supplied" && !(name in config.appSecrets)) {
      out.push({ path: [`appSecrets.${name}`], message: `${name} is a supplied secret but has no value; run pulumi config set --secret --path 'appSecrets.${name}' (it prompts)` });
    }
  }
  for (const name of Object.keys(config.appSecrets)) {
    const declared = env[name];
    if (typeof declared !== "object" || declared.source !== "supplied") {
      out.push({ path: [`appSecrets.${name}`], message: `${name} is not declared as a supplied secret; add secrets.env.${name}: { source: supplied } or run pulumi config rm --path 'appSecrets.${name}'` });
    }
  }
  for (const f of checkRecoveryWindow("recoveryWindowInDays", config.secrets.recoveryWindowInDays, config.environment)) out.push({ path: ["secrets.recoveryWindowInDays"], message: formatFinding(f) });
  for (const f of checkRecoveryWindow("keyDeletionWindowInDays", config.secrets.keyDeletionWindowInDays, config.environment)) out.push({ path: ["secrets.keyDeletionWindowInDays"], message: formatFinding(f) });
  const prefix = secretsPrefix(config.secrets, config.environment);
  if (!prefix.split("/").includes(config.environment)) {
    out.push({ path: ["secrets.prefix"], message: `${prefix} does not name the ${config.environment} environment, so another stack could share its secrets; add /${config.environment} as a segment` });
  }
  return out;
}
