/**
 * DNS record hygiene at the edge: web hostnames proxied (so WAF, TLS and DDoS protection apply), mail and
 * verification records DNS-only, proxied records on automatic TTL, CAA allowing Universal SSL's CAs, and
 * every proxied name within what the zone's Universal SSL certificate covers. A
 * record's role is read from its comment prefix (`web:`, `mail:`, `verification:`), as rules/dns-records.ts
 * defines it, so the pack needs no config to tell a mail host from a web host.
 */
import * as cloudflare from "@pulumi/cloudflare";
import { PolicyResource, ResourceValidationPolicy, StackValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { checklistItem, LaunchPolicy } from "./checklist";
import { checkCaa } from "../rules/caa";
import { checkUniversalSslCoverage } from "../rules/certificate";
import { AUTOMATIC_TTL, checkRecordProxying, RecordShape, roleOf } from "../rules/dns-records";
import { checkDnsOnlyHost } from "../rules/dns-only";
import { formatFinding } from "../rules/finding";
import { reportFindings } from "./findings";
import { known } from "./known";
import { DnsRecord } from "./resource-classes";
import { RecordProps, recordProps, zoneViews } from "./zones";

function shapeOf(r: RecordProps): RecordShape {
  return { name: r.name, type: r.type, proxied: r.proxied, ttl: r.ttl, comment: r.comment };
}

/** Proxying findings alone: with the TTL set to automatic, checkRecordProxying reports nothing about TTL. */
function proxyingFindings(r: RecordProps) {
  return checkRecordProxying({ ...shapeOf(r), ttl: AUTOMATIC_TTL });
}

export const webRecordsProxied: LaunchPolicy<ResourceValidationPolicy> = {
  name: "web-records-proxied",
  description: "Web hostnames (A, AAAA and CNAME records with a web: role) must be proxied: only proxied traffic passes Cloudflare's WAF, TLS and DDoS protection, and an unproxied record exposes the origin's address.",
  severity: "high",
  framework: checklistItem("edge-protection"),
  remediationSteps: "Declare the host under launch-stack:zones[].hosts (components/web-records.ts proxies every web host); for a record declared by hand, set proxied: true and keep the web: comment prefix.",
  url: "https://developers.cloudflare.com/dns/proxy-status/",
  validateResource: validateResourceOfType(cloudflare.DnsRecord, (record, _args, report) => {
    if (roleOf(record.comment, record.name, record.type) === "web") reportFindings(report, proxyingFindings(record));
  }),
};

export const mailRecordsNotProxied: LaunchPolicy<ResourceValidationPolicy> = {
  name: "mail-records-not-proxied",
  description: "MX targets, mail hosts and verification records must be DNS-only (proxied: false): Cloudflare's proxy carries HTTP only, so a proxied mail host stops receiving mail and a proxied verification record answers with Cloudflare's addresses.",
  severity: "high",
  framework: checklistItem("dns"),
  remediationSteps: "Set proxied: false on MX targets, mail hosts and verification records (comment prefix mail: or verification:); declare them through launch-stack:zones[].email so the component does it.",
  url: "https://developers.cloudflare.com/dns/proxy-status/",
  validateResource: validateResourceOfType(cloudflare.DnsRecord, (record, _args, report) => {
    if (roleOf(record.comment, record.name, record.type) !== "web") reportFindings(report, proxyingFindings(record));
  }),
};

export const dnsRecordTtl: LaunchPolicy<ResourceValidationPolicy> = {
  name: "dns-record-ttl",
  description: "Proxied records must use ttl 1 (automatic), which Cloudflare requires, and DNS-only records 1 or 60-86400 seconds: any other value fails at apply.",
  severity: "medium",
  framework: checklistItem("dns"),
  remediationSteps: "Use ttl: 1 on proxied records; on DNS-only records use 1 or a value from 60 to 86400 seconds.",
  url: "https://developers.cloudflare.com/dns/manage-dns-records/reference/ttl/",
  validateResource: validateResourceOfType(cloudflare.DnsRecord, (record, _args, report) => {
    // The TTL findings are exactly those that disappear when the TTL is automatic.
    const proxying = new Set(proxyingFindings(record).map(formatFinding));
    reportFindings(report, checkRecordProxying(shapeOf(record)).filter((f) => !proxying.has(formatFinding(f))));
  }),
};

export const caaAllowsUniversalSsl: LaunchPolicy<StackValidationPolicy> = {
  name: "caa-allows-universal-ssl",
  description: "A zone's CAA records, when present, must allow every CA Cloudflare's Universal SSL issues from: otherwise certificate issuance and renewal fail silently and browsers show warnings.",
  severity: "medium",
  framework: checklistItem("tls"),
  remediationSteps: "Add CAA issue entries for every CA Universal SSL uses (rules/caa.ts lists them), or remove the zone's CAA records and let launch-stack declare them.",
  url: "https://developers.cloudflare.com/ssl/edge-certificates/caa-records/",
  validateStack: (args, report) => {
    // A CAA record set applies to its own name (and the names below it without one): check each name's set.
    const byName = new Map<string, PolicyResource[]>();
    for (const r of args.resources.filter((r) => r.isType(DnsRecord) && recordProps(r).type === "CAA")) {
      const name = String(recordProps(r).name).toLowerCase();
      byName.set(name, [...(byName.get(name) ?? []), r]);
    }
    for (const [name, records] of byName) {
      const entries = records.map((r) => ({ tag: String(recordProps(r).data?.tag ?? ""), value: String(recordProps(r).data?.value ?? "") }));
      reportFindings(report, checkCaa(entries), { prefix: name, urn: records[0].urn });
    }
  },
};

export const proxiedNamesCovered: LaunchPolicy<StackValidationPolicy> = {
  name: "proxied-names-covered-by-certificate",
  description: "Every proxied hostname must be the zone's apex or one label below it: Cloudflare's Universal SSL certificate names only the apex and *.<zone>, so a deeper proxied name serves visitors a certificate error. Covering deeper names takes Advanced Certificate Manager, which launch-stack does not manage.",
  severity: "high",
  framework: checklistItem("tls"),
  remediationSteps: "Move the hostname to one label below the zone (app.example.com, not eu.app.example.com), or make it DNS-only and serve it with its own certificate.",
  url: "https://developers.cloudflare.com/ssl/edge-certificates/universal-ssl/limitations/",
  validateStack: (args, report) => {
    for (const view of zoneViews(args.resources)) {
      if (!view.domain) continue;
      for (const r of view.records.filter((r) => known(() => recordProps(r).proxied) === true)) {
        reportFindings(report, checkUniversalSslCoverage(String(recordProps(r).name), view.domain), { urn: r.urn });
      }
    }
  },
};

export const protectedHostsProxied: LaunchPolicy<StackValidationPolicy> = {
  name: "protected-hosts-proxied",
  description: "The app's host, hosts serving logged-in pages or APIs, and hosts with redirect rules must be proxied, whatever a record's comment says: WAF, rate limits, cache bypass and redirects run only on proxied traffic.",
  severity: "high",
  framework: checklistItem("edge-protection"),
  remediationSteps: "Remove proxied: false from the host under launch-stack:zones[].hosts (or set proxied: true on the record declared by hand); only a host that needs none of the edge may be DNS-only.",
  url: "https://developers.cloudflare.com/dns/proxy-status/",
  validateStack: (args, report) => {
    for (const view of zoneViews(args.resources)) {
      const roles = view.facts?.hostRoles ?? [];
      for (const r of view.records.filter((r) => ["A", "AAAA", "CNAME"].includes(String(recordProps(r).type)) && known(() => recordProps(r).proxied) !== true)) {
        const role = roles.find((h) => h.name === String(recordProps(r).name).toLowerCase());
        if (role) reportFindings(report, checkDnsOnlyHost(role), { urn: r.urn });
      }
    }
  },
};

export const dnsPolicies = [webRecordsProxied, mailRecordsNotProxied, dnsRecordTtl, caaAllowsUniversalSsl, proxiedNamesCovered, protectedHostsProxied];
