import { existsSync } from "node:fs";
import { join } from "node:path";
import { hasUncommittedChanges, locateRepository } from "../shared/git";
import { CommandNotFound, exitDescription, runCommand, type CommandResult } from "../shared/run-command";
import { checkProject, parseStackName } from "../shared/stack-name";
import { UserError } from "../shared/user-error";
import { addWorktree, removeWorktree } from "../shared/worktree";
import { confirm } from "./confirm";
import { Interrupted, type Interruption } from "../shared/interruption";
import { StepFailed } from "./errors";
import type { Progress } from "./progress";
import { findPulumi, pulumiArgs } from "./pulumi-cli";
import { parseTarget, resolveTarget, type ResolvedTarget } from "./resolve-target";

export interface RollbackOptions {
  readonly stack: string;
  /** A git ref or an all-digits stack version (see `parseTarget`). */
  readonly to: string;
  /** Deploy after the preview without asking. */
  readonly yes: boolean;
  /** The user's Pulumi project directory inside the repository. */
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** Whether a human can answer the confirmation prompt. */
  readonly interactive: boolean;
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
  readonly progress: Progress;
  readonly interruption: Interruption;
}

/** Where `pulumi preview --save-plan` writes the plan `pulumi up --plan` must follow: inside the worktree, so it goes with it. */
const PLAN_FILE = ".launch-stack-rollback-plan.json";

/**
 * Redeploys an earlier commit's code and config to a stack. Everything happens in a temporary worktree of
 * that commit, which is removed whatever happens; nothing is deployed unless its offline plan and policy
 * pack pass, the real preview succeeds, and a human (or `--yes`) confirms.
 */
export async function rollback(options: RollbackOptions): Promise<ResolvedTarget> {
  const { env, progress, interruption } = options;
  const stackName = parseStackName(options.stack);
  const stack = stackName.full;
  const target = parseTarget(options.to);
  const pulumi = findPulumi(env);
  if (!options.yes && !options.interactive) throw new UserError("refusing to deploy without --yes when not interactive");

  if (!existsSync(options.cwd)) throw new UserError(`--cwd ${options.cwd} does not exist`);
  // Checked here, not in the target commit: a wrong --cwd is the user's to fix, not the commit's fault.
  if (!existsSync(join(options.cwd, "Pulumi.yaml"))) {
    throw new UserError(`--cwd ${options.cwd} has no Pulumi.yaml; run from the project directory or pass --cwd <project directory>`);
  }
  checkProject(stackName, options.cwd);
  const repo = await locateRepository(options.cwd, env);
  const resolved = await progress.step(`resolve --to ${options.to}`, () =>
    resolveTarget(target, { pulumi, stack, projectDir: options.cwd, repoRoot: repo.root, env }),
  );
  if (await hasUncommittedChanges(repo.root, env)) {
    progress.note("the working copy has uncommitted changes; they are not part of the rollback and stay as they are");
  }

  interruption.throwIfInterrupted();
  const worktree = await progress.step(`check out ${resolved.description} into a temporary worktree`, () =>
    addWorktree(repo.root, resolved.sha, env),
  );
  try {
    const projectDir = join(worktree, repo.prefix);
    if (!existsSync(join(projectDir, "Pulumi.yaml"))) {
      throw new UserError(`${resolved.description} has no Pulumi.yaml in ${repo.prefix || "the repository root"}; it predates this project`);
    }
    const run = (file: string, args: readonly string[]) => runStep(file, args, projectDir, options);
    const pulumiTarget = { stack: stackName, projectDir };
    const planFile = join(worktree, PLAN_FILE);

    await progress.step("install its dependencies (npm ci)", async () => {
      const result = await run("npm", ["ci", "--no-audit", "--no-fund"]);
      if (result.code !== 0) throw new StepFailed(`npm ci failed in the worktree of ${resolved.description} (${exitDescription(result)})`);
    });

    await progress.step(`offline plan and policy pack for ${stack}`, async () => {
      const result = await run("npm", ["run", "plan", "--", "--stack", stackName.name]);
      if (result.code === 1) throw new StepFailed(`the policy pack rejects ${resolved.description} for stack ${stack}; nothing was deployed`);
      if (result.code === 2) throw new StepFailed(`the config of ${resolved.description} for stack ${stack} is invalid; nothing was deployed`);
      if (result.code !== 0) throw new StepFailed(`the offline plan of ${resolved.description} failed (${exitDescription(result)}); nothing was deployed`);
    });

    await progress.step(`pulumi preview --stack ${stack}`, async () => {
      const result = await run(pulumi, pulumiArgs.preview(pulumiTarget, planFile));
      if (result.code !== 0) throw new StepFailed(`pulumi preview failed (${exitDescription(result)}); nothing was deployed`);
    });

    if (!options.yes) {
      const approved = await confirm(`Deploy ${resolved.description} to stack ${stack}?`, options.input, options.output);
      if (!approved) throw new StepFailed("rollback declined; nothing was deployed");
    }

    await progress.step(`pulumi up --stack ${stack}`, async () => {
      const result = await run(pulumi, pulumiArgs.up(pulumiTarget, planFile, `rollback to ${resolved.description}`));
      if (result.code !== 0) {
        throw new StepFailed(`pulumi up failed (${exitDescription(result)}); the stack may be partly rolled back: check pulumi stack history --stack ${stack} and docs/rollback.md`);
      }
    });
    return resolved;
  } finally {
    // A failed cleanup is reported, never allowed to hide how the rollback itself ended.
    await progress.step("remove the temporary worktree", () => removeWorktree(repo.root, worktree, env)).catch((error: Error) =>
      progress.note(`${error.message}; remove it by hand: git worktree remove --force ${worktree}`),
    );
  }
}

/**
 * Runs one step's command in the worktree, with the terminal attached. An interruption that arrived while
 * it ran wins over its exit status: the child was cancelled, it did not fail on its own.
 */
async function runStep(file: string, args: readonly string[], cwd: string, options: RollbackOptions): Promise<CommandResult> {
  options.interruption.throwIfInterrupted();
  let result: CommandResult;
  try {
    result = await runCommand(file, args, { cwd, env: options.env, interruption: options.interruption });
  } catch (error) {
    if (error instanceof CommandNotFound) throw new UserError(`${error.file} is not installed or not on PATH`);
    throw error;
  }
  const signal = options.interruption.signal;
  if (signal) throw new Interrupted(signal);
  return result;
}
