/**
 * From a stack name to its plan document: read `Pulumi.<stack>.yaml`, evaluate the real program under the
 * mock runtime as `pulumi up` would declare it (preview), and run the policy pack's own policies over it.
 */
import type { RawConfig } from "../../gate/load";
import { evaluateProgram } from "../../offline/evaluate";
import { loadPackConfig, runPolicies } from "../../offline/run-policies";
import { checkProject, parseStackName } from "../shared/stack-name";
import { planDocument, PlanDocument } from "./document";
import type { CliIO } from "./io";
import { redact, secretTexts } from "./redact";

/**
 * `--stack` in any form Pulumi accepts (`prod`, `acme/prod`, `acme/launch-stack/prod`), and its config:
 * `stack` is the stack's own name (the last segment), the one its files and the program's getStack() use.
 */
export function readStack(io: CliIO, input: string, cwd: string): { stack: string; raw: RawConfig } {
  const name = parseStackName(input);
  checkProject(name, cwd);
  return { stack: name.name, raw: io.readConfig(name.name, cwd) };
}


const RUNTIME_WARNING = /^warning: \[runtime\] /;

/**
 * The program's `pulumi.log.warn` lines (what `pulumi preview` lists as warnings) go to console.warn under
 * the mock runtime; they are collected for the report instead, once each. Other console output passes.
 */
async function withWarningsCollected<T>(run: () => Promise<T>): Promise<{ result: T; warnings: string[] }> {
  const warnings: string[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    const text = args.map(String).join(" ");
    if (!RUNTIME_WARNING.test(text)) return warn(...args);
    const warning = text.replace(RUNTIME_WARNING, "");
    if (!warnings.includes(warning)) warnings.push(warning);
  };
  try {
    return { result: await run(), warnings };
  } finally {
    console.warn = warn;
  }
}

export async function buildPlan(raw: RawConfig, stack: string): Promise<PlanDocument> {
  const { result: ev, warnings } = await withWarningsCollected(() => evaluateProgram(raw, { stack, preview: true }));
  const violations = await runPolicies(ev, { config: loadPackConfig(stack) });
  const secrets = secretTexts(raw, ev);
  return planDocument(ev, violations.map((v) => ({ ...v, message: redact(v.message, secrets) })), warnings.map((w) => redact(w, secrets)));
}
