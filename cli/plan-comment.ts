/**
 * `npm run plan-comment -- plan/<stack>.json ...`: the pull-request comment for every stack's plan, from the
 * files `npm run plan -- --stack <stack> --json --diff <base>` wrote (a stack whose plan failed leaves an
 * empty file and its error in `<stack>.err` beside it). The comment never exceeds GitHub's limit; the full
 * plans are the workflow's `plan` artifact (.github/workflows/pr.yml). Exit 0, or 2 on a usage error.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { Command } from "commander";
import { parseArgs } from "./shared/args";
import { fromUser } from "./shared/user-directory";
import { renderComment, type StackPlan } from "./plan/comment";
import type { BrakeVerdict } from "./plan/brake";
import type { PlanDiff } from "./plan/diff";
import { asPlanDocument } from "./plan/document";

function readPlan(file: string): StackPlan {
  const stack = basename(file).replace(/\.json$/, "");
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(fromUser(file), "utf8"));
  } catch {
    value = undefined;
  }
  const doc = asPlanDocument(value);
  if (doc) {
    const { diff, brake } = value as { diff?: PlanDiff; brake?: BrakeVerdict };
    return { stack: doc.stack, doc, diff, brake };
  }
  const errFile = fromUser(file.replace(/\.json$/, ".err"));
  const error = existsSync(errFile) ? readFileSync(errFile, "utf8") : "";
  return { stack, error: error.trim() || `${file} holds no plan` };
}

/** Where a reviewer finds the full plans: the run's page when on GitHub Actions. */
function fullPlanPointer(env: NodeJS.ProcessEnv, artifact: string): string {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: run } = env;
  const where = server && repo && run ? `[this workflow run](${server}/${repo}/actions/runs/${run})` : "this workflow run";
  return `the \`${artifact}\` artifact of ${where}`;
}

function main(argv: readonly string[]): number {
  const program = new Command()
    .name("plan-comment")
    .usage("[--artifact <name>] [--full <file>] <plan.json...>")
    .description("Assemble the pull-request comment from each stack's plan --json --diff output, within GitHub's comment limit.")
    .option("--artifact <name>", "the workflow artifact that holds the full plans", "plan")
    .option("--full <file>", "also write the whole comment, never cut, to this file (for the artifact)")
    .argument("<plan.json...>", "one file per stack, written by npm run plan -- --stack <stack> --json --diff <base>");
  const parsed = parseArgs<{ artifact: string; full?: string }>(program, argv);
  if ("exitCode" in parsed) return parsed.exitCode;
  const plans = program.args.map(readPlan);
  const fullPlan = fullPlanPointer(process.env, parsed.options.artifact);
  if (parsed.options.full) writeFileSync(fromUser(parsed.options.full), renderComment(plans, { fullPlan, limit: Infinity }));
  process.stdout.write(renderComment(plans, { fullPlan }));
  return 0;
}

process.exitCode = main(process.argv.slice(2));
