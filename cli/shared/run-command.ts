import { ChildProcess, spawn } from "node:child_process";

/** How a child process ended, with its output when it was captured. */
export interface CommandResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** Capture stdout/stderr for parsing (git, `stack history`); otherwise the child talks to the user's terminal. */
  readonly capture?: boolean;
  /**
   * The child gets SIGINT and SIGTERM from this Interruption only, exactly once: it runs in its own process
   * group, so a Ctrl-C or `kill -- -PGID` aimed at this command cannot reach it a second time (see
   * cli/shared/interruption.ts). Its stdin is not attached, since a background group must not read the terminal.
   */
  readonly interruption?: { track(child: ChildProcess | undefined, group?: boolean): void };
  /** Signal the child's whole process group, not only the child (see Interruption.track). */
  readonly signalGroup?: boolean;
}

/** Raised when the executable itself is missing, so callers can name the tool to install. */
export class CommandNotFound extends Error {
  constructor(readonly file: string) {
    super(`${file}: command not found`);
  }
}

/**
 * Runs `file` with `args` as an argument vector, never through a shell: a ref or stack name typed by the
 * user can never be interpreted as shell syntax. Resolves with the exit status even when it is non-zero;
 * deciding what a status means is the caller's business.
 */
export function runCommand(file: string, args: readonly string[], options: RunOptions): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: options.capture ? ["ignore", "pipe", "pipe"] : options.interruption ? ["ignore", "inherit", "inherit"] : "inherit",
      detached: options.interruption !== undefined,
    });
    options.interruption?.track(child, options.signalGroup);
    let stdout = "";
    let stderr = "";
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", (error: NodeJS.ErrnoException) => {
      options.interruption?.track(undefined);
      reject(error.code === "ENOENT" ? new CommandNotFound(file) : error);
    });
    child.on("close", (code, signal) => {
      options.interruption?.track(undefined);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** "exit 255" or "killed by SIGKILL", for messages about a step that failed. */
export function exitDescription(result: CommandResult): string {
  return result.signal ? `killed by ${result.signal}` : `exit ${result.code}`;
}
