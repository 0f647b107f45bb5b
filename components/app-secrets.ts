/**
 * The application's secret environment variables in AWS: one KMS key per environment (rotation on), one
 * Secrets Manager secret or SSM SecureString per variable under the environment's prefix, and an IAM
 * policy that reads exactly those and nothing else, for the app's role. Values travel only as Pulumi
 * secrets into write-only inputs (`secretStringWo` / `valueWo`): encrypted in state inputs, never in
 * state outputs or stack outputs.
 */
import { appSecretsKeyAlias, appSecretsReadPolicyName } from "../rules/aws-names";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { AppVariable, appVariables, secretsPrefix, SecretsConfig, SecretStore } from "../config/secrets";
import type { Environment } from "../rules/tls";

export interface AppSecretsArgs {
  /** prod protects the key and the secrets from accidental deletion. */
  readonly environment: Environment;
  /** The validated `launch-stack:secrets` section. */
  readonly secrets: SecretsConfig;
  /** Supplied values by variable name, already sealed with `pulumi.secret`. */
  readonly supplied: Readonly<Record<string, pulumi.Output<string>>>;
}

/** The IAM policy document granting read access to exactly these secrets and their key. */
export function readPolicyDocument(store: SecretStore, secretArns: readonly string[], keyArn: string) {
  return {
    Version: "2012-10-17",
    Statement: [
      store === "secretsManager"
        ? { Sid: "ReadThisEnvironmentsSecrets", Effect: "Allow", Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"], Resource: [...secretArns] }
        : { Sid: "ReadThisEnvironmentsParameters", Effect: "Allow", Action: ["ssm:GetParameter", "ssm:GetParameters"], Resource: [...secretArns] },
      { Sid: "DecryptWithThisEnvironmentsKey", Effect: "Allow", Action: "kms:Decrypt", Resource: keyArn },
    ],
  };
}

/** `STRIPE_SECRET_KEY` → `stripe-secret-key`: stable child-name suffixes. */
function slug(name: string): string {
  return name.toLowerCase().replace(/_/g, "-");
}

export class AppSecrets extends pulumi.ComponentResource {
  /** Where each secret lives (Secrets Manager name or SSM path), by variable name. */
  public readonly names: Record<string, string>;
  /** ARN of each secret or parameter, by variable name. */
  public readonly arns: Record<string, pulumi.Output<string>>;
  /** Plain variables and their values: ordinary config for the app's deploy. */
  public readonly plainEnvironment: Record<string, string>;
  /** The customer-managed key encrypting the values; undefined when there are no secret variables. */
  public readonly keyArn?: pulumi.Output<string>;
  /** The read-only policy to attach to the app's role, and its JSON. */
  public readonly readPolicyArn?: pulumi.Output<string>;
  public readonly readPolicyJson?: pulumi.Output<string>;

  constructor(name: string, args: AppSecretsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("launch-stack:secrets:AppSecrets", name, {}, opts);
    const { secrets, environment } = args;
    const protect = environment === "prod";
    const variables = appVariables(secrets, environment);
    const secretVars = variables.filter((v): v is Exclude<AppVariable, { kind: "plain" }> => v.kind !== "plain");
    const prefix = secretsPrefix(secrets, environment);
    const tags = { Environment: environment, ManagedBy: "launch-stack" };

    this.plainEnvironment = Object.fromEntries(variables.flatMap((v) => (v.kind === "plain" ? [[v.name, v.value]] : [])));
    this.names = Object.fromEntries(secretVars.map((v) => [v.name, v.storeName]));
    this.arns = {};

    if (secretVars.length > 0) {
      const key = new aws.kms.Key(`${name}-key`, {
        description: `Encrypts the ${environment} portal's app secrets under ${prefix}/`,
        enableKeyRotation: true,
        deletionWindowInDays: secrets.keyDeletionWindowInDays,
        tags,
      }, { parent: this, protect });
      new aws.kms.Alias(`${name}-key-alias`, { name: appSecretsKeyAlias(prefix), targetKeyId: key.keyId }, { parent: this });

      for (const v of secretVars) {
        const value = v.kind === "supplied"
          ? args.supplied[v.name]
          : new random.RandomPassword(`${name}-${slug(v.name)}-generated`, {
              length: v.spec.length,
              special: v.spec.special,
              keepers: { rotation: String(v.spec.rotation) },
            }, { parent: this }).result;
        const description = `${v.name} for the ${environment} portal (${v.kind === "supplied" ? "supplied with pulumi config set --secret" : "generated"}, rotation ${v.spec.rotation})`;
        this.arns[v.name] = secrets.store === "secretsManager"
          ? this.secretsManagerSecret(name, v, value, key.arn, description, secrets.recoveryWindowInDays, tags, protect)
          : new aws.ssm.Parameter(`${name}-${slug(v.name)}`, {
              name: v.storeName,
              type: "SecureString",
              keyId: key.arn,
              valueWo: pulumi.secret(value),
              valueWoVersion: v.spec.rotation,
              description,
              tags,
            }, { parent: this, protect }).arn;
      }

      const arns = secretVars.map((v) => this.arns[v.name]);
      this.keyArn = key.arn;
      this.readPolicyJson = pulumi.all([pulumi.all(arns), key.arn]).apply(([secretArns, keyArn]) => JSON.stringify(readPolicyDocument(secrets.store, secretArns, keyArn)));
      this.readPolicyArn = new aws.iam.Policy(`${name}-read`, {
        name: appSecretsReadPolicyName(prefix),
        description: `Read the ${environment} portal's app secrets and decrypt them with their key; attach to the app's role`,
        policy: this.readPolicyJson,
        tags,
      }, { parent: this }).arn;
    }

    this.registerOutputs({ names: this.names, arns: this.arns, plainEnvironment: this.plainEnvironment, keyArn: this.keyArn, readPolicyArn: this.readPolicyArn, readPolicyJson: this.readPolicyJson });
  }

  private secretsManagerSecret(
    name: string, v: Exclude<AppVariable, { kind: "plain" }>, value: pulumi.Input<string>, keyArn: pulumi.Output<string>,
    description: string, recoveryWindowInDays: number, tags: Record<string, string>, protect: boolean,
  ): pulumi.Output<string> {
    const secret = new aws.secretsmanager.Secret(`${name}-${slug(v.name)}`, {
      name: v.storeName,
      description,
      kmsKeyId: keyArn,
      recoveryWindowInDays,
      tags,
    }, { parent: this, protect });
    new aws.secretsmanager.SecretVersion(`${name}-${slug(v.name)}-value`, {
      secretId: secret.id,
      secretStringWo: pulumi.secret(value),
      secretStringWoVersion: v.spec.rotation,
    }, { parent: this });
    return secret.arn;
  }
}
