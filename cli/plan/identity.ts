/**
 * What a resource is, independent of its URN, so `--diff` pairs the same resource across two plans even
 * when the URN scheme moved (a parent renamed, a component added around it). Two identities, tried in order:
 *
 * - logical: type and name, the part of a URN the program chooses, plus every alias it declares, as the
 *   engine honours `aliases` when it looks a resource up in the old state;
 * - managed: what the resource manages at the provider, as octodns compares records by (name, type)
 *   (octodns/octodns octodns/record/base.py `Record._equality_tuple`, 94bc80e): a DNS record by zone, name and type, a ruleset by
 *   zone and phase, DNSSEC, a zone setting, the zone itself. Paired only this way, the logical name changed:
 *   the engine would delete one resource and create the other, so the pair is a replace.
 */
import type { PlanResource } from "./document";

export const TYPES = {
  dnsRecord: "cloudflare:index/dnsRecord:DnsRecord",
  ruleset: "cloudflare:index/ruleset:Ruleset",
  zoneDnssec: "cloudflare:index/zoneDnssec:ZoneDnssec",
  zoneSetting: "cloudflare:index/zoneSetting:ZoneSetting",
  zone: "cloudflare:index/zone:Zone",
} as const;

/** `type::name`, the logical key. */
export function logicalKey(type: string, name: string): string {
  return `${type}::${name}`;
}

/** The resource's own logical key and its aliases' (each already a logical key in the plan document). */
export function logicalKeys(r: PlanResource): string[] {
  return [logicalKey(r.type, r.name), ...(r.aliases ?? [])];
}

const text = (v: unknown): string => (typeof v === "string" || typeof v === "number" ? String(v) : JSON.stringify(v ?? null));

/** A DNS name as the zone holds it: case-insensitive, no trailing dot. */
export function dnsName(v: unknown): string {
  return text(v).toLowerCase().replace(/\.$/, "");
}

/** The zone a Cloudflare resource belongs to (its `zoneId`, or a Zone's own name). */
export function zoneOf(r: PlanResource): string | undefined {
  if (r.type === TYPES.zone) return dnsName(r.inputs.name);
  return typeof r.inputs.zoneId === "string" ? r.inputs.zoneId : undefined;
}

/** The managed identity, or undefined for resources that have none besides their logical one. */
export function managedKey(r: PlanResource): string | undefined {
  const zone = zoneOf(r);
  switch (r.type) {
    case TYPES.dnsRecord:
      return `dns ${zone} ${dnsName(r.inputs.name)} ${text(r.inputs.type).toUpperCase()}`;
    case TYPES.ruleset:
      return `ruleset ${zone} ${text(r.inputs.phase)}`;
    case TYPES.zoneDnssec:
      return `dnssec ${zone}`;
    case TYPES.zoneSetting:
      return `setting ${zone} ${text(r.inputs.settingId)}`;
    case TYPES.zone:
      return `zone ${zone}`;
    default:
      return undefined;
  }
}

export interface Match {
  before: PlanResource;
  after: PlanResource;
  /** Paired by managed identity only: the logical name changed, so the engine replaces it. */
  replace: boolean;
}

export interface Matching {
  matched: Match[];
  added: PlanResource[];
  removed: PlanResource[];
}

/**
 * Pairs base and head resources: first by logical key (a head resource's own or an alias), then, among
 * what is left, by managed key when exactly one resource on each side has it (several records of one
 * name and type, such as two MX, are told apart by their logical names only).
 */
export function matchResources(base: readonly PlanResource[], head: readonly PlanResource[]): Matching {
  const byLogical = new Map<string, PlanResource>();
  for (const r of base) byLogical.set(logicalKey(r.type, r.name), r);
  const taken = new Set<PlanResource>();
  const matched: Match[] = [];
  const unmatchedHead: PlanResource[] = [];
  for (const r of head) {
    const old = logicalKeys(r).map((k) => byLogical.get(k)).find((candidate) => candidate && !taken.has(candidate));
    if (old) {
      taken.add(old);
      matched.push({ before: old, after: r, replace: false });
    } else unmatchedHead.push(r);
  }

  const group = (list: readonly PlanResource[]) => {
    const groups = new Map<string, PlanResource[]>();
    for (const r of list) {
      const key = managedKey(r);
      if (key !== undefined) groups.set(key, [...(groups.get(key) ?? []), r]);
    }
    return groups;
  };
  const leftBefore = group(base.filter((r) => !taken.has(r)));
  const leftAfter = group(unmatchedHead);
  const added: PlanResource[] = [];
  for (const r of unmatchedHead) {
    const key = managedKey(r);
    const [old, ...more] = key === undefined ? [] : leftBefore.get(key) ?? [];
    if (old && more.length === 0 && leftAfter.get(key!)?.length === 1) {
      taken.add(old);
      matched.push({ before: old, after: r, replace: true });
    } else added.push(r);
  }
  return { matched, added, removed: base.filter((r) => !taken.has(r)) };
}
