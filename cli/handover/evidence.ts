/**
 * What the stack declares for each checklist area, in a phrase: the evidence behind the scorecard's
 * "as declared" column, read from the plan (resources and outputs) and the parsed config.
 */
import { describeP95Watchers, p95Watchers } from "../../model/latency-watch";
import { alertNobodyOf, alertPeopleOf } from "../../config/alert-routes";
import type { StackConfig } from "../../config/schema";
import type { ChecklistAreaId } from "../../rules/checklist";
import type { PlanDocument } from "../plan/document";
import { alerting } from "../plan/summary";

type Inputs = Record<string, any>;

function inputsOf(doc: PlanDocument, type: string): Inputs[] {
  return doc.resources.filter((r) => r.type === type).map((r) => r.inputs as Inputs);
}

function rules(doc: PlanDocument, phase: string): Inputs[] {
  return inputsOf(doc, "cloudflare:index/ruleset:Ruleset").filter((r) => r.phase === phase).flatMap((r) => (r.rules ?? []) as Inputs[]);
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

function settingValues(doc: PlanDocument, id: string): string[] {
  return [...new Set(inputsOf(doc, "cloudflare:index/zoneSetting:ZoneSetting").filter((s) => s.settingId === id).map((s) => (typeof s.value === "string" ? s.value : "")))].filter(Boolean);
}

function hstsMaxAges(doc: PlanDocument): number[] {
  return [...new Set(inputsOf(doc, "cloudflare:index/zoneSetting:ZoneSetting").filter((s) => s.settingId === "security_header").map((s) => Number(s.value?.strict_transport_security?.max_age ?? 0)))];
}

function dmarcPolicy(record: unknown): string | undefined {
  return typeof record === "string" ? /(?:^|;)\s*p=(\w+)/.exec(record)?.[1] : undefined;
}

const EVIDENCE: Record<ChecklistAreaId, (doc: PlanDocument, config: StackConfig) => string> = {
  dns: (doc) => {
    const hosts = strings(doc.outputs.hostnames);
    return `${hosts.length} hostnames declared: ${hosts.join(", ")}`;
  },
  redirects: (doc) => `${strings(doc.outputs.redirectMap).length} one-hop redirects declared`,
  tls: (doc) => `SSL ${settingValues(doc, "ssl").join("/")}; minimum TLS ${settingValues(doc, "min_tls_version").join("/")}; TLS 1.3 ${settingValues(doc, "tls_1_3").join("/")}; HSTS max-age ${hstsMaxAges(doc).join("/")} s`,
  "edge-protection": (doc) => {
    const web = inputsOf(doc, "cloudflare:index/dnsRecord:DnsRecord").filter((r) => typeof r.comment === "string" && r.comment.startsWith("web:"));
    const managed = rules(doc, "http_request_firewall_managed").length;
    return `${web.filter((r) => r.proxied === true).length} of ${web.length} web records proxied; ${managed} managed WAF ruleset${managed === 1 ? "" : "s"} executed`;
  },
  "rate-limiting": (doc) => {
    const limits = rules(doc, "http_ratelimit");
    return limits.length > 0 ? `${limits.length} rate limits: ${limits.map((r) => String(r.description).split(";")[0]).join("; ")}` : "no rate limits declared";
  },
  caching: (_doc, config) => `never cached at the edge: ${config.app.privatePaths.join(", ")}, the API and auth routes`,
  "security-headers": (doc) => {
    const names = [...new Set(rules(doc, "http_response_headers_transform").flatMap((r) => Object.keys(r.actionParameters?.headers ?? {})))];
    return names.length > 0 ? `set on every response: ${names.join(", ")}` : "no security headers declared";
  },
  email: (doc) => {
    const email = (doc.outputs.email ?? {}) as Record<string, { sendsMail?: boolean; dmarc?: unknown }>;
    return Object.entries(email).map(([domain, e]) => `${domain}: ${e.sendsMail === false ? "sends no mail, " : ""}DMARC p=${dmarcPolicy(e.dmarc) ?? "?"}`).join("; ") || "no email records declared";
  },
  secrets: (doc, config) => {
    const names = Object.values((doc.outputs.appSecretNames ?? {}) as Record<string, string>);
    return `${names.length} app secrets in AWS Secrets Manager under launch-stack/${config.environment}/, read through one policy`;
  },
  environments: (_doc, config) => `environment ${config.environment}: its own secrets under launch-stack/${config.environment}/, alert topic and pack config policies/config/${config.environment}.json`,
  monitoring: (doc, config) => {
    const a = alerting(doc.outputs);
    const checks = Array.isArray(doc.outputs.uptimeChecks) ? doc.outputs.uptimeChecks.length : 0;
    const people = alertPeopleOf(config);
    const nobody = alertNobodyOf(config).map((n) => n.route);
    return `${checks} uptime checks; alert within ${a.timeToAlert ?? "(none)"} to ${a.recipients.length} routes, reaching ${people.length} ${people.length === 1 ? "person" : "people"}`
      + `${people.length > 0 ? ` (${people.join("; ")})` : ""}${nobody.length > 0 ? `; ${nobody.join(", ")} ${nobody.length === 1 ? "counts" : "count"} as nobody` : ""}`;
  },
  performance: (doc, config) => {
    const averages = strings(doc.outputs.alarms).filter((a) => a.endsWith("-slow")).length;
    return `${describeP95Watchers(p95Watchers(config))}, at ${config.monitoring.latency.thresholdMs} ms; ${averages} Route 53 average time-to-first-byte alarm${averages === 1 ? "" : "s"}; p95 measured live by npm run verify; LCP checked by people on mobile`;
  },
  "access-control": (_doc, config) => `private paths ${config.app.privatePaths.join(", ")}; trusted CORS origins ${config.app.trustedOrigins.join(", ") || "none"}`,
  exposure: () => "nothing declared: the app decides what it serves",
  "rollback-handover": (doc) => `this handover; npm run rollback -- --stack ${doc.stack} --to <ref>`,
};

export function declaredEvidence(area: ChecklistAreaId, doc: PlanDocument, config: StackConfig): string {
  return EVIDENCE[area](doc, config);
}
