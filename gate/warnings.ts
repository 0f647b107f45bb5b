/**
 * Non-fatal findings on a valid config, one line each in the same `launch-stack:<key path>: ...` form as
 * errors. The program logs them with pulumi.log.warn (so `pulumi preview` and `up` show them) and the
 * plan CLI can print them; they never block a deploy.
 */
import { emailWarnings } from "./email-checks";
import { keyPath } from "../config/errors";
import type { StackConfig } from "../config/schema";
import { managedRulesetsByDefault } from "../rules/cloudflare-plan";

export function collectWarnings(config: StackConfig): string[] {
  return [...emailWarnings(config), ...edgeWarnings(config)].map((w) => `${keyPath(w.path)}: ${w.message}`);
}

/**
 * Turning the managed WAF rulesets off where the plan includes them is allowed by config as a deliberate
 * exception, but the pack's waf-managed-rules policy is the gate: the exception only deploys when the
 * stack's pack config lowers that policy, which a reviewer sees in the same pull request.
 */
function edgeWarnings(config: StackConfig): { path: string[]; message: string }[] {
  return config.zones.flatMap((zone, i) =>
    zone.edge.managedRulesets === false && managedRulesetsByDefault(zone.plan)
      ? [{ path: [`zones[${i}].edge.managedRulesets`], message: `false on a ${zone.plan} zone: the pack's waf-managed-rules policy rejects it unless the stack's pack config (policies/config/<stack>.json) lowers that policy; remove it to keep the Cloudflare Managed and OWASP rulesets` }]
      : [],
  );
}
