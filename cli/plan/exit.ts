/**
 * How the plan and handover commands end on an error: one line per problem on stderr, no stack trace, and
 * an exit code a CI job or `npm run rollback` can act on.
 */
import { ConfigError } from "../../config/errors";
import { PackConfigError } from "../../offline/run-policies";
import { UserError } from "../shared/user-error";
import type { CliIO } from "./io";

export const EXIT = {
  ok: 0,
  /** A mandatory policy is violated: `pulumi up` would refuse this plan. */
  mandatoryViolation: 1,
  /** The stack's config (or its policy pack config) is invalid, or the command was called wrongly. */
  configError: 2,
  /** A bug in the program, the pack or this command, not in the stack: printed with its stack trace, to report. */
  internalError: 3,
  /** `--diff` deletes or rewrites more of a zone than launch-stack:changeSafety allows, without --allow-mass-change. */
  massChange: 4,
  /** `handover --require-ready`: the document is written, and its launch verdict is "Not ready". */
  notReady: 5,
} as const;

/** Runs a command body; config and usage errors print like `pulumi up` prints them and exit 2. */
export async function withExitCodes(io: CliIO, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof ConfigError || error instanceof PackConfigError || error instanceof UserError) {
      io.err(`error: ${error.message}\n`);
      return EXIT.configError;
    }
    io.err(`internal error: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    return EXIT.internalError;
  }
}
