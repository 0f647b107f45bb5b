import { accessSync, constants, statSync } from "node:fs";
import { delimiter, join } from "node:path";
import { UserError } from "../shared/user-error";
import { packConfigArgs, POLICY_PACK_DIR } from "../../policies/pack-config-file";

export const PULUMI_INSTALL_URL = "https://www.pulumi.com/docs/install/";

/** The policy pack directory, passed to preview and up so the real engine enforces the same gate as the plan. */


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

/** The pack and the stack's pack config, so the real gate judges exactly as the offline plan did. */
function policyPackArgs(stack: string, projectDir: string): string[] {
  return ["--policy-pack", POLICY_PACK_DIR, ...packConfigArgs(stack, projectDir)];
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
  /** `projectDir`: where Pulumi runs, which decides whether the stack has a pack config file. */
  preview: (stack: string, projectDir = process.cwd()): string[] => ["preview", "--stack", stack, "--diff", ...policyPackArgs(stack, projectDir)],
  /**
   * No `--skip-preview`: the human confirmed the preview above, and letting `up` plan again means the policy
   * pack judges the exact update that is applied, even if the stack moved in between.
   */
  up: (stack: string, message: string, projectDir = process.cwd()): string[] => [
    "up", "--stack", stack, "--yes", ...policyPackArgs(stack, projectDir), "--message", message,
  ],
};
