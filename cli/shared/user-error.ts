/** The invocation or the repository is wrong in a way the user can fix: every command prints it as one line and exits 2. */
export class UserError extends Error {
  readonly exitCode = 2;
}
