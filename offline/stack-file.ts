/**
 * Reads `Pulumi.<stack>.yaml` into the raw config map the engine would hand the program. Secure values
 * cannot be decrypted offline (no secrets provider here): they become the placeholder "[secret]" and
 * their top-level key is marked secret, as the engine marks it. Object values are written as the engine
 * writes them (offline/engine-config.ts): keys sorted, so the order of a mapping in the file means nothing.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { RawConfig } from "../gate/load";
import { UNDECRYPTED_SECRET } from "../config/secrets";
import { isSecureLeaf, plaintextLeavesOf } from "../config/secure-leaves";
import { engineValue } from "./engine-config";
import { parseStackYaml } from "../config/stack-yaml";

/** Replaces secure leaves with the placeholder; reports whether any were found. */
function unseal(v: unknown): { value: unknown; secret: boolean } {
  if (isSecureLeaf(v)) return { value: UNDECRYPTED_SECRET, secret: true };
  if (Array.isArray(v)) {
    const items = v.map(unseal);
    return { value: items.map((i) => i.value), secret: items.some((i) => i.secret) };
  }
  if (typeof v === "object" && v !== null) {
    const entries = Object.entries(v).map(([k, e]) => [k, unseal(e)] as const);
    return { value: Object.fromEntries(entries.map(([k, e]) => [k, e.value])), secret: entries.some(([, e]) => e.secret) };
  }
  return { value: v, secret: false };
}

export function stackFilePath(stack: string, dir = process.cwd()): string {
  return join(dir, `Pulumi.${stack}.yaml`);
}

export function readStackFile(stack: string, dir = process.cwd()): RawConfig {
  return stackConfigFromText(readFileSync(stackFilePath(stack, dir), "utf8"), stack);
}

/** The same raw config from the text of a stack file not yet written (`npm run adopt` plans its draft first). */
export function stackConfigFromText(text: string, stack: string): RawConfig {
  const doc = parseStackYaml(text, `Pulumi.${stack}.yaml`);
  const config = (typeof doc.config === "object" && doc.config !== null ? doc.config : {}) as Record<string, unknown>;
  const values: Record<string, string> = {};
  const secretKeys = new Set<string>();
  for (const [key, v] of Object.entries(config)) {
    const { value, secret } = unseal(v);
    values[key] = engineValue(value);
    if (secret) secretKeys.add(key);
  }
  return { values, secretKeys, stack, plaintextLeaves: plaintextLeavesOf(config) };
}
