/**
 * `npm run plan -- --stack <name> [--json | --markdown] [--diff <plan.json | git ref>]`: the stack's desired
 * state and the policy pack's verdicts, offline and without credentials, for a newcomer's laptop and for
 * pull requests from forks. Exit 0: the plan passes; 1: a mandatory policy is violated; 2: invalid config
 * or usage; 3: internal error.
 */
import { fromUser } from "./shared/user-directory";
import { loadBase } from "./plan/base";
import { diffPlans, PlanDiff } from "./plan/diff";
import { EXIT, withExitCodes } from "./plan/exit";
import { CliIO, processIO } from "./plan/io";
import { renderMarkdown } from "./plan/markdown";
import { parsePlanOptions, type PlanOptions } from "./plan/options";
import { Interrupted, Interruption } from "./shared/interruption";
import { buildPlan, readStack } from "./plan/stack";
import { renderText } from "./plan/text";
import { blocksDeployment } from "./plan/violations";

export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const parsed = parsePlanOptions(argv, io);
  if ("exitCode" in parsed) return parsed.exitCode;
  const cwd = fromUser(parsed.options.cwd);
  // Only a --diff base runs a child in a worktree; without one, the default signal handling loses nothing.
  const interruption = parsed.options.diff === undefined ? undefined : new Interruption();
  interruption?.install();
  try {
    return await withExitCodes(io, () => planCommand(io, parsed.options, cwd, interruption));
  } finally {
    interruption?.uninstall();
  }
}

async function planCommand(io: CliIO, options: PlanOptions, cwd: string, interruption: Interruption | undefined): Promise<number> {
  const { json, markdown, diff: baseSpec } = options;
  const { stack, raw } = readStack(io, options.stack, cwd);
  // The base plans in a child process: start it first so both plans run at once, and let it finish
  // (removing its worktree) even when this plan fails.
  const base = baseSpec === undefined ? undefined : loadBase(baseSpec, { stack, cwd, env: io.env, interruption });
  const baseSettled = base?.then(() => undefined, () => undefined);
  // A signal stops the base's child once; the command ends as soon as its worktree is gone, without
  // waiting for this plan's evaluation, which holds nothing to clean up.
  const interrupted = interruption?.whenInterrupted().then(async (signal) => {
    await baseSettled;
    const error = new Interrupted(signal);
    io.err(`plan: ${error.message}\n`);
    return error.exitCode;
  });
  let doc;
  try {
    const planned = buildPlan(raw, stack);
    const first = await Promise.race([planned, ...(interrupted ? [interrupted] : [])]);
    if (typeof first === "number") return first;
    doc = first;
  } finally {
    await baseSettled;
  }
  if (interrupted && interruption?.signal) return interrupted;

  const diff: PlanDiff | undefined = base && diffPlans(await base, doc, baseSpec!);
  if (json) io.out(`${JSON.stringify(diff ? { ...doc, diff } : doc, null, 2)}\n`);
  else if (markdown) io.out(renderMarkdown(doc, diff));
  else io.out(renderText(doc, diff));
  return blocksDeployment(doc.violations) ? EXIT.mandatoryViolation : EXIT.ok;
}

// An interrupted plan exits at once rather than when its abandoned evaluation would have finished.
if (require.main === module) main(process.argv.slice(2), processIO).then((code) => (code >= 128 ? process.exit(code) : (process.exitCode = code)));
