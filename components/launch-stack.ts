/** The whole launch: one Site per zone, plus the app's secrets and its monitoring. */
import * as pulumi from "@pulumi/pulumi";
import { apiCanaries } from "../config/canaries";
import { subscriptionNote } from "../config/alert-routes";
import { alertRecipients } from "../config/monitoring";
import { uptimeChecks } from "../model/uptime-checks";
import type { StackConfig } from "../config/schema";
import { emailModels } from "../model/email";
import { canonicalHostOf, siteModel } from "../model/site";
import { sortHostnames } from "../rules/hostnames";
import { AppSecrets } from "./app-secrets";
import { Site, siteName } from "./site";
import { SyntheticCanaries } from "./synthetic-canaries";
import { UptimeMonitoring } from "./uptime-monitoring";

export interface LaunchStackArgs {
  /** Validated stack configuration. */
  readonly config: StackConfig;
}

export class LaunchStack extends pulumi.ComponentResource {
  /** What a reviewer wants to see after `pulumi up`: the stack outputs. */
  public readonly outputs: Record<string, unknown>;

  constructor(name: string, args: LaunchStackArgs, opts?: pulumi.ComponentResourceOptions) {
    // The environment is also in `outputs`, which is what the policy pack's stack policies read.
    super("launch-stack:index:LaunchStack", name, { environment: args.config.environment }, opts);
    const { config } = args;
    const email = emailModels(config.zones);
    const sites = config.zones.map((zone, i) => {
      const site = siteModel(zone, i, config.app);
      return { zone, site, resource: new Site(siteName(zone.domain), { zone, site, email: email[i], accountId: config.cloudflareAccountId, environment: config.environment }, { parent: this }) };
    });

    const secrets = new AppSecrets("app-secrets", { environment: config.environment, secrets: config.secrets, supplied: config.appSecrets }, { parent: this });
    const checks = uptimeChecks(config);
    const monitoring = new UptimeMonitoring("uptime", {
      environment: config.environment,
      checks,
      monitoring: config.monitoring,
      httpsEndpoint: config.alertHttpsEndpoint,
      integrations: config.alertIntegrations,
      cloudflareAccountId: config.cloudflareAccountId,
      zones: sites.map((s) => ({ domain: s.zone.domain, plan: s.zone.plan, zoneId: s.resource.zoneId })),
    }, { parent: this });
    const canaries = new SyntheticCanaries("canaries", {
      environment: config.environment,
      canaries: config.monitoring.canaries,
      latency: config.monitoring.latency,
      apiCanaries: apiCanaries(config.environment, checks),
      loginUrl: checks.find((c) => c.name === "login")!.url,
      topicArn: monitoring.topicArn,
    }, { parent: this });

    this.outputs = {
      environment: config.environment,
      canonicalUrl: `https://${canonicalHostOf(config)}`,
      appUrl: `https://${config.app.host}`,
      zoneIds: Object.fromEntries(sites.map((s) => [s.zone.domain, s.resource.zoneId])),
      hostnames: sortHostnames(sites.flatMap((s) => s.resource.hostnames)),
      dsRecords: Object.fromEntries(sites.filter((s) => s.resource.dsRecord).map((s) => [s.zone.domain, s.resource.dsRecord])),
      redirectMap: sites.flatMap((s) => s.resource.redirectMap),
      // Per domain: every mail record, and each SPF record's lookup count with the include figures it assumed.
      email: Object.fromEntries(sites.map((s) => [s.zone.domain, s.resource.email])),
      // Secret names and ARNs only, never values.
      appEnvironment: secrets.plainEnvironment,
      appSecretNames: secrets.names,
      appSecretArns: secrets.arns,
      appSecretsKeyArn: secrets.keyArn,
      appSecretsReadPolicyArn: secrets.readPolicyArn,
      appSecretsReadPolicy: secrets.readPolicyJson,
      uptimeChecks: monitoring.checks,
      alarms: monitoring.alarms,
      timeToAlertSeconds: monitoring.timeToAlertSeconds,
      ...(monitoring.appLatency ? { appLatency: monitoring.appLatency } : {}),
      canaries: { names: canaries.canaryNames, alarms: canaries.alarms, schedule: canaries.schedule, timeToAlertSeconds: canaries.timeToAlertSeconds, p95: canaries.p95Watch, loginFlow: canaries.loginFlow },
      alertRecipients: alertRecipients(config),
      alertTopicArn: monitoring.topicArn,
      // Every alert topic by region (us-east-1, and the app latency source's region): docs/alerts.md confirms each.
      alertTopicArns: monitoring.topicArns,
      cloudflareNotificationPolicies: monitoring.cloudflarePolicies,
      alertSubscriptionNote: subscriptionNote(config),
    };
    this.registerOutputs(this.outputs);
  }
}
