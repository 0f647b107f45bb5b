/**
 * Which checklist area each `npm run verify` row speaks for. One small table: a verifier area, optionally
 * narrowed by the row's check name or criteria, to a checklist area; the first matching entry wins. A row
 * of an area this table does not know yet (a verifier newer than this table) falls back to the checklist
 * area whose id or title starts with the verifier's area name, and otherwise to no area: the scorecard
 * then shows it under "Other live checks", still counted, never dropped.
 */
import { CHECKLIST_AREAS, ChecklistAreaId } from "../../rules/checklist";
import { AREAS } from "../../verifier/check";
import type { LiveRow } from "./verify-result";

interface Entry {
  area: string;
  check?: RegExp;
  criteria?: RegExp;
  to: ChecklistAreaId;
}

const LIVE_AREAS: readonly Entry[] = [
  // A web hostname answered from Cloudflare's addresses is a proxied one: edge protection, not record hygiene.
  { area: "DNS", criteria: /Cloudflare's edge/i, to: "edge-protection" },
  // CAA decides which CAs may issue the hostnames' certificates.
  { area: "DNS", check: /^CAA /, to: "tls" },
  { area: "DNS", to: "dns" },
  { area: "TLS", to: "tls" },
  { area: "Redirects", to: "redirects" },
  { area: "Headers", to: "security-headers" },
  { area: "Email", to: "email" },
  { area: "Access", to: "access-control" },
  { area: "Cookies", to: "access-control" },
  { area: "CORS", to: "access-control" },
  { area: "Latency", to: "performance" },
  { area: "Browser", check: /LCP|largest contentful/i, to: "performance" },
  { area: "Browser", criteria: /LCP|largest contentful/i, to: "performance" },
  { area: "Secrets", to: "secrets" },
  { area: "Exposure", to: "exposure" },
  { area: "Caching", to: "caching" },
];

function byName(area: string): ChecklistAreaId | undefined {
  const name = area.toLowerCase();
  return CHECKLIST_AREAS.find((a) => a.id.startsWith(name) || a.title.toLowerCase().startsWith(name))?.id;
}

/** The checklist area a verify row belongs to, or undefined when nothing says. */
export function liveArea(row: Pick<LiveRow, "area" | "check" | "criteria">): ChecklistAreaId | undefined {
  const entry = LIVE_AREAS.find((e) => e.area.toLowerCase() === row.area.toLowerCase() && (!e.check || e.check.test(row.check)) && (!e.criteria || e.criteria.test(row.criteria)));
  return entry?.to ?? byName(row.area);
}

/** Checklist areas today's verifier checks live: when a verify result has no row for one, it was not audited. */
export const LIVE_CHECKED_AREAS: ReadonlySet<ChecklistAreaId> = new Set(LIVE_AREAS.filter((e) => (AREAS as readonly string[]).includes(e.area)).map((e) => e.to));
