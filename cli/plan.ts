/**
 * `npm run plan -- --stack <name> [--json | --markdown] [--diff <plan.json | git ref>]`: the stack's desired
 * state and the policy pack's verdicts, offline and without credentials, for a newcomer's laptop and for
 * pull requests from forks. Exit 0: the plan passes; 1: a mandatory policy is violated; 2: invalid config
 * or usage; 3: internal error; 4: the --diff is a mass change (cli/plan/brake.ts) and --allow-mass-change
 * was not given.
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
import { brake, renderBrake } from "./plan/brake";
import { parseStackConfig } from "../gate/load";
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

  const baseDoc = await base;
  const diff: PlanDiff | undefined = baseDoc && diffPlans(baseDoc, doc, baseSpec!);
  // Rendered first, then braked, so the reader sees what tripped (as octodns' manager logs the plan, then raises).
  const stop = baseDoc && diff && brake(baseDoc, doc, diff, parseStackConfig(raw).changeSafety, options.allowMassChange);
  const stopLines = stop ? renderBrake(stop) : [];
  if (json) io.out(`${JSON.stringify(diff ? { ...doc, diff, brake: stop } : doc, null, 2)}\n`);
  else if (markdown) io.out(renderMarkdown(doc, diff) + (stopLines.length > 0 ? `\n${stopLines.map((l) => l.replace(/^  ✋ /, "- ✋ ")).join("\n")}\n` : ""));
  else io.out(renderText(doc, diff) + (stopLines.length > 0 ? `${stopLines.join("\n")}\n` : ""));
  if (blocksDeployment(doc.violations)) return EXIT.mandatoryViolation;
  if (stop && stop.trips.length > 0 && !stop.allowed) {
    io.err(`plan: mass change in stack ${stack}: ${stop.trips.length} trip${stop.trips.length === 1 ? "" : "s"}; see above, or pass --allow-mass-change\n`);
    return EXIT.massChange;
  }
  return EXIT.ok;
}

// An interrupted plan exits at once rather than when its abandoned evaluation would have finished.
if (require.main === module) main(process.argv.slice(2), processIO).then((code) => (code >= 128 ? process.exit(code) : (process.exitCode = code)));
