import { strict as assert } from "node:assert";
import { checkAlarmTopicRegion, checkMetricAlarmTiming, describeMetricAlarmTimeToAlert, metricAlarmTimeToAlertSeconds, SNS_DELIVERY_ALLOWANCE_SECONDS } from "../../rules/alerting";
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
