import { strict as assert } from "node:assert";
import { inspect } from "node:util";
import * as pulumi from "@pulumi/pulumi";
import { parseStackConfig, RawConfig } from "../../gate/load";
import { appVariables } from "../../config/secrets";
import { configProblems, editedConfig, shippedConfig } from "../support/harness";

const DB_URL = "postgres://portal:Tr0ub4dor-and-3@db.internal:5432/portal";
const STRIPE_KEY = "sk_live_51TestOnlyNotARealKey0000000000";

/** Prod with known supplied values, set the way `pulumi config set --secret --path` sets them. */
function prodWithSecrets(): RawConfig {
  return editedConfig("prod", (c) => {
    c.appSecrets = { DATABASE_URL: DB_URL, STRIPE_SECRET_KEY: STRIPE_KEY };
  });
}

function withoutSecretKey(raw: RawConfig, key: string): RawConfig {
  return { values: raw.values, secretKeys: new Set([...raw.secretKeys].filter((k) => k !== key)) };
}

async function reveal(o: pulumi.Output<string>): Promise<{ value: string; secret: boolean }> {
  const impl = o as unknown as { promise(): Promise<string>; isSecret: Promise<boolean> };
  return { value: await impl.promise(), secret: await impl.isSecret };
}

describe("config: app secrets", () => {
  it("seals every supplied value as a Pulumi secret before anything else sees it", async () => {
    const config = parseStackConfig(prodWithSecrets());
    assert.ok(pulumi.Output.isInstance(config.appSecrets.DATABASE_URL));
    assert.deepEqual(await reveal(config.appSecrets.DATABASE_URL), { value: DB_URL, secret: true });
    assert.deepEqual(await reveal(config.appSecrets.STRIPE_SECRET_KEY), { value: STRIPE_KEY, secret: true });
  });

  it("keeps supplied values out of the parsed config's printable surface", () => {
    const config = parseStackConfig(prodWithSecrets());
    for (const printed of [inspect(config, { depth: 20 }), JSON.stringify(config), String(Object.values(config.appSecrets))]) {
      assert.ok(!printed.includes(DB_URL) && !printed.includes(STRIPE_KEY), "a supplied secret is printable");
    }
  });

  it("rejects appSecrets stored in plaintext, naming the command that stores it encrypted", async () => {
    assert.deepEqual(await configProblems(withoutSecretKey(prodWithSecrets(), "launch-stack:appSecrets")), [
      "launch-stack:appSecrets: is stored in plaintext; remove it from the stack file and run pulumi config set --secret --path 'appSecrets.<NAME>' (it prompts)",
    ]);
  });

  it("never quotes a secret value in a problem line", async () => {
    const raw = prodWithSecrets();
    const problems = await configProblems({ values: { ...raw.values, "launch-stack:appSecrets": JSON.stringify({ DATABASE_URL: DB_URL, STRIPE_SECRET_KEY: 42 }) }, secretKeys: new Set([...raw.secretKeys].filter((k) => k !== "launch-stack:appSecrets")) });
    assert.deepEqual(problems, [
      "launch-stack:appSecrets: is stored in plaintext; remove it from the stack file and run pulumi config set --secret --path 'appSecrets.<NAME>' (it prompts)",
      "launch-stack:appSecrets.STRIPE_SECRET_KEY: must be a string; run pulumi config set --secret --path 'appSecrets.STRIPE_SECRET_KEY' (it prompts)",
      "launch-stack:appSecrets.STRIPE_SECRET_KEY: STRIPE_SECRET_KEY is a supplied secret but has no value; run pulumi config set --secret --path 'appSecrets.STRIPE_SECRET_KEY' (it prompts)",
    ]);
    assert.ok(!problems.join("\n").includes(DB_URL));
  });

  it("rejects appSecrets that is not a map of names to values", async () => {
    const raw = prodWithSecrets();
    const problems = await configProblems({ values: { ...raw.values, "launch-stack:appSecrets": DB_URL }, secretKeys: raw.secretKeys });
    assert.equal(problems[0], "launch-stack:appSecrets: must be a map of variable name to secret value; run pulumi config set --secret --path 'appSecrets.<NAME>' (it prompts)");
    assert.ok(!problems.join("\n").includes(DB_URL));
  });

  it("rejects a secret-looking variable given as a plain value", async () => {
    assert.deepEqual(await configProblems(editedConfig("prod", (c) => {
      c.secrets.env.STRIPE_SECRET_KEY = "sk_test_placeholder";
      delete c.appSecrets.STRIPE_SECRET_KEY;
    })), [
      "launch-stack:secrets.env.STRIPE_SECRET_KEY: STRIPE_SECRET_KEY looks like a secret (its name contains SECRET) but is given as a plain value (launch checklist: secrets); declare it as { source: supplied } and run pulumi config set --secret --path 'appSecrets.STRIPE_SECRET_KEY' (it prompts), or { source: generated }; a public value needs PUBLIC in its name",
    ]);
  });

  it("rejects DATABASE_URL as a plain value even without a password in it", async () => {
    const problems = await configProblems(editedConfig("staging", (c) => {
      c.secrets.env.DATABASE_URL = "postgres://db.internal/portal";
      delete c.appSecrets.DATABASE_URL;
    }));
    assert.deepEqual(problems.map((p) => p.split(" (")[0]), ["launch-stack:secrets.env.DATABASE_URL: DATABASE_URL looks like a secret"]);
  });

  it("rejects a credential-shaped plain value under an innocent name, without quoting it", async () => {
    const problems = await configProblems(editedConfig("staging", (c) => {
      c.secrets.env.BILLING_BACKEND = STRIPE_KEY;
    }));
    assert.deepEqual(problems, [
      "launch-stack:secrets.env.BILLING_BACKEND: the plain value of BILLING_BACKEND looks like a Stripe secret key (launch checklist: secrets); declare it as { source: supplied } and run pulumi config set --secret --path 'appSecrets.BILLING_BACKEND' (it prompts)",
    ]);
  });

  it("requires a value for every supplied secret", async () => {
    assert.deepEqual(await configProblems(editedConfig("prod", (c) => { delete c.appSecrets.DATABASE_URL; })), [
      "launch-stack:appSecrets.DATABASE_URL: DATABASE_URL is a supplied secret but has no value; run pulumi config set --secret --path 'appSecrets.DATABASE_URL' (it prompts)",
    ]);
  });

  it("rejects a supplied value for a variable that is not declared as supplied", async () => {
    assert.deepEqual(await configProblems(editedConfig("prod", (c) => { c.appSecrets.SESSION_SECRET = "x"; })), [
      "launch-stack:appSecrets.SESSION_SECRET: SESSION_SECRET is not declared as a supplied secret; add secrets.env.SESSION_SECRET: { source: supplied } or run pulumi config rm --path 'appSecrets.SESSION_SECRET'",
    ]);
  });

  it("rejects a prefix that does not name the environment", async () => {
    assert.deepEqual(await configProblems(editedConfig("prod", (c) => { c.secrets.prefix = "portal/shared"; })), [
      "launch-stack:secrets.prefix: portal/shared does not name the prod environment, so another stack could share its secrets; add /prod as a segment",
    ]);
  });

  it("holds production to 30-day recovery windows for secrets and keys, as the policy pack does", async () => {
    assert.deepEqual(await configProblems(editedConfig("prod", (c) => { c.secrets.recoveryWindowInDays = 7; c.secrets.keyDeletionWindowInDays = 14; })), [
      "launch-stack:secrets.recoveryWindowInDays: recoveryWindowInDays is 7 days, under the 30 days a deleted secret or key stays recoverable in prod (launch checklist: secrets); set recoveryWindowInDays to 30 or more",
      "launch-stack:secrets.keyDeletionWindowInDays: keyDeletionWindowInDays is 14 days, under the 30 days a deleted secret or key stays recoverable in prod (launch checklist: secrets); set keyDeletionWindowInDays to 30 or more",
    ]);
  });

  it("rejects a variable that is neither plain, supplied nor generated", async () => {
    assert.deepEqual(await configProblems(editedConfig("prod", (c) => { c.secrets.env.SESSION_SECRET = { source: "vault" }; })), [
      "launch-stack:secrets.env.SESSION_SECRET: must be a plain value, { source: supplied } or { source: generated }",
    ]);
  });

  it("rejects a variable name apps cannot read from the environment", async () => {
    assert.deepEqual(await configProblems(editedConfig("prod", (c) => { c.secrets.env["log-level"] = "info"; })), [
      'launch-stack:secrets.env["log-level"]: key "log-level" must be an environment variable name such as DATABASE_URL',
    ]);
  });

  it("rejects a generated secret shorter than 32 characters", async () => {
    assert.deepEqual(await configProblems(editedConfig("prod", (c) => { c.secrets.env.SESSION_SECRET.length = 16; })), [
      "launch-stack:secrets.env.SESSION_SECRET.length: must be at least 32; got 16",
    ]);
  });

  it("requires alertHttpsEndpoint to be set as a secret, since its URL embeds an integration key", async () => {
    const raw = prodWithSecrets();
    assert.deepEqual(await configProblems({ values: { ...raw.values, "launch-stack:alertHttpsEndpoint": "https://events.pagerduty.com/integration/abc/enqueue" }, secretKeys: raw.secretKeys }), [
      "launch-stack:alertHttpsEndpoint: is stored in plaintext; remove it from the stack file and run pulumi config set --secret alertHttpsEndpoint (it prompts for the https URL)",
    ]);
  });

  it("requires alertHttpsEndpoint to be an https URL", async () => {
    const raw = prodWithSecrets();
    assert.deepEqual(await configProblems({ values: { ...raw.values, "launch-stack:alertHttpsEndpoint": "http://events.example.com/x" }, secretKeys: new Set([...raw.secretKeys, "launch-stack:alertHttpsEndpoint"]) }), [
      "launch-stack:alertHttpsEndpoint: must be an https:// URL; run pulumi config set --secret alertHttpsEndpoint (it prompts for the https URL)",
    ]);
  });

  it("defaults to Secrets Manager under launch-stack/<environment>, a 30-day recovery window and rotation 1, variables sorted by name", () => {
    const config = parseStackConfig(shippedConfig("prod"));
    assert.deepEqual([config.secrets.store, config.secrets.recoveryWindowInDays, config.secrets.keyDeletionWindowInDays], ["secretsManager", 30, 30]);
    assert.deepEqual(appVariables(config.secrets, config.environment), [
      { name: "APP_BASE_URL", kind: "plain", value: "https://app.example.com" },
      { name: "DATABASE_URL", kind: "supplied", storeName: "launch-stack/prod/DATABASE_URL", spec: { source: "supplied", rotation: 1 } },
      { name: "JWT_SIGNING_KEY", kind: "generated", storeName: "launch-stack/prod/JWT_SIGNING_KEY", spec: { source: "generated", length: 64, special: false, rotation: 1 } },
      { name: "LOG_LEVEL", kind: "plain", value: "info" },
      { name: "SESSION_SECRET", kind: "generated", storeName: "launch-stack/prod/SESSION_SECRET", spec: { source: "generated", length: 64, special: false, rotation: 1 } },
      { name: "STRIPE_SECRET_KEY", kind: "supplied", storeName: "launch-stack/prod/STRIPE_SECRET_KEY", spec: { source: "supplied", rotation: 1 } },
    ]);
  });

  it("names SSM parameters as fully qualified paths", () => {
    const config = parseStackConfig(editedConfig("staging", (c) => { c.secrets.store = "ssmParameterStore"; }));
    assert.deepEqual(appVariables(config.secrets, config.environment).filter((v) => v.kind !== "plain").map((v) => "storeName" in v && v.storeName), [
      "/launch-stack/staging/DATABASE_URL", "/launch-stack/staging/JWT_SIGNING_KEY", "/launch-stack/staging/SESSION_SECRET", "/launch-stack/staging/STRIPE_SECRET_KEY",
    ]);
  });

  it("turns plain numbers and booleans into the strings the app's environment holds", () => {
    const config = parseStackConfig(editedConfig("staging", (c) => { c.secrets.env.PORT = 8080; c.secrets.env.FEATURE_INVOICES = true; }));
    assert.deepEqual([config.secrets.env.PORT, config.secrets.env.FEATURE_INVOICES], ["8080", "true"]);
  });
});
