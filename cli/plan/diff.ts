/**
 * What a pull request changes: resources added and removed, and for each resource present in both plans
 * the inputs that differ. Resources are paired by identity, not URN (./identity.ts), so a change in how
 * URNs are built shows as no change, and a record renamed in code but managing the same DNS name and type
 * shows as the replace the engine would do. Both sides are plan documents, so values are already masked; a changed
 * secret shows as unchanged "[secret]", which is all an offline plan can know about it.
 */
import type { PlanDocument, PlanResource } from "./document";
import { resourceDetails } from "./details";
import { displayType, inline } from "./display";
import { matchResources } from "./identity";

export interface InputChange {
  /** e.g. `rules[rate-limit-auth].ratelimit.requestsPerPeriod` or `content`. */
  path: string;
  before?: unknown;
  after?: unknown;
}

export interface ResourceChange {
  urn: string;
  type: string;
  name: string;
  /** Set when the logical name changed but what it manages did not: the base's name, deleted and recreated. */
  replaces?: string;
  changes: InputChange[];
}

export interface PlanDiff {
  /** What the plan was compared with: a file path or a git ref. */
  base: string;
  added: PlanResource[];
  removed: PlanResource[];
  changed: ResourceChange[];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Ruleset rules (and any list whose entries all carry a `ref`) are matched by ref, so inserting a rule
 * reports one added rule instead of every later rule as changed.
 */
function keyedByRef(list: unknown[]): Map<string, unknown> | undefined {
  if (list.length === 0 || !list.every((e) => isObject(e) && typeof e.ref === "string")) return undefined;
  const refs = list.map((e) => (e as { ref: string }).ref);
  return new Set(refs).size === refs.length ? new Map(list.map((e, i) => [refs[i], e])) : undefined;
}

/** Leaf path → value; an empty object or list is a leaf of its own so adding one is still seen. */
function leaves(value: unknown, path: string, out: Map<string, unknown>): Map<string, unknown> {
  if (Array.isArray(value) && value.length > 0) {
    const byRef = keyedByRef(value);
    if (byRef) for (const [ref, e] of byRef) leaves(e, `${path}[${ref}]`, out);
    else value.forEach((e, i) => leaves(e, `${path}[${i}]`, out));
  } else if (isObject(value) && Object.keys(value).length > 0) {
    for (const [k, e] of Object.entries(value)) leaves(e, path ? `${path}.${k}` : k, out);
  } else {
    out.set(path, value);
  }
  return out;
}

export function inputChanges(before: Record<string, unknown>, after: Record<string, unknown>): InputChange[] {
  const a = leaves(before, "", new Map());
  const b = leaves(after, "", new Map());
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
  return paths
    .filter((p) => JSON.stringify(a.get(p)) !== JSON.stringify(b.get(p)))
    .map((path) => ({ path, ...(a.has(path) ? { before: a.get(path) } : {}), ...(b.has(path) ? { after: b.get(path) } : {}) }));
}

export function diffPlans(base: PlanDocument, head: PlanDocument, baseName: string): PlanDiff {
  const { matched, added, removed } = matchResources(base.resources, head.resources);
  const changed: ResourceChange[] = [];
  for (const { before, after, replace } of matched) {
    const changes = inputChanges(before.inputs, after.inputs);
    if (changes.length > 0 || replace) {
      changed.push({ urn: after.urn, type: after.type, name: after.name, ...(replace ? { replaces: before.name } : {}), changes });
    }
  }
  return { base: baseName, added, removed, changed };
}

export function diffHeadline(diff: PlanDiff): string {
  const { added, removed, changed } = diff;
  if (added.length + removed.length + changed.length === 0) return `No changes against ${diff.base}`;
  const replaced = changed.filter((c) => c.replaces !== undefined).length;
  return `Changes against ${diff.base}: ${added.length} to add, ${removed.length} to delete, ${changed.length - replaced} to update` +
    (replaced > 0 ? `, ${replaced} to replace` : "");
}

function change(c: InputChange): string {
  const before = "before" in c ? inline(c.before) : "(unset)";
  const after = "after" in c ? inline(c.after) : "(unset)";
  return `${c.path}: ${before} → ${after}`;
}

/** The `+`/`-`/`~` lines `pulumi preview --diff` readers know; added and removed resources show their inputs. */
export function diffLines(diff: PlanDiff): string[] {
  const head = (sign: string, r: { type: string; name: string }) => `${sign} ${displayType(r.type)}  ${r.name}`;
  const whole = (sign: string, r: PlanResource) => [head(sign, r), ...resourceDetails(r.type, r.inputs).map((l) => `      ${l}`)];
  return [
    ...diff.added.flatMap((r) => whole("+", r)),
    ...diff.removed.flatMap((r) => whole("-", r)),
    ...diff.changed.flatMap((r) => [
      r.replaces === undefined ? head("~", r) : `${head("+-", r)}  (replaces ${r.replaces})`,
      ...r.changes.map((c) => `      ${change(c)}`),
    ]),
  ];
}

export function renderDiff(diff: PlanDiff): string {
  return [diffHeadline(diff), ...diffLines(diff).map((l) => `  ${l}`)].join("\n");
}
