/**
 * Which leaves of a stack file's values are `secure:`. The engine marks a whole structured key secret when
 * any leaf under it is secure, so a plaintext leaf beside a secure one would pass as secret (and be written,
 * readable, to the stack file and to state). The gate needs the leaves: for every key with a secure leaf,
 * the paths of its leaves that are not secure. Read from `Pulumi.<stack>.yaml`, where `pulumi config set`
 * writes them (offline plan and `pulumi up` alike).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { member } from "./errors";

export function isSecureLeaf(v: unknown): v is { secure: string } {
  return typeof v === "object" && v !== null && !Array.isArray(v) && Object.keys(v).length === 1 && typeof (v as { secure?: unknown }).secure === "string";
}

function walk(v: unknown, path: string, out: { secure: boolean; path: string }[]): void {
  if (isSecureLeaf(v)) out.push({ secure: true, path });
  else if (Array.isArray(v)) v.forEach((e, i) => walk(e, `${path}[${i}]`, out));
  else if (typeof v === "object" && v !== null) for (const [k, e] of Object.entries(v)) walk(e, `${path}${member(k)}`, out);
  else out.push({ secure: false, path });
}

/** For each key of a stack file's `config:` map that has a secure leaf, the paths (`.NAME`, `[0]`) of its plaintext leaves. */
export function plaintextLeavesOf(config: Record<string, unknown>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(config)) {
    const leaves: { secure: boolean; path: string }[] = [];
    walk(value, "", leaves);
    if (leaves.some((l) => l.secure)) out[key] = leaves.filter((l) => !l.secure).map((l) => l.path);
  }
  return out;
}

/** The same, read from `Pulumi.<stack>.yaml` in `dir` when it exists and parses; undefined otherwise (config from elsewhere). */
export function plaintextLeavesInStackFile(stack: string, dir = process.cwd()): Record<string, string[]> | undefined {
  const file = join(dir, `Pulumi.${stack}.yaml`);
  if (!existsSync(file)) return undefined;
  try {
    const config = (parse(readFileSync(file, "utf8")) ?? {}).config;
    return typeof config === "object" && config !== null ? plaintextLeavesOf(config) : undefined;
  } catch {
    return undefined;
  }
}
