/**
 * The extra records' checks on the parsed config: each zone's full record set (web hosts, CAA and mail
 * records as the stack derives them, plus `records`) run through rules/record-sets.ts, so a conflict
 * is refused naming both keys before anything is declared.
 */
import { emailModels } from "../model/email";
import { siteFacts, siteModel } from "../model/site";
import { checkCaa } from "../rules/caa";
import { checkUniversalSslCoverage } from "../rules/certificate";
import { checkRecordProxying } from "../rules/dns-records";
import { checkDnsOnlyHost } from "../rules/dns-only";
import { formatFinding } from "../rules/finding";
import { checkRelativeLabel, fqdn } from "../rules/hostnames";
import { member } from "../config/errors";
import { checkCnameFlattening, checkDanglingTargets, checkRecordConflicts, checkRecordContent, commentLimit, DeclaredRecord, WORKER_CUSTOM_DOMAIN } from "../rules/record-sets";
import type { ConfigProblem } from "../config/problem";
import type { StackConfig } from "../config/schema";

/** Every record a zone will declare, generated first, in the form the rules compare. */
export function declaredRecords(config: Pick<StackConfig, "zones" | "app">): DeclaredRecord[][] {
  const mail = emailModels(config.zones);
  return config.zones.map((zone, i) => {
    const site = siteModel(zone, i, config.app);
    return [
      ...site.records.map((r) => ({ name: r.name, type: r.type, value: r.content, configPath: r.configPath, generated: true })),
      ...site.caa.map((c) => ({ name: zone.domain, type: "CAA", value: `0 ${c.tag} "${c.value}"`, configPath: `zones[${i}].caaIodef`, generated: true })),
      ...mail[i].records.map((r) => ({ name: r.name, type: r.type, value: r.value, content: r.content, configPath: r.configPath, generated: true })),
      // The MTA-STS Worker's custom domain: Cloudflare answers its hostname with a record of its own.
      ...(mail[i].mtaSts ? [{ name: mail[i].mtaSts!.hostname, type: WORKER_CUSTOM_DOMAIN, value: "", configPath: mail[i].mtaSts!.configPath, generated: true }] : []),
      ...site.extraRecords.map((r) => ({ name: r.name, type: r.type, value: r.value, content: r.content, configPath: r.configPath, generated: false })),
    ];
  });
}

export function checkExtraRecords(config: Pick<StackConfig, "zones" | "app">): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  const add = (path: string, message: string) => out.push({ path: [path], message });
  const sets = declaredRecords(config);
  const domains = config.zones.map((z) => z.domain);
  const names = new Set(sets.flat().map((r) => r.name));
  const site = (i: number) => siteModel(config.zones[i], i, config.app);
  config.zones.forEach((zone, i) => {
    const set = sets[i];
    (zone.records ?? []).forEach((r, j) => { for (const f of checkRelativeLabel(r.name, zone.domain)) add(`zones[${i}].records[${j}].name`, formatFinding(f)); });
    for (const r of set.filter((x) => !x.generated)) for (const f of checkRecordContent(r, zone.domain)) add(r.configPath, formatFinding(f));
    for (const { configPath, finding } of checkRecordConflicts(set, zone.domain)) add(configPath, formatFinding(finding));
    // CAA below the apex applies to its name alone: it too must let Universal SSL issue there.
    const caaNames = new Set(site(i).extraRecords.filter((r) => r.type === "CAA" && r.name !== zone.domain).map((r) => r.name));
    for (const name of caaNames) {
      const entries = site(i).extraRecords.filter((r) => r.type === "CAA" && r.name === name);
      const first = entries[0].configPath;
      for (const f of checkCaa(entries.map((r) => ({ tag: String(r.data!.tag), value: String(r.data!.value) })))) add(first, `${name}: ${formatFinding(f)}`);
    }
    for (const r of site(i).extraRecords) {
      // The limit counts the role prefix the stack adds ("dns-only: ").
      if (r.comment.length > commentLimit(zone.plan)) add(`${r.configPath}.comment`, `is ${r.comment.length} characters with its role prefix ("${r.comment.split(":")[0]}: "); the ${zone.plan} plan allows ${commentLimit(zone.plan)}; shorten it`);
      if (r.settings?.flattenCname) for (const f of checkCnameFlattening(r, zone.plan)) add(`${r.configPath}.flattenCname`, formatFinding(f));
      if (!r.proxied) continue;
      for (const f of checkUniversalSslCoverage(r.name, zone.domain)) add(`${r.configPath}.name`, formatFinding(f));
      for (const f of checkRecordProxying(r)) add(`${r.configPath}.ttl`, formatFinding(f));
    }
    for (const { configPath, finding } of checkDanglingTargets(set.filter((r) => r.type === "CNAME" && !r.name.includes("._domainkey.")), names, domains)) add(configPath, formatFinding(finding));
  });
  return out;
}

/**
 * DNS-only hosts that must stay proxied (rules/dns-only.ts), reported at their `proxied` key. What each
 * host serves is the site's `hostRoles` fact, read through `siteFacts` as the Site component registers it
 * for the pack's protected-hosts-proxied policy: the gate, the pack and the verifier judge the same roles.
 */
export function checkDnsOnlyHosts(config: Pick<StackConfig, "zones" | "app" | "environment">): ConfigProblem[] {
  return config.zones.flatMap((zone, i) => {
    const site = siteModel(zone, i, config.app);
    const labelOf = new Map(Object.keys(zone.hosts).map((label) => [fqdn(label, zone.domain), label]));
    return siteFacts(zone, site, config.environment).hostRoles.filter((role) => site.dnsOnlyHosts.includes(role.name)).flatMap((role) =>
      checkDnsOnlyHost(role).map((f) => ({ path: [`zones[${i}].hosts${member(labelOf.get(role.name)!)}.proxied`], message: formatFinding(f) })));
  });
}
