/**
 * The handover runbook (`npm run handover`): what exists, what is watched, who is alerted, where secrets
 * live and how to roll back, in markdown a small team can run the portal from. It is rendered from the
 * same plan document as `npm run plan` (masked values only) plus the names of the stack's secret config
 * keys, so it can name every secret and print none.
 */
import { siteName } from "../../components/site";
import { ROUTE53_METRICS_REGION } from "../../rules/alerting";
import { roleOf } from "../../rules/dns-records";
import { REDIRECT_ONLY_ORIGIN } from "../../rules/hostnames";
import { displayType, inline, plural } from "./display";
import type { PlanDocument, PlanResource } from "./document";
import { alerting } from "./summary";
import { blocksDeployment, markdownViolations, verdict } from "./violations";
import { packConfigArgs } from "../../policies/pack-config-file";
import type { StackConfig } from "../../config/schema";
import { alertingDiagram, hostnameDiagram } from "../handover/diagrams";
import { outputLines, prose } from "../handover/outputs";
import { peopleSection } from "../handover/people";
import { launchScorecard } from "../handover/scorecard";
import { headerGradesSection } from "../handover/header-grades";
import { humanChecksSection, scorecardSection } from "../handover/scorecard-markdown";
import type { LiveResult } from "../handover/verify-result";

export interface HandoverFacts {
  /** Config keys stored encrypted in Pulumi.<stack>.yaml (names only). */
  secretConfigKeys: string[];
  /** The commit the runbook describes, when known. */
  commit?: string;
  /** The stack's parsed config: readiness (owners, hours, human checks), alert routes, zones. */
  config: StackConfig;
  /** A saved `npm run verify --json` result of this stack, for the scorecard's live column. */
  live?: LiveResult;
}

const T = {
  record: "cloudflare:index/dnsRecord:DnsRecord",
  setting: "cloudflare:index/zoneSetting:ZoneSetting",
  ruleset: "cloudflare:index/ruleset:Ruleset",
  notification: "cloudflare:index/notificationPolicy:NotificationPolicy",
  site: "launch-stack:site:Site",
  awsSecret: "aws:secretsmanager/secret:Secret",
  healthCheck: "aws:route53/healthCheck:HealthCheck",
  alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
  topic: "aws:sns/topic:Topic",
  subscription: "aws:sns/topicSubscription:TopicSubscription",
  chatbot: "aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration",
} as const;

/**
 * Outputs with a section of their own (the rest is listed at the end, so nothing goes unmentioned).
 * `hostnames`, `redirectMap`, `uptimeChecks` and `alarms` are rendered from the resources, which say more.
 */
const RENDERED_OUTPUTS = new Set([
  "environment", "canonicalUrl", "appUrl", "zoneIds", "hostnames", "dsRecords", "redirectMap", "appEnvironment", "appSecretNames",
  "uptimeChecks", "alarms", "timeToAlertSeconds", "alertRecipients", "cloudflareNotificationPolicies", "alertSubscriptionNote", "canaries",
]);

type Inputs = Record<string, any>;

/** A table cell: text as is, a structured value as prose (never JSON), on one line. */
function cell(value: unknown): string {
  return (typeof value === "object" && value !== null ? prose(value) : inline(value)).replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function table(head: string[], rows: unknown[][]): string[] {
  return [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`)];
}

function code(text: string): string {
  return `\`${text}\``;
}

/** Resources grouped by the zone (Site component) they belong to, in the order of the stack's zones. */
function byZone(doc: PlanDocument): { domain: string; resources: PlanResource[] }[] {
  const byUrn = new Map(doc.resources.map((r) => [r.urn, r]));
  const siteOf = (r: PlanResource): PlanResource | undefined => {
    for (let p = r.parent ? byUrn.get(r.parent) : undefined; p; p = p.parent ? byUrn.get(p.parent) : undefined) if (p.type === T.site) return p;
    return undefined;
  };
  const domains = Object.keys((doc.outputs.zoneIds as Record<string, unknown> | undefined) ?? {});
  return doc.resources
    .filter((r) => r.type === T.site)
    .map((site) => ({ domain: domains.find((d) => siteName(d) === site.name) ?? site.name, resources: doc.resources.filter((r) => siteOf(r)?.urn === site.urn) }))
    .sort((a, b) => (domains.indexOf(a.domain) - domains.indexOf(b.domain)));
}

function rulesOf(resources: PlanResource[], phase: string): Inputs[] {
  return resources.filter((r) => r.type === T.ruleset && r.inputs.phase === phase).flatMap((r) => (r.inputs.rules ?? []) as Inputs[]);
}

function records(resources: readonly PlanResource[], role: "web" | "mail" | "verification" | "dns-only"): Inputs[] {
  return resources.filter((r) => r.type === T.record).map((r) => r.inputs as Inputs).filter((i) => roleOf(i.comment, i.name, i.type) === role && i.type !== "CAA");
}

/** Comment without its role prefix: "web: origin 203.0.113.10" → "origin 203.0.113.10". */
function purpose(i: Inputs): string {
  return typeof i.comment === "string" ? i.comment.replace(/^(web|mail|verification|dns-only):\s*/, "") : "";
}

function recordValue(i: Inputs): string {
  const value = i.content !== undefined ? inline(i.content) : i.data !== undefined ? Object.values(i.data).map(inline).join(" ") : "";
  return i.priority !== undefined ? `${i.priority} ${value}` : value;
}

function glance(doc: PlanDocument, facts: HandoverFacts): string[] {
  const o = doc.outputs;
  const alert = alerting(o);
  const custom = doc.resources.filter((r) => !r.type.startsWith("launch-stack:"));
  const providers = [...new Set(custom.map((r) => r.type.split(":")[0]))].sort();
  return [
    "## At a glance",
    "",
    ...table(["", ""], [
      ["Environment", o.environment ?? doc.stack],
      ["Canonical URL", o.canonicalUrl ?? "(not declared)"],
      ["Portal", o.appUrl ?? "(not declared)"],
      ["Zones", Object.keys((o.zoneIds as object | undefined) ?? {}).join(", ")],
      ["Resources", `${custom.length} (${providers.map((p) => `${custom.filter((r) => r.type.startsWith(`${p}:`)).length} ${p}`).join(", ")})`],
      ["Policy pack", blocksDeployment(doc.violations) ? `fails: ${verdict(doc.violations)}` : `passes (${verdict(doc.violations)})`],
      ["Time to alert", alert.timeToAlert ?? "no uptime checks declared"],
      ["Alerted", alert.recipients.length > 0 ? alert.recipients.join(", ") : "nobody: no alert routes declared"],
      ...(facts.commit ? [["Described commit", facts.commit]] : []),
    ]),
  ];
}

function hostnames(zones: ReturnType<typeof byZone>): string[] {
  const rows = zones.flatMap((z) => records(z.resources, "web").map((i) => [i.name, i.type, recordValue(i), i.proxied === true ? "yes" : "no", purpose(i)]));
  return [
    "## Hostnames",
    "",
    "A proxied hostname gets Cloudflare's TLS, WAF and DDoS protection at the edge. Hostnames that only redirect point at the",
    `discard address ${code(REDIRECT_ONLY_ORIGIN)} and are answered by the redirect rules below.`,
    "",
    ...table(["Hostname", "Record", "Points to", "Proxied", "Purpose"], rows),
  ];
}

/** DNS-only hosts and extra records: answered by their own servers, so nothing at the edge protects or watches them. */
function outsideEdge(zones: ReturnType<typeof byZone>): string[] {
  const rows = zones.flatMap((z) => records(z.resources, "dns-only").map((i) => [i.name, i.type, recordValue(i), purpose(i)]));
  if (rows.length === 0) return [];
  return [
    "## Outside the edge (DNS only)",
    "",
    "These names answer with their own servers: no WAF, rate limits, cache rules or Universal SSL apply, and they are watched only",
    "where an uptime check names them. Their operators own their TLS and availability.",
    "",
    ...table(["Name", "Type", "Value", "Purpose"], rows),
  ];
}

/** Hostnames → redirects → origins, and checks → alarms → topic → people, as Mermaid diagrams. */
function pictures(doc: PlanDocument): string[] {
  const hosts = hostnameDiagram(doc);
  const alerts = alertingDiagram(doc);
  return [
    "## At a look",
    ...(hosts ? ["", "Where each hostname goes: redirects (one hop each) and the origins that serve the rest.", "", ...hosts] : []),
    ...(alerts ? ["", "Who hears about an outage: each uptime check's alarms, the alert topic, and the people and channels it notifies.", "", ...alerts] : []),
  ];
}

function redirects(zones: ReturnType<typeof byZone>): string[] {
  const rows = zones.flatMap((z) => rulesOf(z.resources, "http_request_dynamic_redirect")).map((r) => {
    const v = r.actionParameters?.fromValue ?? {};
    return [r.description, v.statusCode, v.preserveQueryString ? "yes" : "no"];
  });
  if (rows.length === 0) return ["## Redirects", "", "No redirects are declared."];
  return ["## Redirects", "", "Each redirect is one hop, evaluated in this order (first match wins).", "", ...table(["Redirect", "Status", "Query kept"], rows)];
}

function edge(zones: ReturnType<typeof byZone>): string[] {
  const out = ["## Edge settings"];
  for (const z of zones) {
    const settings = z.resources.filter((r) => r.type === T.setting).map((r) => [code(String(r.inputs.settingId)), r.inputs.value]);
    const rules = (phase: string) => rulesOf(z.resources, phase);
    out.push("", `### ${z.domain}`, "", ...table(["Setting", "Value"], settings));
    const list = (title: string, lines: string[]) => (lines.length > 0 ? out.push("", `**${title}**`, "", ...lines.map((l) => `- ${l}`)) : 0);
    list("WAF managed rulesets", rules("http_request_firewall_managed").map((r) => `${r.description} (${r.action})`));
    list("WAF custom rules", rules("http_request_firewall_custom").map((r) => `${r.description}: ${r.action} when ${code(r.expression)}`));
    list("Rate limits", rules("http_ratelimit").map((r) => `${r.description}; then ${r.action} for ${r.ratelimit?.mitigationTimeout} s`));
    list("Cache rules", rules("http_request_cache_settings").map((r) => r.description));
    list("Security headers", rules("http_response_headers_transform").flatMap((r) => Object.entries((r.actionParameters?.headers ?? {}) as Inputs).map(([h, v]) => `${code(h)}: ${code(inline(v.value))}`)));
  }
  return out;
}

function email(zones: ReturnType<typeof byZone>): string[] {
  const rows = zones.flatMap((z) => [...records(z.resources, "mail"), ...records(z.resources, "verification")]).map((i) => [i.name, i.type, recordValue(i), purpose(i)]);
  if (rows.length === 0) return ["## Email and verification records", "", "No email or verification records are declared."];
  return [
    "## Email and verification records",
    "",
    "What each sender, mailbox provider and verifier relies on; change a record only together with that service's own settings.",
    "",
    ...table(["Name", "Type", "Value", "What it is for"], rows),
  ];
}

function secrets(doc: PlanDocument, facts: HandoverFacts): string[] {
  const stored = doc.resources.filter((r) => r.type === T.awsSecret).map((r) => [code(inline(r.inputs.name)), r.inputs.description ?? ""]);
  const plain = Object.entries((doc.outputs.appEnvironment as Record<string, unknown> | undefined) ?? {});
  return [
    "## Secrets and app configuration (names only)",
    "",
    "No secret value is written in this document, the repository or the stack outputs.",
    "",
    ...(facts.secretConfigKeys.length > 0
      ? [`Encrypted in ${code(`Pulumi.${doc.stack}.yaml`)}. Change an app secret with ${code(`pulumi config set --secret --path 'appSecrets.<NAME>' --stack ${doc.stack}`)} (it prompts), then bump ${code("secrets.env.<NAME>.rotation")} so the new value reaches AWS (docs/secrets.md):`, "", ...facts.secretConfigKeys.map((k) => `- ${code(k)}`)]
      : [`No encrypted keys in ${code(`Pulumi.${doc.stack}.yaml`)}; provider credentials come from the environment (e.g. ${code("CLOUDFLARE_API_TOKEN")}).`]),
    ...(stored.length > 0 ? ["", "The app's runtime secrets, in AWS Secrets Manager (the app reads them through the stack output `appSecretsReadPolicyArn`, attached to its role):", "", ...table(["Secret", "About"], stored)] : []),
    ...(plain.length > 0 ? ["", "Plain (non-secret) environment variables:", "", ...table(["Variable", "Value"], plain.map(([k, v]) => [code(k), v]))] : []),
  ];
}

/** "email: a@example.com, webhook: ..." from a Cloudflare notification policy's mechanisms. */
function mechanisms(i: Inputs): string {
  return Object.entries((i.mechanisms ?? {}) as Inputs).flatMap(([kind, list]) => (list as Inputs[]).map((m) => `${kind.replace(/s$/, "")}: ${m.id}`)).join(", ");
}

/**
 * Which source watches the p95 latency bar and how often (the canaries publish raw response times;
 * Route 53's time to first byte is documented as an average only: docs/latency-metrics.md), and
 * whether the login flow is watched end to end.
 */
function latencyWatch(doc: PlanDocument): string[] {
  const c = doc.outputs.canaries as Inputs | undefined;
  if (!c || typeof c !== "object") return [];
  // The component exports model/latency-watch.ts's rows, the ones the scorecard and verify show.
  const p95 = ((c.p95 ?? []) as Inputs[]).map((w) => [w.endpoint, w.watchedBy, w.alarm, w.every]);
  const route53 = doc.resources.filter((r) => r.type === T.alarm).map((r) => r.inputs as Inputs)
    .filter((i) => i.namespace === "AWS/Route53" && i.metricName === "TimeToFirstByte")
    .map((i) => [/^(https:\/\/\S+?): /.exec(String(i.alarmDescription ?? ""))?.[1] ?? code(inline(i.name)), `Route 53 checkers (${code(inline(i.name))})`, `TimeToFirstByte ${i.statistic ?? i.extendedStatistic} > ${i.threshold} ms`, `${i.period} s windows`]);
  const login = c.loginFlow as Inputs | undefined;
  const app = doc.outputs.appLatency as Inputs | undefined;
  const own = app ? [["every request it serves", `the app's ${app.source}`, `${app.metric} ${app.statistic} > ${app.threshold} ${app.unit === "Seconds" ? "s" : "ms"}`, `${app.every} windows; time to alert ${app.timeToAlert}`]] : [];
  return [
    "",
    "Latency (launch bar: p95 under 500 ms):",
    "",
    ...table(["Endpoint", "Watched by", "Alarm", "How often"], [...p95, ...own, ...route53]),
    "",
    ...(app && app.region !== "us-east-1" ? [`- The app's latency alarm ${code(String(app.alarm))} lives in ${app.region}, where its metric is, and notifies the alert topic there: each alert email address confirms that second subscription too.`] : []),
    `- Synthetic canaries run ${code(String(c.schedule))} from us-east-1; a failing canary notifies within ${c.timeToAlertSeconds} s (schedule × failed runs + run timeout + alarm period; failed runs are not retried).`,
    ...(login ? [login.signsIn ? `- Login flow: canary ${code(login.canary)} signs in with the test account and must reach the dashboard.` : `- Login flow: canary ${code(login.canary)} only loads the login page${login.noTestAccountReason ? `: ${login.noTestAccountReason}` : "."}`] : []),
  ];
}

/**
 * Every alert topic the stack creates, by region, with the alarms that notify it and its subscriptions:
 * each gets every route, so an email address confirms one subscription per topic (docs/alerts.md).
 */
function alertTopics(doc: PlanDocument): string[] {
  const inputsOf = (type: string) => doc.resources.filter((r) => r.type === type).map((r) => r.inputs as Inputs);
  // us-east-1 first, as AlertRouting declares them.
  const topics = inputsOf(T.topic).sort((a, b) => Number(a.region !== ROUTE53_METRICS_REGION) - Number(b.region !== ROUTE53_METRICS_REGION) || String(a.region).localeCompare(String(b.region)));
  if (topics.length === 0) return [];
  const inRegion = (type: string, region: unknown) => inputsOf(type).filter((i) => i.region === region).length;
  const slack = inputsOf(T.chatbot).length > 0;
  return [
    "",
    `Alert topics (each is subscribed to every route${slack ? ", and Slack reads each through AWS Chatbot" : ""}; an email address confirms one subscription per topic; their ARNs after deploy: ${code(`pulumi stack output alertTopicArns --stack ${doc.stack}`)}):`,
    "",
    ...table(["Region", "Topic", "Alarms notifying it", "SNS subscriptions"], topics.map((t) => [t.region, code(inline(t.name)), inRegion(T.alarm, t.region), inRegion(T.subscription, t.region)])),
  ];
}

function monitoring(doc: PlanDocument): string[] {
  const o = doc.outputs;
  const alert = alerting(o);
  const inputsOf = (type: string) => doc.resources.filter((r) => r.type === type).map((r) => r.inputs as Inputs);
  const checks = inputsOf(T.healthCheck).map((i) => [
    `${String(i.type).startsWith("HTTPS") ? "https" : "http"}://${i.fqdn}${i.resourcePath ?? ""}`,
    `every ${i.requestInterval} s, down after ${i.failureThreshold} failures`,
    i.searchString !== undefined ? `body contains ${code(inline(i.searchString))}` : "2xx/3xx status",
    (i.regions ?? []).join(", "),
  ]);
  const alarms = inputsOf(T.alarm).map((i) => [code(inline(i.name)), i.alarmDescription ?? i.metricName]);
  const cloudflare = inputsOf(T.notification).map((i) => [i.name, mechanisms(i)]);
  return [
    "## Monitoring and alerting",
    "",
    `- Time to alert (worst case, from an endpoint failing to the first notification): ${alert.timeToAlert ?? "no uptime checks declared"}`,
    `- Alerted: ${alert.recipients.length > 0 ? alert.recipients.join(", ") : "nobody: no alert routes declared"}`,
    ...(typeof o.alertSubscriptionNote === "string" ? [`- ${o.alertSubscriptionNote}`] : []),
    ...alertTopics(doc),
    "",
    ...(checks.length > 0 ? ["Uptime checks:", "", ...table(["URL", "Checked", "Healthy when", "From"], checks)] : ["No uptime checks are declared."]),
    "",
    ...(alarms.length > 0 ? ["Alarms (each notifies the routes above):", "", ...table(["Alarm", "Fires when"], alarms)] : ["No alarms are declared."]),
    ...latencyWatch(doc),
    ...(cloudflare.length > 0 ? ["", "Cloudflare notifications:", "", ...table(["Notification", "Sent to"], cloudflare)] : []),
  ];
}

function dnssec(doc: PlanDocument): string[] {
  const ds = (doc.outputs.dsRecords as Record<string, unknown> | undefined) ?? {};
  const domains = Object.keys(ds);
  if (domains.length === 0) return ["## DNSSEC", "", "DNSSEC is off for every zone."];
  return [
    "## DNSSEC: DS records for the registrar",
    "",
    "Cloudflare creates the signing key during `pulumi up`, so the DS record is only known afterwards. After the first deploy, run",
    "",
    "```sh",
    `pulumi stack output dsRecords --stack ${doc.stack}`,
    "```",
    "",
    "and add each zone's DS record at its registrar; DNSSEC stays pending until it is there.",
    "",
    ...table(["Zone", "DS record"], domains.map((d) => [d, typeof ds[d] === "string" && !String(ds[d]).startsWith("(") ? ds[d] : "shown by the command above after pulumi up"])),
  ];
}

function operations(stack: string): string[] {
  return [
    "## Deploy, verify and roll back",
    "",
    "Review a change before merging (offline, no credentials):",
    "",
    "```sh",
    `npm run plan -- --stack ${stack} --diff origin/main`,
    "```",
    "",
    "Redeploy a known good commit from a clean checkout (the policy pack gates the deploy):",
    "",
    "```sh",
    `git checkout <ref> && npm ci && pulumi up --stack ${stack} --policy-pack policies${packConfigArgs(stack).map((a) => ` ${a}`).join("")}`,
    "```",
    "",
    "After a deploy, audit the live launch (DNS, TLS, redirects, headers, email, access, latency) against what the stack declares:",
    "",
    "```sh",
    `npm run verify -- --stack ${stack}`,
    "```",
    "",
    "Roll back to an earlier commit or stack version (plans, previews and asks before deploying; find versions with",
    `${code(`pulumi stack history --stack ${stack}`)}):`,
    "",
    "```sh",
    `npm run rollback -- --stack ${stack} --to <git ref | stack version>`,
    "```",
  ];
}

function policy(doc: PlanDocument): string[] {
  const text = verdict(doc.violations);
  const details = markdownViolations(doc.violations);
  return [
    "## Policy pack",
    "",
    `${text[0].toUpperCase()}${text.slice(1)}.`,
    ...(details.length > 0 ? ["", ...details] : []),
    ...(doc.warnings.length > 0 ? ["", "Configuration warnings (they do not block a deploy):", "", ...doc.warnings.map((w) => `- ${w}`)] : []),
  ];
}

function otherOutputs(doc: PlanDocument): string[] {
  const rest = Object.entries(doc.outputs).filter(([k]) => !RENDERED_OUTPUTS.has(k));
  if (rest.length === 0) return [];
  return ["## Other stack outputs", "", `Read any of them with ${code(`pulumi stack output <name> --stack ${doc.stack}`)}; values only known after ${code("pulumi up")} say so.`, ...outputLines(rest)];
}

export function renderHandover(doc: PlanDocument, facts: HandoverFacts): string {
  const zones = byZone(doc);
  const custom = doc.resources.filter((r) => !r.type.startsWith("launch-stack:"));
  const types = [...new Set(custom.map((r) => displayType(r.type)))].sort();
  const card = launchScorecard(doc, facts.config, facts.live);
  const sections = [
    [`# Handover: launch-stack, stack \`${doc.stack}\``, "", `Generated by ${code(`npm run handover -- --stack ${doc.stack}${facts.live ? ` --verify ${facts.live.file}` : ""}`)} from the offline plan: ${plural(custom.length, "resource")} of ${plural(types.length, "type")}.`],
    scorecardSection(card),
    headerGradesSection(facts.live, doc.stack, facts.config.environment),
    glance(doc, facts),
    peopleSection(doc, facts.config),
    pictures(doc),
    hostnames(zones),
    outsideEdge(zones),
    redirects(zones),
    edge(zones),
    email(zones),
    secrets(doc, facts),
    monitoring(doc),
    dnssec(doc),
    operations(doc.stack),
    humanChecksSection(card, facts.config.readiness.humanChecks),
    policy(doc),
    otherOutputs(doc),
  ];
  return `${sections.filter((s) => s.length > 0).map((s) => s.join("\n")).join("\n\n")}\n`;
}
