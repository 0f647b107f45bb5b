/**
 * How many cases each property runs, and how a failure is reproduced. fast-check prints the seed and the
 * shrunk counterexample's path of a failing property; `FC_SEED=<seed> [FC_PATH=<path>] npm test` replays
 * exactly that case (the same seed generates the same configs on any machine).
 */
import fc from "fast-check";

export function runs(numRuns: number): fc.Parameters<unknown> {
  const seed = process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED);
  return { numRuns, verbose: 1, ...(seed === undefined ? {} : { seed, path: process.env.FC_PATH }) };
}

/** Config-layer properties: parsing and the plain-data models, ~5 ms a case. */
export const CONFIG_RUNS = 300;
/** Whole-program properties: index.ts evaluated under the mock runtime and the whole pack, ~120 ms a case. */
export const PROGRAM_RUNS = 25;
/** One resource input mutated and the whole pack run over the stack, ~20 ms a case. */
export const MUTATION_RUNS = 200;
