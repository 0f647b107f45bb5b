/**
 * Every policy of the pack names the launch-checklist area it enforces, how to fix a violation and where to
 * read more, in pulumi-policy's own metadata fields (`framework`, `remediationSteps`, `url`), so the engine
 * and Pulumi Cloud show them too. `LaunchPolicy` makes the three fields required: a new policy without them
 * does not compile into `allPolicies`. Adding one is a line each:
 *
 *     framework: checklistItem("tls"),
 *     remediationSteps: "Set launch-stack:zones[].edge.… ",
 *     url: "https://developers.cloudflare.com/…",
 */
import type { Policy, PolicyComplianceFramework, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { checklistArea, ChecklistAreaId } from "../rules/checklist";

export const CHECKLIST_FRAMEWORK = "launch-stack launch checklist";
const CHECKLIST_VERSION = "1";

/** A compliance framework entry whose reference is a checklist area id. */
export interface ChecklistItem extends PolicyComplianceFramework {
  reference: ChecklistAreaId;
}

export type LaunchPolicy<P extends Policy = ResourceValidationPolicy | StackValidationPolicy> = P & {
  framework: ChecklistItem;
  remediationSteps: string;
  url: string;
};

/** The checklist area as pulumi-policy's compliance framework: reference = area id, specification = its pass criteria. */
export function checklistItem(area: ChecklistAreaId): ChecklistItem {
  return { name: CHECKLIST_FRAMEWORK, version: CHECKLIST_VERSION, reference: area, specification: checklistArea(area)!.criteria };
}

/** The checklist area a policy enforces, if it names one. */
export function areaOfPolicy(policy: Policy): ChecklistAreaId | undefined {
  const f = policy.framework;
  return f?.name === CHECKLIST_FRAMEWORK && checklistArea(f.reference) ? (f.reference as ChecklistAreaId) : undefined;
}
