/**
 * A mocha root hook plugin (loaded by .mocharc's `require`) that keeps tests from leaving files in the
 * system's temporary directory, where they piled up by the hundred on a shared machine.
 *
 * Each mocha process (the main one and every parallel worker) gets a temporary directory of its own and
 * points TMPDIR at it, so os.tmpdir() in tests and in the commands they spawn lands there, and other
 * people's test runs on the same machine cannot be mistaken for ours. Every temporary directory the tests
 * and the commands make is named launch-stack-*. A worker runs one file at a time, so such an entry that is
 * new there when a file's hooks are done was left by that file: the run fails, naming the file and the
 * entries. Other tools' caches (v8-compile-cache of a spawned node, ...) are theirs to keep. The directory
 * itself goes when the process exits, so nothing reaches the system's temporary directory either way.
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Context, Suite } from "mocha";

const PRIVATE_TMPDIR = mkdtempSync(join(tmpdir(), "launch-stack-test-run-"));
process.env.TMPDIR = PRIVATE_TMPDIR;
process.on("exit", () => rmSync(PRIVATE_TMPDIR, { recursive: true, force: true }));

/** Our entries: what tests (test/cli/plan-fixture.ts tempDir, ...) and commands (cli/shared/worktree.ts) create. */
function entries(): Set<string> {
  return new Set(readdirSync(PRIVATE_TMPDIR).filter((e) => e.startsWith("launch-stack-")));
}

/** What `after` holds that `before` did not, sorted. */
function leftBehind(before: ReadonlySet<string>, after: ReadonlySet<string>): string[] {
  return [...after].filter((e) => !before.has(e)).sort();
}

export const mochaHooks = {
  beforeAll(this: Context) {
    const before = entries();
    const root = this.test?.parent as Suite | undefined;
    const file = this.test?.parent?.suites[0]?.file ?? "this test file";
    // Registered now, so it runs after every `after` hook the file declared (root hooks from a plugin
    // would otherwise run before the file's own top-level ones).
    root?.afterAll("leaves nothing in the temporary directory", () => {
      const left = leftBehind(before, entries());
      if (left.length > 0) {
        throw new Error(`${file} left ${left.join(", ")} in the temporary directory: remove what a test creates in its after or afterEach hook`);
      }
    });
  },
};
