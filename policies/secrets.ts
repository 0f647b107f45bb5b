/**
 * Secrets: no credential in plaintext in any resource's inputs, secret values encrypted with a
 * customer-managed KMS key, deletions recoverable, SSM parameters holding secrets typed SecureString.
 * What counts as secret-looking, by name or by value, is rules/secret-names.ts, the same functions the
 * config gate runs on plain variables. The engine hands policies secret values unwrapped, so the inputs
 * whose purpose is to carry a secret into its store are skipped and every other input is scanned.
 */
import * as aws from "@pulumi/aws";
import * as cloudflare from "@pulumi/cloudflare";
import { PolicyResource, ResourceValidationPolicy, StackValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { checklistItem, LaunchPolicy } from "./checklist";
import type { Resource } from "@pulumi/pulumi";
import { Finding } from "../rules/finding";
import { checkRecoveryWindow } from "../rules/recovery-window";
import { detectSecretsInValues } from "../rules/secret-detector";
import { checkPlainVariable, ENV_VAR_NAME, looksSecretByName, secretValueReason, withArticle } from "../rules/secret-names";
import { reportFindings } from "./findings";
import { known } from "./known";
import { environmentOf } from "./stack-facts";

const REF = "launch checklist: secrets";

/** Resources with inputs that exist to carry a secret value, and which inputs (by the resource's other inputs). */
const SECRET_CARRIERS: { cls: new (...rest: any[]) => Resource; fields(props: Record<string, any>): string[] }[] = [
  { cls: aws.secretsmanager.SecretVersion, fields: () => ["secretString", "secretStringWo", "secretBinary"] },
  { cls: aws.ssm.Parameter, fields: (p) => (known(() => p.type) === "SecureString" ? ["value", "valueWo"] : []) },
  // A webhook destination's URL is its credential (a Slack incoming-webhook token); components/alert-routing.ts passes it sealed.
  { cls: cloudflare.NotificationPolicyWebhooks, fields: () => ["secret", "url"] },
  // SNS documents basic-auth credentials in an HTTPS endpoint's URL and masks them.
  { cls: aws.sns.TopicSubscription, fields: (p) => (["http", "https"].includes(String(known(() => p.protocol))) ? ["endpoint"] : []) },
];

function secretFields(r: PolicyResource): string[] {
  return SECRET_CARRIERS.filter((c) => r.isType(c.cls)).flatMap((c) => c.fields(r.props));
}

interface Leaf {
  urn: string;
  path: string;
  value: string;
}

/**
 * Every known string under `value` with its input path, and the name-based findings on the way: an
 * environment-variable-like key (`DATABASE_URL`) is judged by name and value with checkPlainVariable, as the
 * config gate judges it. Unknown values are skipped: they are judged again when `pulumi up` knows them.
 */
function collectLeaves(value: unknown, path: string, urn: string, leaves: Leaf[], named: { urn: string; finding: Finding }[]): void {
  if (typeof value === "string") {
    if (value !== "") leaves.push({ urn, path, value });
    return;
  }
  if (typeof value !== "object" || value === null) return;
  for (const key of Object.keys(value)) {
    const child = known(() => (value as Record<string, unknown>)[key]);
    const at = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
    if (typeof child === "string" && child !== "" && ENV_VAR_NAME.test(key)) {
      named.push(...checkPlainVariable(key, child).map((f) => ({ urn, finding: { ...f, message: `${at}: ${f.message}` } })));
    } else {
      collectLeaves(child, at, urn, leaves, named);
    }
  }
}

export const noPlaintextSecrets: LaunchPolicy<StackValidationPolicy> = {
  name: "no-plaintext-secrets",
  description: "No resource input may hold a secret-looking value in plaintext (a password in a URL, a private key, an API key or token, a variable named like a secret): state, previews and consoles show inputs, so secrets belong in Secrets Manager or an SSM SecureString.",
  severity: "critical",
  framework: checklistItem("secrets"),
  remediationSteps: "Move the value to launch-stack:secrets.env (source: supplied, set with pulumi config set --secret) and pass the resource the secret's ARN or name.",
  url: "https://www.pulumi.com/docs/iac/concepts/secrets/",
  // One detector scan over every input of the stack (rules/secret-detector.ts): a scan's cost is mostly fixed,
  // so one per resource would cost the 10,000-resource pack seconds.
  validateStack: (args, report) => {
    const leaves: Leaf[] = [];
    const named: { urn: string; finding: Finding }[] = [];
    // Provider resources only: this program's components register outputs (names, ARNs by variable name),
    // the stack and provider resources hold engine settings, and none of them is an input sent to a cloud API.
    for (const r of args.resources.filter((r) => !/^(launch-stack|pulumi):/.test(r.type))) {
      const skip = secretFields(r);
      for (const k of Object.keys(r.props).filter((k) => !skip.includes(k))) collectLeaves(known(() => r.props[k]), k, r.urn, leaves, named);
    }
    for (const { urn, finding } of named) reportFindings(report, [finding], { urn });
    for (const { value, match } of detectSecretsInValues(leaves.map((l) => l.value))) {
      const leaf = leaves[value];
      reportFindings(report, [{ message: `${leaf.path} looks like ${withArticle(match.pattern)} in plaintext`, ref: REF, fix: "keep it in a secret store (launch-stack:secrets) and pass the resource its ARN or name" }], { urn: leaf.urn });
    }
  },
};

/** The AWS managed keys: anyone with the service's permissions in the account can decrypt with them. */
const AWS_MANAGED_KEYS = ["alias/aws/secretsmanager", "alias/aws/ssm"];

function requireCustomerKey(what: string, keyInput: string, props: Record<string, any>): Finding[] {
  if (!(keyInput in props)) {
    return [{ message: `${what} is encrypted with the AWS managed key (no ${keyInput})`, ref: REF, fix: `set ${keyInput} to the environment's own KMS key, so reading needs kms:Decrypt on exactly that key` }];
  }
  const key = known(() => String(props[keyInput]));
  return key !== undefined && AWS_MANAGED_KEYS.includes(key)
    ? [{ message: `${what} is encrypted with the AWS managed key ${key}`, ref: REF, fix: `set ${keyInput} to the environment's own KMS key, so reading needs kms:Decrypt on exactly that key` }]
    : [];
}

export const secretsCustomerManagedKey: LaunchPolicy<ResourceValidationPolicy> = {
  name: "secrets-customer-managed-key",
  description: "Secrets Manager secrets and SSM SecureString parameters must be encrypted with a customer-managed KMS key: access then needs kms:Decrypt on that key, separately per environment, instead of any principal allowed to use the AWS managed key.",
  severity: "high",
  framework: checklistItem("secrets"),
  remediationSteps: "Encrypt with the environment's customer-managed KMS key (kmsKeyId / keyId), as components/app-secrets.ts does.",
  url: "https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html",
  validateResource: [
    validateResourceOfType(aws.secretsmanager.Secret, (_secret, args, report) => reportFindings(report, requireCustomerKey("the secret", "kmsKeyId", args.props))),
    validateResourceOfType(aws.ssm.Parameter, (parameter, args, report) => {
      if (parameter.type === "SecureString") reportFindings(report, requireCustomerKey("the SecureString parameter", "keyId", args.props));
    }),
  ],
};

/** What AWS keeps when a secret or key leaves the window unset. */
const AWS_DEFAULT_WINDOW_DAYS = 30;

/** The window input of each kind of resource that has one, named as the message shows it. */
const WINDOWS: { cls: new (...rest: any[]) => Resource; input: string; label: string }[] = [
  { cls: aws.secretsmanager.Secret, input: "recoveryWindowInDays", label: "the secret's recoveryWindowInDays" },
  { cls: aws.kms.Key, input: "deletionWindowInDays", label: "the key's deletionWindowInDays" },
];

export const secretsRecoveryWindow: LaunchPolicy<StackValidationPolicy> = {
  name: "secrets-recovery-window",
  description: "A deleted secret and a deleted KMS key must stay recoverable for the environment's minimum window (30 days in production, 7 in staging): a mistaken delete or replacement is then undone instead of losing the credential, or every secret the key encrypts.",
  severity: "high",
  framework: checklistItem("secrets"),
  remediationSteps: "Set recoveryWindowInDays (secrets) and deletionWindowInDays (KMS keys) to at least 30 in prod and 7 in staging.",
  url: "https://docs.aws.amazon.com/secretsmanager/latest/userguide/manage_delete-secret.html",
  validateStack: (args, report) => {
    for (const r of args.resources) {
      const window = WINDOWS.find((w) => r.isType(w.cls));
      if (!window) continue;
      const days = Number(r.props[window.input] ?? AWS_DEFAULT_WINDOW_DAYS);
      reportFindings(report, checkRecoveryWindow(window.label, days, environmentOf(r)), { urn: r.urn });
    }
  },
};

export const ssmSecretsSecureString: LaunchPolicy<ResourceValidationPolicy> = {
  name: "ssm-secrets-securestring",
  description: "An SSM parameter named like a secret, or holding a secret-looking value, must be a SecureString: String and StringList values are stored and shown unencrypted.",
  severity: "critical",
  framework: checklistItem("secrets"),
  remediationSteps: "Declare the parameter with type SecureString and the environment's KMS key, or keep the value in launch-stack:secrets.env instead.",
  url: "https://docs.aws.amazon.com/systems-manager/latest/userguide/systems-manager-parameter-store.html",
  validateResource: validateResourceOfType(aws.ssm.Parameter, (_parameter, args, report) => {
    const type = known(() => String(args.props.type));
    if (type === undefined || type === "SecureString") return;
    const name = known(() => String(args.props.name ?? args.name)) ?? args.name;
    const leaf = name.split("/").pop()!;
    const value = known(() => args.props.value ?? args.props.insecureValue);
    const byValue = typeof value === "string" ? secretValueReason(value) : undefined;
    if (looksSecretByName(leaf) || byValue) {
      report(`parameter ${name} is a ${type} but ${byValue ? `holds what looks like ${byValue}` : "is named like a secret"} (${REF}); make it type SecureString with the environment's KMS key`);
    }
  }),
};

export const secretsPolicies = [noPlaintextSecrets, secretsCustomerManagedKey, secretsRecoveryWindow, ssmSecretsSecureString];
