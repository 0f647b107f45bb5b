/**
 * `program-engine.ts <stack>`: the program as `pulumi preview` runs it (index.ts through
 * `@pulumi/pulumi/cmd/run`, a loopback stand-in for the engine's ResourceMonitor; test/support/engine.ts),
 * timed from spawn to its last resource registration: what a preview waits for before the engine has
 * seen every resource. Prints the milliseconds, for the row beside the offline plan's time.
 */
import { readStackFile } from "../../offline/stack-file";
import { runThroughEngine } from "../../test/support/engine";
import { REPO } from "../rows";
import { fail } from "./measured";

async function main(): Promise<void> {
  const stack = process.argv[2] ?? "prod";
  const run = await runThroughEngine(stack, readStackFile(stack, REPO));
  if (run.code !== 0) fail(`the program exited with ${run.code}: ${run.stderr.trim().split("\n")[0]}`);
  process.stdout.write(`${run.lastRegistrationMs.toFixed(1)}\n`);
}

main().catch((e) => fail(String(e?.stack ?? e)));
