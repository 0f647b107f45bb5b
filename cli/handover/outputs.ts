/**
 * Stack outputs no other handover section renders, as a person reads them: a scalar on its line, a list
 * as bullets, a list of records as a table, an object as `key: value` bullets, nested as deep as the value
 * is, and a string holding a JSON document (an IAM policy) as the document's structure. Never JSON text.
 */
import { table } from "./markdown";
function parsedJson(text: string): unknown {
  const t = text.trim();
  if (!(t.startsWith("{") || t.startsWith("["))) return undefined;
  try {
    return JSON.parse(t);
  } catch {
    return undefined;
  }
}

function scalar(value: unknown): string | undefined {
  if (value === null || value === undefined) return "(none)";
  if (typeof value === "string") return parsedJson(value) === undefined ? (value === "" ? "(empty)" : `\`${value.replace(/`/g, "'")}\``) : undefined;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value) && value.length === 0) return "(none)";
  if (typeof value === "object" && Object.keys(value).length === 0) return "(none)";
  return undefined;
}

/** A nested value as one line of prose for a table cell: `a: 1, b: x` and `x; y` for lists. */
export function prose(value: unknown): string {
  const s = scalar(value);
  if (s !== undefined) return s.replace(/`/g, "");
  const json = typeof value === "string" ? parsedJson(value) : value;
  if (Array.isArray(json)) return json.map(prose).join("; ");
  return Object.entries(json as Record<string, unknown>).map(([k, v]) => `${k}: ${prose(v)}`).join(", ");
}

function isRecordList(value: unknown): value is Record<string, unknown>[] {
  return Array.isArray(value) && value.length > 0 && value.every((e) => typeof e === "object" && e !== null && !Array.isArray(e));
}

/** A list of records as a table, one column per key (in first-seen order), nested values flattened. */
function recordTable(list: Record<string, unknown>[], indent: string): string[] {
  const keys = [...new Set(list.flatMap((e) => Object.keys(e)))];
  return ["", ...table(keys, list.map((e) => keys.map((k) => (k in e ? prose(e[k]) : "")))).map((l) => `${indent}${l}`), ""];
}

/** Bullets for `value` under `indent`. */
function bullets(value: unknown, indent: string): string[] {
  const json = typeof value === "string" ? parsedJson(value) : undefined;
  const v = json ?? value;
  const entries: [string | undefined, unknown][] = Array.isArray(v) ? v.map((e) => [undefined, e]) : Object.entries(v as Record<string, unknown>);
  return entries.flatMap(([key, child]) => {
    const head = key === undefined ? "" : `${key}:`;
    const line = scalar(child);
    if (line !== undefined) return [`${indent}- ${head ? `${head} ` : ""}${line}`];
    if (isRecordList(child)) return [`${indent}- ${head || "records"}`, ...recordTable(child, `${indent}  `)];
    return [`${indent}- ${head || "item"}`, ...bullets(child, `${indent}  `)];
  });
}

/** One `### name` per output, its value as a line or nested bullets. */
export function outputLines(outputs: readonly [string, unknown][]): string[] {
  return outputs.flatMap(([name, value]) => {
    const line = scalar(value);
    if (line !== undefined) return ["", `### \`${name}\``, "", line];
    if (isRecordList(value)) return ["", `### \`${name}\``, ...recordTable(value, "").slice(0, -1)];
    return ["", `### \`${name}\``, "", bullets(value, "").join("\n")];
  });
}
