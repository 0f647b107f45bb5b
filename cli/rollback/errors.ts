/**
 * How a rollback ends without deploying, besides a UserError (cli/shared/user-error.ts, exit 2): each with
 * its own exit code, so a script or CI job can tell "the target was refused" from "someone pressed Ctrl-C".
 */

/** A step ran and failed (policy rejection, failed preview or up, declined confirmation): exit 1. */
export class StepFailed extends Error {
  readonly exitCode = 1;
}

/** The user or the CI runner interrupted the rollback: exit 128 + the signal's number, as a shell would report. */
export class Interrupted extends Error {
  readonly exitCode: number;

  constructor(readonly signal: "SIGINT" | "SIGTERM") {
    super(`interrupted by ${signal}`);
    this.exitCode = signal === "SIGINT" ? 130 : 143;
  }
}
