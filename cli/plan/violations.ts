/**
 * Policy verdicts as the pack reports them (offline/run-policies.ts runs the pack's own policy objects):
 * grouped by the launch-checklist area each policy enforces, worst first within an area, each policy with
 * its fix and reference, and the rule that decides the plan's exit code.
 */
import { checklistArea, ChecklistAreaId, checklistOrder } from "../../rules/checklist";
import type { Violation } from "../../offline/run-policies";
import { allPolicies } from "../../policies/all";
import { areaOfPolicy } from "../../policies/checklist";
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

/** What the pack says about a policy beyond its verdicts: the checklist area it enforces, how to fix it, where to read more. */
export interface PolicyMeta {
  area?: ChecklistAreaId;
  remediationSteps?: string;
  url?: string;
}

const META = new Map<string, PolicyMeta>(allPolicies.map((p) => [p.name, { area: areaOfPolicy(p), remediationSteps: p.remediationSteps, url: p.url }]));

/** A policy of this pack, by name; empty for one it does not have (a violation read back from an older plan). */
export function policyMeta(policy: string): PolicyMeta {
  return META.get(policy) ?? {};
}

/** The checklist area's title, or "Other" for a policy the pack does not know. */
export function areaTitle(area: ChecklistAreaId | undefined): string {
  return (area && checklistArea(area)?.title) ?? "Other";
}

/**
 * Violations by the checklist area their policy enforces, in the checklist's order; within an area worst
 * severity first (a policy without one ranks by its level), mandatory before advisory, then by policy.
 */
export function groupByArea(violations: readonly Violation[]): [area: ChecklistAreaId | undefined, violations: Violation[]][] {
  const groups = new Map<ChecklistAreaId | undefined, Violation[]>();
  for (const v of active(violations)) {
    const key = policyMeta(v.policy).area;
    groups.set(key, [...(groups.get(key) ?? []), v]);
  }
  const severity = (v: Violation) => rank(SEVERITY_ORDER, v.severity ?? "") + (v.severity ? 0 : rank(LEVEL_ORDER, v.enforcementLevel));
  for (const list of groups.values()) {
    list.sort((a, b) => severity(a) - severity(b) || rank(LEVEL_ORDER, a.enforcementLevel) - rank(LEVEL_ORDER, b.enforcementLevel) || a.policy.localeCompare(b.policy));
  }
  return [...groups].sort(([a], [b]) => checklistOrder(a) - checklistOrder(b));
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
  severity?: string;
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
    if (!entry) out.push((entry = { policy: v.policy, enforcementLevel: v.enforcementLevel, ...(v.severity ? { severity: v.severity } : {}), description, findings: [] }));
    entry.findings.push({ ...(v.urn ? { resource: shortUrn(v.urn) } : {}), detail: rest.join(" ") });
  }
  return out;
}

function findingLine(f: PolicyFindings["findings"][number]): string {
  return [f.resource, f.detail].filter(Boolean).join(": ");
}

/** "mandatory, high": how binding and how bad. */
function levelText(p: PolicyFindings): string {
  return [p.enforcementLevel, p.severity].filter(Boolean).join(", ");
}

export function renderViolations(violations: readonly Violation[]): string {
  const groups = groupByArea(violations);
  const head = `Policy: ${verdict(violations)}`;
  if (groups.length === 0) return `${head} ✔`;
  return [
    head,
    ...groups.flatMap(([area, list]) => [
      `  ${areaTitle(area)} (${list.length})`,
      ...byPolicy(list).flatMap((p) => {
        const fix = policyMeta(p.policy).remediationSteps;
        return [
          `    ✖ [${levelText(p)}] ${p.policy}: ${p.description}`,
          ...p.findings.map(findingLine).filter(Boolean).map((l) => `        ${l}`),
          ...(fix ? [`        how to fix: ${fix}`] : []),
        ];
      }),
    ]),
  ].join("\n");
}

/** One markdown heading per checklist area, one bullet per policy (linked to its reference), one sub-bullet per finding and the fix. */
export function markdownViolations(violations: readonly Violation[]): string[] {
  return groupByArea(violations).flatMap(([area, list]) => [
    `**${areaTitle(area)}**`,
    "",
    ...byPolicy(list).flatMap((p) => {
      const { url, remediationSteps } = policyMeta(p.policy);
      return [
        `- **${url ? `[${p.policy}](${url})` : p.policy}** (${levelText(p)}): ${p.description}`,
        ...p.findings.map((f) => [f.resource ? `\`${f.resource}\`` : "", f.detail].filter(Boolean).join(": ")).filter(Boolean).map((l) => `  - ${l}`),
        ...(remediationSteps ? [`  - How to fix: ${remediationSteps}`] : []),
      ];
    }),
    "",
  ]);
}
