/**
 * Reads the stack's configuration and parses it into the schema, once, at the door. Works on the raw
 * key/value map the engine hands the program, so the offline plan can feed it the same map from
 * `Pulumi.<stack>.yaml`.
 */
import * as pulumi from "@pulumi/pulumi";
import { checkStack } from "./checks";
import { ConfigError, formatIssues, keyPath, NAMESPACE } from "../config/errors";
import { CONFIG_KEYS, ENVIRONMENTS, StackConfig, stackSchema } from "../config/schema";
import { SECRET_CONFIG_KEYS, sealSecretConfig } from "../config/secrets";
import { plaintextLeavesInStackFile } from "../config/secure-leaves";
import { closest } from "../config/suggest";
import { formatFinding } from "../rules/finding";
import { checkProviderCredential, PROVIDER_CREDENTIAL_KEYS } from "../rules/provider-credentials";

/** Configuration as the engine passes it: every key namespaced, structured values as JSON text. */
export interface RawConfig {
  values: Record<string, string>;
  secretKeys: ReadonlySet<string>;
  /** The stack the config belongs to, when known: a stack named after an environment must declare it. */
  stack?: string;
  /** For keys with a secure leaf, the paths of their plaintext leaves (config/secure-leaves.ts), when the stack file is known. */
  plaintextLeaves?: Readonly<Record<string, readonly string[]>>;
}

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
 * A key whose every leaf must be secure: a provider credential (rules/provider-credentials.ts) or one of
 * this program's secret keys. The engine calls a structured key secret when any leaf is, so each plaintext
 * leaf beside a secure one is its own problem.
 */
function checkSecretOnlyKey(key: string, raw: RawConfig): string[] {
  const name = key.startsWith(`${NAMESPACE}:`) ? key.slice(NAMESPACE.length + 1) : undefined;
  const isProvider = PROVIDER_CREDENTIAL_KEYS.includes(key);
  if (!isProvider && !(name !== undefined && name in SECRET_CONFIG_KEYS)) return [];
  const plain = raw.secretKeys.has(key) ? raw.plaintextLeaves?.[key] ?? [] : [];
  const howToSet = isProvider ? `pulumi config set --secret ${key} (it prompts)` : SECRET_CONFIG_KEYS[name!].howToSet;
  const leafLines = plain.map((p) => `${key}${p}: is stored in plaintext beside secure values, and every leaf of ${key} must be secure; remove it, rotate it, and run ${howToSet.replace("<NAME>", p.replace(/^\./, ""))}`);
  // A wholly plaintext program key is reported by sealSecretConfig, with its shape.
  if (!isProvider) return leafLines;
  return [...checkProviderCredential(key, raw.secretKeys.has(key)).map((f) => `${key}: ${formatFinding(f)}`), ...leafLines];
}

/**
 * Validates raw config. Throws ConfigError listing every problem (unknown keys, wrong types, cross-field
 * rules, plaintext credentials); returns typed, defaulted config otherwise.
 */
export function parseStackConfig(raw: RawConfig): StackConfig {
  const problems: string[] = [];
  const input: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw.values)) {
    problems.push(...checkSecretOnlyKey(key, raw));
    if (!key.startsWith(`${NAMESPACE}:`)) continue;
    const name = key.slice(NAMESPACE.length + 1);
    if (!(CONFIG_KEYS as string[]).includes(name)) {
      const near = closest(name, CONFIG_KEYS);
      problems.push(`${key}: unknown key${near ? ` (did you mean ${NAMESPACE}:${near}?)` : ""}; remove it or check the spelling (known keys: ${CONFIG_KEYS.join(", ")})`);
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
  if (!result.success) problems.push(...formatIssues(result.error.issues, stackSchema));
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
  const stack = pulumi.getStack();
  return { values, secretKeys: new Set(Object.keys(values).filter((k) => isSecret(k))), stack, plaintextLeaves: plaintextLeavesInStackFile(stack) };
}
