/**
 * The plan at a glance: how many resources of each type, and how fast and to whom an outage is reported
 * (the `timeToAlertSeconds` and `alertRecipients` stack outputs, when the stack declares monitoring).
 */
import Table from "cli-table3";
import type { PlanDocument } from "./document";
import { displayType, duration, inline } from "./display";

/** Custom resource types and how many of each, sorted by type; components are structure, not resources to pay for. */
export function countsByType(doc: PlanDocument): [type: string, count: number][] {
  const counts = new Map<string, number>();
  for (const r of doc.resources) {
    if (r.type.startsWith("launch-stack:")) continue;
    const type = displayType(r.type);
    counts.set(type, (counts.get(type) ?? 0) + 1);
  }
  return [...counts].sort(([a], [b]) => a.localeCompare(b));
}

export interface Alerting {
  /** e.g. "4 min 30 s", or undefined when the stack declares no monitoring. */
  timeToAlert?: string;
  /** One entry per route, e.g. "email: ops@example.com". */
  recipients: string[];
}

/** A recipient output may be a plain string or an object such as `{ kind, target }`. */
function recipientText(r: unknown): string {
  if (typeof r === "object" && r !== null && !Array.isArray(r)) return Object.values(r).map(inline).join(": ");
  return inline(r);
}

export function alerting(outputs: Record<string, unknown>): Alerting {
  const seconds = outputs.timeToAlertSeconds;
  const recipients = outputs.alertRecipients;
  return {
    timeToAlert: typeof seconds === "number" ? `${duration(seconds)} (${seconds} s)` : undefined,
    recipients: Array.isArray(recipients) ? recipients.map(recipientText) : recipients !== undefined ? [recipientText(recipients)] : [],
  };
}

export function renderCounts(doc: PlanDocument): string {
  const table = new Table({ head: ["Resource type", "Count"], colAligns: ["left", "right"], style: { head: [], border: [], compact: true } });
  const counts = countsByType(doc);
  for (const [type, count] of counts) table.push([type, count]);
  table.push(["total", counts.reduce((n, [, c]) => n + c, 0)]);
  return table.toString();
}

export function renderAlerting(a: Alerting): string {
  return [
    `Time to alert: ${a.timeToAlert ?? "no uptime checks declared"}`,
    `Alerted:       ${a.recipients.length > 0 ? a.recipients.join(", ") : "nobody (no alert routes declared)"}`,
  ].join("\n");
}
