import { commitOf } from "../shared/git";
import { UserError } from "../shared/user-error";
import { findUpdate, type StackUpdate } from "./stack-history";

/**
 * What `--to` asked for. All digits means a stack version (`pulumi stack history` numbers its updates
 * 1, 2, 3, ...); anything else is a git ref. `v12` is deliberately a ref, because release tags look like
 * that. A commit whose abbreviation happens to be all digits must be given with more characters or as a
 * tag or branch.
 */
export type Target = { readonly kind: "version"; readonly version: number } | { readonly kind: "ref"; readonly ref: string };

/** The commit a rollback deploys, and how to name it in messages and in the update's history message. */
export interface ResolvedTarget {
  readonly sha: string;
  readonly description: string;
}

export function parseTarget(to: string): Target {
  if (/^\d+$/.test(to)) return { kind: "version", version: Number(to) };
  // A leading dash would reach git as an option, not a revision.
  if (to === "" || to.startsWith("-")) throw new UserError(`--to ${JSON.stringify(to)} is neither a git ref nor a stack version`);
  return { kind: "ref", ref: to };
}

/**
 * The commit a history entry was deployed from, or the reason it cannot be redeployed faithfully:
 * - not an `update` (a refresh, import or destroy records the checkout it ran in, not code that was deployed);
 * - not `succeeded` (a failed update left the stack partly applied; rolling back means returning to a state
 *   that worked; to redeploy that code anyway, pass its commit as a ref);
 * - no `git.head` (deployed from outside git, so there is no code to check out);
 * - `git.dirty` (uncommitted edits were deployed, so the commit is not what ran).
 */
export function commitOfUpdate(update: StackUpdate, stack: string): string {
  const label = `version ${update.version} of stack ${stack}`;
  if (update.kind !== "update") throw new UserError(`${label} is a ${update.kind}, not a deploy; pick an update from pulumi stack history`);
  if (update.result !== "succeeded") {
    throw new UserError(`${label} did not succeed (${update.result ?? "no result"}); pick a succeeded update, or pass its commit with --to <sha> to redeploy it anyway`);
  }
  const head = update.environment?.["git.head"];
  if (!head) throw new UserError(`${label} records no git commit (git.head); it was not deployed from a git checkout, so its code cannot be recovered`);
  if (!/^[0-9a-f]{40}([0-9a-f]{24})?$/i.test(head)) throw new UserError(`${label} records ${JSON.stringify(head)} as git.head, which is not a commit SHA`);
  if (update.environment?.["git.dirty"] === "true") {
    throw new UserError(`${label} was deployed from a dirty working copy (git.dirty), so commit ${head.slice(0, 12)} is not the code that ran`);
  }
  return head;
}

export interface ResolveContext {
  readonly pulumi: string;
  readonly stack: string;
  /** The user's project directory, where `pulumi stack history` finds Pulumi.yaml. */
  readonly projectDir: string;
  readonly repoRoot: string;
  readonly env: NodeJS.ProcessEnv;
}

/** Maps `--to` to a commit that exists in this repository, or explains in one line why it cannot. */
export async function resolveTarget(target: Target, context: ResolveContext): Promise<ResolvedTarget> {
  if (target.kind === "ref") {
    const sha = await commitOf(context.repoRoot, context.env, target.ref);
    if (!sha) throw new UserError(`git ref ${JSON.stringify(target.ref)} does not name a commit in ${context.repoRoot}`);
    const short = sha.slice(0, 12);
    return { sha, description: sha.startsWith(target.ref.toLowerCase()) ? short : `${target.ref} (${short})` };
  }
  const update = await findUpdate(context.pulumi, context.stack, target.version, context.projectDir, context.env);
  if (!update) {
    throw new UserError(`stack ${context.stack} has no version ${target.version}; list versions with: pulumi stack history --stack ${context.stack}`);
  }
  const head = commitOfUpdate(update, context.stack);
  const sha = await commitOf(context.repoRoot, context.env, head);
  if (!sha) {
    throw new UserError(`version ${target.version} was deployed from commit ${head.slice(0, 12)}, which is not in this repository; run git fetch and retry`);
  }
  return { sha, description: `version ${target.version} (${sha.slice(0, 12)})` };
}
