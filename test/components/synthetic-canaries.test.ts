import { strict as assert } from "node:assert";
import { canaryRolePolicy, codeKey, SyntheticCanaries, tlsOnlyBucketPolicy } from "../../components/synthetic-canaries";
import { apiCanaries } from "../../config/canaries";
import { canaryTimeToAlertSeconds } from "../../rules/alerting";
import { parseStackConfig } from "../../gate/load";
import { P95Watcher, p95Watchers } from "../../model/latency-watch";
import { uptimeChecks } from "../../model/uptime-checks";
import type { Evaluation } from "../../offline/evaluate";
import { ACCOUNT_ID, fakeArn } from "../support/aws-mocks";
import { Built, builtUnderAwsMocks, LATENCY_BAR_ALARM, PROD_TAGS as TAGS } from "./monitoring-fixture";
import { evaluate, inputsOf, ofType, shippedConfig } from "../support/harness";

const T = {
  canary: "aws:synthetics/canary:Canary",
  alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
  bucket: "aws:s3/bucket:Bucket",
  encryption: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  lifecycle: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
  publicAccess: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  object: "aws:s3/bucketObjectv2:BucketObjectv2",
  role: "aws:iam/role:Role",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
};

describe("SyntheticCanaries (prod)", () => {
  let ev: Evaluation;
  before(async () => {
    ev = await evaluate(shippedConfig("prod"), "prod");
  });

  it("runs an API canary per core endpoint every minute on syn-nodejs-puppeteer-15.0 in us-east-1, from the zipped script", () => {
    const { executionRoleArn, s3Bucket, artifactS3Location, ...rest } = inputsOf(ev, T.canary, "canaries-api-health");
    assert.deepEqual(rest, {
      name: "ls-prod-api-health",
      runtimeVersion: "syn-nodejs-puppeteer-15.0",
      handler: "api-check.handler",
      s3Key: codeKey("api-check"),
      artifactConfig: { s3Encryption: { encryptionMode: "SSE_S3" } },
      schedule: { expression: "rate(1 minute)", retryConfig: { maxRetries: 0 } },
      runConfig: {
        timeoutInSeconds: 30,
        environmentVariables: { CANARY_NAME: "ls-prod-api-health", CHECK_URL: "https://api.example.com/api/health", EXPECTED_STATUS: "200", BODY_CONTAINS: '"status":"ok"', REQUEST_TIMEOUT_MS: "10000" },
      },
      successRetentionPeriod: 7,
      failureRetentionPeriod: 31,
      startCanary: true,
      deleteLambda: true,
      region: "us-east-1",
      tags: TAGS,
    });
    assert.deepEqual(ofType(ev, T.canary).map((r) => r.name), ["canaries-homepage", "canaries-login", "canaries-api-health", "canaries-login-flow"]);
  });

  it("zips each script as nodejs/node_modules/<script>.js under a key that changes with its content", () => {
    const object = inputsOf(ev, T.object, "canaries-code-login-flow");
    assert.deepEqual([object.key, object.region, Object.keys(object.source.assets)], [codeKey("login-flow"), "us-east-1", ["nodejs/node_modules/login-flow.js"]]);
    assert.match(codeKey("login-flow"), /^code\/login-flow-[0-9a-f]{12}\.zip$/);
    assert.equal(object.source.assets["nodejs/node_modules/login-flow.js"].path, "canaries/login-flow.js");
  });

  it("signs in on the login canary with the account's name and its secret's name only", () => {
    const canary = inputsOf(ev, T.canary, "canaries-login-flow");
    assert.deepEqual([canary.name, canary.handler], ["ls-prod-login-flow", "login-flow.handler"]);
    assert.deepEqual(canary.runConfig.environmentVariables, {
      LOGIN_URL: "https://app.example.com/login",
      DASHBOARD_PATH: "/dashboard",
      LOGIN_FORM_SELECTORS: '{"username":"input[name=\\"email\\"]","password":"input[type=\\"password\\"]","submit":"button[type=\\"submit\\"]"}',
      STEP_TIMEOUT_MS: "15000",
      TEST_USERNAME: "synthetic-monitor@example.com",
      TEST_ACCOUNT_SECRETSMANAGER_ID: "launch-stack/prod/canary-login-password",
      TEST_ACCOUNT_SECRETSMANAGER_REGION: "us-east-1",
    });
  });

  it("alarms when an API canary fails two runs in a row, treating no runs as failing", () => {
    const { dimensions, alarmActions, okActions, ...rest } = inputsOf(ev, T.alarm, "canaries-api-health-failing");
    assert.deepEqual(rest, {
      name: "launch-stack-prod-api-health-canary-failing",
      alarmDescription: "https://api.example.com/api/health: canary ls-prod-api-health failed 2 of its last 2 runs",
      namespace: "CloudWatchSynthetics",
      metricName: "SuccessPercent",
      statistic: "Average",
      comparisonOperator: "LessThanThreshold",
      threshold: 100,
      period: 60,
      evaluationPeriods: 2,
      datapointsToAlarm: 2,
      treatMissingData: "breaching",
      region: "us-east-1",
      tags: TAGS,
    });
    assert.deepEqual([dimensions, alarmActions.length, okActions.length], [{ CanaryName: "ls-prod-api-health" }, 1, 1]);
  });

  it("alarms on the p95 of the raw response times above 500 ms for two of three five-minute windows", () => {
    const { alarmActions, okActions, ...rest } = inputsOf(ev, T.alarm, "canaries-api-health-p95");
    assert.deepEqual(rest, {
      name: "launch-stack-prod-api-health-p95",
      alarmDescription: "https://api.example.com/api/health: p95 response time above 500 ms, measured by canary ls-prod-api-health",
      namespace: "LaunchStack/Canaries",
      metricName: "ResponseTime",
      dimensions: { CanaryName: "ls-prod-api-health" },
      extendedStatistic: "p95",
      ...LATENCY_BAR_ALARM,
    });
    assert.deepEqual([alarmActions.length, okActions.length], [1, 1]);
  });

  it("encrypts the artifact bucket with S3-managed keys, blocks public access and expires run artifacts only", () => {
    assert.deepEqual(inputsOf(ev, T.encryption, "canaries-artifacts-encryption").rules, [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }]);
    const block = inputsOf(ev, T.publicAccess, "canaries-artifacts-public-access");
    assert.deepEqual([block.blockPublicAcls, block.blockPublicPolicy, block.ignorePublicAcls, block.restrictPublicBuckets], [true, true, true, true]);
    assert.deepEqual(inputsOf(ev, T.lifecycle, "canaries-artifacts-lifecycle").rules, [{
      id: "expire-run-artifacts", status: "Enabled", filter: { prefix: "canary/" }, expiration: { days: 31 }, abortIncompleteMultipartUpload: { daysAfterInitiation: 1 },
    }]);
    assert.deepEqual([inputsOf(ev, T.bucket, "canaries-artifacts").forceDestroy, inputsOf(ev, T.bucket, "canaries-artifacts").region], [false, "us-east-1"]);
  });

  it("declares no automatic retries on any canary, so the time to alert it exports counts each failed run once", () => {
    const names = ofType(ev, T.canary).map((r) => r.name);
    assert.deepEqual(names.map((n) => inputsOf(ev, T.canary, n).schedule.retryConfig), names.map(() => ({ maxRetries: 0 })));
    const canary = inputsOf(ev, T.canary, "canaries-login-flow");
    const alarm = inputsOf(ev, T.alarm, "canaries-login-flow-failing");
    const timing = { rateMinutes: 1, timeoutSeconds: canary.runConfig.timeoutInSeconds, maxRetries: canary.schedule.retryConfig.maxRetries, alarmPeriod: alarm.period, datapointsToAlarm: alarm.datapointsToAlarm };
    assert.equal((ev.outputs.canaries as Record<string, any>).timeToAlertSeconds, canaryTimeToAlertSeconds(timing));
  });

  it("exports the canary time to alert and whether the login canary signs in", () => {
    const c = ev.outputs.canaries as Record<string, any>;
    assert.deepEqual([c.schedule, c.timeToAlertSeconds, c.loginFlow], ["rate(1 minute)", 210, { canary: "ls-prod-login-flow", signsIn: true }]);
  });

  it("exports what watches p95 as the rows the handover's scorecard and verify show (model/latency-watch.ts)", () => {
    const c = ev.outputs.canaries as Record<string, any>;
    assert.deepEqual(c.p95, p95Watchers(parseStackConfig(shippedConfig("prod"))).filter((w) => w.watchedBy.startsWith("canary ")));
    assert.deepEqual(c.p95.map((w: P95Watcher) => `${w.watchedBy}: ${w.alarm}; ${w.every}`), [
      "canary ls-prod-api-health: LaunchStack/Canaries ResponseTime p95 > 500 ms; one request every 1 minute from us-east-1; alarm on 2 of 3 300-s windows",
      "canary ls-prod-homepage: LaunchStack/Canaries ResponseTime p95 > 500 ms; one request every 1 minute from us-east-1; alarm on 2 of 3 300-s windows",
      "canary ls-prod-login: LaunchStack/Canaries ResponseTime p95 > 500 ms; one request every 1 minute from us-east-1; alarm on 2 of 3 300-s windows",
    ]);
  });
});

describe("SyntheticCanaries wired with real ARNs", () => {
  let built: Built;
  const input = (type: string, name: string) => built.input(type, name);
  const bucketArn = fakeArn(T.bucket, "canaries-artifacts", "us-east-1");
  before(async () => {
    const config = parseStackConfig(shippedConfig("prod"));
    const checks = uptimeChecks(config);
    built = await builtUnderAwsMocks(() => new SyntheticCanaries("canaries", {
      environment: "prod",
      canaries: config.monitoring.canaries,
      latency: config.monitoring.latency,
      apiCanaries: apiCanaries("prod", checks),
      loginUrl: "https://app.example.com/login",
      topicArn: "arn:aws:sns:us-east-1:111122223333:launch-stack-prod-alerts",
    }));
  });

  it("lets only Lambda assume the canary roles", () => {
    assert.deepEqual(JSON.parse(input(T.role, "canaries-api-role").assumeRolePolicy).Statement, [
      { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" },
    ]);
  });

  it("scopes the API role to its canaries' artifacts, log groups and the two metric namespaces, with no secret", () => {
    const policy = JSON.parse(input(T.rolePolicy, "canaries-api-role-policy").policy);
    assert.deepEqual(policy, canaryRolePolicy({ accountId: ACCOUNT_ID, bucketArn, canaryNames: ["ls-prod-api-health", "ls-prod-homepage", "ls-prod-login"] }));
    assert.deepEqual(policy.Statement, [
      { Sid: "WriteRunArtifacts", Effect: "Allow", Action: "s3:PutObject", Resource: ["ls-prod-api-health", "ls-prod-homepage", "ls-prod-login"].map((n) => `${bucketArn}/canary/${n}/*`) },
      { Sid: "FindArtifactBucket", Effect: "Allow", Action: "s3:GetBucketLocation", Resource: bucketArn },
      { Sid: "ListBucketsForSynthetics", Effect: "Allow", Action: "s3:ListAllMyBuckets", Resource: "*" },
      {
        Sid: "WriteOwnLogs", Effect: "Allow", Action: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: ["ls-prod-api-health", "ls-prod-homepage", "ls-prod-login"].map((n) => `arn:aws:logs:us-east-1:${ACCOUNT_ID}:log-group:/aws/lambda/cwsyn-${n}-*`),
      },
      { Sid: "PublishCanaryMetrics", Effect: "Allow", Action: "cloudwatch:PutMetricData", Resource: "*", Condition: { StringEquals: { "cloudwatch:namespace": ["CloudWatchSynthetics", "LaunchStack/Canaries"] } } },
    ]);
  });

  it("lets only the login role read the test account's secret, by its name in us-east-1", () => {
    const statements = JSON.parse(input(T.rolePolicy, "canaries-login-role-policy").policy).Statement;
    assert.deepEqual(statements.at(-1), {
      Sid: "ReadTestAccountPassword", Effect: "Allow", Action: "secretsmanager:GetSecretValue",
      Resource: `arn:aws:secretsmanager:us-east-1:${ACCOUNT_ID}:secret:launch-stack/prod/canary-login-password-??????`,
    });
  });

  it("refuses every request to the artifact bucket not made over TLS", () => {
    assert.deepEqual(JSON.parse(input("aws:s3/bucketPolicy:BucketPolicy", "canaries-artifacts-tls-only").policy), tlsOnlyBucketPolicy(bucketArn));
    assert.deepEqual(tlsOnlyBucketPolicy(bucketArn).Statement[0].Condition, { Bool: { "aws:SecureTransport": "false" } });
  });

  it("notifies the alert topic from every alarm, on ALARM and on OK", () => {
    const alarms = built.created.filter((r) => r.type === T.alarm);
    assert.equal(alarms.length, 7);
    for (const a of alarms) assert.deepEqual([a.inputs.alarmActions, a.inputs.okActions], [["arn:aws:sns:us-east-1:111122223333:launch-stack-prod-alerts"], ["arn:aws:sns:us-east-1:111122223333:launch-stack-prod-alerts"]], a.name);
  });
});
