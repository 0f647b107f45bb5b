/**
 * The config bytes the offline loader hands the program are the ones pulumi-language-nodejs sets: values
 * written by Go's json.Marshal, keys in the language host's `<namespace>:config:<name>` form, secret keys
 * as the engine lists them. Expected strings are what Go's encoder writes for the same values.
 */
import { strict as assert } from "node:assert";
import { engineConfigEnvironment, goJsonMarshal } from "../../offline/engine-config";
import { readStackFile } from "../../offline/stack-file";
import { REPO } from "../support/harness";

describe("offline: config as the engine hands it to the program", () => {
  it("writes objects with their keys sorted at every level and no whitespace, as Go's json.Marshal does", () => {
    assert.equal(goJsonMarshal({ zones: [{ plan: "pro", hosts: { www: { origin: "x" }, "@": { origin: "y", authenticated: true } } }], a: 1.5 }),
      '{"a":1.5,"zones":[{"hosts":{"@":{"authenticated":true,"origin":"y"},"www":{"origin":"x"}},"plan":"pro"}]}');
  });

  it("escapes <, >, &, U+2028 and U+2029 as Go's HTML-safe encoder does", () => {
    assert.equal(goJsonMarshal({ expression: '(http.host eq "a" && x < 1 > 0)\u2028' }), '{"expression":"(http.host eq \\"a\\" \\u0026\\u0026 x \\u003c 1 \\u003e 0)\\u2028"}');
  });

  it("sorts keys by their UTF-8 bytes, as Go compares strings", () => {
    assert.equal(goJsonMarshal({ "\u{1F600}": 1, "\uFF21": 2 }), '{"\uFF21":2,"\u{1F600}":1}');
  });

  it("reads a shipped stack's object values with sorted keys, whatever order the file writes them in", () => {
    const raw = readStackFile("prod", REPO);
    assert.match(raw.values["launch-stack:app"], /^\{"host":"app\.example\.com","privatePaths":\[/);
    assert.match(raw.values["launch-stack:zones"], /^\[\{"caaIodef":"mailto:security@example\.com","canonical":"apex","domain":"example\.com","edge":\{/);
    assert.match(raw.values["launch-stack:zones"], /"hosts":\{"@":\{"origin":"203\.0\.113\.10"\},"admin":\{"authenticated":true,/);
  });

  it("sets PULUMI_CONFIG with <namespace>:config:<name> keys and PULUMI_CONFIG_SECRET_KEYS with <namespace>:<name> keys", () => {
    const env = engineConfigEnvironment({ values: { "launch-stack:environment": "prod", "aws:region": "us-east-2", "launch-stack:appSecrets": '{"A":"s"}' }, secretKeys: new Set(["launch-stack:appSecrets"]) });
    assert.deepEqual(env, {
      PULUMI_CONFIG: '{"aws:config:region":"us-east-2","launch-stack:config:appSecrets":"{\\"A\\":\\"s\\"}","launch-stack:config:environment":"prod"}',
      PULUMI_CONFIG_SECRET_KEYS: '["launch-stack:appSecrets"]',
    });
  });

  it("marks a top-level key secret when any value under it is secure, as the engine's SecureKeys does", () => {
    assert.deepEqual([...readStackFile("prod", REPO).secretKeys], ["launch-stack:appSecrets", "launch-stack:alertIntegrations"]);
  });
});
