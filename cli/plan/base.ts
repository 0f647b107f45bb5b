/**
 * The base a plan is compared with (`--diff`): a saved `--json` document, or a git ref whose own code and
 * config are planned. For a ref, the commit is checked out into a temporary worktree and its own
 * `npm run plan -- --json` runs there, so a pull request that changes a component is compared with what
 * the old component declared, not with the new code fed the old config. The worktree borrows this
 * checkout's node_modules (a symlink, no install, no network), which is exact unless the pull request
 * also changes dependencies.
 */
import { existsSync, readFileSync, statSync, symlinkSync } from "node:fs";
import { join, resolve } from "node:path";
import { commitOf, gitOrThrow, locateRepository } from "../shared/git";
import { CommandNotFound, runCommand } from "../shared/run-command";
import type { Interruption } from "../shared/interruption";
import { UserError } from "../shared/user-error";
import { fromUser } from "../shared/user-directory";
import { addWorktree, removeWorktree } from "../shared/worktree";
import { asPlanDocument, PlanDocument } from "./document";

export interface BaseContext {
  stack: string;
  /** The Pulumi project directory. */
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Hands a Ctrl-C or SIGTERM to the base's plan exactly once, so its worktree is removed before the command ends. */
  interruption?: Interruption;
}

/** The node_modules this process runs from, lent to the base's worktree. */
const NODE_MODULES = resolve(require.resolve("@pulumi/pulumi/package.json"), "..", "..", "..");

function fromFile(path: string, spec: string, stack: string): PlanDocument {
  let doc: PlanDocument | undefined;
  try {
    doc = asPlanDocument(JSON.parse(readFileSync(path, "utf8")));
  } catch {
    doc = undefined;
  }
  if (!doc) throw new UserError(`--diff ${spec}: not a plan document; write one with npm run plan -- --stack ${stack} --json > ${spec}`);
  if (doc.stack !== stack) throw new UserError(`--diff ${spec}: it is the plan of stack ${doc.stack}, not ${stack}; compare plans of the same stack`);
  return doc;
}

/** A file's content at a commit, or undefined when the commit has no such file. */
async function fileAt(root: string, env: NodeJS.ProcessEnv, sha: string, path: string): Promise<string | undefined> {
  try {
    return await gitOrThrow(root, env, ["show", `${sha}:${path}`]);
  } catch {
    return undefined;
  }
}

function hasPlanScript(packageJson: string | undefined): boolean {
  try {
    return typeof (JSON.parse(packageJson ?? "") as { scripts?: Record<string, unknown> }).scripts?.plan === "string";
  } catch {
    return false;
  }
}

/** The stack's plan as the commit `spec` declares it, run by that commit's own plan command. */
async function fromGitRef(spec: string, ctx: BaseContext): Promise<PlanDocument> {
  const neither = `--diff ${spec}: neither a plan --json file nor a git commit`;
  let repo;
  try {
    repo = await locateRepository(ctx.cwd, ctx.env);
  } catch (error) {
    throw error instanceof UserError ? new UserError(`${neither} (${error.message})`) : error;
  }
  const sha = await commitOf(repo.root, ctx.env, spec);
  if (!sha) throw new UserError(neither);
  // A stack the base does not have yet: everything in this plan is new.
  if ((await fileAt(repo.root, ctx.env, sha, `${repo.prefix}Pulumi.${ctx.stack}.yaml`)) === undefined) return { stack: ctx.stack, resources: [], violations: [], warnings: [], outputs: {} };
  if (!hasPlanScript(await fileAt(repo.root, ctx.env, sha, `${repo.prefix}package.json`))) {
    throw new UserError(`--diff ${spec}: that commit predates the offline plan (no plan script in package.json); compare with a later commit or a plan --json file`);
  }

  const worktree = await addWorktree(repo.root, sha, ctx.env);
  try {
    const projectDir = join(worktree, repo.prefix);
    symlinkSync(NODE_MODULES, join(projectDir, "node_modules"), "dir");
    let result;
    try {
      // Its whole group is signalled: an older commit's npm script may run node under a shell that keeps the signal.
      result = await runCommand("npm", ["run", "--silent", "plan", "--", "--stack", ctx.stack, "--json"], {
        cwd: projectDir, env: ctx.env, capture: true, interruption: ctx.interruption, signalGroup: true,
      });
    } catch (error) {
      throw error instanceof CommandNotFound ? new UserError("npm is not installed or not on PATH") : error;
    }
    // Exit 1 is a plan with mandatory violations: still a complete document to compare with.
    const doc = result.code === 0 || result.code === 1 ? parseJson(result.stdout) : undefined;
    if (!doc) {
      const why = result.stderr.trim().split("\n").slice(0, 6).join("\n  ");
      throw new UserError(`--diff ${spec}: the plan of that commit failed (exit ${result.code})${why ? `:\n  ${why}` : ""}`);
    }
    return doc;
  } finally {
    await removeWorktree(repo.root, worktree, ctx.env);
  }
}

function parseJson(text: string): PlanDocument | undefined {
  try {
    return asPlanDocument(JSON.parse(text));
  } catch {
    return undefined;
  }
}

/**
 * A path to an existing file is a saved plan; anything else must name a commit. A relative path resolves from
 * where the user ran npm, like every path flag (cli/shared/user-directory.ts).
 */
export async function loadBase(spec: string, ctx: BaseContext): Promise<PlanDocument> {
  const path = fromUser(spec, ctx.env);
  if (existsSync(path) && statSync(path).isFile()) return fromFile(path, spec, ctx.stack);
  return fromGitRef(spec, ctx);
}
