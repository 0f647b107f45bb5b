/**
 * `launch-stack:monitoring.appLatency`: the app's own latency where its origin runs on AWS, an
 * Application Load Balancer or an API Gateway REST or HTTP API, named with its region. The p95 alarm
 * lives in that region (an alarm notifies only an SNS topic in its own region), so the alert routing
 * grows a topic there. Identifiers are checked here, before anything is declared: an alarm on a
 * dimension that does not exist never gets data and, treating missing data as fine, never fires.
 */
import { z } from "zod";
import {
  API_NAME_PATTERN, APP_LATENCY_KINDS, AWS_REGION_PATTERN, HTTP_API_ID_PATTERN, HTTP_STAGE_PATTERN, isNonApplicationLoadBalancer,
  loadBalancerDimension, STAGE_PATTERN, targetGroupDimension,
} from "../rules/app-latency";
import { checkMetricAlarmTiming } from "../rules/alerting";
import { formatFinding } from "../rules/finding";
import type { ConfigProblem } from "./problem";
import type { StackConfig } from "./schema";

const region = z.string().regex(AWS_REGION_PATTERN, { message: "must be a region of the commercial AWS partition such as eu-west-1 (China, GovCloud and isolated regions need their own AWS account and provider)" });

/**
 * The load balancer and the application publish per minute (ELB "sends its metrics in 60-second
 * intervals"; API Gateway "sends metric data to CloudWatch every minute"), so a period is whole minutes.
 * Three one-minute windows, all slow: 60 s × 3 + SNS delivery stays inside five minutes.
 */
const timing = {
  period: z.int().min(60).multipleOf(60, { message: "must be a multiple of 60 (the metrics are per minute)" }).default(60),
  evaluationPeriods: z.int().min(1).default(3),
  datapointsToAlarm: z.int().min(1).default(3),
};

const loadBalancer = z.string().refine((v) => loadBalancerDimension(v) !== undefined, {
  error: (issue) => (typeof issue.input === "string" && isNonApplicationLoadBalancer(issue.input)
    ? "is a Network or Gateway Load Balancer, which publishes no TargetResponseTime; name an Application Load Balancer (app/<name>/<id>)"
    : "must be an Application Load Balancer ARN or its dimension value app/<name>/<16 hex digits>, such as app/portal-prod/50dc6c495c0c9188"),
});
const targetGroup = z.string().refine((v) => targetGroupDimension(v) !== undefined, {
  message: "must be a target group ARN or its dimension value targetgroup/<name>/<16 hex digits>, such as targetgroup/portal-web/73e2d6bc24d8a067",
});

const alb = z.strictObject({
  kind: z.literal("alb"),
  /** The load balancer's region (where its metrics are and the alarm must be). */
  region,
  /** The load balancer's ARN, or the dimension value `app/<name>/<id>`. */
  loadBalancer,
  /** Narrows the p95 to the app's target group, when the load balancer fronts more than the app. */
  targetGroup: targetGroup.optional(),
  ...timing,
});
const restApi = z.strictObject({
  kind: z.literal("api-gateway-rest"),
  region,
  /** The REST API's name, as API Gateway publishes it in the ApiName dimension. */
  apiName: z.string().regex(API_NAME_PATTERN, { message: "must be the REST API's name in printable ASCII (API Gateway drops other characters from the ApiName dimension, so the alarm would get no data)" }),
  stage: z.string().regex(STAGE_PATTERN, { message: "must be a stage name (letters, digits, - and _), such as prod" }),
  ...timing,
});
const httpApi = z.strictObject({
  kind: z.literal("api-gateway-http"),
  region,
  /** The HTTP API's id, as in its invoke URL `https://<apiId>.execute-api.<region>.amazonaws.com`. */
  apiId: z.string().regex(HTTP_API_ID_PATTERN, { message: "must be the HTTP API's 10-character id, such as a1b2c3d4e5" }),
  stage: z.string().regex(HTTP_STAGE_PATTERN, { message: "must be $default or a stage name (letters, digits, - and _)" }),
  ...timing,
});

export const appLatencySchema = z.discriminatedUnion("kind", [alb, restApi, httpApi], {
  error: (issue: { code?: string }) => (issue.code === "invalid_union" ? `must be one of ${APP_LATENCY_KINDS.map((k) => JSON.stringify(k)).join(", ")}` : undefined),
});

export type AppLatencyConfig = z.output<typeof appLatencySchema>;

/** An ARN in another region than the one named, datapoints that cannot fit, and the five-minute bar. */
export function checkAppLatency(config: Pick<StackConfig, "monitoring">): ConfigProblem[] {
  const source = config.monitoring.appLatency;
  if (!source) return [];
  const at = (key: string) => [`monitoring.appLatency.${key}`];
  const out: ConfigProblem[] = [];
  if (source.kind === "alb") {
    for (const [key, parsed] of [["loadBalancer", loadBalancerDimension(source.loadBalancer)], ["targetGroup", source.targetGroup ? targetGroupDimension(source.targetGroup) : undefined]] as const) {
      if (parsed?.arnRegion && parsed.arnRegion !== source.region) {
        out.push({ path: at(key), message: `is in ${parsed.arnRegion} but monitoring.appLatency.region is ${source.region}; set region to ${parsed.arnRegion}, where the metric is published` });
      }
    }
  }
  if (source.datapointsToAlarm > source.evaluationPeriods) {
    out.push({ path: at("datapointsToAlarm"), message: `${source.datapointsToAlarm} datapoints cannot fit in ${source.evaluationPeriods} evaluation periods; lower it or raise evaluationPeriods` });
  }
  for (const f of checkMetricAlarmTiming({ period: source.period, evaluationPeriods: source.evaluationPeriods })) out.push({ path: at("period"), message: formatFinding(f) });
  return out;
}
