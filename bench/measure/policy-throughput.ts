/**
 * The pack's evaluation cost: the prod stack's recorded resources replicated into a stack of at least
 * 10,000 (each copy its own zone ids and `.test` domains, so every copy is a compliant stack of its own),
 * then every policy over all of them, once, after one warm-up run over the prod stack itself.
 */
import type { Evaluation } from "../../offline/evaluate";
import { evaluateProgram } from "../../offline/evaluate";
import type { RecordedResource } from "../../offline/recording-runtime";
import { loadPackConfig, runPolicies } from "../../offline/run-policies";
import { readStackFile } from "../../offline/stack-file";
import { REPO } from "../rows";
import { fail, measure } from "./measured";

const RESOURCES = 10_000;

/** Copy `k` of a recorded value: zone ids and domains of the copy's own, so copies never share a zone. */
function copyOf(value: Record<string, unknown> | undefined, k: number, zoneIds: readonly string[]): Record<string, unknown> | undefined {
  if (value === undefined || k === 0) return value;
  let text = JSON.stringify(value);
  for (const id of zoneIds) text = text.split(id).join(`${k.toString(16).padStart(8, "0")}${id.slice(8)}`);
  return JSON.parse(text.replace(/example\.(com|net)/g, (_m, tld: string) => `example-${tld}-${k}.test`));
}

/** Whole copies of `ev`'s resources until there are at least `total`. */
function replicate(ev: Evaluation, total: number): Evaluation {
  const zoneIds = [...new Set(ev.resources.map((r) => r.wire.zoneId).filter((z): z is string => typeof z === "string" && /^[0-9a-f]{32}$/.test(z)))];
  const resources: RecordedResource[] = [];
  for (let k = 0; resources.length < total; k++) {
    const tag = (s: string) => (k === 0 ? s : `${s}-${k}`);
    for (const r of ev.resources) {
      resources.push({ ...r, name: tag(r.name), urn: tag(r.urn), parent: r.parent && tag(r.parent), wire: copyOf(r.wire, k, zoneIds)!, outputs: copyOf(r.outputs, k, zoneIds) });
    }
  }
  return { ...ev, resources };
}

async function main(): Promise<void> {
  const prod = await evaluateProgram(readStackFile("prod", REPO), { stack: "prod" });
  const config = loadPackConfig("prod");
  await runPolicies(prod, { config });
  const big = replicate(prod, RESOURCES);
  let found: string[] = [];
  await measure(async () => {
    found = (await runPolicies(big, { config })).map((v) => `${v.policy}: ${v.message.split("\n")[1] ?? v.message}`);
  });
  if (found.length > 0) fail(`${found.length} violations over ${big.resources.length} replicated resources, e.g. ${found[0]}`);
}

main().catch((e) => fail(String(e?.stack ?? e)));
