/** The CrossGuard pack `pulumi preview --policy-pack policies` runs. Constructing it starts the analyzer server. */
import { PolicyPack } from "@pulumi/policy";
import { allPolicies, PACK_ENFORCEMENT_LEVEL, PACK_NAME } from "./all";

new PolicyPack(PACK_NAME, { policies: allPolicies, enforcementLevel: PACK_ENFORCEMENT_LEVEL });
