import { strict as assert } from "node:assert";
import { parseStackConfig } from "../../gate/load";
import { configProblems, editedConfig } from "../support/harness";

const LB_ARN = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/portal-prod/50dc6c495c0c9188";
const TG_ARN = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/portal-web/73e2d6bc24d8a067";

function withSource(source: Record<string, unknown>) {
  return editedConfig("prod", (c) => { c.monitoring.appLatency = source; });
}

describe("config: monitoring.appLatency", () => {
  it("is optional: the shipped stacks declare none", () => {
    assert.equal(parseStackConfig(editedConfig("prod", () => undefined)).monitoring.appLatency, undefined);
  });

  it("defaults to three one-minute windows, all slow, so 60 s × 3 + 30 s SNS delivery = 210 s", () => {
    const source = parseStackConfig(withSource({ kind: "alb", region: "eu-west-1", loadBalancer: LB_ARN })).monitoring.appLatency!;
    assert.deepEqual([source.period, source.evaluationPeriods, source.datapointsToAlarm], [60, 3, 3]);
  });

  it("accepts a load balancer and target group as ARNs or as their dimension values", () => {
    for (const [loadBalancer, targetGroup] of [[LB_ARN, TG_ARN], ["app/portal-prod/50dc6c495c0c9188", "targetgroup/portal-web/73e2d6bc24d8a067"]]) {
      assert.equal(parseStackConfig(withSource({ kind: "alb", region: "eu-west-1", loadBalancer, targetGroup })).monitoring.appLatency!.kind, "alb");
    }
  });

  it("refuses a region that is not an AWS region id", async () => {
    assert.deepEqual(await configProblems(withSource({ kind: "alb", region: "Ireland", loadBalancer: LB_ARN })), [
      "launch-stack:monitoring.appLatency.region: must be a region of the commercial AWS partition such as eu-west-1 (China, GovCloud and isolated regions need their own AWS account and provider)",
    ]);
  });

  it("refuses China, GovCloud and isolated regions, where this stack's provider and arn:aws: topic policy cannot reach", async () => {
    for (const region of ["cn-north-1", "us-gov-west-1", "us-isob-east-1"]) {
      assert.deepEqual(await configProblems(withSource({ kind: "api-gateway-rest", region, apiName: "portal", stage: "prod" })), [
        "launch-stack:monitoring.appLatency.region: must be a region of the commercial AWS partition such as eu-west-1 (China, GovCloud and isolated regions need their own AWS account and provider)",
      ], region);
    }
  });

  it("refuses a load balancer ARN of another partition", async () => {
    const problems = await configProblems(withSource({ kind: "alb", region: "eu-west-1", loadBalancer: LB_ARN.replace("arn:aws:", "arn:aws-cn:") }));
    assert.equal(problems.length, 1);
    assert.match(problems[0], /^launch-stack:monitoring\.appLatency\.loadBalancer: must be an Application Load Balancer ARN/);
  });

  it("refuses a load balancer ARN in another region than the one named, where the alarm would find no metric", async () => {
    assert.deepEqual(await configProblems(withSource({ kind: "alb", region: "us-east-2", loadBalancer: LB_ARN, targetGroup: TG_ARN })), [
      "launch-stack:monitoring.appLatency.loadBalancer: is in eu-west-1 but monitoring.appLatency.region is us-east-2; set region to eu-west-1, where the metric is published",
      "launch-stack:monitoring.appLatency.targetGroup: is in eu-west-1 but monitoring.appLatency.region is us-east-2; set region to eu-west-1, where the metric is published",
    ]);
  });

  it("refuses a load balancer given by name only, saying what the dimension looks like", async () => {
    assert.deepEqual(await configProblems(withSource({ kind: "alb", region: "eu-west-1", loadBalancer: "portal-prod" })), [
      "launch-stack:monitoring.appLatency.loadBalancer: must be an Application Load Balancer ARN or its dimension value app/<name>/<16 hex digits>, such as app/portal-prod/50dc6c495c0c9188",
    ]);
  });

  it("refuses a Network Load Balancer, which has no TargetResponseTime", async () => {
    assert.deepEqual(await configProblems(withSource({ kind: "alb", region: "eu-west-1", loadBalancer: "net/portal-nlb/50dc6c495c0c9188" })), [
      "launch-stack:monitoring.appLatency.loadBalancer: is a Network or Gateway Load Balancer, which publishes no TargetResponseTime; name an Application Load Balancer (app/<name>/<id>)",
    ]);
  });

  it("refuses a load balancer where a target group belongs", async () => {
    assert.deepEqual(await configProblems(withSource({ kind: "alb", region: "eu-west-1", loadBalancer: LB_ARN, targetGroup: "app/portal-prod/50dc6c495c0c9188" })), [
      "launch-stack:monitoring.appLatency.targetGroup: must be a target group ARN or its dimension value targetgroup/<name>/<16 hex digits>, such as targetgroup/portal-web/73e2d6bc24d8a067",
    ]);
  });

  it("refuses a REST API name with characters API Gateway drops from the ApiName dimension", async () => {
    assert.deepEqual(await configProblems(withSource({ kind: "api-gateway-rest", region: "eu-west-1", apiName: "portal-api-é", stage: "prod" })), [
      "launch-stack:monitoring.appLatency.apiName: must be the REST API's name in printable ASCII (API Gateway drops other characters from the ApiName dimension, so the alarm would get no data)",
    ]);
  });

  it("refuses an HTTP API named by its name instead of its id", async () => {
    assert.deepEqual(await configProblems(withSource({ kind: "api-gateway-http", region: "eu-west-1", apiId: "portal-api", stage: "$default" })), [
      "launch-stack:monitoring.appLatency.apiId: must be the HTTP API's 10-character id, such as a1b2c3d4e5",
    ]);
  });

  it("accepts an HTTP API's $default stage but not on a REST API", async () => {
    assert.equal(parseStackConfig(withSource({ kind: "api-gateway-http", region: "eu-west-1", apiId: "a1b2c3d4e5", stage: "$default" })).monitoring.appLatency!.kind, "api-gateway-http");
    assert.deepEqual(await configProblems(withSource({ kind: "api-gateway-rest", region: "eu-west-1", apiName: "portal-api", stage: "$default" })), [
      "launch-stack:monitoring.appLatency.stage: must be a stage name (letters, digits, - and _), such as prod",
    ]);
  });

  it("refuses a REST API key on an HTTP API source (keys are checked per kind)", async () => {
    assert.deepEqual(await configProblems(withSource({ kind: "api-gateway-http", region: "eu-west-1", apiId: "a1b2c3d4e5", apiName: "portal-api", stage: "prod" })), [
      'launch-stack:monitoring.appLatency: unknown key "apiName"; remove it or check the spelling',
    ]);
  });

  it("refuses an unknown kind, naming the three", async () => {
    assert.deepEqual(await configProblems(withSource({ kind: "nlb", region: "eu-west-1" })), [
      'launch-stack:monitoring.appLatency.kind: must be one of "alb", "api-gateway-rest", "api-gateway-http"',
    ]);
  });

  it("counts the alarm in the time to alert and refuses one over five minutes", async () => {
    assert.deepEqual(await configProblems(withSource({ kind: "api-gateway-rest", region: "eu-west-1", apiName: "portal-api", stage: "prod", period: 120, evaluationPeriods: 3, datapointsToAlarm: 2 })), [
      "launch-stack:monitoring.appLatency.period: time to alert is 120 s × 3 + 30 s SNS delivery = 390 s, over the 300 s limit (launch checklist: monitoring); lower the period or evaluationPeriods",
    ]);
  });

  it("refuses more datapoints to alarm than evaluation periods", async () => {
    assert.deepEqual(await configProblems(withSource({ kind: "alb", region: "eu-west-1", loadBalancer: LB_ARN, evaluationPeriods: 2, datapointsToAlarm: 3 })), [
      "launch-stack:monitoring.appLatency.datapointsToAlarm: 3 datapoints cannot fit in 2 evaluation periods; lower it or raise evaluationPeriods",
    ]);
  });

  it("refuses a period that is not whole minutes", async () => {
    assert.deepEqual(await configProblems(withSource({ kind: "alb", region: "eu-west-1", loadBalancer: LB_ARN, period: 90 })), [
      "launch-stack:monitoring.appLatency.period: must be a multiple of 60 (the metrics are per minute)",
    ]);
  });
});
