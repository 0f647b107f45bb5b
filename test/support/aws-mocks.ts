/**
 * Mocks that answer like AWS (an ARN for every resource, the caller's account id), for constructing one
 * component directly and asserting how ARNs are wired into policies and actions, which the recording
 * runtime leaves undefined.
 */
import * as pulumi from "@pulumi/pulumi";
import type { MockResourceArgs } from "@pulumi/pulumi/runtime/mocks";
import { settle } from "../../offline/recording-runtime";

export const ACCOUNT_ID = "111122223333";
export const DEFAULT_REGION = "us-east-2";

/** `arn:aws:<service>:<region>:<account>:<name>`: fake but traceable to the resource that owns it. */
export function fakeArn(type: string, name: string, region = DEFAULT_REGION): string {
  return `arn:aws:${type.split(":")[1].split("/")[0]}:${region}:${ACCOUNT_ID}:${name}`;
}

/** Builds resources under AWS-like mocks (not a preview) and returns what each provider received. */
export async function withAwsMocks<T>(build: () => T): Promise<{ built: T; created: MockResourceArgs[] }> {
  const created: MockResourceArgs[] = [];
  await pulumi.runtime.setMocks({
    newResource: (args) => {
      created.push(args);
      return { id: `${args.name}-id`, state: { ...args.inputs, arn: fakeArn(args.type, args.name, args.inputs.region), keyId: `${args.name}-key-id` } };
    },
    call: (args) => (args.token === "aws:index/getCallerIdentity:getCallerIdentity" ? { accountId: ACCOUNT_ID } : {}),
  }, "launch-stack", "test", false);
  const built = build();
  await settle();
  return { built, created };
}

export function resolve<T>(o: pulumi.Output<T>): Promise<T> {
  return new Promise((r) => o.apply((v) => { r(v); }));
}
