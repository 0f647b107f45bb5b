import assert from "node:assert/strict";
import { UserError } from "../../../cli/shared/user-error";
import { commitOfUpdate, parseTarget } from "../../../cli/rollback/resolve-target";
import type { StackUpdate } from "../../../cli/rollback/stack-history";

const SHA = "5423b78b90a4c1d2e3f405162738495a6b7c8d9e";

/** A succeeded deploy from a clean checkout, as `pulumi stack history --json` reports it. */
function deploy(overrides: Partial<StackUpdate> = {}, environment: Record<string, string> = {}): StackUpdate {
  return {
    version: 7,
    kind: "update",
    result: "succeeded",
    startTime: "2025-01-05T07:00:00Z",
    message: "Tighten the login rate limit",
    environment: { "git.head": SHA, "git.dirty": "false", "git.headName": "refs/heads/main", ...environment },
    ...overrides,
  };
}

function refusal(update: StackUpdate): string {
  try {
    commitOfUpdate(update, "prod");
  } catch (error) {
    assert.ok(error instanceof UserError);
    return error.message;
  }
  assert.fail("expected the update to be refused");
}

describe("rollback target", function () {
  describe("parseTarget", function () {
    it("reads an all-digits --to as a stack version", function () {
      assert.deepEqual(parseTarget("12"), { kind: "version", version: 12 });
    });

    it("reads v12 as a git ref, because release tags look like that", function () {
      assert.deepEqual(parseTarget("v12"), { kind: "ref", ref: "v12" });
    });

    it("refuses a value that git would read as an option", function () {
      assert.throws(() => parseTarget("--output=/etc/passwd"), UserError);
    });
  });

  describe("commitOfUpdate", function () {
    it("returns git.head of a succeeded deploy from a clean checkout", function () {
      assert.equal(commitOfUpdate(deploy(), "prod"), SHA);
    });

    it("refuses a refresh, which deployed no code", function () {
      assert.equal(refusal(deploy({ kind: "refresh" })), "version 7 of stack prod is a refresh, not a deploy; pick an update from pulumi stack history");
    });

    it("refuses a failed update and names the escape hatch", function () {
      assert.match(refusal(deploy({ result: "failed" })), /^version 7 of stack prod did not succeed \(failed\); .* --to <sha> to redeploy it anyway$/);
    });

    it("refuses an update that records no git.head", function () {
      assert.match(refusal(deploy({ environment: { "exec.kind": "cli" } })), /records no git commit \(git\.head\)/);
    });

    it("refuses an update deployed from a dirty working copy", function () {
      assert.match(refusal(deploy({}, { "git.dirty": "true" })), /was deployed from a dirty working copy \(git\.dirty\), so commit 5423b78b90a4 is not the code that ran$/);
    });

    it("refuses a git.head that is not a commit SHA", function () {
      assert.match(refusal(deploy({}, { "git.head": "--upload-pack=evil" })), /is not a commit SHA$/);
    });
  });
});
