/** Command-line options of `npm run plan` and `npm run handover` (commander), with usage errors as exit 2. */
import { Command, InvalidArgumentError, Option } from "commander";
import { DEFAULT_MAX_AUDIT_AGE_HOURS } from "../handover/audit-age";
import { parseArgs, Parsed } from "../shared/args";
import type { CliIO } from "./io";

export interface PlanOptions {
  stack: string;
  /** The Pulumi project directory (where Pulumi.<stack>.yaml lives). */
  cwd: string;
  json: boolean;
  markdown: boolean;
  /** A plan --json file or a git ref to compare with. */
  diff?: string;
  /** Let a diff that trips the mass-change brake (cli/plan/brake.ts) pass, still showing what tripped. */
  allowMassChange: boolean;
}

export interface HandoverOptions {
  stack: string;
  cwd: string;
  /** Where to write the runbook, relative to where npm ran; "-" for stdout; default handover-<stack>.md in cwd. */
  out?: string;
  /** A saved `npm run verify -- --json` result for the scorecard's "as live" column. */
  verify?: string;
  /** Hours after which a --verify result no longer counts as a live audit (cli/handover/audit-age.ts). */
  maxVerifyAge: number;
  /** Exit 5 when the verdict is "Not ready", for a CI job that gates a launch on it. */
  requireReady: boolean;
}


/** The built-in default: the README's first command plans staging, the stack a newcomer can read safely. */
export const DEFAULT_STACK = "staging";

function command(name: string, description: string, io: CliIO): Command {
  return new Command()
    .name(name)
    .description(description)
    .option("--stack <name>", "the stack, e.g. staging or prod (reads Pulumi.<name>.yaml)", DEFAULT_STACK)
    .option("--cwd <dir>", "the Pulumi project directory (relative to where you ran npm)", process.cwd())
    .configureOutput({ writeOut: io.out, writeErr: io.err });
}

export function parsePlanOptions(argv: readonly string[], io: CliIO): Parsed<PlanOptions> {
  const program = command(
    "plan",
    "The stack's desired state and policy verdicts, offline, without cloud credentials. " +
      "Exit 0: plan passes; 1: a mandatory policy is violated; 2: invalid config or usage; 3: internal error; " +
      "4: the --diff is a mass change (see --allow-mass-change).",
    io,
  )
    .addOption(new Option("--json", "print the plan as one JSON document").default(false).conflicts("markdown"))
    .addOption(new Option("--markdown", "print a compact summary for a pull-request comment").default(false))
    .option("--diff <plan.json|git-ref>", "compare with a saved plan (--json output, relative to where you ran npm) or the plan of a git ref")
    .option("--allow-mass-change", "with --diff: let a change that deletes or rewrites much of a zone pass (exit 4 otherwise)", false);
  return parseArgs<PlanOptions>(program, argv);
}

function positiveHours(value: string): number {
  const hours = Number(value);
  if (value.trim() === "" || !Number.isFinite(hours) || hours <= 0) throw new InvalidArgumentError("give a number of hours above 0, e.g. 24");
  return hours;
}

export function parseHandoverOptions(argv: readonly string[], io: CliIO): Parsed<HandoverOptions> {
  const program = command(
    "handover",
    "Write the stack's runbook: hostnames, redirects, edge settings, email, secrets, monitoring, rollback. " +
      "Exit 0: written, whatever the verdict; 1: written, but a mandatory policy is violated; 2: invalid config or usage; " +
      "3: internal error; 5: written, and the verdict is Not ready (only with --require-ready).",
    io,
  )
    .option("--out <file>", "where to write the runbook (relative to where you ran npm), - for stdout (default: handover-<stack>.md in --cwd)")
    .option("--verify <verify.json>", "a saved npm run verify -- --stack <name> --json result (relative to where you ran npm): the scorecard's live column")
    .option(
      "--max-verify-age <hours>",
      "a --verify result older than this, or than the last commit changing what the stack declares, counts as no live audit",
      positiveHours,
      DEFAULT_MAX_AUDIT_AGE_HOURS,
    )
    .option("--require-ready", "exit 5 when the verdict is Not ready (a CI gate); without it, a written document exits 0", false);
  return parseArgs<HandoverOptions>(program, argv);
}
