/**
 * How a rollback ends without deploying, besides a UserError (cli/shared/user-error.ts, exit 2) or an
 * Interrupted (cli/shared/interruption.ts, exit 130/143): each with
 * its own exit code, so a script or CI job can tell "the target was refused" from "someone pressed Ctrl-C".
 */

/** A step ran and failed (policy rejection, failed preview or up, declined confirmation): exit 1. */
export class StepFailed extends Error {
  readonly exitCode = 1;
}

