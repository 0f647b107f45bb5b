/**
 * No workflow, script or document runs the Pulumi CLI with debug output. The Node.js SDK logs every
 * resource registration at debug level, the engine's answer included, and the engine does not mask those
 * lines, so `--debug`, `-v`/`--verbose` above 3 or `--logflow` would print generated secret values.
 * Commands are read where they run: workflow `run:` scripts and action inputs, `.ci/run`, and the command
 * lines in the README and docs/ (fenced blocks and inline code that starts with `pulumi`).
 */
import { strict as assert } from "node:assert";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO } from "./support/harness";

/** A pulumi command line asking for debug output: --debug, --logflow, or a verbosity above 3. */
const DEBUG_FLAGS = /(^|\s)(--debug|--logflow)\b|(^|\s)(-v|--verbose)(=|\s*)([4-9]|\d{2,})\b/;

function read(rel: string): string {
  return readFileSync(join(REPO, rel), "utf8");
}

/** The lines of `text` that are commands: code fences' contents and inline code spans. */
function markdownCommands(text: string): string[] {
  const fenced = [...text.matchAll(/```[^\n]*\n([\s\S]*?)```/g)].flatMap((m) => m[1].split("\n"));
  const inline = [...text.replace(/```[\s\S]*?```/g, "").matchAll(/`([^`\n]+)`/g)].map((m) => m[1]);
  return [...fenced, ...inline].filter((l) => /\bpulumi\s/.test(l));
}

const workflows = readdirSync(join(REPO, ".github", "workflows")).map((f) => join(".github", "workflows", f));
const docs = ["README.md", ...readdirSync(join(REPO, "docs")).filter((f) => f.endsWith(".md")).map((f) => join("docs", f))];

describe("no command here asks the Pulumi CLI for debug output", () => {
  it("recognizes the flags that print unmasked registrations", () => {
    assert.deepEqual(["pulumi up --debug", "pulumi preview -v=9", "pulumi up -v 5 --logtostderr", "pulumi up --logflow", "pulumi up --verbose=11"].filter((l) => !DEBUG_FLAGS.test(l)), []);
    assert.deepEqual(["pulumi up --diff", "pulumi preview -v=3", "pulumi up --stack prod --yes"].filter((l) => DEBUG_FLAGS.test(l)), []);
  });

  for (const file of [...workflows, ".ci/run"]) {
    it(`${file} runs no pulumi command and sets no action input with debug output`, () => {
      const text = read(file);
      assert.deepEqual(text.split("\n").filter((l) => DEBUG_FLAGS.test(l) || /^\s*(debug|verbosity|log-?verbosity|log-?flow)\s*:/i.test(l)), []);
    });
  }

  for (const file of docs) {
    it(`${file} shows no pulumi command line with debug output`, () => {
      assert.deepEqual(markdownCommands(read(file)).filter((l) => DEBUG_FLAGS.test(l)), []);
    });
  }
});
