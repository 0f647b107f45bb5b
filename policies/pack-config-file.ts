/**
 * Where each stack's pack config lives, relative to the project root: the file every `pulumi preview`
 * and `pulumi up` passes as `--policy-pack-config`, and the one the offline plan reads. The shipped files
 * are empty: each zone's plan, the environment and the paths to protect are read from the stack's own
 * components (policies/stack-facts.ts), never copied here. The file stays the one place to lower a
 * policy's level for a stack, without changing any workflow. A stack without one (any name besides the
 * shipped staging and prod) runs every policy at the pack's own level, as the offline plan does.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";

export const POLICY_PACK_DIR = "policies";

export function packConfigFile(stack: string): string {
  return `${POLICY_PACK_DIR}/config/${stack}.json`;
}

/** `--policy-pack-config <file>` when the stack has a pack config under `root`, else nothing (the CLI fails on a missing file). */
export function packConfigArgs(stack: string, root = process.cwd()): string[] {
  return existsSync(join(root, packConfigFile(stack))) ? ["--policy-pack-config", packConfigFile(stack)] : [];
}
