/** "Did you mean" for unknown keys: the closest known key at the same place in the schema, when one is close. */
import type { z } from "zod";

/** Levenshtein distance (insertions, deletions, substitutions), case-insensitive. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const row = [i];
    for (let j = 1; j <= t.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (s[i - 1] === t[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[t.length];
}

/** The known key closest to `key`, if within a third of its length (at least 1, at most 3 edits). */
export function closest(key: string, known: readonly string[]): string | undefined {
  const limit = Math.min(3, Math.max(1, Math.floor(key.length / 3)));
  // Distance 0: the key exists, but not in this variant of a union; a suggestion would only repeat it.
  const ranked = known.map((k) => ({ k, d: editDistance(key, k) })).filter((x) => x.d > 0 && x.d <= limit).sort((x, y) => x.d - y.d);
  return ranked[0]?.k;
}

type Def = { type: string; shape?: Record<string, z.ZodType>; innerType?: z.ZodType; in?: z.ZodType; element?: z.ZodType; valueType?: z.ZodType; options?: z.ZodType[] };
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The object schemas at `path` below `schema` (several for a union), wrappers unwrapped. */
function objectsAt(schema: z.ZodType, path: readonly PropertyKey[]): Def[] {
  const def = defOf(schema);
  const inner = def.innerType ?? (def.type === "pipe" ? def.in : undefined);
  if (inner) return objectsAt(inner, path);
  if (def.type === "union") return def.options!.flatMap((o) => objectsAt(o, path));
  if (path.length === 0) return def.type === "object" ? [def] : [];
  const [head, ...rest] = path;
  if (def.type === "object") return def.shape && String(head) in def.shape ? objectsAt(def.shape[String(head)], rest) : [];
  if (def.type === "array" && def.element) return objectsAt(def.element, rest);
  if (def.type === "record" && def.valueType) return objectsAt(def.valueType, rest);
  return [];
}

/** The keys the schema knows for the object at `path`. */
export function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  return [...new Set(objectsAt(schema, path).flatMap((d) => Object.keys(d.shape ?? {})))];
}

/**
 * The doc a field's schema carries (`.describe(...)`) at `path`: what the value is and where to find it,
 * for fields that need knowledge. Through a union, the first variant that has the field and a doc.
 */
export function descriptionAt(schema: z.ZodType, path: readonly PropertyKey[]): string | undefined {
  if (path.length === 0 && schema.description) return schema.description;
  const def = defOf(schema);
  const inner = def.innerType ?? (def.type === "pipe" ? def.in : undefined);
  if (inner) return descriptionAt(inner, path);
  if (def.type === "union") return def.options!.map((o) => descriptionAt(o, path)).find((d) => d !== undefined);
  if (path.length === 0) return undefined;
  const [head, ...rest] = path;
  if (def.type === "object") return def.shape && String(head) in def.shape ? descriptionAt(def.shape[String(head)], rest) : undefined;
  if (def.type === "array" && def.element) return descriptionAt(def.element, rest);
  if (def.type === "record" && def.valueType) return descriptionAt(def.valueType, rest);
  return undefined;
}
