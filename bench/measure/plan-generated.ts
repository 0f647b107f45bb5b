/**
 * `plan-generated.ts <zones>`: the offline plan (evaluation of index.ts, then every policy) of a generated
 * prod stack of that many zones, after one plan of a one-zone stack has loaded and compiled every module:
 * the part of `npm run plan` that grows with the stack.
 */
import { buildPlan } from "../../cli/plan/stack";
import { blocksDeployment } from "../../cli/plan/violations";
import { generatedStack } from "../generated-stack";
import { countArg, fail, measure } from "./measured";

async function main(): Promise<void> {
  const zones = countArg("plan-generated.ts");
  await buildPlan(generatedStack(1), "prod");
  const raw = generatedStack(zones);
  let violations: string[] = [];
  await measure(async () => {
    const doc = await buildPlan(raw, "prod");
    if (blocksDeployment(doc.violations)) violations = doc.violations.map((v) => `${v.policy}: ${v.message.split("\n")[1] ?? v.message}`);
  });
  if (violations.length > 0) fail(`the generated stack of ${zones} zones violates ${violations[0]}`);
}

main().catch((e) => fail(String(e?.stack ?? e)));
