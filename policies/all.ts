/**
 * Every policy of the launch-stack pack, by area. Kept apart from index.ts because constructing the
 * PolicyPack starts the analyzer's gRPC server: tests and the offline plan import this module instead.
 */
import type { EnforcementLevel } from "@pulumi/policy";
import type { LaunchPolicy } from "./checklist";
import { dnsPolicies } from "./dns";
import { edgePolicies } from "./edge";
import { emailPolicies } from "./email";
import { monitoringPolicies } from "./monitoring";
import { rulesetPolicies } from "./rulesets";
import { safetyPolicies } from "./safety";
import { secretsPolicies } from "./secrets";

export const PACK_NAME = "launch-stack";
/** Every policy blocks by default; a stack's pack config (policies/config/<stack>.json) may lower a level. */
export const PACK_ENFORCEMENT_LEVEL: EnforcementLevel = "mandatory";

/** Each names its launch-checklist area, remediation steps and a URL (checklist.ts); the type refuses one that does not. */
export const allPolicies: LaunchPolicy[] = [
  ...edgePolicies, ...dnsPolicies, ...rulesetPolicies, ...emailPolicies, ...secretsPolicies, ...monitoringPolicies, ...safetyPolicies,
];
