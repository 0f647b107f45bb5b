import { strict as assert } from "node:assert";
import { appLatencyAlarmSpec, appLatencyDimensions, isNonApplicationLoadBalancer, loadBalancerDimension, targetGroupDimension } from "../../rules/app-latency";

describe("rules: app latency source", () => {
  it("takes the LoadBalancer dimension from the final portion of the load balancer's ARN, with the ARN's region", () => {
    assert.deepEqual(loadBalancerDimension("arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/portal-prod/50dc6c495c0c9188"), { dimension: "app/portal-prod/50dc6c495c0c9188", arnRegion: "eu-west-1" });
    assert.deepEqual(loadBalancerDimension("app/portal-prod/50dc6c495c0c9188"), { dimension: "app/portal-prod/50dc6c495c0c9188" });
  });

  it("takes the TargetGroup dimension from the target group's ARN", () => {
    assert.deepEqual(targetGroupDimension("arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/portal-web/73e2d6bc24d8a067"), { dimension: "targetgroup/portal-web/73e2d6bc24d8a067", arnRegion: "us-east-2" });
  });

  it("refuses names with a hyphen at either end, short ids, and a target group given as a load balancer", () => {
    assert.deepEqual(["app/-portal/50dc6c495c0c9188", "app/portal/50dc6c49", "targetgroup/portal-web/73e2d6bc24d8a067", "portal-prod"].map(loadBalancerDimension), [undefined, undefined, undefined, undefined]);
  });

  it("recognises Network and Gateway Load Balancers, which have no TargetResponseTime", () => {
    assert.deepEqual(["net/portal/50dc6c495c0c9188", "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/gwy/fw/50dc6c495c0c9188", "app/net/50dc6c495c0c9188"].map(isNonApplicationLoadBalancer), [true, true, false]);
  });

  it("uses ApiName and Stage for a REST API, ApiId and Stage for an HTTP API", () => {
    assert.deepEqual(appLatencyDimensions({ kind: "api-gateway-rest", region: "eu-west-1", apiName: "portal-api", stage: "prod" }), { ApiName: "portal-api", Stage: "prod" });
    assert.deepEqual(appLatencyDimensions({ kind: "api-gateway-http", region: "eu-west-1", apiId: "a1b2c3d4e5", stage: "$default" }), { ApiId: "a1b2c3d4e5", Stage: "$default" });
  });

  it("puts the 500 ms bar in each metric's unit: 0.5 s for the ALB, 500 ms for API Gateway", () => {
    const alb = appLatencyAlarmSpec({ kind: "alb", region: "eu-west-1", loadBalancer: "app/portal-prod/50dc6c495c0c9188" }, 500);
    const api = appLatencyAlarmSpec({ kind: "api-gateway-rest", region: "eu-west-1", apiName: "portal-api", stage: "prod" }, 500);
    assert.deepEqual([alb.namespace, alb.metricName, alb.extendedStatistic, alb.threshold, alb.unit], ["AWS/ApplicationELB", "TargetResponseTime", "p95", 0.5, "Seconds"]);
    assert.deepEqual([api.namespace, api.metricName, api.extendedStatistic, api.threshold, api.unit], ["AWS/ApiGateway", "Latency", "p95", 500, "Milliseconds"]);
  });
});
