import { strict as assert } from "node:assert";
import { checkAlarmStatistic, documentedMetric, isPercentile, PERCENTILES_BY_SERVICE, supportsStatistic, thresholdInUnit, thresholdMs } from "../../rules/metric-statistics";

describe("rules: metric statistics", () => {
  const ttfb = documentedMetric("AWS/Route53", "TimeToFirstByte")!;

  it("lists Route 53's time to first byte with Average, Minimum and Maximum and no percentiles", () => {
    assert.deepEqual([ttfb.statistics, ttfb.percentiles, ttfb.dimensions], [["Average", "Minimum", "Maximum"], false, "HealthCheckId (Region optional)"]);
  });

  it("reads p95 and p99.9 as percentiles, and Average or p100x as not", () => {
    assert.deepEqual(["p95", "p99.9", "Average", "p100x", "p"].map(isPercentile), [true, true, false, false, false]);
  });

  it("supports a percentile only on metrics published as raw data points", () => {
    assert.deepEqual([
      supportsStatistic(ttfb, "p95"),
      supportsStatistic(documentedMetric("LaunchStack/Canaries", "ResponseTime")!, "p95"),
      supportsStatistic(documentedMetric("AWS/ApplicationELB", "TargetResponseTime")!, "p95"),
      supportsStatistic(documentedMetric("CloudWatchSynthetics", "Duration")!, "p95"),
    ], [false, true, true, false]);
  });

  it("reports a p95 of the canary run duration, which Synthetics documents with Average only", () => {
    assert.deepEqual(checkAlarmStatistic({ namespace: "CloudWatchSynthetics", metricName: "Duration", statistic: "p95" }), [{
      message: "CloudWatchSynthetics Duration is not documented to support p95 (valid: Average), so the alarm may never get data",
      ref: "CloudWatch User Guide: metrics published by canaries",
      fix: "use Average, or alarm on a percentile from a metric published as raw data points (the API canaries' LaunchStack/Canaries ResponseTime)",
    }]);
  });

  it("does not judge metrics the table does not list", () => {
    assert.deepEqual(checkAlarmStatistic({ namespace: "AWS/EC2", metricName: "CPUUtilization", statistic: "p95" }), []);
  });

  it("converts an ALB threshold in seconds to milliseconds", () => {
    assert.equal(thresholdMs(documentedMetric("AWS/ApplicationELB", "TargetResponseTime")!, 0.5), 500);
  });

  it("cites CloudWatch's list of services whose metrics support percentiles for the ALB and API Gateway latencies", () => {
    for (const [ns, name] of [["AWS/ApplicationELB", "TargetResponseTime"], ["AWS/ApiGateway", "Latency"]]) {
      const m = documentedMetric(ns, name)!;
      assert.deepEqual([m.percentiles, m.latency, m.source.includes(PERCENTILES_BY_SERVICE)], [true, true, true], name);
    }
  });

  it("documents API Gateway's Latency in milliseconds by ApiName/Stage (REST) and ApiId/Stage (HTTP)", () => {
    const m = documentedMetric("AWS/ApiGateway", "Latency")!;
    assert.deepEqual([m.unit, m.dimensions], ["Milliseconds", "ApiName, Stage (REST API); ApiId, Stage (HTTP API)"]);
  });

  it("converts 500 ms into each metric's unit", () => {
    assert.deepEqual([thresholdInUnit(documentedMetric("AWS/ApplicationELB", "TargetResponseTime")!, 500), thresholdInUnit(documentedMetric("AWS/ApiGateway", "Latency")!, 500)], [0.5, 500]);
  });
});
