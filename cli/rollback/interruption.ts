import type { ChildProcess } from "node:child_process";
import { Interrupted } from "./errors";

/**
 * Turns Ctrl-C and SIGTERM into an orderly unwind, so the temporary worktree is always removed.
 *
 * Ctrl-C reaches the whole foreground process group: a running `pulumi up` receives it as well and cancels
 * gracefully by itself. Forwarding it a second time would make Pulumi abandon the update mid-flight and
 * leave pending operations in the state, so SIGINT is only remembered. SIGTERM (a CI runner cancelling
 * the job) is addressed to this process alone and is forwarded to the running child. In both cases the
 * rollback waits for the child to exit, then throws `Interrupted` and the `finally` blocks clean up.
 */
export class Interruption {
  private received: "SIGINT" | "SIGTERM" | undefined;
  private running: ChildProcess | undefined;
  private readonly onSigint = (): void => this.receive("SIGINT");
  private readonly onSigterm = (): void => this.receive("SIGTERM");

  /** Takes over SIGINT and SIGTERM for this process until `uninstall`. */
  install(): void {
    process.on("SIGINT", this.onSigint);
    process.on("SIGTERM", this.onSigterm);
  }

  uninstall(): void {
    process.off("SIGINT", this.onSigint);
    process.off("SIGTERM", this.onSigterm);
  }

  /** The child that a SIGTERM must reach; undefined once it has exited. */
  track(child: ChildProcess | undefined): void {
    this.running = child;
  }

  get signal(): "SIGINT" | "SIGTERM" | undefined {
    return this.received;
  }

  /** Called between steps, so nothing new starts after an interruption. */
  throwIfInterrupted(): void {
    if (this.received) throw new Interrupted(this.received);
  }

  private receive(signal: "SIGINT" | "SIGTERM"): void {
    this.received ??= signal;
    if (signal === "SIGTERM") this.running?.kill("SIGTERM");
  }
}
