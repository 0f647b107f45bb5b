/**
 * The stack's Cloudflare zones as stack policies see them: each zone's records, settings and entrypoint
 * rulesets, grouped from values a PR preview knows. A zone looked up by name has a known id, so its
 * resources group by `zoneId`; a zone this update creates has an unknown id, so its resources group by
 * the component that declares them (the `launch-stack:site:Site` of the zone, or their parent). A zone's
 * facts (plan, environment, required paths) are those its Site declares (stack-facts.ts). The domain comes
 * from literals: the Site's, the Zone's name, rulesets named `<domain> <label>` (as the components name
 * them), or the apex of the zone's record names.
 */
import * as cloudflare from "@pulumi/cloudflare";
import type { PolicyResource } from "@pulumi/policy";
import type { Unwrap } from "@pulumi/pulumi";
import type { SiteFacts } from "../model/site";
import { roleOf } from "../rules/dns-records";
import { literalsOf } from "../rules/expression";
import { isHostname, isInZone, REDIRECT_ONLY_ORIGIN } from "../rules/hostnames";
import { known } from "./known";
import { DnsRecord, Ruleset, Zone, ZoneSetting } from "./resource-classes";
import { factsOf, SITE_TYPE, siteAbove } from "./stack-facts";

export type RecordProps = Unwrap<cloudflare.DnsRecordArgs>;
export type RulesetProps = Unwrap<cloudflare.RulesetArgs>;
export type RulesetRule = NonNullable<RulesetProps["rules"]>[number];

export interface ZoneView {
  /** `zone <id>` when the id is known at preview, else `component <urn>` of the declaring component. */
  key: string;
  /** The zone's domain, when a literal names it. */
  domain?: string;
  zone?: PolicyResource;
  records: PolicyResource[];
  settings: PolicyResource[];
  /** Zone entrypoint rulesets (`kind: "zone"`); account-level rulesets belong to no zone. */
  rulesets: PolicyResource[];
  /** What the zone's Site declares, when a Site above its resources declares all of it. */
  facts?: SiteFacts;
}

/** The nearest Site component above `r`, else its parent: where a created zone's resources are declared. */
function declaringComponent(r: PolicyResource): string {
  return (siteAbove(r) ?? r.parent)?.urn ?? "stack";
}

function keyOf(r: PolicyResource): string {
  const zoneId = r.isType(Zone) ? undefined : known(() => r.props.zoneId as string | undefined);
  return zoneId ? `zone ${zoneId}` : `component ${declaringComponent(r)}`;
}

/** The first word of a ruleset named `<domain> <label>`, when it is a hostname. */
function rulesetDomain(props: RulesetProps): string | undefined {
  const first = String(props.name ?? "").split(" ")[0].toLowerCase();
  return isHostname(first) ? first : undefined;
}

function domainOf(view: Omit<ZoneView, "domain">): string | undefined {
  const named = view.facts?.domain
    ?? (view.zone ? String(view.zone.props.name).toLowerCase() : view.rulesets.map((r) => rulesetDomain(r.props as RulesetProps)).find((d) => d));
  if (named) return named;
  const names = view.records.map((r) => String(r.props.name).toLowerCase());
  return names.sort((a, b) => a.length - b.length).find((apex) => names.every((n) => isInZone(n, apex)));
}

/** Every zone the stack declares resources in, in declaration order. */
export function zoneViews(resources: readonly PolicyResource[]): ZoneView[] {
  const views = new Map<string, Omit<ZoneView, "domain">>();
  const view = (r: PolicyResource) => {
    const key = keyOf(r);
    if (!views.has(key)) views.set(key, { key, records: [], settings: [], rulesets: [] });
    return views.get(key)!;
  };
  for (const r of resources) {
    if (r.isType(Zone)) view(r).zone = r;
    else if (r.isType(DnsRecord)) view(r).records.push(r);
    else if (r.isType(ZoneSetting)) view(r).settings.push(r);
    else if (r.isType(Ruleset) && r.props.kind === "zone") view(r).rulesets.push(r);
  }
  return [...views.values()].map((v) => {
    const site = [v.zone, ...v.records, ...v.settings, ...v.rulesets].map((r) => r && siteAbove(r)).find((s) => s);
    const withFacts = { ...v, facts: site && factsOf(site) };
    return { ...withFacts, domain: domainOf(withFacts) };
  });
}

/** How a zone is named in a violation: its domain, or where it is declared. */
export function zoneLabel(view: ZoneView): string {
  return view.domain ?? view.key;
}

export function rulesetsOf(view: ZoneView, phase: string): PolicyResource[] {
  return view.rulesets.filter((r) => r.props.phase === phase);
}

/** Enabled rules of the zone's entrypoint rulesets for `phase`, in evaluation order, with the ruleset declaring each. */
export function rulesOf(view: ZoneView, phase: string): { rule: RulesetRule; ruleset: PolicyResource }[] {
  return rulesetsOf(view, phase).flatMap((ruleset) =>
    ((ruleset.props as RulesetProps).rules ?? []).filter((rule) => rule.enabled !== false).map((rule) => ({ rule, ruleset })));
}

export function recordProps(r: PolicyResource): RecordProps {
  return r.props as RecordProps;
}

function isWeb(r: PolicyResource): boolean {
  const p = recordProps(r);
  return roleOf(p.comment, p.name, p.type) === "web";
}

/** The zone has web hostnames (served or redirect-only): it answers HTTPS, so its TLS settings matter. */
export function hasWebRecords(view: ZoneView): boolean {
  return view.records.some(isWeb);
}

/**
 * Web hostnames backed by an origin: not the redirect-only discard target. A record whose content is
 * unknown at preview counts as served, the stricter reading.
 */
export function servedHostnames(view: ZoneView): string[] {
  return view.records
    .filter((r) => isWeb(r) && known(() => recordProps(r).content) !== REDIRECT_ONLY_ORIGIN)
    .map((r) => String(recordProps(r).name).toLowerCase());
}

/**
 * Hostnames behind login: those the zone's cache-bypass rules name, since a hostname whose every page
 * must never be cached is one that serves logged-in pages (model/site.ts builds the rule that way).
 */
export function authenticatedHostnames(view: ZoneView): string[] {
  return rulesOf(view, "http_request_cache_settings")
    .filter(({ rule }) => rule.action === "set_cache_settings" && rule.actionParameters?.cache === false)
    .flatMap(({ rule }) => literalsOf(rule.expression).filter(isHostname).map((h) => h.toLowerCase()));
}

/** The zone serves pages (not only redirects): headers, rate limits, caching and WAF apply. */
export function servesContent(view: ZoneView): boolean {
  return servedHostnames(view).length > 0;
}

/**
 * The violation for a zone whose Site declares no usable facts: the pack never assumes a plan (Free would
 * silently waive the managed WAF) or a list of paths (none would waive rate limits and cache bypass).
 */
export function cannotTell(view: ZoneView, what: string): string {
  return `${zoneLabel(view)}: cannot tell ${what}: no ${SITE_TYPE} component above the zone's resources declares it; declare them under the zone's Site (components/site.ts), which registers it from the stack config`;
}
