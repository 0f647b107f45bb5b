import type { ChildProcess } from "node:child_process";

export type StopSignal = "SIGINT" | "SIGTERM";

/** The command was interrupted: exit 128 + the signal's number, as a shell would report it (130, 143). */
export class Interrupted extends Error {
  readonly exitCode: number;

  constructor(readonly signal: StopSignal) {
    super(`interrupted by ${signal}`);
    this.exitCode = signal === "SIGINT" ? 130 : 143;
  }
}

/** A repeat further apart than this is a person pressing Ctrl-C again, not one signal delivered twice. */
const SAME_DELIVERY_MS = 1000;

/**
 * Turns SIGINT and SIGTERM into an orderly unwind, and hands each running child the signal exactly once.
 *
 * Why the children run in their own process group: a signal reaches this process by several roads at once.
 * Ctrl-C and `kill -- -PGID` (timeout, systemd, a CI runner) signal the whole group, `kill <pid>` signals
 * npm only, and npm (@npmcli/run-script's signal-manager) forwards SIGINT and SIGTERM to its script, which
 * `exec` in package.json makes this process. So this process sees one signal once or twice, and a child in
 * the same group would see it once from the sender and once more from any forwarder. The Pulumi CLI reads
 * a second signal as "stop now, abandon the operations in flight", which leaves pending operations in the
 * state. Nothing in a signal says who sent it, so "forward only when the child did not get it" cannot be
 * decided; instead `runCommand` starts every tracked child detached (its own group, stdin not attached, so
 * it never touches the terminal) where no group-wide signal reaches it, and this class is its only sender:
 * the first SIGINT or SIGTERM is forwarded to the running child, every later one is ignored (the child is
 * already cancelling; a person who repeats Ctrl-C is told so). The command waits for the child to exit,
 * then throws `Interrupted`, and its `finally` blocks remove what it made.
 *
 * The cost: a SIGKILL of this process (which no handler sees) leaves the child running to its end rather
 * than killing it mid-update, which for `pulumi up` is the safer of the two.
 */
export class Interruption {
  private received: StopSignal | undefined;
  private receivedAt = 0;
  private running: { child: ChildProcess; group: boolean } | undefined;
  private readonly waiting: ((signal: StopSignal) => void)[] = [];
  private readonly onSigint = (): void => this.receive("SIGINT");
  private readonly onSigterm = (): void => this.receive("SIGTERM");

  /** `notice` is told, once per repeat a person makes, that the first signal is still being acted on. */
  constructor(private readonly notice: (message: string) => void = (message) => process.stderr.write(`${message}\n`)) {}

  /** Takes over SIGINT and SIGTERM for this process until `uninstall`. */
  install(): void {
    process.on("SIGINT", this.onSigint);
    process.on("SIGTERM", this.onSigterm);
  }

  uninstall(): void {
    process.off("SIGINT", this.onSigint);
    process.off("SIGTERM", this.onSigterm);
  }

  /**
   * The child that the signal must reach; undefined once it has exited. `group`: signal its whole process
   * group (a child that may not pass signals on, such as an old commit's `sh -c` npm script) rather than the
   * child alone (`pulumi`, which stops its own plugins and must hear a signal once). A child started after
   * the signal (it raced a step boundary) gets it at once, since no one else will send it one.
   */
  track(child: ChildProcess | undefined, group = false): void {
    this.running = child && { child, group };
    if (this.received) this.forward(this.received);
  }

  get signal(): StopSignal | undefined {
    return this.received;
  }

  /** Resolves with the first signal; for commands that must unwind from outside their main flow. */
  whenInterrupted(): Promise<StopSignal> {
    return new Promise((resolve) => (this.received ? resolve(this.received) : this.waiting.push(resolve)));
  }

  /** Called between steps, so nothing new starts after an interruption. */
  throwIfInterrupted(): void {
    if (this.received) throw new Interrupted(this.received);
  }

  private forward(signal: StopSignal): void {
    const pid = this.running?.child.pid;
    const child = this.running?.child;
    if (pid === undefined || child?.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(this.running?.group ? -pid : pid, signal);
    } catch {
      // it exited in the meantime
    }
  }

  private receive(signal: StopSignal): void {
    if (this.received) {
      if (Date.now() - this.receivedAt > SAME_DELIVERY_MS) {
        this.receivedAt = Date.now();
        const pid = this.running?.child.pid;
        const child = pid ? `; the running command (pid ${pid}) is stopping and will not be signalled twice` : "";
        this.notice(`already interrupted by ${this.received}${child}`);
      }
      return;
    }
    this.received = signal;
    this.receivedAt = Date.now();
    this.forward(signal);
    for (const resolve of this.waiting.splice(0)) resolve(signal);
  }
}
