/**
 * Any config the schema rejects is rejected at the door: a ConfigError (a RunError, which `pulumi up`
 * prints without a stack trace), one line per problem, each naming a key path, one of them the key the
 * mistake is at, and nothing declared. Each case is a generated valid config with exactly one mistake
 * (config-mutations.ts). Parsing takes ~5 ms a case and runs CONFIG_RUNS cases; the whole program, to
 * prove no resource is registered before the error, runs PROGRAM_RUNS of them.
 */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import * as settings from "@pulumi/pulumi/runtime/settings";
import { ConfigError } from "../../config/errors";
import { parseStackConfig } from "../../gate/load";
import { evaluateProgram } from "../../offline/evaluate";
import { validStack } from "./arbitraries";
import { brokenStack } from "./config-mutations";
import { CONFIG_RUNS, PROGRAM_RUNS, runs } from "./runs";

/** `<namespace>:<key path>: <what is wrong; the fix>`, on one line. */
const PROBLEM_LINE = /^(launch-stack|cloudflare|aws):[^\s:]+: \S[^\n]*$/;

function rejection(run: () => unknown): ConfigError {
  try {
    run();
  } catch (e) {
    assert.ok(e instanceof ConfigError, `expected a ConfigError, got ${(e as Error).stack}`);
    return e;
  }
  assert.fail("the config was accepted");
}

function assertNamed(error: ConfigError, keyPath: string): void {
  assert.ok(error.problems.length > 0);
  for (const line of error.problems) assert.match(line, PROBLEM_LINE);
  assert.ok(error.problems.some((line) => line.startsWith(`${keyPath}:`) || line.startsWith(`${keyPath}.`) || line.startsWith(`${keyPath}[`)), `no line names ${keyPath}:\n${error.problems.join("\n")}`);
  assert.doesNotMatch(error.message, /\n\s+at /, "no stack frames in the message");
}

describe("property: every config with one mistake", function () {
  this.timeout(60_000);

  it(`is refused with a ConfigError whose every line names a key path, one of them the mistake's (${CONFIG_RUNS} configs)`, () => {
    fc.assert(fc.property(brokenStack(validStack()), ({ raw, keyPath }) => {
      assertNamed(rejection(() => parseStackConfig(raw)), keyPath);
    }), runs(CONFIG_RUNS));
  });

  it(`stops index.ts before any resource is registered (${PROGRAM_RUNS} whole programs)`, async () => {
    await fc.assert(fc.asyncProperty(brokenStack(validStack()), async ({ raw, keyPath }) => {
      const error = await evaluateProgram(raw, { stack: "property" }).then(() => undefined, (e: unknown) => e);
      assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${error instanceof Error ? error.stack : String(error)}`);
      assertNamed(error, keyPath);
      // The SDK's mock monitor keeps every resource it was asked to register, by URN.
      assert.equal((settings.getMonitor() as unknown as { resources: Map<string, unknown> }).resources.size, 0);
    }), runs(PROGRAM_RUNS));
  });
});
