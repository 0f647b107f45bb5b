import { strict as assert } from "node:assert";
import { canaryTimeToAlertSeconds, describeCanaryTimeToAlert } from "../../rules/alerting";
import { canaryName, scheduleExpression } from "../../rules/canaries";

describe("rules: canaries", () => {
  it("names a canary ls-<environment>-<check>, and a long one by prefix and hash within 21 characters", () => {
    assert.equal(canaryName("prod", "api-health"), "ls-prod-api-health");
    const long = canaryName("staging", "password-reset");
    assert.match(long, /^ls-staging-pas-[0-9a-f]{6}$/);
    assert.ok(long.length <= 21);
    assert.notEqual(canaryName("staging", "password-reset-2"), long);
  });

  it("writes Synthetics' rate expression", () => {
    assert.deepEqual([scheduleExpression(1), scheduleExpression(5)], ["rate(1 minute)", "rate(5 minutes)"]);
  });

  it("adds one schedule per failed datapoint, the run's timeout and the alarm period", () => {
    const t = { rateMinutes: 1, timeoutSeconds: 30, maxRetries: 0, alarmPeriod: 60, datapointsToAlarm: 2 };
    assert.deepEqual([canaryTimeToAlertSeconds(t), describeCanaryTimeToAlert(t)], [210, "60 s × 2 + 30 s + 60 s = 210 s"]);
  });
});
