/**
 * The app's own latency, for portals whose origin runs on AWS: the p95 its Application Load Balancer
 * (`AWS/ApplicationELB` `TargetResponseTime`, seconds) or API Gateway (`AWS/ApiGateway` `Latency`,
 * milliseconds) measures over every real request, beside the canaries' sample of one request a minute.
 * What each kind reads, how its identifiers look, and the dimensions AWS publishes the metric under
 * (rules/metric-statistics.ts has the sources). The config gate, the component and the handover call these.
 */
import { LATENCY_STATISTIC } from "./alerting";
import { DocumentedMetric, documentedMetric, thresholdInUnit } from "./metric-statistics";

export const APP_LATENCY_KINDS = ["alb", "api-gateway-rest", "api-gateway-http"] as const;
export type AppLatencyKind = (typeof APP_LATENCY_KINDS)[number];

/**
 * `us-east-2`, `eu-central-1`: a region of the commercial AWS partition, the one the stack's AWS provider and
 * its `arn:aws:` topic policies work in. The pattern is that partition's `regionRegex` in botocore's
 * `botocore/data/partitions.json` (partition "aws"); China (`cn-`), GovCloud (`us-gov-`) and the isolated
 * partitions need other credentials and other ARNs, so a source there could never alarm into this stack.
 */
export const AWS_REGION_PATTERN = /^(us|eu|ap|sa|ca|me|af|il|mx)-\w+-\d+$/;

/** The metric each kind alarms on. */
export const APP_LATENCY_METRICS: Record<AppLatencyKind, { namespace: string; metricName: string; what: string }> = {
  alb: { namespace: "AWS/ApplicationELB", metricName: "TargetResponseTime", what: "load balancer" },
  "api-gateway-rest": { namespace: "AWS/ApiGateway", metricName: "Latency", what: "REST API" },
  "api-gateway-http": { namespace: "AWS/ApiGateway", metricName: "Latency", what: "HTTP API" },
};

export function appLatencyMetric(kind: AppLatencyKind): DocumentedMetric {
  const { namespace, metricName } = APP_LATENCY_METRICS[kind];
  return documentedMetric(namespace, metricName)!;
}

// Load balancer and target group names: 1-32 letters, digits and hyphens, no hyphen at either end
// (ELB CreateLoadBalancer / CreateTargetGroup Name); the id is 16 hex digits.
const ELB_NAME = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?";
const ELB_ID = "[0-9a-f]{16}";
const ELB_ARN = "arn:aws:elasticloadbalancing:([a-z0-9-]+):\\d{12}:";

/** An ELB identifier as CloudWatch's dimension value, and the region its ARN names, if given as an ARN. */
export interface ElbDimension {
  dimension: string;
  arnRegion?: string;
}

/** `arnResource`: what the ARN puts before the dimension value (`loadbalancer/` for a load balancer, nothing for a target group). */
function elbDimension(value: string, arnResource: string, prefix: string): ElbDimension | undefined {
  const m = new RegExp(`^(?:${ELB_ARN}${arnResource})?(${prefix}/${ELB_NAME}/${ELB_ID})$`).exec(value);
  return m ? { dimension: m[2], ...(m[1] ? { arnRegion: m[1] } : {}) } : undefined;
}

/**
 * `app/portal-prod/50dc6c495c0c9188` from itself or from the load balancer's ARN: the `LoadBalancer`
 * dimension is "the final portion of the load balancer ARN" (ELB User Guide, metric dimensions).
 */
export function loadBalancerDimension(value: string): ElbDimension | undefined {
  return elbDimension(value, "loadbalancer/", "app");
}

/** `targetgroup/portal-web/73e2d6bc24d8a067` from itself or from the target group's ARN. */
export function targetGroupDimension(value: string): ElbDimension | undefined {
  return elbDimension(value, "", "targetgroup");
}

/** A Network or Gateway Load Balancer has no TargetResponseTime (it sees no HTTP): named, so the error can say so. */
export function isNonApplicationLoadBalancer(value: string): boolean {
  return /(^|loadbalancer\/)(net|gwy)\//.test(value);
}

/** An HTTP API's id: ten lower-case letters and digits (`a1b2c3d4e5`). */
export const HTTP_API_ID_PATTERN = /^[a-z0-9]{10}$/;
/** Stage names: letters, digits, hyphens and underscores, up to 128 (API Gateway CreateStage). */
export const STAGE_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;
/** An HTTP API may also use its default stage. */
export const HTTP_STAGE_PATTERN = /^(\$default|[A-Za-z0-9_-]{1,128})$/;
/**
 * API Gateway "removes non-ASCII characters from the ApiName dimension before sending metrics" (metric
 * dimensions table), so a name with any would alarm on a dimension value that never gets data.
 */
export const API_NAME_PATTERN = /^[\x20-\x7e]{1,1024}$/;

/** The source as config gives it (config/app-latency.ts validates the shapes first). */
export type AppLatencySource =
  | { kind: "alb"; region: string; loadBalancer: string; targetGroup?: string }
  | { kind: "api-gateway-rest"; region: string; apiName: string; stage: string }
  | { kind: "api-gateway-http"; region: string; apiId: string; stage: string };

/**
 * The dimensions the metric is published under: ALB by LoadBalancer (and TargetGroup to narrow it to the
 * app's targets), a REST API by ApiName and Stage, an HTTP API by ApiId and Stage (API Gateway Developer
 * Guide: REST "ApiName, Stage"; HTTP "ApiId, Stage").
 */
export function appLatencyDimensions(source: AppLatencySource): Record<string, string> {
  switch (source.kind) {
    case "alb": {
      const lb = loadBalancerDimension(source.loadBalancer)!.dimension;
      return source.targetGroup ? { LoadBalancer: lb, TargetGroup: targetGroupDimension(source.targetGroup)!.dimension } : { LoadBalancer: lb };
    }
    case "api-gateway-rest":
      return { ApiName: source.apiName, Stage: source.stage };
    case "api-gateway-http":
      return { ApiId: source.apiId, Stage: source.stage };
  }
}

/** `load balancer app/portal-prod/50dc6c495c0c9188 (eu-west-1)`, for descriptions and the handover. */
export function describeAppLatencySource(source: AppLatencySource): string {
  const dims = appLatencyDimensions(source);
  const id = source.kind === "alb" ? [dims.LoadBalancer, dims.TargetGroup].filter(Boolean).join(" → ") : `${source.kind === "api-gateway-rest" ? dims.ApiName : dims.ApiId} stage ${dims.Stage}`;
  return `${APP_LATENCY_METRICS[source.kind].what} ${id} (${source.region})`;
}

/** What the alarm reads and compares: the metric, the p95, and the threshold in the metric's own unit. */
export interface AppLatencyAlarmSpec {
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
  extendedStatistic: string;
  /** In the metric's unit: 0.5 (seconds) for the ALB, 500 (milliseconds) for API Gateway. */
  threshold: number;
  unit: DocumentedMetric["unit"];
}

export function appLatencyAlarmSpec(source: AppLatencySource, thresholdMs: number): AppLatencyAlarmSpec {
  const metric = appLatencyMetric(source.kind);
  return {
    namespace: metric.namespace,
    metricName: metric.metricName,
    dimensions: appLatencyDimensions(source),
    extendedStatistic: LATENCY_STATISTIC,
    threshold: thresholdInUnit(metric, thresholdMs),
    unit: metric.unit,
  };
}
