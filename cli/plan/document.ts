/**
 * The plan as one document: what `--json` prints, what `--diff` compares, and the only thing the text,
 * markdown and handover renderers read. It is built from masked values only (displayInputs, masked stack
 * outputs), so no renderer can print a secret: none of them ever holds one.
 */
import type { Evaluation } from "../../offline/evaluate";
import { displayInputs } from "../../offline/recording-runtime";
import type { Violation } from "../../offline/run-policies";

export interface PlanResource {
  urn: string;
  type: string;
  name: string;
  /** The parent's URN; absent for the root component. */
  parent?: string;
  /** The `type::name` of each alias it declares (an old identity the engine still finds it under). */
  aliases?: string[];
  /** Inputs as the engine receives them, secrets shown as "[secret]", unknowns as "(known after apply)". */
  inputs: Record<string, unknown>;
}

export interface PlanDocument {
  stack: string;
  /** Sorted by URN, so two plans of the same code print and diff identically. */
  resources: PlanResource[];
  violations: Violation[];
  /** The program's warnings (pulumi.log.warn), as `pulumi preview` would list them. */
  warnings: string[];
  /** Stack outputs, secrets masked. */
  outputs: Record<string, unknown>;
}

export function planDocument(ev: Evaluation, violations: Violation[], warnings: string[]): PlanDocument {
  const resources = ev.resources
    .map((r) => ({
      urn: r.urn, type: r.type, name: r.name, ...(r.parent ? { parent: r.parent } : {}), ...(r.aliases ? { aliases: r.aliases } : {}), inputs: displayInputs(r),
    }))
    .sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0));
  return { stack: ev.stack, resources, violations, warnings, outputs: ev.outputs };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Reads a `--json` document back (a `--diff` base); undefined when `value` does not have its shape. */
export function asPlanDocument(value: unknown): PlanDocument | undefined {
  if (!isObject(value) || typeof value.stack !== "string" || !Array.isArray(value.resources)) return undefined;
  const wellFormed = value.resources.every((r) => isObject(r) && typeof r.urn === "string" && typeof r.type === "string" && typeof r.name === "string" && isObject(r.inputs));
  if (!wellFormed) return undefined;
  return {
    stack: value.stack,
    resources: value.resources as PlanResource[],
    violations: Array.isArray(value.violations) ? (value.violations as Violation[]) : [],
    warnings: Array.isArray(value.warnings) ? (value.warnings as string[]) : [],
    outputs: isObject(value.outputs) ? value.outputs : {},
  };
}
