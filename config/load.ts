/**
 * Reads the stack's configuration and parses it into the schema, once, at the door. Works on the raw
 * key/value map the engine hands the program, so the offline plan can feed it the same map from
 * `Pulumi.<stack>.yaml`.
 */
import * as pulumi from "@pulumi/pulumi";
import { checkStack } from "./checks";
import { ConfigError, formatIssues, keyPath, NAMESPACE } from "./errors";
import { CONFIG_KEYS, ENVIRONMENTS, StackConfig, stackSchema } from "./schema";
import { SECRET_CONFIG_KEYS, sealSecretConfig } from "./secrets";

/** Configuration as the engine passes it: every key namespaced, structured values as JSON text. */
export interface RawConfig {
  values: Record<string, string>;
  secretKeys: ReadonlySet<string>;
  /** The stack the config belongs to, when known: a stack named after an environment must declare it. */
  stack?: string;
}

/** Provider credentials that must only ever be set with `--secret`. */
const PROVIDER_SECRET_KEYS = ["cloudflare:apiToken", "cloudflare:apiKey", "aws:secretKey", "aws:accessKey", "aws:token"];

function parseValue(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    try {
      return JSON.parse(trimmed);
    } catch {
      return text;
    }
  }
  return text;
}

/**
 * Validates raw config. Throws ConfigError listing every problem (unknown keys, wrong types, cross-field
 * rules, plaintext credentials); returns typed, defaulted config otherwise.
 */
export function parseStackConfig(raw: RawConfig): StackConfig {
  const problems: string[] = [];
  const input: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw.values)) {
    if (PROVIDER_SECRET_KEYS.includes(key) && !raw.secretKeys.has(key)) {
      problems.push(`${key}: is stored in plaintext; remove it and run pulumi config set --secret ${key} (it prompts), or export the provider's environment variable instead`);
    }
    if (!key.startsWith(`${NAMESPACE}:`)) continue;
    const name = key.slice(NAMESPACE.length + 1);
    if (!(CONFIG_KEYS as string[]).includes(name)) {
      problems.push(`${key}: unknown key; remove it or check the spelling (known keys: ${CONFIG_KEYS.join(", ")})`);
      continue;
    }
    if (name in SECRET_CONFIG_KEYS) {
      const sealed = sealSecretConfig(name, value, raw.secretKeys.has(key));
      problems.push(...sealed.problems);
      if (sealed.value !== undefined) input[name] = sealed.value;
      continue;
    }
    input[name] = parseValue(value);
  }
  const result = stackSchema.safeParse(input, { reportInput: true });
  if (!result.success) problems.push(...formatIssues(result.error.issues));
  // Cross-field checks derive URLs and records from the parsed values, so they only run on a config whose
  // every field parsed: a typo is reported once, by its key, never as a crash in a later check.
  else {
    problems.push(...checkStack(result.data).map((p) => `${keyPath(p.path)}: ${p.message}`));
    const { environment } = result.data;
    if (raw.stack && (ENVIRONMENTS as readonly string[]).includes(raw.stack) && raw.stack !== environment) {
      problems.push(`${NAMESPACE}:environment: is "${environment}" in stack ${raw.stack}, which would write ${environment} secrets and judge them by ${raw.stack}'s policy config; set it to "${raw.stack}"`);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return result.data!;
}

/** The raw config of the running program (engine or mock runtime). */
export function readRuntimeConfig(): RawConfig {
  const values = pulumi.runtime.allConfig();
  // The SDK tracks which keys were set with --secret; it is not in the public typings.
  const isSecret = (pulumi.runtime as unknown as { isConfigSecret(k: string): boolean }).isConfigSecret;
  return { values, secretKeys: new Set(Object.keys(values).filter((k) => isSecret(k))), stack: pulumi.getStack() };
}
