import { strict as assert } from "node:assert";
import type { Evaluation } from "../../offline/evaluate";
import { editedConfig, evaluate } from "../support/harness";
import { edit, reported, shippedPreview } from "./support";

/** A made-up live-mode Stripe key: the shape the secret scanners look for, never a real credential. */
const FAKE_STRIPE_KEY = `sk_live_${"4eC39HqLyjWDarjtT1zdp7dc".split("").reverse().join("")}`;

describe("policies: secrets", () => {
  let prod: Evaluation;
  let staging: Evaluation;
  let ssm: Evaluation;
  before(async () => {
    prod = await shippedPreview("prod");
    staging = await shippedPreview("staging");
    ssm = await evaluate(editedConfig("staging", (c) => { c.secrets.store = "ssmParameterStore"; }), "staging");
  });

  describe("no-plaintext-secrets", () => {
    it("accepts the shipped stacks, whose secret values travel sealed into the secret stores", async () => {
      assert.deepEqual(await reported(prod, "no-plaintext-secrets"), []);
      assert.deepEqual(await reported(ssm, "no-plaintext-secrets"), []);
    });

    it("rejects an API key pasted into a description", async () => {
      const ev = edit(prod, { "app-secrets-database-url": (w) => { w.description = `rotated from ${FAKE_STRIPE_KEY}`; } });
      assert.deepEqual(await reported(ev, "no-plaintext-secrets"), [
        "description looks like a Stripe secret key in plaintext (launch checklist: secrets); keep it in a secret store (launch-stack:secrets) and pass the resource its ARN or name",
      ]);
    });

    it("rejects a variable named like a secret with a plain value, as the config gate words it", async () => {
      const ev = edit(prod, { "uptime-homepage": (w) => { w.tags.DATABASE_URL = "postgres://db.example.com/portal"; } });
      assert.deepEqual(await reported(ev, "no-plaintext-secrets"), [
        "tags.DATABASE_URL: DATABASE_URL looks like a secret (its name is a connection string that embeds a password) but is given as a plain value (launch checklist: secrets); declare it as { source: supplied } and run pulumi config set --secret --path 'appSecrets.DATABASE_URL' (it prompts), or { source: generated }; a public value needs PUBLIC in its name",
      ]);
    });

    it("does not flag the value in the input that carries it into Secrets Manager", async () => {
      const ev = edit(prod, { "app-secrets-stripe-secret-key-value": (w) => { w.secretStringWo = FAKE_STRIPE_KEY; } });
      assert.deepEqual(await reported(ev, "no-plaintext-secrets"), []);
    });
  });

  describe("secrets-customer-managed-key", () => {
    it("accepts secrets and SecureStrings encrypted with the environment's key, whose ARN is unknown at preview", async () => {
      assert.deepEqual(await reported(prod, "secrets-customer-managed-key"), []);
      assert.deepEqual(await reported(ssm, "secrets-customer-managed-key"), []);
    });

    it("rejects a secret without a KMS key", async () => {
      const ev = edit(prod, { "app-secrets-stripe-secret-key": (w) => { delete w.kmsKeyId; } });
      assert.deepEqual(await reported(ev, "secrets-customer-managed-key"), [
        "the secret is encrypted with the AWS managed key (no kmsKeyId) (launch checklist: secrets); set kmsKeyId to the environment's own KMS key, so reading needs kms:Decrypt on exactly that key",
      ]);
    });

    it("rejects a SecureString on the AWS managed key", async () => {
      const ev = edit(ssm, { "app-secrets-database-url": (w) => { w.keyId = "alias/aws/ssm"; } });
      assert.deepEqual(await reported(ev, "secrets-customer-managed-key"), [
        "the SecureString parameter is encrypted with the AWS managed key alias/aws/ssm (launch checklist: secrets); set keyId to the environment's own KMS key, so reading needs kms:Decrypt on exactly that key",
      ]);
    });
  });

  describe("secrets-recovery-window", () => {
    it("accepts prod's 30 days and staging's 7 days, each its environment's minimum", async () => {
      assert.deepEqual(await reported(prod, "secrets-recovery-window"), []);
      assert.deepEqual(await reported(staging, "secrets-recovery-window"), []);
    });

    it("rejects a 7-day recovery window in a stack whose LaunchStack declares prod", async () => {
      const ev = edit(prod, { "app-secrets-session-secret": (w) => { w.recoveryWindowInDays = 7; } });
      assert.deepEqual(await reported(ev, "secrets-recovery-window"), [
        "the secret's recoveryWindowInDays is 7 days, under the 30 days a deleted secret or key stays recoverable in prod (launch checklist: secrets); set the secret's recoveryWindowInDays to 30 or more",
      ]);
    });

    it("rejects a secret deleted without recovery", async () => {
      const ev = edit(staging, { "app-secrets-session-secret": (w) => { w.recoveryWindowInDays = 0; } });
      assert.deepEqual(await reported(ev, "secrets-recovery-window"), [
        "the secret's recoveryWindowInDays is 0 days, under the 7 days a deleted secret or key stays recoverable in staging (launch checklist: secrets); set the secret's recoveryWindowInDays to 7 or more (0 deletes it at once)",
      ]);
    });

    it("rejects a KMS key with a short deletion window", async () => {
      const ev = edit(prod, { "app-secrets-key": (w) => { w.deletionWindowInDays = 7; } });
      assert.deepEqual(await reported(ev, "secrets-recovery-window"), [
        "the key's deletionWindowInDays is 7 days, under the 30 days a deleted secret or key stays recoverable in prod (launch checklist: secrets); set the key's deletionWindowInDays to 30 or more",
      ]);
    });
  });

  describe("ssm-secrets-securestring", () => {
    it("accepts SecureString parameters", async () => {
      assert.deepEqual(await reported(ssm, "ssm-secrets-securestring"), []);
    });

    it("rejects a String parameter named like a secret", async () => {
      const ev = edit(ssm, { "app-secrets-database-url": (w) => { w.type = "String"; } });
      assert.deepEqual(await reported(ev, "ssm-secrets-securestring"), [
        "parameter /launch-stack/staging/DATABASE_URL is a String but is named like a secret (launch checklist: secrets); make it type SecureString with the environment's KMS key",
      ]);
    });

    it("rejects a String parameter whose value looks like a credential", async () => {
      const ev = edit(ssm, { "app-secrets-session-secret": (w) => { w.type = "String"; w.name = "/launch-stack/staging/BILLING"; w.value = FAKE_STRIPE_KEY; delete w.valueWo; } });
      assert.deepEqual(await reported(ev, "ssm-secrets-securestring"), [
        "parameter /launch-stack/staging/BILLING is a String but holds what looks like a Stripe secret key (launch checklist: secrets); make it type SecureString with the environment's KMS key",
      ]);
    });
  });
});
