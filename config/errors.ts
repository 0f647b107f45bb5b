/** Turning zod issues into one line per problem: the full config key path, what is wrong, the fix. */
import * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { closest, descriptionAt, knownKeysAt } from "./suggest";

export const NAMESPACE = "launch-stack";

/** One key of a key path as keyPath writes it: `.app`, or `["@"]` and `["eu.app"]` for keys that are not identifiers. */
export function member(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `["${key}"]`;
}

/** `launch-stack:zones[0].edge.hsts.maxAge` from zod's path array (custom checks pass a pre-joined string). */
export function keyPath(path: readonly PropertyKey[]): string {
  let out = "";
  path.forEach((part, i) => {
    if (typeof part === "number") out += `[${part}]`;
    else out += i === 0 ? String(part) : member(String(part));
  });
  return `${NAMESPACE}:${out}`;
}

/** "an object", "a number": error lines read as sentences. */
function article(noun: string): string {
  return `${/^[aeiou]/.test(noun) ? "an" : "a"} ${noun}`;
}

/** What the schema knows at a path: its keys, for "did you mean"; a field's doc, for "is required". */
interface SchemaFacts {
  knownKeys(path: readonly PropertyKey[]): string[];
  description(path: readonly PropertyKey[]): string | undefined;
}

function describe(issue: z.core.$ZodIssue, facts?: SchemaFacts): string {
  switch (issue.code) {
    case "invalid_type": {
      if (issue.input === undefined) {
        // A field whose value needs knowledge (a tenant, a DKIM selector) says what it is and where to find it.
        const what = facts?.description(issue.path);
        return what ? `is required: ${what}` : `is required; set it to ${article(issue.expected)}`;
      }
      // YAML's `key:` with nothing after it is null, which typeof would call "an object".
      if (issue.input === null) return `has no value (null); set it to ${article(issue.expected)}`;
      return `expected ${article(issue.expected)}, got ${Array.isArray(issue.input) ? "an array" : article(typeof issue.input)}; set it to ${article(issue.expected)}`;
    }
    case "unrecognized_keys": {
      const known = facts?.knownKeys(issue.path) ?? [];
      const hints = issue.keys.map((k) => closest(k, known)).map((m, i) => (m ? `"${issue.keys[i]}" (did you mean "${m}"?)` : `"${issue.keys[i]}"`));
      return `unknown key${issue.keys.length > 1 ? "s" : ""} ${hints.join(", ")}; remove ${issue.keys.length > 1 ? "them" : "it"} or check the spelling`;
    }
    case "invalid_value":
      if (issue.input === undefined) return `is required; set it to one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}; got ${JSON.stringify(issue.input)}`;
    case "too_small":
      return issue.origin === "array" ? `needs at least ${issue.minimum} entr${issue.minimum === 1 ? "y" : "ies"}` : `must be at least ${issue.minimum}; got ${JSON.stringify(issue.input)}`;
    case "too_big":
      return issue.origin === "array" ? `allows at most ${issue.maximum} entries` : `must be at most ${issue.maximum}; got ${JSON.stringify(issue.input)}`;
    case "invalid_key":
      return `key ${JSON.stringify(issue.input)} ${issue.issues.map((i) => describe(i, facts)).join("; ")}`;
    default:
      return issue.message;
  }
}

interface MissingDiscriminator {
  path: PropertyKey[];
  options: unknown[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The key that picks a union's variant (a mailbox's `provider`, a record's `type`, a secret's `source`)
 * when the value lacks it, at its own path; also inside a union of a plain value and such a variant.
 */
function missingDiscriminator(issue: z.core.$ZodIssue): MissingDiscriminator | undefined {
  if (issue.code !== "invalid_union") return undefined;
  const u = issue as z.core.$ZodIssueInvalidUnion & { note?: string; discriminator?: string; options?: unknown[] };
  if (!isRecord(u.input)) return undefined;
  if (u.note === "No matching discriminator" && u.discriminator !== undefined) {
    return u.input[u.discriminator] === undefined ? { path: [...u.path], options: u.options ?? [] } : undefined;
  }
  for (const branch of u.errors) {
    const inner = branch.length === 1 ? missingDiscriminator({ ...branch[0], input: branch[0].input ?? u.input } as z.core.$ZodIssue) : undefined;
    if (inner) return { path: [...u.path, ...inner.path], options: inner.options };
  }
  return undefined;
}

/** One line per problem, the way `pulumi up` and `npm run plan` print them. */
export function formatIssues(issues: readonly z.core.$ZodIssue[], schema?: z.ZodType): string[] {
  const facts: SchemaFacts | undefined = schema ? { knownKeys: (path) => knownKeysAt(schema, path), description: (path) => descriptionAt(schema, path) } : undefined;
  return issues.map((issue) => {
    const missing = missingDiscriminator(issue);
    if (missing) return `${keyPath(missing.path)}: is required; set it to one of ${missing.options.map((v) => JSON.stringify(v)).join(", ")}`;
    return `${keyPath(issue.path)}: ${describe(issue, facts)}`;
  });
}

/**
 * A configuration mistake. A RunError, so `pulumi up` prints the message without a stack trace, and it is
 * thrown before any resource is declared, so nothing is half-deployed.
 */
export class ConfigError extends pulumi.RunError {
  readonly problems: string[];

  constructor(problems: string[]) {
    // One problem, one line: a value quoted with a newline in it is escaped, not allowed to split the line.
    const lines = problems.map((p) => p.replace(/\r/g, "\\r").replace(/\n/g, "\\n"));
    super(`Invalid stack configuration (${lines.length} problem${lines.length === 1 ? "" : "s"}):\n${lines.map((p) => `  ${p}`).join("\n")}`);
    this.problems = lines;
    this.name = "ConfigError";
  }
}
