/** The whole launch: one Site per zone, plus the app's secrets and its monitoring. */
import * as pulumi from "@pulumi/pulumi";
import type { StackConfig } from "../config/schema";
import { siteModel } from "../model/site";
import { isInZone } from "../rules/hostnames";
import { Site, siteName } from "./site";

export interface LaunchStackArgs {
  /** Validated stack configuration. */
  readonly config: StackConfig;
}

export class LaunchStack extends pulumi.ComponentResource {
  /** What a reviewer wants to see after `pulumi up`: the stack outputs. */
  public readonly outputs: Record<string, unknown>;

  constructor(name: string, args: LaunchStackArgs, opts?: pulumi.ComponentResourceOptions) {
    super("launch-stack:index:LaunchStack", name, {}, opts);
    const { config } = args;
    const sites = config.zones.map((zone, i) => {
      const site = siteModel(zone, i, config.app);
      return { zone, site, resource: new Site(siteName(zone.domain), { zone, site, accountId: config.cloudflareAccountId, environment: config.environment }, { parent: this }) };
    });

    const appZone = sites.find((s) => isInZone(config.app.host, s.zone.domain))!;
    const canonicalHost = appZone.zone.canonical === "apex" ? appZone.zone.domain : `www.${appZone.zone.domain}`;
    this.outputs = {
      environment: config.environment,
      canonicalUrl: `https://${canonicalHost}`,
      appUrl: `https://${config.app.host}`,
      zoneIds: Object.fromEntries(sites.map((s) => [s.zone.domain, s.resource.zoneId])),
      hostnames: sites.flatMap((s) => s.resource.hostnames),
      dsRecords: Object.fromEntries(sites.filter((s) => s.resource.dsRecord).map((s) => [s.zone.domain, s.resource.dsRecord])),
      redirectMap: sites.flatMap((s) => s.resource.redirectMap),
    };
    this.registerOutputs(this.outputs);
  }
}
