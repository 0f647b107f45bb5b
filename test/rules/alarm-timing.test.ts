import { strict as assert } from "node:assert";
import {
  canaryTimeToAlertSeconds, checkAlarmTopicRegion, checkCanaryTiming, checkMetricAlarmTiming, describeCanaryTimeToAlert, describeMetricAlarmTimeToAlert, metricAlarmTimeToAlertSeconds,
  SNS_DELIVERY_ALLOWANCE_SECONDS,
} from "../../rules/alerting";
import { defaultTimeoutSeconds, rateMinutesOf, scheduleExpression } from "../../rules/canaries";

describe("rules: alarm timing beyond the health checks", () => {
  it("counts a metric alarm's whole look-back window plus SNS delivery", () => {
    assert.equal(SNS_DELIVERY_ALLOWANCE_SECONDS, 30);
    assert.equal(metricAlarmTimeToAlertSeconds({ period: 60, evaluationPeriods: 3 }), 210);
    assert.equal(describeMetricAlarmTimeToAlert({ period: 60, evaluationPeriods: 3 }), "60 s × 3 + 30 s SNS delivery = 210 s");
  });

  it("accepts exactly five minutes and refuses more", () => {
    assert.deepEqual(checkMetricAlarmTiming({ period: 90, evaluationPeriods: 3 }), []);
    assert.deepEqual(checkMetricAlarmTiming({ period: 60, evaluationPeriods: 5 }), [{
      message: "time to alert is 60 s × 5 + 30 s SNS delivery = 330 s, over the 300 s limit", ref: "launch checklist: monitoring", fix: "lower the period or evaluationPeriods",
    }]);
  });

  it("counts a canary's run timeout once per attempt when failed runs are retried", () => {
    const t = { rateMinutes: 1, timeoutSeconds: 20, maxRetries: 2, alarmPeriod: 60, datapointsToAlarm: 2 };
    assert.deepEqual([canaryTimeToAlertSeconds(t), describeCanaryTimeToAlert(t)], [240, "60 s × 2 + 20 s × 3 (run and 2 retries) + 60 s = 240 s"]);
    assert.equal(describeCanaryTimeToAlert({ ...t, maxRetries: 1 }), "60 s × 2 + 20 s × 2 (run and 1 retry) + 60 s = 220 s");
  });

  it("refuses retries that push a canary's time to alert over five minutes, naming them in the fix", () => {
    const t = { rateMinutes: 1, timeoutSeconds: 30, maxRetries: 1, alarmPeriod: 60, datapointsToAlarm: 3 };
    assert.deepEqual(checkCanaryTiming({ ...t, maxRetries: 0 }), []);
    assert.deepEqual(checkCanaryTiming({ ...t, timeoutSeconds: 40 }), [
      {
        message: "canary time to alert is 60 s × 3 + 40 s × 2 (run and 1 retry) + 60 s = 320 s, over the 300 s limit", ref: "launch checklist: monitoring",
        fix: "run the canaries more often, lower timeoutSeconds, retry failed runs fewer times (schedule.retryConfig.maxRetries), or alarm on fewer failed datapoints",
      },
      { message: "a failed run and its 1 retry may take 80 s, longer than the 60 s between runs", ref: "launch checklist: monitoring", fix: "lower timeoutSeconds or schedule.retryConfig.maxRetries" },
    ]);
  });

  it("reads minutes back from the schedules the stack writes, and hours", () => {
    assert.deepEqual([1, 5].map((m) => rateMinutesOf(scheduleExpression(m))), [1, 5]);
    assert.deepEqual([rateMinutesOf("rate(1 hour)"), rateMinutesOf("rate(2 hours)")], [60, 120]);
  });

  it("has no interval for a cron schedule or a single run", () => {
    assert.deepEqual([rateMinutesOf("cron(0/10 * * * ? *)"), rateMinutesOf("rate(0 minute)"), rateMinutesOf("rate(5 days)")], [undefined, undefined, undefined]);
  });

  it("takes a run's default timeout from the schedule, at most 840 s", () => {
    assert.deepEqual([defaultTimeoutSeconds(1), defaultTimeoutSeconds(60)], [60, 840]);
  });

  it("accepts a known topic ARN in the alarm's region, and an unknown one where the stack declares a topic", () => {
    assert.deepEqual(checkAlarmTopicRegion({ name: "a", region: "eu-west-1", actionArns: ["arn:aws:sns:eu-west-1:111122223333:alerts"] }, []), []);
    assert.deepEqual(checkAlarmTopicRegion({ name: "a", region: "eu-west-1", actionArns: [undefined] }, ["us-east-1", "eu-west-1"]), []);
  });

  it("rejects a topic ARN of another region, and an unknown one where the stack has no topic", () => {
    assert.equal(checkAlarmTopicRegion({ name: "a", region: "eu-west-1", actionArns: ["arn:aws:sns:us-east-1:111122223333:alerts"] }, ["eu-west-1"]).length, 1);
    assert.equal(checkAlarmTopicRegion({ name: "a", region: "eu-west-1", actionArns: [undefined] }, ["us-east-1"]).length, 1);
  });
});
