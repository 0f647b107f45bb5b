import { strict as assert } from "node:assert";
import {
  checkCheckerRegions, checkChecksUnderRateLimit, checkerRequestsPerPeriod, checkLatencyThreshold, checkTimeToAlert, checkUptimeCoverage,
  cloudflareAlertsFor, describeTimeToAlert, MAX_TIME_TO_ALERT_SECONDS, ROUTE53_CHECKER_REGIONS, timeToAlertSeconds,
} from "../../rules/alerting";

describe("rules/alerting", () => {
  describe("time to alert", () => {
    it("adds the health check's interval × failure threshold to the alarm's period × datapoints", () => {
      assert.equal(timeToAlertSeconds({ requestInterval: 30, failureThreshold: 3, alarmPeriod: 60, datapointsToAlarm: 1 }), 150);
      assert.equal(timeToAlertSeconds({ requestInterval: 10, failureThreshold: 6, alarmPeriod: 120, datapointsToAlarm: 2 }), 300);
    });

    it("spells the arithmetic out for messages and the handover", () => {
      assert.equal(describeTimeToAlert({ requestInterval: 30, failureThreshold: 3, alarmPeriod: 60, datapointsToAlarm: 1 }), "30 s × 3 + 60 s × 1 = 150 s");
    });

    it("accepts exactly five minutes", () => {
      assert.equal(MAX_TIME_TO_ALERT_SECONDS, 300);
      assert.deepEqual(checkTimeToAlert({ requestInterval: 30, failureThreshold: 8, alarmPeriod: 60, datapointsToAlarm: 1 }), []);
    });

    it("rejects one second over five minutes, showing the sum", () => {
      assert.deepEqual(checkTimeToAlert({ requestInterval: 30, failureThreshold: 10, alarmPeriod: 60, datapointsToAlarm: 1 }), [{
        message: "time to alert is 30 s × 10 + 60 s × 1 = 360 s, over the 300 s limit",
        ref: "launch checklist: monitoring",
        fix: "lower failureThreshold, requestInterval, alarmPeriod or datapointsToAlarm",
      }]);
    });
  });

  describe("latency threshold", () => {
    it("accepts 500 ms in production", () => {
      assert.deepEqual(checkLatencyThreshold(500, "prod"), []);
    });

    it("rejects 501 ms in production", () => {
      assert.deepEqual(checkLatencyThreshold(501, "prod"), [{
        message: "latency threshold 501 ms is looser than the production bar of 500 ms",
        ref: "launch checklist: performance",
        fix: "set the threshold to 500 ms or less",
      }]);
    });

    it("lets staging alarm later", () => {
      assert.deepEqual(checkLatencyThreshold(2000, "staging"), []);
    });
  });

  describe("checker regions", () => {
    it("knows the eight Route 53 checker region ids", () => {
      assert.deepEqual([...ROUTE53_CHECKER_REGIONS], ["us-east-1", "us-west-1", "us-west-2", "eu-west-1", "ap-southeast-1", "ap-southeast-2", "ap-northeast-1", "sa-east-1"]);
    });

    it("accepts three distinct checker regions", () => {
      assert.deepEqual(checkCheckerRegions(["us-east-1", "eu-west-1", "ap-southeast-1"]), []);
    });

    it("counts a repeated region once", () => {
      assert.equal(checkCheckerRegions(["us-east-1", "us-east-1", "eu-west-1"])[0].message, "2 distinct checker regions; Route 53 needs at least 3");
    });

    it("names a region Route 53 does not check from", () => {
      assert.equal(checkCheckerRegions(["us-east-1", "eu-west-1", "eu-central-1"])[0].message, "eu-central-1 is not a Route 53 checker region");
    });
  });

  describe("uptime coverage", () => {
    it("names each public hostname no check points at", () => {
      assert.deepEqual(checkUptimeCoverage(["example.com", "status.example.com"], ["https://example.com/", "https://app.example.com/login"]).map((f) => f.message), [
        "status.example.com serves the public but has no uptime check",
      ]);
    });

    it("accepts a check on any path of the hostname", () => {
      assert.deepEqual(checkUptimeCoverage(["status.example.com"], ["https://status.example.com/health"]), []);
    });
  });

  describe("checks against rate limits", () => {
    it("counts one request per check per interval from each checker", () => {
      assert.equal(checkerRequestsPerPeriod(2, 30, 60), 4);
      assert.equal(checkerRequestsPerPeriod(1, 30, 10), 1);
      assert.equal(checkerRequestsPerPeriod(2, 10, 60), 12);
    });

    it("accepts checks that stay within the rule", () => {
      assert.deepEqual(checkChecksUnderRateLimit({ name: "auth", requestsPerPeriod: 5, period: 60 }, ["login", "password-reset"], 30), []);
    });

    it("rejects fast checks that would trip the portal's own login rate limit", () => {
      assert.deepEqual(checkChecksUnderRateLimit({ name: "auth", requestsPerPeriod: 5, period: 60 }, ["login", "password-reset"], 10), [{
        message: "uptime checks login, password-reset send 12 requests per 60 s from each checker, over rate-limit rule auth's 5",
        ref: "launch checklist: monitoring",
        fix: "raise the rule's requestsPerPeriod, use requestInterval 30, or check fewer rate-limited paths",
      }]);
    });
  });

  describe("Cloudflare alerts by plan", () => {
    it("declares origin reachability, Universal SSL and HTTP DDoS alerts on a Free zone, but not the Enterprise origin error rate", () => {
      assert.deepEqual(cloudflareAlertsFor([{ domain: "example.org", plan: "free" }]).map((a) => [a.alert.alertType, a.domains]), [
        ["real_origin_monitoring", ["example.org"]],
        ["universal_ssl_event_type", ["example.org"]],
        ["dos_attack_l7", ["example.org"]],
      ]);
    });

    it("filters the origin error rate alert to the Enterprise zones, with its SLO", () => {
      const alerts = cloudflareAlertsFor([{ domain: "example.com", plan: "enterprise" }, { domain: "example.net", plan: "free" }]);
      const originErrors = alerts.find((a) => a.alert.alertType === "http_alert_origin_error")!;
      assert.deepEqual([originErrors.domains, originErrors.alert.perZone, originErrors.alert.filters], [["example.com"], true, { slos: ["99.9"] }]);
    });
  });
});
