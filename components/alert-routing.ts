/**
 * Where alerts go: an SNS topic in us-east-1 (next to the Route 53 metrics and their alarms), encrypted
 * with its own customer-managed key, subscribed by every route (`subscribeAlertRoutes`: email, SMS,
 * PagerDuty, Opsgenie, an HTTPS endpoint; Slack through AWS Chatbot); plus Cloudflare notification policies
 * sending what only the edge sees to every route Cloudflare delivers to (email, webhooks, PagerDuty). The
 * key and topic policies let CloudWatch publish: without them an encrypted topic drops every alarm silently.
 *
 * An alarm can notify only an SNS topic in its own region (CloudWatch PutMetricAlarm gives an SNS action
 * as `arn:aws:sns:region:account-id:sns-topic-name`; the API answers another region's ARN with "The
 * region of the ARN must be the same as the current one": docs/latency-metrics.md), so each
 * further region that holds an alarm (the app's load balancer or API gateway) gets the same set: its own
 * key, topic and policies, and the same subscriptions through `subscribeAlertRoutes`. Regional
 * resources set the AWS provider v7 `region` input rather than using a second provider, which would not
 * read the stack's `aws:` settings.
 */
import * as aws from "@pulumi/aws";
import * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";
import { alertMailboxes, alertPhones, onCallServices, webhookSecretKey, webhookUrlKey } from "../config/alert-routes";
import type { MonitoringConfig } from "../config/monitoring";
import { cloudflareAlertsFor, ROUTE53_METRICS_REGION } from "../rules/alerting";
import { ON_CALL_SERVICES, OnCallService } from "../rules/alert-routes";
import { alertTopicName } from "../rules/aws-names";
import type { CloudflarePlan } from "../rules/cloudflare-plan";
import type { Environment } from "../rules/tls";

/** AWS Chatbot's API runs in a few regions only (us-east-2 is its home); it delivers from topics in any region. */
export const CHATBOT_REGION = "us-east-2";
/** What Chatbot may do in the channel and with its role: read alarms and metrics to render them, nothing else. */
export const CHATBOT_POLICY_ARN = "arn:aws:iam::aws:policy/CloudWatchReadOnlyAccess";

export interface AlertRoutingArgs {
  readonly environment: Environment;
  /** Email, SMS, people, Slack, PagerDuty, Opsgenie, Cloudflare webhooks. */
  readonly alerts: MonitoringConfig["alerts"];
  /** Sealed HTTPS receiver URL (`launch-stack:alertHttpsEndpoint`), when configured. */
  readonly httpsEndpoint?: pulumi.Output<string>;
  /** Sealed integration URLs and webhook secrets by entry (`launch-stack:alertIntegrations`). */
  readonly integrations?: Readonly<Record<string, pulumi.Output<string>>>;
  /** The Cloudflare account and its zones with their plans, for the edge's own notifications. */
  readonly cloudflareAccountId: string;
  readonly zones: readonly { domain: string; plan: CloudflarePlan; zoneId: pulumi.Input<string> }[];
  /** Regions that hold alarms (us-east-1 always has its topic): each further one gets its own encrypted topic with the same routes. */
  readonly alarmRegions?: readonly string[];
}

/** Key policy: the account administers the key; CloudWatch may use it to publish alarms to the topic. */
export function alertKeyPolicy(accountId: string) {
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: "AccountAdministersTheKey", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: "kms:*", Resource: "*" },
      { Sid: "CloudWatchAlarmsEncryptNotifications", Effect: "Allow", Principal: { Service: "cloudwatch.amazonaws.com" }, Action: ["kms:Decrypt", "kms:GenerateDataKey*"], Resource: "*" },
    ],
  };
}

/** Topic policy: the account manages and subscribes; only this account's CloudWatch alarms in the topic's region publish. */
export function alertTopicPolicy(topicArn: string, accountId: string, region: string = ROUTE53_METRICS_REGION) {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AccountManagesTheTopic",
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${accountId}:root` },
        Action: ["SNS:GetTopicAttributes", "SNS:SetTopicAttributes", "SNS:AddPermission", "SNS:RemovePermission", "SNS:DeleteTopic", "SNS:Subscribe", "SNS:ListSubscriptionsByTopic", "SNS:Publish"],
        Resource: topicArn,
      },
      {
        Sid: "CloudWatchAlarmsPublish",
        Effect: "Allow",
        Principal: { Service: "cloudwatch.amazonaws.com" },
        Action: "SNS:Publish",
        Resource: topicArn,
        Condition: {
          ArnLike: { "aws:SourceArn": `arn:aws:cloudwatch:${region}:${accountId}:alarm:*` },
          StringEquals: { "aws:SourceAccount": accountId },
        },
      },
    ],
  };
}

/** `dana.whitfield@example.com` → `dana-whitfield-example-com`: a child name that does not move when the list is reordered. */
function emailSlug(address: string): string {
  return address.toLowerCase().replace(/[^a-z0-9]+/g, "-");
}

/** One SNS subscription every alert topic gets: its child-name suffix, protocol and endpoint. */
export interface AlertSubscriber {
  /** Child-name suffix: `email-<slug>`, `sms-<digits>`, `pagerduty`, `opsgenie`, `https`. */
  suffix: string;
  protocol: "email" | "sms" | "https";
  /** An address or phone number in plaintext; an integration URL sealed as a secret. */
  endpoint: pulumi.Input<string>;
  /** PagerDuty and Opsgenie confirm SNS subscriptions themselves. */
  endpointAutoConfirms?: boolean;
}

/**
 * Every SNS route the config declares, in a fixed order (mailboxes, phones, PagerDuty, Opsgenie, the HTTPS
 * endpoint). Integration URLs stay sealed: they reach AWS only as secrets.
 */
export function alertSubscribers(args: Pick<AlertRoutingArgs, "alerts" | "httpsEndpoint" | "integrations">): AlertSubscriber[] {
  const integrations = args.integrations ?? {};
  return [
    ...alertMailboxes(args.alerts).map((address): AlertSubscriber => ({ suffix: `email-${emailSlug(address)}`, protocol: "email", endpoint: address })),
    ...alertPhones(args.alerts).map((phone): AlertSubscriber => ({ suffix: `sms-${phone.slice(1)}`, protocol: "sms", endpoint: phone })),
    ...onCallServices(args.alerts).filter((s) => integrations[s]).map((s): AlertSubscriber => ({ suffix: s, protocol: "https", endpoint: integrations[s], endpointAutoConfirms: true })),
    ...(args.httpsEndpoint ? [{ suffix: "https", protocol: "https", endpoint: args.httpsEndpoint, endpointAutoConfirms: true } satisfies AlertSubscriber] : []),
  ];
}

/**
 * Subscribes one topic to every SNS route (Slack is added by listing the topic in the Chatbot channel
 * configuration), in the topic's region. `prefix` names the subscriptions; each email subscription needs
 * its own confirmation, each phone the account's SMS set-up (docs/alert-routes.md).
 */
export function subscribeAlertRoutes(prefix: string, topicArn: pulumi.Input<string>, region: string, routes: readonly AlertSubscriber[], opts: pulumi.CustomResourceOptions): void {
  for (const r of routes) {
    new aws.sns.TopicSubscription(`${prefix}-${r.suffix}`, {
      topic: topicArn,
      protocol: r.protocol,
      endpoint: r.endpoint,
      ...(r.endpointAutoConfirms ? { endpointAutoConfirms: true } : {}),
      region,
    }, opts);
  }
}

export class AlertRouting extends pulumi.ComponentResource {
  /** The topic every alarm in us-east-1 notifies (ALARM and OK). */
  public readonly topicArn: pulumi.Output<string>;
  /** The alert topic of each region that holds alarms, us-east-1 included. */
  public readonly topicArns: Record<string, pulumi.Output<string>>;
  /** Cloudflare notification policy names. */
  public readonly cloudflarePolicies: string[];
  /** The routes the config groups as one person. */
  public readonly samePerson: string[][];
  /** The on-call service behind each PagerDuty or Opsgenie subscription, by the subscription's name. */
  public readonly onCallSubscriptions: Record<string, OnCallService>;

  constructor(name: string, args: AlertRoutingArgs, opts?: pulumi.ComponentResourceOptions) {
    const region = ROUTE53_METRICS_REGION;
    const regions = [region, ...[...new Set(args.alarmRegions ?? [])].filter((r) => r !== region).sort()];
    // us-east-1 keeps the unprefixed names it has always had; another region's set is named after it.
    const prefixIn = (topicRegion: string) => (topicRegion === region ? name : `${name}-${topicRegion}`);
    const subscribers = alertSubscribers(args);
    // Facts for the policy pack's two-humans count (policies/monitoring.ts), registered as outputs because the
    // engine hands stack policies a component's outputs: the routes the config groups as one person, and which
    // subscription is which on-call service, for when its sealed URL cannot be read (an offline plan cannot
    // decrypt the stack's secure values).
    const samePerson = args.alerts.people.map((p) => [p.email, p.sms].filter((r): r is string => r !== undefined));
    const onCallSubscriptions = Object.fromEntries(regions.flatMap((r) => subscribers
      .filter((s) => (ON_CALL_SERVICES as readonly string[]).includes(s.suffix))
      .map((s) => [`${prefixIn(r)}-${s.suffix}`, s.suffix as OnCallService])));
    super("launch-stack:monitoring:AlertRouting", name, { samePerson, onCallSubscriptions }, opts);
    this.samePerson = samePerson;
    this.onCallSubscriptions = onCallSubscriptions;
    const { environment, alerts } = args;
    const protect = environment === "prod";
    const child = { parent: this };
    const tags = { Environment: environment, ManagedBy: "launch-stack" };
    const accountId = aws.getCallerIdentityOutput({}, child).accountId;

    const topicIn = (topicRegion: string) => {
      const prefix = prefixIn(topicRegion);
      const key = new aws.kms.Key(`${prefix}-key`, {
        description: `Encrypts the ${environment} portal's alert topic${topicRegion === region ? "" : ` in ${topicRegion}`}`,
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        policy: accountId.apply((id) => JSON.stringify(alertKeyPolicy(id))),
        region: topicRegion,
        tags,
      }, { parent: this, protect });
      new aws.kms.Alias(`${prefix}-key-alias`, { name: `alias/launch-stack-${environment}-alerts`, targetKeyId: key.keyId, region: topicRegion }, child);

      const topic = new aws.sns.Topic(`${prefix}-topic`, {
        name: alertTopicName(environment),
        displayName: `Portal ${environment} alerts`,
        kmsMasterKeyId: key.arn,
        region: topicRegion,
        tags,
      }, child);
      new aws.sns.TopicPolicy(`${prefix}-topic-policy`, {
        arn: topic.arn,
        policy: pulumi.all([topic.arn, accountId]).apply(([arn, id]) => JSON.stringify(alertTopicPolicy(arn, id, topicRegion))),
        region: topicRegion,
      }, child);
      subscribeAlertRoutes(prefix, topic.arn, topicRegion, subscribers, child);
      return topic.arn;
    };
    this.topicArns = Object.fromEntries(regions.map((r) => [r, topicIn(r)]));
    const topicArn = this.topicArns[region];

    if (alerts.slack) {
      const role = new aws.iam.Role(`${name}-chatbot`, {
        description: `AWS Chatbot posting ${environment} portal alerts to Slack`,
        assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "chatbot.amazonaws.com" }, Action: "sts:AssumeRole" }] }),
        tags,
      }, child);
      new aws.iam.RolePolicyAttachment(`${name}-chatbot-read`, { role: role.name, policyArn: CHATBOT_POLICY_ARN }, child);
      new aws.chatbot.SlackChannelConfiguration(`${name}-slack`, {
        configurationName: `launch-stack-${environment}-alerts`,
        iamRoleArn: role.arn,
        slackTeamId: alerts.slack.workspaceId,
        slackChannelId: alerts.slack.channelId,
        snsTopicArns: regions.map((r) => this.topicArns[r]),
        guardrailPolicyArns: [CHATBOT_POLICY_ARN],
        loggingLevel: "ERROR",
        region: CHATBOT_REGION,
        tags,
      }, child);
    }

    // Cloudflare's own alerts go to every route Cloudflare delivers to: the same mailboxes, the webhook
    // destinations (Slack, Opsgenie, generic; their URLs and secrets sealed) and the PagerDuty service
    // connected in its dashboard. SMS is no Cloudflare mechanism, and its webhooks speak Cloudflare's
    // payload, not SNS's, so they cannot share the SNS routes.
    const integrations = args.integrations ?? {};
    const webhooks = Object.entries(alerts.webhooks).map(([hook]) => new cloudflare.NotificationPolicyWebhooks(`${name}-cf-webhook-${hook}`, {
      accountId: args.cloudflareAccountId,
      name: `launch-stack ${environment} ${hook}`,
      url: integrations[webhookUrlKey(hook)],
      secret: integrations[webhookSecretKey(hook)],
    }, child));
    const mailboxes = alertMailboxes(alerts);
    const pagerduty = alerts.pagerduty?.cloudflareIntegrationId;
    const mechanisms = {
      ...(mailboxes.length > 0 ? { emails: mailboxes.map((id) => ({ id })) } : {}),
      ...(webhooks.length > 0 ? { webhooks: webhooks.map((w) => ({ id: w.id })) } : {}),
      ...(pagerduty ? { pagerduties: [{ id: pagerduty }] } : {}),
    };
    this.cloudflarePolicies = [];
    if (Object.keys(mechanisms).length > 0) {
      const zoneIds = new Map(args.zones.map((z) => [z.domain, z.zoneId]));
      for (const { alert, domains } of cloudflareAlertsFor(args.zones)) {
        const policyName = `launch-stack ${environment}: ${alert.title}`;
        new cloudflare.NotificationPolicy(`${name}-cf-${alert.alertType.replace(/_/g, "-")}`, {
          accountId: args.cloudflareAccountId,
          name: policyName,
          description: alert.perZone ? `For ${domains.join(", ")} (managed by launch-stack)` : "Account-wide: this alert type takes no zone filter (managed by launch-stack)",
          alertType: alert.alertType,
          enabled: true,
          mechanisms,
          filters: alert.perZone ? { zones: domains.map((d) => zoneIds.get(d)!), ...alert.filters } : undefined,
        }, child);
        this.cloudflarePolicies.push(policyName);
      }
    }

    this.topicArn = topicArn;
    this.registerOutputs({ topicArn: this.topicArn, topicArns: this.topicArns, cloudflarePolicies: this.cloudflarePolicies, samePerson, onCallSubscriptions });
  }
}
