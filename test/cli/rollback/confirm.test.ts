import assert from "node:assert/strict";
import { PassThrough } from "node:stream";
import { confirm } from "../../../cli/rollback/confirm";

/** Answers the prompt through a stream, as a user typing at the terminal would. */
async function answer(typed: string): Promise<{ approved: boolean; shown: string }> {
  const input = new PassThrough();
  const output = new PassThrough();
  let shown = "";
  output.on("data", (chunk: Buffer) => (shown += chunk.toString()));
  const approved = confirm("Deploy version 7 (5423b78b90a4) to stack prod?", input, output);
  input.end(typed);
  return { approved: await approved, shown };
}

describe("rollback confirmation", function () {
  it("shows the question with a default of no", async function () {
    assert.equal((await answer("y\n")).shown, "Deploy version 7 (5423b78b90a4) to stack prod? [y/N] ");
  });

  it("deploys on y or yes", async function () {
    assert.equal((await answer("y\n")).approved, true);
    assert.equal((await answer("YES\n")).approved, true);
  });

  it("declines on Enter, anything else, or end of input", async function () {
    assert.equal((await answer("\n")).approved, false);
    assert.equal((await answer("sure\n")).approved, false);
    assert.equal((await answer("")).approved, false);
  });
});
