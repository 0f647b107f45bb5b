/**
 * The last line of defence for secrets in the plan's free text. Resource inputs and outputs are masked by
 * construction (displayInputs), but policy messages are written from the revealed values the analyzer
 * hands a policy, and warnings from the parsed config: any secret plaintext in them becomes "[secret]".
 */
import type { RawConfig } from "../../gate/load";
import type { Evaluation } from "../../offline/evaluate";
import { fromWire, MASKED } from "../../offline/recording-runtime";

/** Shorter values are not worth hiding and would blank out ordinary words. */
const MIN_LENGTH = 4;

function strings(value: unknown, out: Set<string>): void {
  if (typeof value === "string") {
    if (value.length >= MIN_LENGTH && value !== MASKED) out.add(value);
  } else if (Array.isArray(value)) value.forEach((v) => strings(v, out));
  else if (typeof value === "object" && value !== null) Object.values(value).forEach((v) => strings(v, out));
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Every plaintext a secret has in this evaluation: secret inputs and outputs, and secret config values. */
export function secretTexts(raw: RawConfig, ev: Evaluation): string[] {
  const out = new Set<string>();
  const collect = (plain: unknown) => (strings(plain, out), MASKED);
  for (const r of ev.resources) fromWire(r.wire, { secret: collect, unknown: undefined });
  fromWire(ev.wireOutputs, { secret: collect, unknown: undefined });
  for (const key of raw.secretKeys) strings(parsed(raw.values[key] ?? ""), out);
  // Longest first, so a secret that contains another is replaced whole.
  return [...out].sort((a, b) => b.length - a.length);
}

export function redact(text: string, secrets: readonly string[]): string {
  return secrets.reduce((t, s) => t.split(s).join(MASKED), text);
}
