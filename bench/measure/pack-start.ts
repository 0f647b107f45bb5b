/**
 * `pack-start.ts as-engine|transpile-only`: how long the policy pack takes from spawn to serving (the port
 * on stdout, what a preview waits for before its first Analyze): started as the engine starts it, through
 * run-policy-pack, which always type-checks; or transpile-only with SWC, for comparison.
 */
import { PackStart, startPolicyPack } from "../../test/support/analyzer";
import { fail } from "./measured";

async function main(): Promise<void> {
  const how = process.argv[2];
  if (how !== "as-engine" && how !== "transpile-only") fail("usage: pack-start.ts as-engine|transpile-only");
  const pack = await startPolicyPack(how as PackStart);
  pack.stop();
  process.stdout.write(`${pack.startMs.toFixed(1)}\n`);
}

main().catch((e) => fail(String(e?.stack ?? e)));
