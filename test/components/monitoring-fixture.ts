/**
 * Set-up shared by the monitoring component tests (uptime checks, canaries): the tags every prod resource
 * carries, the launch bar's latency alarm window, and a component built under the AWS mocks with a lookup
 * of what each resource received.
 */
import type { MockResourceArgs } from "@pulumi/pulumi/runtime/mocks";
import { withAwsMocks } from "../support/aws-mocks";

export const PROD_TAGS = { Environment: "prod", ManagedBy: "launch-stack" };

/**
 * The launch checklist's latency bar as an alarm, whatever metric it watches: above 500 ms in two of three
 * five-minute windows, quiet when there is no data (a down check alarms on its own), in us-east-1.
 */
export const LATENCY_BAR_ALARM = {
  comparisonOperator: "GreaterThanThreshold",
  threshold: 500,
  period: 300,
  evaluationPeriods: 3,
  datapointsToAlarm: 2,
  treatMissingData: "notBreaching",
  region: "us-east-1",
  tags: PROD_TAGS,
};

export interface Built {
  /** Every resource the component declared, in order. */
  created: MockResourceArgs[];
  /** The inputs of the resource of `type` named `name`. */
  input(type: string, name: string): Record<string, any>;
}

/** Builds a component under the AWS mocks (real ARNs between its resources). */
export async function builtUnderAwsMocks(build: () => unknown): Promise<Built> {
  const { created } = await withAwsMocks(build);
  return { created, input: (type, name) => created.find((r) => r.type === type && r.name === name)!.inputs };
}
