/** A generated config through the real program, as the plan evaluates it (a PR preview named after its environment). */
import type { Evaluation } from "../../offline/evaluate";
import { evaluateProgram } from "../../offline/evaluate";
import { GeneratedConfig, toRaw } from "./arbitraries";

/** Runtime warnings (DMARC p=none in staging, domains without mail) are allowed: the plan lists them, the test log does not. */
export async function evaluateGenerated(g: GeneratedConfig): Promise<Evaluation> {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => { if (!String(args[0]).startsWith("warning: [runtime]")) warn(...args); };
  try {
    return await evaluateProgram(toRaw(g), { stack: g.config.environment as string });
  } finally {
    console.warn = warn;
  }
}
