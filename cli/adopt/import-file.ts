/**
 * `import-<stack>.json` for `pulumi import --file`: every live Cloudflare object the drafted stack declares,
 * typed, named and parented exactly as the offline plan of that draft declares it, with the import id the
 * provider documents for its type (node_modules/@pulumi/cloudflare/*.d.ts, "Import" section):
 * DnsRecord `<zone_id>/<dns_record_id>`, Ruleset `zones/<zone_id>/<ruleset_id>`, ZoneSetting
 * `<zone_id>/<setting_id>`, ZoneDnssec `<zone_id>`. Live objects are matched to planned resources by what they
 * manage (a record by name, type and value; a ruleset by phase; a setting by id), never by name guessing.
 * The ancestors of each imported resource are `component: true` entries, so the engine creates them in a new
 * stack and each resource gets the URN the program will register. Pure: no I/O.
 *
 * Format: the Pulumi CLI's import file (pulumi/pulumi pkg/cmd/pulumi/operations/import.go `importFile`,
 * `importSpec`): `resources[]` of `{ type, name, id | component, parent, logicalName, version }`, where
 * `parent` names another entry (or a `nameTable` entry) and `logicalName` is the resource's Pulumi name.
 */
import type { LiveRecord } from "../../model/live-zone";
import { txtValue } from "../../rules/txt";
import type { PlanDocument, PlanResource } from "../plan/document";
import type { ApiZone, LiveRuleset, LiveSetting, LiveWorkerDomain, WorkersRead } from "./cloudflare-api";
import { comparable, liveComparable } from "./report";
import { strayRecordHarm, txtPurpose, txtStandsAlone } from "../../rules/stray-records";

export const TYPE = {
  record: "cloudflare:index/dnsRecord:DnsRecord",
  ruleset: "cloudflare:index/ruleset:Ruleset",
  setting: "cloudflare:index/zoneSetting:ZoneSetting",
  dnssec: "cloudflare:index/zoneDnssec:ZoneDnssec",
  workersScript: "cloudflare:index/workersScript:WorkersScript",
  workersDomain: "cloudflare:index/workersCustomDomain:WorkersCustomDomain",
} as const;

export interface ImportEntry {
  type: string;
  name: string;
  logicalName: string;
  id?: string;
  component?: true;
  parent?: string;
  version?: string;
}

export interface ImportFile {
  resources: ImportEntry[];
}

export interface LiveEdge {
  zone: ApiZone;
  records: readonly LiveRecord[];
  settings: readonly LiveSetting[];
  /** The zone's entrypoint rulesets of the phases the plan declares (phases without one are absent). */
  rulesets: readonly LiveRuleset[];
  /** The account's Workers on the MTA-STS host, when the plan serves MTA-STS from a Worker. */
  workers?: WorkersRead;
}

export interface Adoption {
  file: ImportFile;
  /** Planned resources paired with the live object they adopt. */
  adopted: { resource: PlanResource; id: string; record?: LiveRecord; ruleset?: LiveRuleset; setting?: LiveSetting; workerDomain?: LiveWorkerDomain; workerScript?: string }[];
  /**
   * Live records no planned resource adopts: `pulumi up` leaves them in the zone as they are. `blocksCreate`:
   * the stack's create fails beside it; `stray`: the stack declares its name and type without it, and why it
   * must go before the first `up`.
   */
  leftInZone: { record: LiveRecord; blocksCreate?: string; stray?: string }[];
}

/** SOA and the apex NS set are Cloudflare's own; nothing declares or adopts them. */
function cloudflareOwned(r: LiveRecord, domain: string): boolean {
  return r.type === "SOA" || (r.type === "NS" && r.name === domain);
}

const identityOfPlanned = (inputs: Record<string, any>) => `${inputs.name} ${inputs.type} ${comparable(String(inputs.type), { ...inputs, proxied: false })}`;
const identityOfLive = (r: LiveRecord) => `${r.name} ${r.type} ${liveComparable({ ...r, proxied: false })}`;

/**
 * A record's group: name, type and, for TXT, what it is for (rules/stray-records.ts `txtPurpose`), so SPF
 * only meets SPF and a verification token only one of its own service. Undefined (no group, so never paired
 * by likeness) for free-text TXT.
 */
function groupOf(name: string, type: string, content: string): string | undefined {
  if (type !== "TXT") return `${name} ${type}`;
  const purpose = txtPurpose(txtValue(content));
  return purpose === undefined ? undefined : `${name} ${type} ${purpose}`;
}
const groupOfPlanned = (inputs: Record<string, any>) => groupOf(String(inputs.name), String(inputs.type), String(inputs.content ?? ""));
const groupOfLive = (r: LiveRecord) => groupOf(r.name, r.type, r.content);
/** TXT records that stand alone (verification tokens): paired only one with one, never by likeness among several. */
const standsAlone = (inputs: Record<string, any>) => inputs.type === "TXT" && txtStandsAlone(txtValue(String(inputs.content ?? "")));

/** How alike two values are: the words they share (an SPF record's terms, an MX's priority), for pairing. */
function likeness(a: string, b: string): number {
  const words = new Set(a.split(/\s+/));
  return b.split(/\s+/).filter((w) => words.has(w)).length;
}

/**
 * Live records to planned DnsRecords: first the same name, type and value (several MX, TXT or round-robin
 * addresses pair one by one by content); then, in each group (name, type, TXT purpose) where both sides
 * still hold records, the most alike pairs, so each of those live records is adopted and the first `up`
 * updates it in place instead of creating a record beside it. A verification token pairs only when its
 * group holds exactly one planned and one live record: tokens of one service are independent of each
 * other (two owners may each have one), so with several there is no telling which one the stack's replaces.
 * What stays unpaired in a declared group is stray (`leftInZone[].stray`), except a token.
 */
export function matchRecords(planned: PlanResource[], live: LiveRecord[]): Map<PlanResource, LiveRecord> {
  const matched = new Map<PlanResource, LiveRecord>();
  const free = new Set(live);
  for (const p of planned) {
    const want = identityOfPlanned(p.inputs);
    const hit = [...free].find((r) => identityOfLive(r) === want);
    if (hit) { matched.set(p, hit); free.delete(hit); }
  }
  const value = (p: PlanResource) => comparable(String(p.inputs.type), { ...p.inputs, proxied: false });
  const rest = planned.filter((p) => !matched.has(p));
  const pairs = rest.flatMap((p) => {
    const group = groupOfPlanned(p.inputs);
    if (group === undefined) return [];
    const candidates = [...free].filter((r) => groupOfLive(r) === group);
    if (standsAlone(p.inputs) && (candidates.length !== 1 || rest.filter((q) => groupOfPlanned(q.inputs) === group).length !== 1)) return [];
    return candidates.map((r) => ({ p, r, score: likeness(value(p), liveComparable({ ...r, proxied: false })) }));
  });
  // Most alike first; ties in a stable order (planned URN, then live value), so reruns write the same file.
  pairs.sort((a, b) => b.score - a.score || (a.p.urn < b.p.urn ? -1 : a.p.urn > b.p.urn ? 1 : 0) || liveComparable(a.r).localeCompare(liveComparable(b.r), "en", { numeric: true }));
  for (const { p, r } of pairs) {
    if (matched.has(p) || !free.has(r)) continue;
    matched.set(p, r);
    free.delete(r);
  }
  return matched;
}

/**
 * For a live record no planned record adopts: why it must go before the first `up` when the plan declares
 * its name and type (TXT: and purpose), else undefined (the stack does not manage that set, or the record
 * is a verification token, which stays beside the stack's unharmed).
 */
export function strayJudge(plannedRecords: readonly PlanResource[]): (record: LiveRecord) => string | undefined {
  const declared = new Set(plannedRecords.map((p) => groupOfPlanned(p.inputs)).filter((g) => g !== undefined));
  return (record) => {
    const group = groupOfLive(record);
    return group !== undefined && declared.has(group) ? strayRecordHarm(record.type, record.type === "TXT" ? txtValue(record.content) : record.content) : undefined;
  };
}

/** The type token in a URN (`urn:pulumi:stack::project::parentType$type::name`). */
function urnType(urn: string): string {
  const qualified = urn.split("::")[2] ?? "";
  return qualified.split("$").pop() ?? qualified;
}

export function importFileFor(plan: PlanDocument, live: LiveEdge, providerVersion: string): Adoption {
  const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
  const adopted: Adoption["adopted"] = [];
  const domain = live.zone.name;

  const records = live.records.filter((r) => !cloudflareOwned(r, domain) && r.id);
  const plannedRecords = plan.resources.filter((r) => r.type === TYPE.record);
  const matched = matchRecords(plannedRecords, records);
  for (const [resource, record] of matched) adopted.push({ resource, record, id: `${live.zone.id}/${record.id}` });

  for (const resource of plan.resources.filter((r) => r.type === TYPE.ruleset)) {
    const ruleset = live.rulesets.find((rs) => rs.phase === resource.inputs.phase);
    if (ruleset) adopted.push({ resource, ruleset, id: `zones/${live.zone.id}/${ruleset.id}` });
  }
  for (const resource of plan.resources.filter((r) => r.type === TYPE.setting)) {
    const setting = live.settings.find((s) => s.id === resource.inputs.settingId);
    if (setting) adopted.push({ resource, setting, id: `${live.zone.id}/${setting.id}` });
  }
  for (const resource of plan.resources.filter((r) => r.type === TYPE.dnssec)) adopted.push({ resource, id: live.zone.id });
  // The MTA-STS Worker: a live script of the stack's name, and a live custom domain on the stack's hostname
  // (whichever script it routes to), by the ids the provider documents (`<account_id>/<script_name>`, `<account_id>/<domain_id>`).
  const workers = live.workers && "domains" in live.workers ? live.workers : undefined;
  if (workers && live.zone.accountId) {
    for (const resource of plan.resources.filter((r) => r.type === TYPE.workersScript)) {
      const name = String(resource.inputs.scriptName);
      if (workers.scripts.includes(name)) adopted.push({ resource, workerScript: name, id: `${live.zone.accountId}/${name}` });
    }
    for (const resource of plan.resources.filter((r) => r.type === TYPE.workersDomain)) {
      const domain = workers.domains.find((d) => d.hostname === String(resource.inputs.hostname));
      if (domain) adopted.push({ resource, workerDomain: domain, id: `${live.zone.accountId}/${domain.id}` });
    }
  }

  // Entry names must be unique in the file; a logical name shared by two types gets its type appended.
  const counts = new Map<string, number>();
  for (const r of plan.resources) counts.set(r.name, (counts.get(r.name) ?? 0) + 1);
  const entryName = (r: { name: string; type: string }) => ((counts.get(r.name) ?? 0) > 1 ? `${r.name}-${r.type.split(":").pop()!.toLowerCase()}` : r.name);

  const entries = new Map<string, ImportEntry>();
  const parentOf = (r: PlanResource): string | undefined => {
    if (!r.parent) return undefined;
    const parent = byUrn.get(r.parent);
    if (!parent) throw new Error(`the plan declares ${r.urn} under ${r.parent} (${urnType(r.parent)}), which it does not declare`);
    addComponent(parent);
    return entryName(parent);
  };
  const addComponent = (r: PlanResource) => {
    if (entries.has(r.urn)) return;
    const parent = parentOf(r);
    entries.set(r.urn, { type: r.type, name: entryName(r), logicalName: r.name, component: true, ...(parent ? { parent } : {}) });
  };
  for (const a of adopted) {
    const parent = parentOf(a.resource);
    entries.set(a.resource.urn, { type: a.resource.type, name: entryName(a.resource), logicalName: a.resource.name, id: a.id, ...(parent ? { parent } : {}), version: providerVersion });
  }
  // Parents before children, then by URN: a stable, reviewable file.
  const depth = (urn: string) => urn.split("::")[2].split("$").length;
  const resources = [...entries.entries()].sort(([a], [b]) => depth(a) - depth(b) || (a < b ? -1 : a > b ? 1 : 0)).map(([, e]) => e);

  const taken = new Set(matched.values());
  const plannedNames = new Map<string, string[]>();
  for (const p of plannedRecords) plannedNames.set(String(p.inputs.name), [...(plannedNames.get(String(p.inputs.name)) ?? []), String(p.inputs.type)]);
  const workerHosts = new Set(plan.resources.filter((r) => r.type === TYPE.workersDomain).map((r) => String(r.inputs.hostname)));
  const strayHarm = strayJudge(plannedRecords);
  const leftInZone = live.records.filter((r) => !cloudflareOwned(r, domain) && !taken.has(r)).map((record) => {
    const types = plannedNames.get(record.name) ?? [];
    const conflict = types.length > 0 && (record.type === "CNAME" || types.includes("CNAME")) ? `the stack declares ${[...new Set(types)].join(", ")} at ${record.name}, which cannot sit beside ${record.type === "CNAME" ? "this CNAME" : "a CNAME"}` : undefined;
    if (conflict) return { record, blocksCreate: conflict };
    const workerHost = workerHosts.has(record.name) && !workers?.domains.some((d) => d.hostname === record.name);
    if (workerHost) return { record, blocksCreate: `the stack's Worker custom domain ${record.name} serves the MTA-STS policy, and Cloudflare adds no custom domain where the hostname already has a DNS record (it creates the hostname's record itself)` };
    const stray = strayHarm(record);
    return { record, ...(stray ? { stray } : {}) };
  });
  return { file: { resources }, adopted: adopted.sort((a, b) => (a.resource.urn < b.resource.urn ? -1 : 1)), leftInZone };
}
