/**
 * The provider classes the policies test resources against (`r.isType(DnsRecord)`), read once here.
 * `@pulumi/cloudflare` and `@pulumi/aws` export every class through a lazy getter that calls `require` on
 * each read; read inside a filter over 10,000 resources, that lookup alone cost about 0.27 s of the
 * pack's 1 s budget (`npm run bench`).
 */
import * as aws from "@pulumi/aws";
import * as cloudflare from "@pulumi/cloudflare";

export const { DnsRecord, Ruleset, WorkersCustomDomain, WorkersScript, Zone, ZoneSetting } = cloudflare;
export const { SlackChannelConfiguration } = aws.chatbot;
export const { MetricAlarm } = aws.cloudwatch;
export const { HealthCheck } = aws.route53;
export const { TopicSubscription } = aws.sns;
export const { Canary } = aws.synthetics;
