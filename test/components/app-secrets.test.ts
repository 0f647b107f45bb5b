import { strict as assert } from "node:assert";
import { AppSecrets, readPolicyDocument } from "../../components/app-secrets";
import { parseStackConfig } from "../../gate/load";
import type { Evaluation } from "../../offline/evaluate";
import { SECRET_SIG, SPECIAL_SIG_KEY } from "../../offline/recording-runtime";
import { fakeArn, resolve, withAwsMocks } from "../support/aws-mocks";
import { editedConfig, evaluate, inputsOf, ofType, resource, shippedConfig } from "../support/harness";

const T = {
  key: "aws:kms/key:Key",
  alias: "aws:kms/alias:Alias",
  secret: "aws:secretsmanager/secret:Secret",
  version: "aws:secretsmanager/secretVersion:SecretVersion",
  parameter: "aws:ssm/parameter:Parameter",
  password: "random:index/randomPassword:RandomPassword",
  policy: "aws:iam/policy:Policy",
};
/** The shipped stacks' secret variables, sorted by name as the program lists them. */
const SECRET_VARS = ["DATABASE_URL", "JWT_SIGNING_KEY", "SESSION_SECRET", "STRIPE_SECRET_KEY"];
const isSecretMarker = (v: unknown) => typeof v === "object" && v !== null && (v as Record<string, unknown>)[SPECIAL_SIG_KEY] === SECRET_SIG;

describe("AppSecrets (prod, Secrets Manager)", () => {
  let ev: Evaluation;
  before(async () => {
    ev = await evaluate(shippedConfig("prod"), "prod");
  });

  it("encrypts with the environment's own customer-managed key, rotation on, protected in prod", () => {
    assert.deepEqual(inputsOf(ev, T.key, "app-secrets-key"), {
      description: "Encrypts the prod portal's app secrets under launch-stack/prod/",
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      tags: { Environment: "prod", ManagedBy: "launch-stack" },
    });
    assert.equal(resource(ev, T.key, "app-secrets-key").protect, true);
    assert.equal(inputsOf(ev, T.alias, "app-secrets-key-alias").name, "alias/launch-stack/prod/app-secrets");
  });

  it("keeps each secret variable in its own secret under launch-stack/prod/, recoverable for 30 days and protected", () => {
    const secrets = ofType(ev, T.secret).map((r) => [inputsOf(ev, T.secret, r.name).name, inputsOf(ev, T.secret, r.name).recoveryWindowInDays, r.protect]);
    assert.deepEqual(secrets.sort(), SECRET_VARS.map((v) => [`launch-stack/prod/${v}`, 30, true]).sort());
  });

  it("writes every value through the write-only input, versioned by its rotation, never through secretString", () => {
    const versions = ofType(ev, T.version);
    assert.equal(versions.length, 4);
    for (const v of versions) {
      assert.deepEqual(Object.keys(v.wire).sort(), ["secretId", "secretStringWo", "secretStringWoVersion"], v.name);
      assert.equal(v.wire.secretStringWoVersion, 1);
    }
    assert.ok(isSecretMarker(resource(ev, T.version, "app-secrets-stripe-secret-key-value").wire.secretStringWo), "a supplied value is not marked secret");
  });

  it("generates the session and signing secrets with @pulumi/random, keyed to their rotation", () => {
    assert.deepEqual(Object.fromEntries(ofType(ev, T.password).map((r) => [r.name, inputsOf(ev, T.password, r.name)])), {
      "app-secrets-session-secret-generated": { length: 64, special: false, keepers: { rotation: "1" } },
      "app-secrets-jwt-signing-key-generated": { length: 64, special: false, keepers: { rotation: "1" } },
    });
  });

  it("regenerates and re-sends a generated secret when its rotation is bumped", async () => {
    const config = parseStackConfig(editedConfig("prod", (c) => { c.secrets.env.SESSION_SECRET.rotation = 2; }));
    const { created } = await withAwsMocks(() => new AppSecrets("app-secrets", { environment: "prod", secrets: config.secrets, supplied: config.appSecrets }));
    const input = (type: string, name: string) => created.find((r) => r.type === type && r.name === name)!.inputs;
    assert.deepEqual(input(T.password, "app-secrets-session-secret-generated").keepers, { rotation: "2" });
    assert.equal(input(T.version, "app-secrets-session-secret-value").secretStringWoVersion, 2);
    assert.equal(input(T.version, "app-secrets-jwt-signing-key-value").secretStringWoVersion, 1);
  });

  it("keeps plain variables out of AWS and exports them as ordinary config", () => {
    assert.deepEqual(ev.outputs.appEnvironment, { APP_BASE_URL: "https://app.example.com", LOG_LEVEL: "info" });
    assert.ok(!ofType(ev, T.secret).some((r) => /APP_BASE_URL|LOG_LEVEL/.test(String(inputsOf(ev, T.secret, r.name).name))));
  });

  it("exports where each secret lives, never its value", () => {
    assert.deepEqual(ev.outputs.appSecretNames, Object.fromEntries(SECRET_VARS.map((v) => [v, `launch-stack/prod/${v}`])));
    assert.deepEqual(Object.keys(ev.outputs.appSecretArns as object), SECRET_VARS);
  });

  describe("wired with real ARNs", () => {
    let created: Awaited<ReturnType<typeof withAwsMocks>>["created"];
    let policyJson: string;
    before(async () => {
      const config = parseStackConfig(shippedConfig("prod"));
      const run = await withAwsMocks(() => new AppSecrets("app-secrets", { environment: "prod", secrets: config.secrets, supplied: config.appSecrets }));
      created = run.created;
      policyJson = await resolve(run.built.readPolicyJson!);
    });

    it("encrypts every secret with the environment's key", () => {
      const keyIds = created.filter((r) => r.type === T.secret).map((r) => r.inputs.kmsKeyId);
      assert.deepEqual(new Set(keyIds), new Set([fakeArn(T.key, "app-secrets-key")]));
      assert.equal(keyIds.length, 4);
    });

    it("adds each value to its own secret", () => {
      assert.deepEqual(Object.fromEntries(created.filter((r) => r.type === T.version).map((r) => [r.name, r.inputs.secretId])), Object.fromEntries(
        ["database-url", "stripe-secret-key", "session-secret", "jwt-signing-key"].map((s) => [`app-secrets-${s}-value`, `app-secrets-${s}-id`]),
      ));
    });

    it("grants the app's role read access to exactly this environment's secrets and their key", () => {
      assert.deepEqual(JSON.parse(policyJson), {
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "ReadThisEnvironmentsSecrets",
            Effect: "Allow",
            Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
            Resource: ["database-url", "jwt-signing-key", "session-secret", "stripe-secret-key"].map((s) => fakeArn(T.secret, `app-secrets-${s}`)),
          },
          { Sid: "DecryptWithThisEnvironmentsKey", Effect: "Allow", Action: "kms:Decrypt", Resource: fakeArn(T.key, "app-secrets-key") },
        ],
      });
      assert.equal(created.find((r) => r.type === T.policy)!.inputs.name, "launch-stack-prod-read-app-secrets");
      assert.ok(!policyJson.includes("*"), "the policy uses a wildcard");
    });
  });
});

describe("AppSecrets (staging, SSM Parameter Store)", () => {
  let ev: Evaluation;
  before(async () => {
    ev = await evaluate(editedConfig("staging", (c) => { c.secrets.store = "ssmParameterStore"; }), "staging");
  });

  it("stores each secret as a SecureString under /launch-stack/staging/, through the write-only input", () => {
    const params = ofType(ev, T.parameter);
    assert.deepEqual(params.map((r) => [r.wire.name, r.wire.type, r.wire.valueWoVersion, "valueWo" in r.wire, "value" in r.wire, r.protect]).sort(), SECRET_VARS.map((v) => [`/launch-stack/staging/${v}`, "SecureString", 1, true, false, false]).sort());
    assert.ok(isSecretMarker(resource(ev, T.parameter, "app-secrets-database-url").wire.valueWo), "a supplied value is not marked secret");
    assert.equal(ofType(ev, T.secret).length, 0);
  });

  it("grants only GetParameter and GetParameters on the parameters, and Decrypt on the key", () => {
    assert.deepEqual(readPolicyDocument("ssmParameterStore", ["arn:p1"], "arn:k").Statement, [
      { Sid: "ReadThisEnvironmentsParameters", Effect: "Allow", Action: ["ssm:GetParameter", "ssm:GetParameters"], Resource: ["arn:p1"] },
      { Sid: "DecryptWithThisEnvironmentsKey", Effect: "Allow", Action: "kms:Decrypt", Resource: "arn:k" },
    ]);
  });

  it("does not protect staging's key, so a staging stack can be torn down", () => {
    assert.equal(resource(ev, T.key, "app-secrets-key").protect, false);
  });
});

describe("AppSecrets without secret variables", () => {
  it("declares nothing in AWS when every variable is plain", async () => {
    const config = parseStackConfig(editedConfig("staging", (c) => {
      c.secrets.env = { LOG_LEVEL: "debug" };
      delete c.appSecrets;
    }));
    const { built, created } = await withAwsMocks(() => new AppSecrets("app-secrets", { environment: "staging", secrets: config.secrets, supplied: config.appSecrets }));
    assert.deepEqual(created.map((r) => r.type), ["launch-stack:secrets:AppSecrets"]);
    assert.deepEqual([built.plainEnvironment, built.keyArn, built.readPolicyArn], [{ LOG_LEVEL: "debug" }, undefined, undefined]);
  });
});
