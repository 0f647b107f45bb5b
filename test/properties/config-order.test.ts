/**
 * Order means nothing in a config mapping: the engine hands the program every object with its keys sorted
 * (offline/engine-config.ts), and wherever the program lists members of a set (host lists in rule
 * expressions, the hostnames, uptimeChecks and alarms outputs, the read policy's Resource list) it sorts
 * them itself. Both halves are checked: shuffled mapping keys in `Pulumi.<stack>.yaml`, through the loader,
 * and shuffled keys in the config JSON fed straight to the program, past the loader's sort. Each case
 * compares every resource's inputs and parent and every stack output with the unshuffled stack's, in the
 * canonical JSON form (object keys sorted, arrays and strings as they are), outside preview so the read
 * policy's ARNs are known.
 */
import { strict as assert } from "node:assert";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { isMap, isSeq, parseDocument } from "yaml";
import type { RawConfig } from "../../gate/load";
import { engineConfigEnvironment, goJsonMarshal } from "../../offline/engine-config";
import { Evaluation, evaluateProgram } from "../../offline/evaluate";
import { readStackFile, stackFilePath } from "../../offline/stack-file";
import { REPO } from "../support/harness";
import { runs } from "./runs";

type Stack = "prod" | "staging";
const STACKS: Stack[] = ["prod", "staging"];
/** Whole programs, two stacks: ~150 ms a case on an idle machine. */
const ORDER_RUNS = 12;

/** What the engine would receive, keyed by URN, in canonical JSON: registration order is not compared. */
function declared(ev: Evaluation): Record<string, string> {
  const out: Record<string, string> = { "stack outputs": goJsonMarshal(ev.wireOutputs) };
  for (const r of ev.resources) out[r.urn] = goJsonMarshal({ parent: r.parent ?? null, inputs: r.wire, outputs: r.outputs ?? null });
  return out;
}

/** Reorders `items` by the draws (stable, so all-zero draws, where shrinking ends, keep the original order). */
function reorder<T>(items: T[], draws: number[], at: { i: number }): T[] {
  const keyed = items.map((item) => ({ item, key: draws[at.i++ % draws.length] }));
  return keyed.sort((a, b) => a.key - b.key).map((k) => k.item);
}

/** The stack file's text with every mapping's keys reordered, comments and values untouched. */
function shuffledStackFile(text: string, draws: number[]): string {
  const doc = parseDocument(text);
  const at = { i: 0 };
  const visit = (node: unknown): void => {
    if (isMap(node)) {
      node.items = reorder(node.items, draws, at);
      node.items.forEach((pair) => visit(pair.value));
    } else if (isSeq(node)) node.items.forEach(visit);
  };
  visit(doc.contents);
  return doc.toString();
}

function shuffledJson(v: unknown, draws: number[], at: { i: number }): unknown {
  if (Array.isArray(v)) return v.map((e) => shuffledJson(e, draws, at));
  if (typeof v !== "object" || v === null) return v;
  return Object.fromEntries(reorder(Object.entries(v), draws, at).map(([k, e]) => [k, shuffledJson(e, draws, at)]));
}

/** The raw config with the keys inside every object value reordered: input the engine never sends, so only the program's own sorting keeps it stable. */
function shuffledRaw(raw: RawConfig, draws: number[]): RawConfig {
  const at = { i: 0 };
  const values = Object.fromEntries(Object.entries(raw.values).map(([k, v]) => [k, /^[[{]/.test(v) ? JSON.stringify(shuffledJson(JSON.parse(v), draws, at)) : v]));
  return { ...raw, values };
}

const draws = fc.array(fc.nat({ max: 1000 }), { minLength: 1, maxLength: 64 });

describe("property: the order of keys in a config mapping changes nothing", function () {
  this.timeout(120_000);
  const baseline = {} as Record<Stack, { raw: RawConfig; declared: Record<string, string> }>;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "config-order-"));
    for (const stack of STACKS) {
      const raw = readStackFile(stack, REPO);
      baseline[stack] = { raw, declared: declared(await evaluateProgram(raw, { stack, preview: false })) };
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it(`gives the program the same PULUMI_CONFIG bytes from a stack file with its mappings in any order (${ORDER_RUNS * 5} files)`, () => {
    fc.assert(fc.property(fc.constantFrom(...STACKS), draws, (stack, d) => {
      writeFileSync(stackFilePath(stack, dir), shuffledStackFile(readFileSync(stackFilePath(stack, REPO), "utf8"), d));
      assert.deepEqual(engineConfigEnvironment(readStackFile(stack, dir)), engineConfigEnvironment(baseline[stack].raw));
    }), runs(ORDER_RUNS * 5));
  });

  it(`declares the same resources, inputs and stack outputs from a stack file with its mappings in any order (${ORDER_RUNS} programs)`, async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom(...STACKS), draws, async (stack, d) => {
      writeFileSync(stackFilePath(stack, dir), shuffledStackFile(readFileSync(stackFilePath(stack, REPO), "utf8"), d));
      assert.deepEqual(declared(await evaluateProgram(readStackFile(stack, dir), { stack, preview: false })), baseline[stack].declared);
    }), runs(ORDER_RUNS));
  });

  it(`declares the same resources, inputs and stack outputs when object keys reach the program unsorted (${ORDER_RUNS} programs)`, async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom(...STACKS), draws, async (stack, d) => {
      assert.deepEqual(declared(await evaluateProgram(shuffledRaw(baseline[stack].raw, d), { stack, preview: false })), baseline[stack].declared);
    }), runs(ORDER_RUNS));
  });
});
