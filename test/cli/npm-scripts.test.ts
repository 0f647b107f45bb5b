import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * npm runs a script as `sh -c "<script>"` and forwards SIGINT and SIGTERM only to that shell. Debian's sh
 * (dash) neither hands its process over to a single command nor passes the signal on, so without `exec`
 * a `kill <npm pid>` or a CI runner's cancel never reaches the command (test/cli/rollback-signals.test.ts
 * shows what that costs a rollback).
 */
describe("package.json scripts", function () {
  const { scripts } = JSON.parse(readFileSync(join(__dirname, "..", "..", "package.json"), "utf8")) as { scripts: Record<string, string> };

  for (const [name, script] of Object.entries(scripts).filter(([name]) => name !== "test")) {
    it(`npm run ${name} replaces npm's shell with its command (exec), so signals sent to npm reach it`, function () {
      assert.match(script, /^exec node /);
    });
  }
});
