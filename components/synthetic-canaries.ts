/**
 * CloudWatch Synthetics canaries beside the Route 53 checks, in the monitoring region (us-east-1, where
 * the alert topic is: an alarm notifies only a topic in its own region). There is an API canary per
 * core endpoint and a browser canary for the login flow. The API canaries publish each response time as
 * a raw data point, so the p95 alarm gets data (docs/latency-metrics.md). Both kinds alarm on their
 * success rate to the same topic.
 *
 * The component also makes the artifact bucket (S3-managed encryption, TLS only, no public access,
 * expiring artifacts) and one role per canary kind. A role may write only its canaries' artifacts and
 * log groups, and publish only to the two metric namespaces. Only the login role may read the test
 * account's secret. The canary code is the repository's canaries/*.js, zipped by the engine in the
 * layout Node.js runtimes expect (nodejs/node_modules/<file>.js) and uploaded under a content-hashed
 * key, so a code change updates the canaries.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ApiCanary, CanariesConfig, canaryTiming } from "../config/canaries";
import type { MonitoringConfig } from "../config/monitoring";
import { canaryTimeToAlertSeconds, LATENCY_STATISTIC, ROUTE53_METRICS_REGION } from "../rules/alerting";
import { canaryAlarmNames, loginCanaryAlarmName } from "../rules/aws-names";
import { canaryName, scheduleExpression } from "../rules/canaries";
import { CANARY_LATENCY_METRIC, CANARY_LATENCY_NAMESPACE } from "../rules/metric-statistics";
import { canaryP95Watchers, P95Watcher } from "../model/latency-watch";
import type { Environment } from "../rules/tls";

/** Canaries, their alarms and bucket live with the alert topic. */
export const MONITORING_REGION = ROUTE53_METRICS_REGION;
export const SYNTHETICS_NAMESPACE = "CloudWatchSynthetics";
/** The repository's canary scripts. */
export const CANARY_DIR = join(__dirname, "..", "canaries");
/** Where Synthetics writes run artifacts; the lifecycle rule expires only these, never the code. */
export const ARTIFACT_PREFIX = "canary/";
export const CODE_PREFIX = "code/";

export type CanaryScript = "api-check" | "login-flow";

/** The archive the runtime loads: the script as nodejs/node_modules/<script>.js (handler `<script>.handler`). */
export function canaryArchive(script: CanaryScript): pulumi.asset.AssetArchive {
  return new pulumi.asset.AssetArchive({ [`nodejs/node_modules/${script}.js`]: new pulumi.asset.FileAsset(`canaries/${script}.js`) });
}

/** `code/api-check-3f2a9c1b7d4e.zip`: the key moves when the script does, so Synthetics redeploys it. */
export function codeKey(script: CanaryScript): string {
  const hash = createHash("sha256").update(readFileSync(join(CANARY_DIR, `${script}.js`))).digest("hex").slice(0, 12);
  return `${CODE_PREFIX}${script}-${hash}.zip`;
}

/** Bucket policy: refuse every request not made over TLS. */
export function tlsOnlyBucketPolicy(bucketArn: string) {
  return {
    Version: "2012-10-17",
    Statement: [{
      Sid: "DenyInsecureTransport",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: [bucketArn, `${bucketArn}/*`],
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    }],
  };
}

export interface CanaryRoleScope {
  accountId: string;
  bucketArn: string;
  canaryNames: readonly string[];
  /** The test account's secret (login role only). */
  secret?: { name: string; region: string };
}

/**
 * The canary role's permissions, after AWS's "Required roles and permissions for CloudWatch canaries":
 * write artifacts under this stack's canary prefix, find the bucket, write its own log groups, publish
 * metrics to the Synthetics namespace and the response-time namespace only, and read the one secret.
 */
export function canaryRolePolicy(scope: CanaryRoleScope) {
  const statements: Record<string, unknown>[] = [
    { Sid: "WriteRunArtifacts", Effect: "Allow", Action: "s3:PutObject", Resource: scope.canaryNames.map((n) => `${scope.bucketArn}/${ARTIFACT_PREFIX}${n}/*`) },
    { Sid: "FindArtifactBucket", Effect: "Allow", Action: "s3:GetBucketLocation", Resource: scope.bucketArn },
    // Synthetics lists buckets to check the artifact location exists; the action has no resource scope.
    { Sid: "ListBucketsForSynthetics", Effect: "Allow", Action: "s3:ListAllMyBuckets", Resource: "*" },
    {
      Sid: "WriteOwnLogs",
      Effect: "Allow",
      Action: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
      Resource: scope.canaryNames.map((n) => `arn:aws:logs:${MONITORING_REGION}:${scope.accountId}:log-group:/aws/lambda/cwsyn-${n}-*`),
    },
    {
      Sid: "PublishCanaryMetrics",
      Effect: "Allow",
      Action: "cloudwatch:PutMetricData",
      Resource: "*",
      Condition: { StringEquals: { "cloudwatch:namespace": [SYNTHETICS_NAMESPACE, CANARY_LATENCY_NAMESPACE] } },
    },
  ];
  if (scope.secret) {
    // Secrets Manager appends six random characters to a secret's name in its ARN.
    statements.push({ Sid: "ReadTestAccountPassword", Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: `arn:aws:secretsmanager:${scope.secret.region}:${scope.accountId}:secret:${scope.secret.name}-??????` });
  }
  return { Version: "2012-10-17", Statement: statements };
}

const LAMBDA_TRUST = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }] });

export interface SyntheticCanariesArgs {
  readonly environment: Environment;
  /** `launch-stack:monitoring.canaries`, validated. */
  readonly canaries: CanariesConfig;
  /** The latency bar the p95 alarms share with the Route 53 alarm. */
  readonly latency: MonitoringConfig["latency"];
  /** One API canary per core endpoint (config/canaries.ts apiCanaries). */
  readonly apiCanaries: readonly ApiCanary[];
  /** The login page the browser canary opens. */
  readonly loginUrl: string;
  /** The alert topic (us-east-1), notified on ALARM and OK. */
  readonly topicArn: pulumi.Input<string>;
}

export class SyntheticCanaries extends pulumi.ComponentResource {
  /** Canary names: the API canaries in check order, then the login canary. */
  public readonly canaryNames: string[];
  /** Alarm names: per API canary its success and p95 alarms, then the login canary's success alarm. */
  public readonly alarms: string[];
  /** `rate(1 minute)`. */
  public readonly schedule: string;
  /** Worst-case seconds from an outage to the success alarm (rules/canaries.ts). */
  public readonly timeToAlertSeconds: number;
  /** What watches p95 and how often: model/latency-watch.ts's canary rows, as the scorecard and verify show them. */
  public readonly p95Watch: P95Watcher[];
  /** Whether the login canary signs in, and the configured reason when it does not. */
  public readonly loginFlow: { canary: string; signsIn: boolean; noTestAccountReason?: string };
  public readonly artifactBucket: pulumi.Output<string>;

  constructor(name: string, args: SyntheticCanariesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("launch-stack:monitoring:SyntheticCanaries", name, { environment: args.environment }, opts);
    const { environment, canaries: c } = args;
    const region = MONITORING_REGION;
    const child = { parent: this };
    const tags = { Environment: environment, ManagedBy: "launch-stack" };
    const accountId = aws.getCallerIdentityOutput({}, child).accountId;
    const login = c.login;
    const loginName = canaryName(environment, "login-flow");
    const apiNames = args.apiCanaries.map((a) => a.name);

    const bucket = new aws.s3.Bucket(`${name}-artifacts`, { region, forceDestroy: environment !== "prod", tags }, child);
    new aws.s3.BucketServerSideEncryptionConfiguration(`${name}-artifacts-encryption`, {
      bucket: bucket.id,
      rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
      region,
    }, child);
    new aws.s3.BucketPublicAccessBlock(`${name}-artifacts-public-access`, {
      bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true, region,
    }, child);
    new aws.s3.BucketOwnershipControls(`${name}-artifacts-ownership`, { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" }, region }, child);
    new aws.s3.BucketPolicy(`${name}-artifacts-tls-only`, { bucket: bucket.id, policy: bucket.arn.apply((arn) => JSON.stringify(tlsOnlyBucketPolicy(arn))), region }, child);
    const expireDays = Math.max(c.successRetentionDays, c.failureRetentionDays);
    new aws.s3.BucketLifecycleConfiguration(`${name}-artifacts-lifecycle`, {
      bucket: bucket.id,
      rules: [{
        id: "expire-run-artifacts",
        status: "Enabled",
        filter: { prefix: ARTIFACT_PREFIX },
        expiration: { days: expireDays },
        abortIncompleteMultipartUpload: { daysAfterInitiation: 1 },
      }],
      region,
    }, child);

    const role = (kind: "api" | "login", names: string[], secret?: CanaryRoleScope["secret"]) => {
      const r = new aws.iam.Role(`${name}-${kind}-role`, { description: `CloudWatch Synthetics ${kind} canaries of the ${environment} portal`, assumeRolePolicy: LAMBDA_TRUST, tags }, child);
      new aws.iam.RolePolicy(`${name}-${kind}-role-policy`, {
        role: r.id,
        policy: pulumi.all([accountId, bucket.arn]).apply(([id, arn]) => JSON.stringify(canaryRolePolicy({ accountId: id, bucketArn: arn, canaryNames: names, secret }))),
      }, child);
      return r;
    };
    const apiRole = role("api", apiNames);
    const secret = login.testAccount ? { name: login.testAccount.passwordSecretName, region: login.testAccount.passwordSecretRegion ?? region } : undefined;
    const loginRole = role("login", [loginName], secret);

    const code = (script: CanaryScript) => new aws.s3.BucketObjectv2(`${name}-code-${script}`, {
      bucket: bucket.id, key: codeKey(script), source: canaryArchive(script), region, tags,
    }, child);
    const apiCode = code("api-check");
    const loginCode = code("login-flow");

    this.schedule = scheduleExpression(c.rateMinutes);
    const timing = canaryTiming(c);
    const canary = (resourceName: string, canaryId: string, script: CanaryScript, object: aws.s3.BucketObjectv2, executionRoleArn: pulumi.Input<string>, env: Record<string, string>) =>
      new aws.synthetics.Canary(resourceName, {
        name: canaryId,
        runtimeVersion: c.runtimeVersion,
        handler: `${script}.handler`,
        s3Bucket: object.bucket,
        s3Key: object.key,
        executionRoleArn,
        artifactS3Location: pulumi.interpolate`s3://${bucket.bucket}/${ARTIFACT_PREFIX}${canaryId}/`,
        artifactConfig: { s3Encryption: { encryptionMode: "SSE_S3" } },
        // No automatic retries, declared rather than left to the provider's default: a retried run fails
        // only after its last attempt, which would delay the success alarm past the time to alert.
        schedule: { expression: this.schedule, retryConfig: { maxRetries: timing.maxRetries } },
        runConfig: { timeoutInSeconds: c.timeoutSeconds, environmentVariables: env },
        successRetentionPeriod: c.successRetentionDays,
        failureRetentionPeriod: c.failureRetentionDays,
        startCanary: true,
        // Deleting a canary also deletes its Lambda function and layers, or they would be left behind.
        deleteLambda: true,
        region,
        tags,
      }, { parent: this, dependsOn: [object] });

    const actions = { alarmActions: [args.topicArn], okActions: [args.topicArn] };
    const sa = c.successAlarm;
    const successAlarm = (resourceName: string, alarmName: string, canaryId: string, what: string) => new aws.cloudwatch.MetricAlarm(resourceName, {
      name: alarmName,
      alarmDescription: `${what}: canary ${canaryId} failed ${sa.datapointsToAlarm} of its last ${sa.evaluationPeriods} runs`,
      namespace: SYNTHETICS_NAMESPACE,
      metricName: "SuccessPercent",
      dimensions: { CanaryName: canaryId },
      // "Valid Statistic: Average" (CloudWatch User Guide, metrics published by canaries).
      statistic: "Average",
      comparisonOperator: "LessThanThreshold",
      threshold: 100,
      period: sa.period,
      evaluationPeriods: sa.evaluationPeriods,
      datapointsToAlarm: sa.datapointsToAlarm,
      // No runs means nothing is watching: that is an alarm too.
      treatMissingData: "breaching",
      ...actions,
      region,
      tags,
    }, child);

    this.alarms = [];
    for (const api of args.apiCanaries) {
      canary(`${name}-${api.check}`, api.name, "api-check", apiCode, apiRole.arn, {
        CANARY_NAME: api.name,
        CHECK_URL: api.url,
        EXPECTED_STATUS: String(api.expectedStatus),
        ...(api.bodyContains ? { BODY_CONTAINS: api.bodyContains } : {}),
        REQUEST_TIMEOUT_MS: String(Math.min(10, c.timeoutSeconds - 5) * 1000),
      });
      const [failing, slow] = canaryAlarmNames(environment, api.check);
      successAlarm(`${name}-${api.check}-failing`, failing, api.name, api.url);
      new aws.cloudwatch.MetricAlarm(`${name}-${api.check}-p95`, {
        name: slow,
        alarmDescription: `${api.url}: p95 response time above ${args.latency.thresholdMs} ms, measured by canary ${api.name}`,
        namespace: CANARY_LATENCY_NAMESPACE,
        metricName: CANARY_LATENCY_METRIC,
        dimensions: { CanaryName: api.name },
        // A percentile of raw data points, which canaries/api-check.js publishes (rules/metric-statistics.ts).
        extendedStatistic: LATENCY_STATISTIC,
        comparisonOperator: "GreaterThanThreshold",
        threshold: args.latency.thresholdMs,
        period: args.latency.period,
        evaluationPeriods: args.latency.evaluationPeriods,
        datapointsToAlarm: args.latency.datapointsToAlarm,
        // No response means no response time; the success alarm reports that.
        treatMissingData: "notBreaching",
        ...actions,
        region,
        tags,
      }, child);
      this.alarms.push(failing, slow);
    }

    canary(`${name}-login-flow`, loginName, "login-flow", loginCode, loginRole.arn, {
      LOGIN_URL: args.loginUrl,
      DASHBOARD_PATH: login.dashboardPath,
      LOGIN_FORM_SELECTORS: JSON.stringify({ username: login.usernameSelector, password: login.passwordSelector, submit: login.submitSelector }),
      STEP_TIMEOUT_MS: String(Math.min(15, c.timeoutSeconds - 5) * 1000),
      // The secret's name and region only: the runtime reads the password when it runs.
      ...(login.testAccount && secret ? { TEST_USERNAME: login.testAccount.username, TEST_ACCOUNT_SECRETSMANAGER_ID: secret.name, TEST_ACCOUNT_SECRETSMANAGER_REGION: secret.region } : {}),
    });
    const loginFailing = loginCanaryAlarmName(environment);
    successAlarm(`${name}-login-flow-failing`, loginFailing, loginName, login.testAccount ? "Signing in and reaching the dashboard" : "Loading the login page");
    this.alarms.push(loginFailing);

    this.p95Watch = canaryP95Watchers(args.apiCanaries, args.latency, c.rateMinutes);
    this.canaryNames = [...apiNames, loginName];
    this.timeToAlertSeconds = canaryTimeToAlertSeconds(timing);
    this.loginFlow = { canary: loginName, signsIn: login.testAccount !== undefined, ...(login.noTestAccountReason ? { noTestAccountReason: login.noTestAccountReason } : {}) };
    this.artifactBucket = bucket.bucket;
    this.registerOutputs({
      environment,
      canaryNames: this.canaryNames, alarms: this.alarms, schedule: this.schedule, timeToAlertSeconds: this.timeToAlertSeconds,
      p95Watch: this.p95Watch, loginFlow: this.loginFlow, artifactBucket: this.artifactBucket,
    });
  }
}
