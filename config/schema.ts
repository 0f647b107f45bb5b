/**
 * The whole stack configuration as one zod schema: every `launch-stack:*` key and its defaults. The
 * cross-field checks (gate/checks.ts, calling rules/) run on the parsed result. Parsed once, before any resource.
 */
import { z } from "zod";
import { appSchema } from "./app";
import { changeSafetySchema } from "./change-safety";
import { monitoringSchema } from "./monitoring";
import { readinessSchema } from "./readiness";
import { appSecretsSchema, sealedString, secretsSchema } from "./secrets";
import { zoneSchema } from "./zones";

export const ENVIRONMENTS = ["staging", "prod"] as const;

export const stackSchema = z
  .strictObject({
    /** staging or prod: prod gets the strict gates (HSTS a year, DMARC enforcing, two humans alerted, protect). */
    environment: z.enum(ENVIRONMENTS),
    /** The Cloudflare account that owns the zones (32 hex characters, from the dashboard URL). */
    cloudflareAccountId: z.string().regex(/^[0-9a-f]{32}$/, { message: "must be the 32-character hex account id from the Cloudflare dashboard" }),
    zones: z.array(zoneSchema).min(1),
    app: appSchema,
    secrets: secretsSchema.prefault({}),
    monitoring: monitoringSchema.prefault({}),
    /** Supplied secret values by variable name, sealed by the loader (`pulumi config set --secret --path 'appSecrets.<NAME>'`). */
    appSecrets: appSecretsSchema.default({}),
    /** PagerDuty (or any HTTPS receiver) URL SNS posts every alarm to; secret because it embeds the integration key. */
    alertHttpsEndpoint: sealedString.optional(),
    /** Alert integration URLs and webhook secrets by entry (config/alert-routes.ts), sealed by the loader (`pulumi config set --secret --path 'alertIntegrations.<entry>'`). */
    alertIntegrations: z.record(z.string(), sealedString).default({}),
    /** Owners, support hours, where to look, and who did the checks only people can do (config/readiness.ts); read by the handover only. */
    readiness: readinessSchema.prefault({}),
    /** How much of a zone one change may rewrite before `npm run plan -- --diff` asks for --allow-mass-change (config/change-safety.ts). */
    changeSafety: changeSafetySchema.prefault({}),
  });

export type StackConfig = z.output<typeof stackSchema>;
/** The config keys this program owns, without the `launch-stack:` namespace. */
export const CONFIG_KEYS = Object.keys(stackSchema.shape) as (keyof StackConfig)[];
