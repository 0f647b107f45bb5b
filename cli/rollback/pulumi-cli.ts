import { accessSync, constants, statSync } from "node:fs";
import { delimiter, join } from "node:path";
import type { StackName } from "../shared/stack-name";
import { UserError } from "../shared/user-error";
import { packConfigArgs, POLICY_PACK_DIR } from "../../policies/pack-config-file";

export const PULUMI_INSTALL_URL = "https://www.pulumi.com/docs/install/";

/**
 * Finds `pulumi` on PATH before anything is checked out, so a machine without the CLI fails in one line
 * instead of after `npm ci`.
 */
export function findPulumi(env: NodeJS.ProcessEnv): string {
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, "pulumi");
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not in this directory
    }
  }
  throw new UserError(`the pulumi CLI is not on PATH; install it from ${PULUMI_INSTALL_URL} and log in (pulumi login)`);
}

/** The stack as Pulumi is given it (`full`, any form) and the project directory it runs in. */
export interface PulumiTarget {
  readonly stack: StackName;
  readonly projectDir: string;
}

/**
 * The pack and the stack's pack config (found in the worktree it deploys from, under the stack's own name),
 * so the real gate judges exactly as the offline plan did; a stack without one runs the pack's defaults.
 */
function policyPackArgs({ stack, projectDir }: PulumiTarget): string[] {
  return ["--policy-pack", POLICY_PACK_DIR, ...packConfigArgs(stack.name, projectDir)];
}

/**
 * The exact argument vectors this tool passes to Pulumi, in one place so the docs, the tests and the code
 * agree on them.
 */
export const pulumiArgs = {
  /**
   * One page of history, newest first. The CLI returns 10 updates unless asked for more, so an older
   * version is found by paging rather than reported as unknown.
   */
  history: (stack: string, page: number, pageSize: number): string[] => [
    "stack", "history", "--stack", stack, "--json", "--page-size", String(pageSize), "--page", String(page),
  ],
  /**
   * `--save-plan` writes the update plan the person is about to approve, and `up --plan` refuses to do
   * anything beyond it (https://www.pulumi.com/docs/iac/operations/stack-management/update-plans/). Both flags
   * are marked [EXPERIMENTAL] and hidden from --help unless PULUMI_EXPERIMENTAL is set, but they work without
   * it (pulumi/pulumi pkg/cmd/pulumi/operations/preview.go and up.go only hide them), so it is not set: it
   * would switch on every other experimental behaviour too.
   */
  preview: (target: PulumiTarget, planFile: string): string[] => [
    "preview", "--stack", target.stack.full, "--diff", ...policyPackArgs(target), "--save-plan", planFile,
  ],
  /**
   * No `--skip-preview`: `up` plans again, so the policy pack judges the exact update that is applied, and
   * `--plan` makes it fail, rather than apply, if that update is not the one the person approved (someone
   * deployed in between, or a value changed).
   */
  up: (target: PulumiTarget, planFile: string, message: string): string[] => [
    "up", "--stack", target.stack.full, "--yes", ...policyPackArgs(target), "--plan", planFile, "--message", message,
  ],
};
