// Run by test/temp-leaks.test.ts only: makes a temporary directory and, unless KEEP_TIDY is set, leaves it.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

describe("a test that makes a temporary directory", () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), "launch-stack-leak-"))));
  if (process.env.KEEP_TIDY) after(() => rmSync(dir, { recursive: true, force: true }));

  it("uses it", () => undefined);
});
