import { strict as assert } from "node:assert";
import { describeP95Watchers, p95Watchers } from "../../model/latency-watch";
import { parseStackConfig } from "../../gate/load";
import { editedConfig, shippedConfig } from "../support/harness";

describe("model: which sources watch p95 and how often", () => {
  it("lists the prod API canaries with the URL each measures, the alarm and its windows", () => {
    assert.deepEqual(p95Watchers(parseStackConfig(shippedConfig("prod"))).map((w) => [w.watchedBy, w.endpoint]), [
      ["canary ls-prod-api-health", "https://api.example.com/api/health"],
      ["canary ls-prod-homepage", "https://example.com/"],
      ["canary ls-prod-login", "https://app.example.com/login"],
    ]);
    assert.deepEqual(p95Watchers(parseStackConfig(shippedConfig("prod")))[0], {
      watchedBy: "canary ls-prod-api-health",
      endpoint: "https://api.example.com/api/health",
      alarm: "LaunchStack/Canaries ResponseTime p95 > 500 ms",
      every: "one request every 1 minute from us-east-1; alarm on 2 of 3 300-s windows",
    });
  });

  it("adds the app's load balancer, its threshold in seconds and its time to alert", () => {
    const config = parseStackConfig(editedConfig("prod", (c) => { c.monitoring.appLatency = { kind: "alb", region: "eu-west-1", loadBalancer: "app/portal-prod/50dc6c495c0c9188" }; }));
    assert.deepEqual(p95Watchers(config).at(-1), {
      watchedBy: "the app's load balancer app/portal-prod/50dc6c495c0c9188 (eu-west-1)",
      endpoint: "every request it serves",
      alarm: "AWS/ApplicationELB TargetResponseTime p95 > 0.5 s (500 ms)",
      every: "per minute; alarm on 3 of 3 60-s windows (time to alert 60 s × 3 + 30 s SNS delivery = 210 s)",
    });
    assert.equal(describeP95Watchers(p95Watchers(config)), "p95 alarmed by 3 API canaries (one request every 1 minute from us-east-1) and the app's load balancer app/portal-prod/50dc6c495c0c9188 (eu-west-1) (per minute)");
  });

  it("follows the canaries' schedule", () => {
    const config = parseStackConfig(editedConfig("staging", (c) => { c.monitoring.canaries.rateMinutes = 2; c.monitoring.canaries.successAlarm = { period: 120, datapointsToAlarm: 1, evaluationPeriods: 1 }; }));
    assert.equal(describeP95Watchers(p95Watchers(config)), "p95 alarmed by 2 API canaries (one request every 2 minutes from us-east-1)");
  });
});
