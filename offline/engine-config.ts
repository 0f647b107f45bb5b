/**
 * Stack config in the exact bytes the engine hands a Node.js program, so the offline plan, the tests and a
 * real `pulumi preview` feed index.ts the same input. What the engine does (pulumi v3.248.0 source):
 *
 * - It decrypts the stack's config into one string per top-level key; an object value becomes the text of
 *   Go's `json.Marshal(GoValue())` (sdk/go/common/resource/config/plaintext.go:255-267, called from
 *   map.go:31-69 `Map.Decrypt`). Go's encoder writes map keys **sorted** (byte order), at every level, and
 *   escapes `<`, `>`, `&`, U+2028 and U+2029 (encoding/json `encodeState.string`, HTML-safe by default).
 * - It marks as secret every top-level key whose value holds any secure part (map.go:105-113 `SecureKeys`,
 *   sent as `Key.String()`, i.e. `<namespace>:<name>`: langruntime_plugin.go:398-401).
 * - pulumi-language-nodejs puts the map into `PULUMI_CONFIG` with keys rewritten to
 *   `<namespace>:config:<name>` and `json.Marshal`s it (sdk/nodejs/cmd/pulumi-language-nodejs/main.go:1099-1126),
 *   and the secret keys into `PULUMI_CONFIG_SECRET_KEYS` (main.go:1128-1143; env set at main.go:882-895).
 * - The SDK reads both from the environment and drops the `:config:` again (@pulumi/pulumi runtime/config.js
 *   `parseConfig`/`cleanKey`).
 */
import type { RawConfig } from "../gate/load";

/** JSON string escapes Go's encoder writes: JSON.stringify's, plus the HTML-safe ones. */
const GO_EXTRA_ESCAPES: Record<string, string> = { "<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029" };

function goString(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => GO_EXTRA_ESCAPES[c]);
}

/** Go sorts map keys by their UTF-8 bytes (encoding/json `mapEncoder`), not by UTF-16 code units. */
function byUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

/**
 * `json.Marshal` of a decoded JSON/YAML value: no whitespace, object keys sorted at every level, HTML-safe
 * string escapes. Numbers print as JSON.stringify prints them, which is the ES6 form Go's float encoder follows.
 */
export function goJsonMarshal(v: unknown): string {
  if (v === null || v === undefined) return "null";
  if (typeof v === "string") return goString(v);
  if (typeof v === "number" || typeof v === "boolean") return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(goJsonMarshal).join(",")}]`;
  const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) => byUtf8(a, b));
  return `{${entries.map(([k, e]) => `${goString(k)}:${goJsonMarshal(e)}`).join(",")}}`;
}

/** A config value as the program receives it: strings as they are, anything else as Go marshals it. */
export function engineValue(v: unknown): string {
  return typeof v === "string" ? v : goJsonMarshal(v);
}

export interface EngineConfigEnvironment {
  PULUMI_CONFIG: string;
  PULUMI_CONFIG_SECRET_KEYS: string;
}

/** `<namespace>:<name>` → `<namespace>:config:<name>`, as the language host writes keys. */
function languageHostKey(key: string): string {
  const i = key.indexOf(":");
  return `${key.slice(0, i)}:config:${key.slice(i + 1)}`;
}

/**
 * The two environment variables pulumi-language-nodejs sets for the program. Go marshals the secret-key
 * slice in map-iteration order (random); it is sorted here so the offline bytes are reproducible.
 */
export function engineConfigEnvironment(raw: RawConfig): EngineConfigEnvironment {
  const config = Object.fromEntries(Object.entries(raw.values).map(([k, v]) => [languageHostKey(k), v]));
  return { PULUMI_CONFIG: goJsonMarshal(config), PULUMI_CONFIG_SECRET_KEYS: goJsonMarshal([...raw.secretKeys].sort(byUtf8)) };
}
