/**
 * Safety: in production the resources whose loss is an outage or a security incident are `protect`ed, so a
 * mistaken `pulumi destroy`, a renamed component or a refactor that would replace them fails instead.
 * `protect` is a resource option the engine passes to the pack, known at preview; whether a resource is
 * production's is what the Site or LaunchStack above it declares (stack-facts.ts).
 */
import * as aws from "@pulumi/aws";
import * as cloudflare from "@pulumi/cloudflare";
import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { checklistItem, LaunchPolicy } from "./checklist";
import type { Resource } from "@pulumi/pulumi";
import { known } from "./known";
import { environmentOf } from "./stack-facts";

/** The kinds of resource production must protect, and what deleting one costs. */
const LOSSES: { cls: new (...rest: any[]) => Resource; loss: string; applies?(r: PolicyResource): boolean }[] = [
  { cls: cloudflare.Zone, loss: "deleting the zone deletes every record and certificate in it" },
  { cls: cloudflare.ZoneDnssec, loss: "deleting DNSSEC while the registrar still publishes the DS record takes the domain offline for validating resolvers" },
  { cls: aws.secretsmanager.Secret, loss: "deleting the secret takes the app's credential away" },
  // A parameter whose type is unknown at preview counts as a SecureString, the stricter reading.
  { cls: aws.ssm.Parameter, loss: "deleting the parameter takes the app's credential away", applies: (r) => [undefined, "SecureString"].includes(known(() => r.props.type)) },
  { cls: aws.kms.Key, loss: "deleting the key makes everything it encrypts unreadable" },
];

export const protectedInProd: LaunchPolicy<StackValidationPolicy> = {
  name: "protected-in-prod",
  description: "In production the zone, its DNSSEC, the app's secrets and the KMS keys must be protected (protect: true): their deletion is an outage or a lost credential, and protect makes a destroy or replacement fail instead.",
  severity: "critical",
  framework: checklistItem("environments"),
  remediationSteps: "Declare the resource with { protect: true } in the prod stack (launch-stack's components do when environment is prod).",
  url: "https://www.pulumi.com/docs/iac/concepts/options/protect/",
  validateStack: (args, report) => {
    for (const r of args.resources.filter((r) => !r.opts.protect && environmentOf(r) === "prod")) {
      const kind = LOSSES.find((k) => r.isType(k.cls) && (k.applies?.(r) ?? true));
      if (kind) report(`${r.name} is not protected, and ${kind.loss}; declare it with { protect: true }`, r.urn);
    }
  },
};

export const safetyPolicies = [protectedInProd];
