/**
 * Every policy of the launch-stack pack, by area. Kept apart from index.ts because constructing the
 * PolicyPack starts the analyzer's gRPC server: tests and the offline plan import this module instead.
 */
import type { EnforcementLevel, Policies } from "@pulumi/policy";
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

export const allPolicies: Policies = [
  ...edgePolicies, ...dnsPolicies, ...rulesetPolicies, ...emailPolicies, ...secretsPolicies, ...monitoringPolicies, ...safetyPolicies,
];
