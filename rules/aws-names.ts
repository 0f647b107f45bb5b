/**
 * Name limits the AWS APIs enforce on the names this stack derives from config: a name over a limit passes
 * every preview and fails at `pulumi up`, half-way through. Each limit is the API's own (AWS API Reference,
 * the operation's request parameter, "Length Constraints" and "Pattern"; the Terraform AWS provider the
 * Pulumi provider bridges validates the same bounds, e.g. aws_cloudwatch_metric_alarm alarm_name 1-255).
 */
import { Finding } from "./finding";

export interface NameLimit {
  what: string;
  max: number;
  pattern: RegExp;
  /** Where the limit is stated. */
  source: string;
  /** Prefixes AWS reserves for itself. */
  reserved?: RegExp;
}

export const AWS_NAME_LIMITS = {
  alarm: { what: "CloudWatch alarm name", max: 255, pattern: /^[^\u0000-\u001f]+$/, source: "CloudWatch PutMetricAlarm AlarmName: 1-255 characters" },
  // terraform-provider-aws internal/service/sns/topic.go (customizeDiff): ^[0-9A-Za-z_-]{1,256}$ for a standard
  // topic, ^[0-9A-Za-z_-]{1,251}\.fifo$ for a FIFO one; this stack's alert topics are standard, so no dot at all.
  snsTopic: { what: "SNS topic name", max: 256, pattern: /^[A-Za-z0-9_-]+$/, source: "SNS CreateTopic Name: 1-256 letters, digits, hyphens, underscores; .fifo only ends a FIFO topic's name" },
  // terraform-provider-aws internal/service/synthetics/canary.go: name 1-255 characters, ^[0-9a-z_\-]+$ (lower case
  // only). CloudFormation's AWS::Synthetics::Canary still says {1,21}: canaryName (rules/canaries.ts) keeps within that.
  canary: { what: "Synthetics canary name", max: 255, pattern: /^[0-9a-z_-]+$/, source: "Synthetics CreateCanary Name: 1-255 characters, lower-case letters, digits, hyphens, underscores" },
  kmsAlias: { what: "KMS alias", max: 256, pattern: /^alias\/[A-Za-z0-9/_-]+$/, source: "KMS CreateAlias AliasName: 1-256 characters, ^[a-zA-Z0-9:/_-]+$, alias/aws/ reserved", reserved: /^alias\/aws\//i },
  secret: { what: "Secrets Manager secret name", max: 512, pattern: /^[A-Za-z0-9/_+=.@-]+$/, source: "Secrets Manager CreateSecret Name: 1-512 characters, letters, digits and /_+=.@-" },
  ssmParameter: { what: "SSM parameter name", max: 2048, pattern: /^\/?[A-Za-z0-9_.\-/]+$/, source: "SSM PutParameter Name: 1-2048 characters, a-zA-Z0-9_.-/, at most 15 levels, not beginning with aws or ssm", reserved: /^\/?(aws|ssm)/i },
  iamPolicy: { what: "IAM policy name", max: 128, pattern: /^[\w+=,.@-]+$/, source: "IAM CreatePolicy PolicyName: 1-128 characters, [\\w+=,.@-]+" },
} satisfies Record<string, NameLimit>;

/** SSM parameter hierarchies: at most 15 levels (SSM PutParameter, "Parameter hierarchies"). */
export const SSM_MAX_LEVELS = 15;

/** The findings for one derived name against its API's limit. */
export function checkAwsName(name: string, limit: NameLimit, fix: string): Finding[] {
  const out: Finding[] = [];
  const ref = `AWS API: ${limit.source}`;
  if (name.length > limit.max) out.push({ message: `the ${limit.what} ${name.slice(0, 40)}… would be ${name.length} characters; the API allows ${limit.max}, so pulumi up would fail`, ref, fix });
  if (!limit.pattern.test(name)) out.push({ message: `the ${limit.what} ${JSON.stringify(name)} has characters the API refuses`, ref, fix });
  if (limit.reserved?.test(name)) out.push({ message: `the ${limit.what} ${name} uses a prefix AWS reserves`, ref, fix });
  if (limit === AWS_NAME_LIMITS.ssmParameter && name.split("/").filter(Boolean).length > SSM_MAX_LEVELS) {
    out.push({ message: `the ${limit.what} ${name} has more than ${SSM_MAX_LEVELS} levels`, ref, fix });
  }
  return out;
}

/** Alarm names of an uptime check, as components/uptime-monitoring.ts declares them. */
export function uptimeAlarmNames(environment: string, check: string): string[] {
  return [`launch-stack-${environment}-${check}-down`, `launch-stack-${environment}-${check}-slow`];
}

/** The alarm names of an API canary (its failing and p95 alarms), as components/synthetic-canaries.ts declares them. */
export function canaryAlarmNames(environment: string, check: string): string[] {
  return [`launch-stack-${environment}-${check}-canary-failing`, `launch-stack-${environment}-${check}-p95`];
}

/** The login-flow canary's alarm name, as components/synthetic-canaries.ts declares it. */
export function loginCanaryAlarmName(environment: string): string {
  return `launch-stack-${environment}-login-flow-failing`;
}

/** The alert topic's name (and its AWS Chatbot configuration's), as components/alert-routing.ts declares it. */
export function alertTopicName(environment: string): string {
  return `launch-stack-${environment}-alerts`;
}

/** The app secrets' KMS alias and read policy names, as components/app-secrets.ts declares them. */
export function appSecretsKeyAlias(prefix: string): string {
  return `alias/${prefix.replace(/[^A-Za-z0-9/_-]/g, "-")}/app-secrets`;
}

export function appSecretsReadPolicyName(prefix: string): string {
  return `${prefix.replace(/[^A-Za-z0-9+=,.@_-]/g, "-")}-read-app-secrets`;
}
