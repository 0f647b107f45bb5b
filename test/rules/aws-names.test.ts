import { strict as assert } from "node:assert";
import { alertTopicName, AWS_NAME_LIMITS, canaryAlarmNames, checkAwsName } from "../../rules/aws-names";

describe("AWS name limits", () => {
  it("accepts the alert topic names of both environments as SNS topic names", () => {
    for (const env of ["staging", "prod"]) assert.deepEqual(checkAwsName(alertTopicName(env), AWS_NAME_LIMITS.snsTopic, "fix"), []);
  });

  it("refuses an SNS topic name with a dot, which only a FIFO topic's .fifo suffix may have", () => {
    assert.match(checkAwsName("launch-stack.prod-alerts", AWS_NAME_LIMITS.snsTopic, "fix")[0].message, /has characters the API refuses/);
  });

  it("refuses an SNS topic name over 256 characters", () => {
    assert.match(checkAwsName("a".repeat(257), AWS_NAME_LIMITS.snsTopic, "fix")[0].message, /would be 257 characters; the API allows 256/);
  });

  it("refuses a canary name with an upper-case letter, which Synthetics refuses", () => {
    assert.match(checkAwsName("ls-prod-API", AWS_NAME_LIMITS.canary, "fix")[0].message, /Synthetics canary name "ls-prod-API" has characters the API refuses/);
  });

  it("refuses a canary name over 255 characters", () => {
    assert.match(checkAwsName("a".repeat(256), AWS_NAME_LIMITS.canary, "fix")[0].message, /would be 256 characters; the API allows 255/);
  });

  it("names an API canary's failing and p95 alarms after the environment and the check", () => {
    assert.deepEqual(canaryAlarmNames("prod", "api-health"), ["launch-stack-prod-api-health-canary-failing", "launch-stack-prod-api-health-p95"]);
  });
});
