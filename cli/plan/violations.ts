/**
 * Policy verdicts as the pack reports them (offline/run-policies.ts runs the pack's own policy objects):
 * grouped by severity, mandatory first, and the rule that decides the plan's exit code.
 */
import type { Violation } from "../../offline/run-policies";
import { shortUrn } from "./display";

const SEVERITY_ORDER = ["critical", "high", "medium", "low"];
const LEVEL_ORDER = ["mandatory", "remediate", "advisory"];

/** A mandatory violation blocks `pulumi up`, so it fails the plan too. */
export function blocksDeployment(violations: readonly Violation[]): boolean {
  return violations.some((v) => v.enforcementLevel === "mandatory");
}

/** Disabled policies are reported by some engines for completeness; they never judge anything. */
function active(violations: readonly Violation[]): Violation[] {
  return violations.filter((v) => v.enforcementLevel !== "disabled");
}

function rank(order: string[], key: string): number {
  const i = order.indexOf(key);
  return i === -1 ? order.length : i;
}

/** Severity groups (a policy without a severity is grouped under its enforcement level), worst first. */
export function groupBySeverity(violations: readonly Violation[]): [severity: string, violations: Violation[]][] {
  const groups = new Map<string, Violation[]>();
  for (const v of active(violations)) {
    const key = v.severity ?? v.enforcementLevel;
    groups.set(key, [...(groups.get(key) ?? []), v]);
  }
  for (const list of groups.values()) list.sort((a, b) => rank(LEVEL_ORDER, a.enforcementLevel) - rank(LEVEL_ORDER, b.enforcementLevel) || a.policy.localeCompare(b.policy));
  return [...groups].sort(([a], [b]) => rank(SEVERITY_ORDER, a) - rank(SEVERITY_ORDER, b) || a.localeCompare(b));
}

/** "2 mandatory, 1 advisory" or "no violations". */
export function verdict(violations: readonly Violation[]): string {
  const list = active(violations);
  if (list.length === 0) return "no policy violations";
  const levels = LEVEL_ORDER.map((l) => [l, list.filter((v) => v.enforcementLevel === l).length] as const).filter(([, n]) => n > 0);
  return `${levels.map(([l, n]) => `${n} ${l}`).join(", ")} policy violation${list.length === 1 ? "" : "s"}`;
}

export interface PolicyFindings {
  policy: string;
  enforcementLevel: Violation["enforcementLevel"];
  /** The policy's description: the first line of each of its messages. */
  description: string;
  /** Each violation's own line (after the description), with the resource it concerns. */
  findings: { resource?: string; detail: string }[];
}

/**
 * Violations of one policy at one level, together: the engine prefixes every message with the policy's
 * description, which a reviewer needs to read once, not once per resource.
 */
export function byPolicy(list: readonly Violation[]): PolicyFindings[] {
  const out: PolicyFindings[] = [];
  for (const v of list) {
    const [description, ...rest] = v.message.split("\n");
    let entry = out.find((e) => e.policy === v.policy && e.enforcementLevel === v.enforcementLevel && e.description === description);
    if (!entry) out.push((entry = { policy: v.policy, enforcementLevel: v.enforcementLevel, description, findings: [] }));
    entry.findings.push({ ...(v.urn ? { resource: shortUrn(v.urn) } : {}), detail: rest.join(" ") });
  }
  return out;
}

function findingLine(f: PolicyFindings["findings"][number]): string {
  return [f.resource, f.detail].filter(Boolean).join(": ");
}

export function renderViolations(violations: readonly Violation[]): string {
  const groups = groupBySeverity(violations);
  const head = `Policy: ${verdict(violations)}`;
  if (groups.length === 0) return `${head} ✔`;
  return [
    head,
    ...groups.flatMap(([severity, list]) => [
      `  ${severity} (${list.length})`,
      ...byPolicy(list).flatMap((p) => [`    ✖ [${p.enforcementLevel}] ${p.policy}: ${p.description}`, ...p.findings.map(findingLine).filter(Boolean).map((l) => `        ${l}`)]),
    ]),
  ].join("\n");
}

/** One markdown bullet per policy, one sub-bullet per finding. */
export function markdownViolations(violations: readonly Violation[]): string[] {
  return groupBySeverity(violations).flatMap(([severity, list]) => [
    `**${severity}**`,
    "",
    ...byPolicy(list).flatMap((p) => [
      `- **${p.policy}** (${p.enforcementLevel}): ${p.description}`,
      ...p.findings.map((f) => [f.resource ? `\`${f.resource}\`` : "", f.detail].filter(Boolean).join(": ")).filter(Boolean).map((l) => `  - ${l}`),
    ]),
    "",
  ]);
}
