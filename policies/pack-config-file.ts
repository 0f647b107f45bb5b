/**
 * Where each stack's pack config lives, relative to the project root: the file every `pulumi preview`
 * and `pulumi up` passes as `--policy-pack-config`, and the one the offline plan reads. Without it the
 * pack judges every stack at the production bar and every zone as Free.
 */
export const POLICY_PACK_DIR = "policies";

export function packConfigFile(stack: string): string {
  return `${POLICY_PACK_DIR}/config/${stack}.json`;
}
