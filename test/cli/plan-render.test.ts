/** The plan's renderers on hand-made inputs: exact lines for the tree, details, diff, verdicts and alerting. */
import { strict as assert } from "node:assert";
import { resourceDetails } from "../../cli/plan/details";
import { inputChanges } from "../../cli/plan/diff";
import type { PlanResource } from "../../cli/plan/document";
import { duration } from "../../cli/plan/display";
import { alerting } from "../../cli/plan/summary";
import { renderMarkdown } from "../../cli/plan/markdown";
import { redact, secretTexts } from "../../cli/plan/redact";
import { renderTree } from "../../cli/plan/tree";
import { blocksDeployment, groupByArea, verdict } from "../../cli/plan/violations";
import type { Evaluation } from "../../offline/evaluate";
import { SECRET_SIG, SPECIAL_SIG_KEY } from "../../offline/recording-runtime";
import type { Violation } from "../../offline/run-policies";

const res = (name: string, type: string, parent?: string, inputs: Record<string, unknown> = {}): PlanResource => ({
  urn: `urn:pulumi:s::p::${type}::${name}`, type, name, ...(parent ? { parent: `urn:pulumi:s::p::launch-stack:a:Group::${parent}` } : {}), inputs,
});

describe("plan rendering", () => {
  describe("the tree", () => {
    it("draws children under their parent, sorted by name, with each resource's details below it", () => {
      const tree = renderTree([
        res("root", "launch-stack:a:Group"),
        res("b-setting", "cloudflare:index/zoneSetting:ZoneSetting", "root", { settingId: "ssl", value: "strict", zoneId: "z" }),
        res("a-dnssec", "cloudflare:index/zoneDnssec:ZoneDnssec", "root", { status: "active" }),
      ]);
      assert.equal(tree, [
        "launch-stack:a:Group             root",
        "├─ cloudflare:index:ZoneDnssec   a-dnssec",
        "│     DNSSEC active",
        "└─ cloudflare:index:ZoneSetting  b-setting",
        "      ssl = strict",
      ].join("\n"));
    });
  });

  describe("resource details", () => {
    it("shows an MX record's priority and that it is DNS only", () => {
      assert.deepEqual(resourceDetails("cloudflare:index/dnsRecord:DnsRecord", { type: "MX", name: "example.com", content: "smtp.google.com", priority: 1, proxied: false }), [
        "MX example.com → smtp.google.com priority 1 (DNS only)",
      ]);
    });

    it("shows an alarm's condition, its subject and how many actions it notifies", () => {
      assert.deepEqual(resourceDetails("aws:cloudwatch/metricAlarm:MetricAlarm", {
        metricName: "TimeToFirstByte", extendedStatistic: "p95", comparisonOperator: "GreaterThanThreshold", threshold: 500,
        datapointsToAlarm: 2, evaluationPeriods: 3, period: 300, treatMissingData: "notBreaching", alarmDescription: "slow", alarmActions: [],
      }), [
        "fires when TimeToFirstByte p95 > 500 in 2 of 3 periods of 300 s (missing data: notBreaching)",
        "slow",
        "notifies nobody (no alarm actions)",
      ]);
    });

    it("shows a health check's URL, interval, threshold, expected body and regions", () => {
      assert.deepEqual(resourceDetails("aws:route53/healthCheck:HealthCheck", {
        type: "HTTPS_STR_MATCH", fqdn: "api.example.com", resourcePath: "/api/health", requestInterval: 30, failureThreshold: 3, searchString: "ok", regions: ["us-east-1", "eu-west-1"],
      }), [
        "HTTPS_STR_MATCH https://api.example.com/api/health every 30 s, unhealthy after 3 failures",
        "expects body to contain ok",
        "from us-east-1, eu-west-1",
      ]);
    });

    it("shows any other resource's inputs except where it lives and its tags", () => {
      assert.deepEqual(resourceDetails("aws:sns/topic:Topic", { name: "alerts", zoneId: "z", tags: { a: "b" }, policy: { v: 1 } }), ["name: alerts", 'policy: {"v":1}']);
    });
  });

  describe("input changes", () => {
    it("matches rules by ref, so inserting one reports only the new rule", () => {
      const rule = (ref: string) => ({ ref, action: "block" });
      assert.deepEqual(inputChanges({ rules: [rule("a"), rule("b")] }, { rules: [rule("new"), rule("a"), rule("b")] }), [
        { path: "rules[new].action", after: "block" },
        { path: "rules[new].ref", after: "new" },
      ]);
    });

    it("reports a removed input with its value before and none after", () => {
      assert.deepEqual(inputChanges({ comment: "x", ttl: 1 }, { ttl: 1 }), [{ path: "comment", before: "x" }]);
    });

    it("compares lists without refs by position", () => {
      assert.deepEqual(inputChanges({ regions: ["us-east-1", "eu-west-1"] }, { regions: ["us-east-1", "sa-east-1"] }), [
        { path: "regions[1]", before: "eu-west-1", after: "sa-east-1" },
      ]);
    });
  });

  describe("verdicts", () => {
    const v = (policy: string, enforcementLevel: Violation["enforcementLevel"], severity?: string): Violation => ({ policy, enforcementLevel, severity, message: "m" });

    it("groups by checklist area in the checklist's order, worst severity first within an area, unknown policies last", () => {
      const groups = groupByArea([
        v("p-unknown", "mandatory", "high"), v("hsts-one-year", "advisory", "high"), v("web-records-proxied", "mandatory", "high"),
        v("ssl-full-strict", "mandatory", "critical"), v("dns-record-ttl", "mandatory", "medium"),
      ]);
      assert.deepEqual(groups.map(([area, list]) => [area, list.map((x) => x.policy)]), [
        ["dns", ["dns-record-ttl"]], ["tls", ["ssl-full-strict", "hsts-one-year"]], ["edge-protection", ["web-records-proxied"]], [undefined, ["p-unknown"]],
      ]);
    });

    it("blocks deployment only for a mandatory violation", () => {
      assert.equal(blocksDeployment([v("a", "advisory", "critical")]), false);
      assert.equal(blocksDeployment([v("a", "advisory"), v("m", "mandatory", "low")]), true);
    });

    it("counts violations by enforcement level", () => {
      assert.equal(verdict([v("a", "mandatory"), v("b", "mandatory"), v("c", "advisory")]), "2 mandatory, 1 advisory policy violations");
      assert.equal(verdict([v("d", "disabled")]), "no policy violations");
    });
  });

  describe("alerting", () => {
    it("reads the time to alert and the recipients from the stack outputs", () => {
      assert.deepEqual(alerting({ timeToAlertSeconds: 270, alertRecipients: ["email: a@example.com", { kind: "slack", target: "#ops" }] }), {
        timeToAlert: "4 min 30 s (270 s)",
        recipients: ["email: a@example.com", "slack: #ops"],
      });
    });

    it("says nothing is declared when the stack has no monitoring outputs", () => {
      assert.deepEqual(alerting({}), { timeToAlert: undefined, recipients: [] });
    });

    it("writes durations in minutes and seconds", () => {
      assert.deepEqual([duration(45), duration(300), duration(150)], ["45 s", "5 min", "2 min 30 s"]);
    });
  });

  describe("redaction of free text", () => {
    const secret = (value: unknown) => ({ [SPECIAL_SIG_KEY]: SECRET_SIG, value });
    const ev = {
      resources: [{ urn: "u", type: "t", name: "n", custom: true, protect: false, wire: { secretString: secret("hunter2-from-input"), name: "public-name" } }],
      wireOutputs: { token: secret({ nested: "from-output-xyz" }) },
    } as unknown as Evaluation;
    const raw = { values: { "app:key": '{"a":"from-config-abc","b":"ok"}', "app:plain": "visible-value" }, secretKeys: new Set(["app:key"]) };

    it("collects secret values from inputs, outputs and secret config keys, and nothing else", () => {
      assert.deepEqual(secretTexts(raw, ev), ["hunter2-from-input", "from-output-xyz", "from-config-abc"]);
    });

    it("replaces each occurrence in a message with [secret]", () => {
      assert.equal(redact("found hunter2-from-input twice: hunter2-from-input", secretTexts(raw, ev)), "found [secret] twice: [secret]");
    });
  });

  describe("the PR comment", () => {
    it("leaves the tree out when it would make one stack's part longer than half a GitHub comment", () => {
      const resources = Array.from({ length: 400 }, (_, i) => res(`record-${i}`, "cloudflare:index/dnsRecord:DnsRecord", undefined, { type: "TXT", name: `r${i}.example.com`, content: "x".repeat(80) }));
      const comment = renderMarkdown({ stack: "prod", resources, violations: [], warnings: [], outputs: {} });
      assert.ok(comment.length <= 32_000, `${comment.length} characters`);
      assert.ok(!comment.includes("<summary>Resource tree</summary>"));
      assert.ok(comment.endsWith("The resource tree is too long for a comment: `npm run plan -- --stack prod` prints it.\n"));
    });
  });
});
