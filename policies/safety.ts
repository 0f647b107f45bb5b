/**
 * Safety: in production the resources whose loss is an outage or a security incident are `protect`ed, so a
 * mistaken `pulumi destroy`, a renamed component or a refactor that would replace them fails instead.
 * `protect` is a resource option the engine passes to the pack, known at preview.
 */
import * as aws from "@pulumi/aws";
import * as cloudflare from "@pulumi/cloudflare";
import { ReportViolation, ResourceValidationArgs, ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";

/** Reports the resource unless it is protected; `loss` says what deleting it costs. */
function requireProtect(loss: string) {
  return (_props: unknown, args: ResourceValidationArgs, report: ReportViolation) => {
    if (!args.opts.protect) report(`${args.name} is not protected, and ${loss}; declare it with { protect: true }`);
  };
}

export const protectedInProd: ResourceValidationPolicy = {
  name: "protected-in-prod",
  description: "In production the zone, its DNSSEC, the app's secrets and the KMS keys must be protected (protect: true): their deletion is an outage or a lost credential, and protect makes a destroy or replacement fail instead.",
  severity: "critical",
  validateResource: [
    validateResourceOfType(cloudflare.Zone, requireProtect("deleting the zone deletes every record and certificate in it")),
    validateResourceOfType(cloudflare.ZoneDnssec, requireProtect("deleting DNSSEC while the registrar still publishes the DS record takes the domain offline for validating resolvers")),
    validateResourceOfType(aws.secretsmanager.Secret, requireProtect("deleting the secret takes the app's credential away")),
    validateResourceOfType(aws.ssm.Parameter, (parameter, args, report) => {
      if (parameter.type === "SecureString") requireProtect("deleting the parameter takes the app's credential away")(parameter, args, report);
    }),
    validateResourceOfType(aws.kms.Key, requireProtect("deleting the key makes everything it encrypts unreadable")),
  ],
};

export const safetyPolicies = [protectedInProd];
