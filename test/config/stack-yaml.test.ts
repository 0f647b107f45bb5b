import { strict as assert } from "node:assert";
import { ConfigError } from "../../config/errors";
import { parseStackYaml } from "../../config/stack-yaml";

function problems(text: string): string[] {
  try {
    parseStackYaml(text, "Pulumi.prod.yaml");
  } catch (e) {
    assert.ok(e instanceof ConfigError, String(e));
    return e.problems;
  }
  assert.fail("the YAML was accepted");
}

describe("config/stack-yaml: YAML problems in a stack file", () => {
  let warnings: string[];
  const emit = process.emitWarning;
  beforeEach(() => {
    warnings = [];
    process.emitWarning = ((w: string | Error) => { warnings.push(String(w)); }) as typeof process.emitWarning;
  });
  afterEach(() => {
    process.emitWarning = emit;
    assert.deepEqual(warnings, [], "no Node warning");
  });

  it("reports a custom tag as a YAML problem at its line", () => {
    assert.deepEqual(problems("config:\n  launch-stack:environment: prod\n  launch-stack:app: !vault secret/app\n"), [
      "Pulumi.prod.yaml line 3: YAML uses a custom tag, which Pulumi stack files do not support; write the value itself (secure: for a secret, set with pulumi config set --secret)",
    ]);
  });

  it("reports an alias that contains itself at its line instead of building an infinite value", () => {
    const [line] = problems("config:\n  launch-stack:zones: &z\n    - domain: example.com\n      more: *z\n");
    assert.match(line, /^Pulumi\.prod\.yaml line 4: YAML alias \*z refers to a node that contains it/);
  });

  it("reports a repeated key at its line", () => {
    const [line] = problems("config:\n  aws:region: us-east-2\n  aws:region: us-east-1\n");
    assert.match(line, /^Pulumi\.prod\.yaml line 3: YAML repeats a key/);
  });

  it("parses a valid stack file", () => {
    assert.deepEqual(parseStackYaml("config:\n  aws:region: us-east-2\n", "Pulumi.prod.yaml"), { config: { "aws:region": "us-east-2" } });
  });
});
