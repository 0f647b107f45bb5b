/**
 * The protocol of a self-timed bench row: the command times the one phase the row is about (not node's
 * and ts-node's start-up) and prints its milliseconds as the last line of stdout. Anything wrong with
 * what it measured (a violation, a failed check) goes to stderr with exit 1, so the row fails.
 */
export async function measure(run: () => Promise<void>): Promise<void> {
  const started = performance.now();
  await run();
  process.stdout.write(`${(performance.now() - started).toFixed(1)}\n`);
}

/** Ends the command as a failed row: the bench prints the first line of `message`. */
export function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

/** A positional integer argument, e.g. the zone count of `plan-generated.ts 50`. */
export function countArg(name: string): number {
  const n = Number(process.argv[2]);
  if (!Number.isInteger(n) || n < 1) fail(`usage: ${name} <count>`);
  return n;
}
