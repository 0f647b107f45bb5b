import { Command } from "commander";
import { parseArgs } from "./shared/args";
import { fromUser } from "./shared/user-directory";
import { StepFailed } from "./rollback/errors";
import { UserError } from "./shared/user-error";
import { Interrupted, Interruption } from "./shared/interruption";
import { lineProgress } from "./rollback/progress";
import { rollback } from "./rollback/steps";

/**
 * `npm run rollback -- --stack prod --to <git ref | stack version>`: redeploys an earlier commit's code and
 * config from a temporary worktree, gated by that commit's offline plan and policy pack, the real preview and
 * a confirmation. Exit codes: 0 deployed, 1 a step failed or was declined, 2 a usage or repository error,
 * 130/143 interrupted. See docs/rollback.md.
 */
async function main(argv: readonly string[]): Promise<number> {
  const program = new Command()
    .name("rollback")
    .usage("--stack <name> --to <git-ref|version> [--yes] [--cwd <dir>]")
    .description("Redeploy an earlier commit's code and config to a stack, from a temporary git worktree.")
    .requiredOption("--stack <name>", "stack to roll back, e.g. staging or prod")
    .requiredOption("--to <git-ref|version>", "commit, tag or branch, or an all-digits version from pulumi stack history")
    .option("--yes", "deploy after the preview without asking (required when not on a terminal)", false)
    .option("--cwd <dir>", "the Pulumi project directory in the repository (relative to where you ran npm)", process.cwd());
  const parsed = parseArgs<{ stack: string; to: string; yes: boolean; cwd: string }>(program, argv.slice(2));
  if ("exitCode" in parsed) return parsed.exitCode;
  const flags = parsed.options;

  const interruption = new Interruption();
  interruption.install();
  try {
    const target = await rollback({
      stack: flags.stack,
      to: flags.to,
      yes: flags.yes,
      cwd: fromUser(flags.cwd),
      env: process.env,
      interactive: process.stdin.isTTY === true,
      input: process.stdin,
      output: process.stdout,
      progress: lineProgress(process.stdout),
      interruption,
    });
    process.stdout.write(`✔ stack ${flags.stack} is now at ${target.description}\n`);
    return 0;
  } catch (error) {
    // A Ctrl-C also kills whichever child was running, and that child's failure is not the story.
    const signal = interruption.signal ?? (error instanceof Interrupted ? error.signal : undefined);
    if (signal) {
      const interrupted = new Interrupted(signal);
      process.stderr.write(`rollback: ${interrupted.message}; if pulumi up had started, check: pulumi stack history --stack ${flags.stack}\n`);
      return interrupted.exitCode;
    }
    if (error instanceof UserError || error instanceof StepFailed) {
      process.stderr.write(`rollback: ${error.message}\n`);
      return error.exitCode;
    }
    process.stderr.write(`rollback failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    interruption.uninstall();
  }
}

main(process.argv).then((code) => (process.exitCode = code));
