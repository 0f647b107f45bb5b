/**
 * `pack-start.ts as-engine|typescript-sources|transpile-only`: how long the policy pack takes from spawn to
 * serving (the port on stdout, what a preview waits for before its first Analyze): started as the engine
 * starts it, through run-policy-pack, loading the compiled `main`; or run-policy-pack on the TypeScript
 * sources, as the pack started before it was compiled (ts-node type-checks them); or transpile-only with SWC.
 */
import { PackStart, startPolicyPack } from "../../test/support/analyzer";
import { fail } from "./measured";

async function main(): Promise<void> {
  const how = process.argv[2];
  if (how !== "as-engine" && how !== "typescript-sources" && how !== "transpile-only") fail("usage: pack-start.ts as-engine|typescript-sources|transpile-only");
  const pack = await startPolicyPack(how as PackStart);
  pack.stop();
  process.stdout.write(`${pack.startMs.toFixed(1)}\n`);
}

main().catch((e) => fail(String(e?.stack ?? e)));
