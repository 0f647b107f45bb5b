/**
 * `npm run plan -- --stack <name> [--json | --markdown] [--diff <plan.json | git ref>]`: the stack's desired
 * state and the policy pack's verdicts, offline and without credentials, for a newcomer's laptop and for
 * pull requests from forks. Exit 0: the plan passes; 1: a mandatory policy is violated; 2: invalid config
 * or usage; 3: internal error.
 */
import { resolve } from "node:path";
import { loadBase } from "./plan/base";
import { diffPlans, PlanDiff } from "./plan/diff";
import { EXIT, withExitCodes } from "./plan/exit";
import { CliIO, processIO } from "./plan/io";
import { renderMarkdown } from "./plan/markdown";
import { parsePlanOptions } from "./plan/options";
import { buildPlan, readStack } from "./plan/stack";
import { renderText } from "./plan/text";
import { blocksDeployment } from "./plan/violations";

export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const parsed = parsePlanOptions(argv, io);
  if ("exitCode" in parsed) return parsed.exitCode;
  const { stack, json, markdown, diff: baseSpec } = parsed.options;
  const cwd = resolve(parsed.options.cwd);

  return withExitCodes(io, async () => {
    const raw = readStack(io, stack, cwd);
    // The base plans in a child process: start it first so both plans run at once, and let it finish
    // (removing its worktree) even when this plan fails.
    const base = baseSpec === undefined ? undefined : loadBase(baseSpec, { stack, cwd, env: io.env });
    const baseSettled = base?.then(() => undefined, () => undefined);
    let doc;
    try {
      doc = await buildPlan(raw, stack);
    } finally {
      await baseSettled;
    }
    const diff: PlanDiff | undefined = base && diffPlans(await base, doc, baseSpec!);

    if (json) io.out(`${JSON.stringify(diff ? { ...doc, diff } : doc, null, 2)}\n`);
    else if (markdown) io.out(renderMarkdown(doc, diff));
    else io.out(renderText(doc, diff));
    return blocksDeployment(doc.violations) ? EXIT.mandatoryViolation : EXIT.ok;
  });
}

if (require.main === module) main(process.argv.slice(2), processIO).then((code) => (process.exitCode = code));
