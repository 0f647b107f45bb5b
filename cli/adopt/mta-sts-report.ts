/**
 * The MTA-STS policy host in the adoption report. The stack serves its policy from a Workers script on the
 * custom domain mta-sts.<domain> (components/email-authentication.ts); a zone that already serves MTA-STS
 * may have a Worker, a custom domain or a DNS record there. Piece by piece, this says what is live and what
 * the first `pulumi up` does with it: create it, import it (`import-<stack>.json`), or what a person removes
 * first, rather than letting the create fail or leave an old Worker behind. Pure: no I/O.
 */
import type { LiveRecord } from "../../model/live-zone";
import type { PlanDocument } from "../plan/document";
import type { WorkersRead } from "./cloudflare-api";
import { TYPE } from "./import-file";
import { fitColumns, liveComparable, wrappedTable } from "./report";

export interface MtaStsRow {
  piece: string;
  live: string;
  firstUp: string;
}

/** One row per piece of the policy host; none when the plan serves no MTA-STS. `workers` is undefined for a zone file. */
export function mtaStsRows(plan: PlanDocument, records: readonly LiveRecord[], workers: WorkersRead | undefined): MtaStsRow[] {
  const domain = plan.resources.find((r) => r.type === TYPE.workersDomain);
  const script = plan.resources.find((r) => r.type === TYPE.workersScript);
  if (!domain || !script) return [];
  const host = String(domain.inputs.hostname);
  const name = String(script.inputs.scriptName);
  const rows: MtaStsRow[] = [];
  const read = workers && "domains" in workers ? workers : undefined;
  const live = read?.domains[0];
  if (!read) {
    rows.push({
      piece: `Workers on ${host}`,
      live: `not read: ${workers && "unread" in workers ? workers.unread : "a zone file holds no Workers"}`,
      firstUp: `creates the Workers script ${name} and the custom domain ${host}. Check Workers & Pages first: a custom domain already on ${host}, or a Worker named ${name}, must be imported or deleted before the first pulumi up (docs/import.md)`,
    });
  } else {
    const hasScript = read.scripts.includes(name);
    rows.push({ piece: `Workers script ${name}`, live: hasScript ? "exists" : "none", firstUp: hasScript ? "imported, then its code is replaced by the stack's policy Worker" : "creates it: it serves the stack's MTA-STS policy" });
    rows.push({
      piece: `Worker custom domain ${host}`,
      live: live ? `routes to the Worker ${live.service} (id ${live.id})` : "none",
      firstUp: !live ? "creates it; Cloudflare adds the hostname's DNS record and certificate" : live.service === name ? "imported" : `imported, then routed to ${name} instead of ${live.service}`,
    });
    if (live && live.service !== name) {
      rows.push({ piece: `Workers script ${live.service}`, live: `serves ${host} today`, firstUp: `left as it is: delete it (Workers & Pages > ${live.service} > Settings) once ${host} serves the stack's policy, unless it serves other routes` });
    }
  }
  for (const r of records.filter((x) => x.name === host)) {
    rows.push({
      piece: `DNS record ${r.type} ${host}${r.id ? ` (${r.id})` : ""}`,
      live: liveComparable(r),
      firstUp: live
        ? "nothing, if it is the record Cloudflare made for the custom domain (read-only in DNS > Records); otherwise delete it"
        : "delete it before the first pulumi up (DNS > Records): Cloudflare adds no Worker custom domain where the hostname already has a DNS record",
    });
  }
  return rows;
}

export function renderMtaStsReport(rows: readonly MtaStsRow[], width = 120): string {
  if (rows.length === 0) return "";
  const head = "MTA-STS policy host (the stack serves the policy from a Worker on its own custom domain):";
  return `\n${head}\n${wrappedTable(["Piece", "Live", "First pulumi up"], rows.map((r) => [r.piece, r.live, r.firstUp]), fitColumns([30, 30, 50], width))}\n`;
}
