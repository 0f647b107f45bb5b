/**
 * `npm run stacks [-- --github-output]`: every stack of the project, found from its `Pulumi.<stack>.yaml`,
 * so the workflows deploy, preview and watch for drift whatever stacks exist, not a list written twice.
 * A stack whose `launch-stack:environment` is prod waits for the `production` environment's approval; any
 * other deploys at once, in a GitHub environment named after its own environment. Exit 0, or 2 on a usage error.
 */
import { Command } from "commander";
import { ConfigError } from "../config/errors";
import { parseArgs } from "./shared/args";
import { discoverStacks, type DiscoveredStack } from "./stacks/discover";
import { fromUser } from "./shared/user-directory";

function main(argv: readonly string[]): number {
  const program = new Command()
    .name("stacks")
    .description("List the project's stacks (Pulumi.<stack>.yaml), their environment and pack config.")
    .option("--cwd <dir>", "the Pulumi project directory (relative to where you ran npm)", process.cwd())
    .option("--github-output", "print all=, direct= and gated= lines of JSON for $GITHUB_OUTPUT (matrix include lists)", false);
  const parsed = parseArgs<{ cwd: string; githubOutput: boolean }>(program, argv);
  if ("exitCode" in parsed) return parsed.exitCode;
  let stacks: DiscoveredStack[];
  try {
    stacks = discoverStacks(fromUser(parsed.options.cwd));
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`error: ${error.problems.join("\n  ")}\n`);
    return 2;
  }
  if (parsed.options.githubOutput) {
    const line = (name: string, list: DiscoveredStack[]) => `${name}=${JSON.stringify(list)}\n`;
    process.stdout.write(line("all", stacks) + line("direct", stacks.filter((s) => !s.gated)) + line("gated", stacks.filter((s) => s.gated)));
  } else {
    for (const s of stacks) process.stdout.write(`${s.stack}  environment ${s.environment}${s.gated ? " (needs approval)" : ""}  pack config ${s.packConfig || "none"}\n`);
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
