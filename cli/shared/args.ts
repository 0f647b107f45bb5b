/** Command-line parsing shared by every command: commander, with usage errors and --help as exit codes. */
import { Command, CommanderError } from "commander";

/** Parsed options, or the exit code to return instead of running (0 for --help, 2 for a usage error). */
export type Parsed<T> = { options: T } | { exitCode: number };

/** Parses `argv` (the user's arguments, without node and the script) with a program built with exitOverride(). */
export function parseArgs<T extends object>(program: Command, argv: readonly string[]): Parsed<T> {
  try {
    program.exitOverride().parse(argv, { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) return { exitCode: error.exitCode === 0 ? 0 : 2 };
    throw error;
  }
  return { options: program.opts() as T };
}
