/**
 * The mass-change brake of `npm run plan -- --diff`, after octodns' Plan.raise_if_unsafe
 * (octodns/octodns octodns/provider/plan.py, 94bc80e): a pure function over the diff. Per zone, in-place
 * updates and deletes (a replace deletes the record it replaces) are each a share of the DNS records the
 * zone had; creates never count; a zone with fewer than `minRecords` is not judged by share. A short list
 * of deletions always needs confirmation, whatever their share (octodns: a change of the root NS): the
 * zone itself, its DNSSEC and its rulesets. Each trip is one line; `--allow-mass-change` (in CI, the pull
 * request's `allow-mass-change` label) lets the plan pass with the trips still shown.
 */
import type { ChangeSafety } from "../../config/change-safety";
import type { PlanDiff } from "./diff";
import type { PlanDocument, PlanResource } from "./document";
import { dnsName, TYPES, zoneOf } from "./identity";

export interface BrakeVerdict {
  /** One line per trip: stack, zone, what, share or name, threshold, counts. */
  trips: string[];
  /** Whether `--allow-mass-change` was given: the trips are shown, the plan is not stopped. */
  allowed: boolean;
}

/** What a zone is called in a message: its apex (the shortest record name), else its id. */
function zoneNames(resources: readonly PlanResource[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const r of resources) {
    const zone = zoneOf(r);
    if (!zone) continue;
    const name = r.type === TYPES.zone ? zone : r.type === TYPES.dnsRecord ? dnsName(r.inputs.name) : undefined;
    const known = names.get(zone);
    if (name && (!known || name.length < known.length)) names.set(zone, name);
  }
  return names;
}

const percent = (share: number) => `${Math.round(share * 100)} %`;

/** Always confirmed, whatever the share: deleting these takes a whole zone, its signatures or its edge rules away. */
const GUARDED: Record<string, string> = {
  [TYPES.zone]: "the zone itself",
  [TYPES.zoneDnssec]: "its DNSSEC (resolvers that validate fail until the DS record at the registrar is removed)",
  [TYPES.ruleset]: "a ruleset",
};

export function brake(base: PlanDocument, head: PlanDocument, diff: PlanDiff, limits: ChangeSafety, allowed: boolean): BrakeVerdict {
  const stack = base.stack;
  const names = zoneNames([...base.resources, ...diff.added]);
  const zoneName = (zone: string | undefined) => (zone ? names.get(zone) ?? zone : "(no zone)");
  const trips: string[] = [];

  const replaced = new Set(diff.changed.filter((c) => c.replaces !== undefined).map((c) => `${c.type}::${c.replaces}`));
  const deleted = [...diff.removed, ...base.resources.filter((r) => replaced.has(`${r.type}::${r.name}`))];
  for (const r of deleted.filter((r) => r.type in GUARDED).sort((a, b) => a.name.localeCompare(b.name))) {
    const how = replaced.has(`${r.type}::${r.name}`) ? "replaces" : "deletes";
    trips.push(`stack ${stack}, zone ${zoneName(zoneOf(r))}: ${how} ${GUARDED[r.type]} (${r.name}); always needs --allow-mass-change`);
  }

  const headByUrn = new Map(head.resources.map((r) => [r.urn, r]));
  const records = (list: readonly (PlanResource | undefined)[], zone: string) =>
    list.filter((r) => r?.type === TYPES.dnsRecord && (zoneOf(r) ?? "") === zone).length;
  const existing = new Map<string, number>();
  for (const r of base.resources) if (r.type === TYPES.dnsRecord) existing.set(zoneOf(r) ?? "", (existing.get(zoneOf(r) ?? "") ?? 0) + 1);
  const updated = diff.changed.filter((c) => c.replaces === undefined).map((c) => headByUrn.get(c.urn));

  for (const [zone, total] of [...existing].sort(([a], [b]) => zoneName(a).localeCompare(zoneName(b)))) {
    if (total < limits.minRecords) continue;
    const checks: [what: string, changed: number, limit: number][] = [
      ["updates", records(updated, zone), limits.maxUpdateShare],
      ["deletes or replaces", records(deleted, zone), limits.maxDeleteShare],
    ];
    for (const [what, changed, limit] of checks) {
      if (changed / total > limit) {
        trips.push(`stack ${stack}, zone ${zoneName(zone)}: ${what} ${changed} of its ${total} DNS records (${percent(changed / total)}), over the ${percent(limit)} limit (launch-stack:changeSafety)`);
      }
    }
  }
  return { trips, allowed };
}

/** The brake's lines for a reader: what tripped and how to go ahead. */
export function renderBrake(verdict: BrakeVerdict): string[] {
  if (verdict.trips.length === 0) return [];
  const head = verdict.allowed
    ? "Mass change allowed by --allow-mass-change:"
    : "Mass change: stopped; if it is intended, rerun with --allow-mass-change (in a pull request: add the allow-mass-change label):";
  return [head, ...verdict.trips.map((t) => `  ✋ ${t}`)];
}
