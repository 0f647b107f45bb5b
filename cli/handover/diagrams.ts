/**
 * Mermaid diagrams (GitHub renders them in markdown) for what people would rather look at than read:
 * hostnames → redirects → origins, and uptime checks → alarms → alert topic → people and Slack. Built from
 * the plan document only, so the handover and the PR comment draw the same picture. Every label is quoted
 * text with its quotes escaped, and node ids are generated, so no hostname or alarm name can break the
 * syntax; the tests parse each diagram with Mermaid's own parser.
 */
import { PROXIABLE_TYPES, roleOf } from "../../rules/dns-records";
import { REDIRECT_ONLY_ORIGIN } from "../../rules/hostnames";
import type { PlanDocument } from "../plan/document";

type Inputs = Record<string, any>;

/** A quoted Mermaid label: `"` and characters Mermaid reads as markup become entity codes. */
function label(text: string): string {
  return `"${text.replace(/"/g, "#quot;").replace(/</g, "#lt;").replace(/>/g, "#gt;")}"`;
}

/** Stable ids for node keys, in first-seen order: n0, n1, ... */
class Nodes {
  private readonly ids = new Map<string, string>();
  readonly lines: string[] = [];
  id(key: string, shape: (l: string) => string, text: string): string {
    let id = this.ids.get(key);
    if (!id) {
      id = `n${this.ids.size}`;
      this.ids.set(key, id);
      this.lines.push(`  ${id}${shape(label(text))}`);
    }
    return id;
  }
}

const box = (l: string) => `[${l}]`;
const rounded = (l: string) => `(${l})`;
const stadium = (l: string) => `([${l}])`;
const cylinder = (l: string) => `[(${l})]`;

function webRecords(doc: PlanDocument): Inputs[] {
  return doc.resources
    .filter((r) => r.type === "cloudflare:index/dnsRecord:DnsRecord")
    .map((r) => r.inputs as Inputs)
    // DNS-only hosts (a VPN, a SaaS CNAME) are hostnames too; their other records (SRV, TXT) are not.
    .filter((i) => { const role = roleOf(i.comment, i.name, i.type); return role === "web" || (role === "dns-only" && PROXIABLE_TYPES.includes(i.type)); });
}

/** `www.example.com → https://example.com (path and query kept)` → from and target, from the redirectMap output. */
function redirectsOf(doc: PlanDocument): { from: string; to: string }[] {
  const map = Array.isArray(doc.outputs.redirectMap) ? doc.outputs.redirectMap : [];
  return map.flatMap((line) => {
    const m = typeof line === "string" ? /^(\S+) → (\S+)/.exec(line) : null;
    return m ? [{ from: m[1], to: m[2] }] : [];
  });
}

function hostOf(urlOrHost: string): string {
  try {
    return new URL(urlOrHost.includes("://") ? urlOrHost : `https://${urlOrHost}`).hostname;
  } catch {
    return urlOrHost;
  }
}

/** Hostnames, the redirects between them (one hop each) and the origins that serve them. Undefined when there are none. */
export function hostnameDiagram(doc: PlanDocument): string[] | undefined {
  const records = webRecords(doc);
  if (records.length === 0) return undefined;
  const nodes = new Nodes();
  const edges: string[] = [];
  const served = records.filter((r) => r.content !== REDIRECT_ONLY_ORIGIN);
  for (const r of records) nodes.id(`host:${r.name}`, box, String(r.name));
  for (const { from, to } of redirectsOf(doc)) {
    const source = from.includes("/") ? nodes.id(`path:${from}`, rounded, from) : nodes.id(`host:${from}`, box, from);
    const target = nodes.id(`host:${hostOf(to)}`, box, hostOf(to));
    edges.push(`  ${source} -->|"301 redirect"| ${target}`);
  }
  for (const r of served) {
    const origin = nodes.id(`origin:${r.content}`, cylinder, `origin ${String(r.content)}`);
    edges.push(`  ${nodes.id(`host:${r.name}`, box, String(r.name))} -->|${r.proxied === true ? '"proxied"' : '"DNS only"'}| ${origin}`);
  }
  return ["```mermaid", "flowchart LR", ...nodes.lines, ...edges, "```"];
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/** "email: a@example.com" or { kind, target } → a label. */
function recipientLabel(r: unknown): string {
  if (typeof r === "object" && r !== null) return Object.values(r).map(String).join(": ");
  return String(r);
}

/** Uptime checks → their alarms → the alert topic → each person and channel. Undefined when nothing is watched. */
export function alertingDiagram(doc: PlanDocument): string[] | undefined {
  const checks = (Array.isArray(doc.outputs.uptimeChecks) ? doc.outputs.uptimeChecks : []) as { name?: unknown; url?: unknown }[];
  const alarms = strings(doc.outputs.alarms);
  if (checks.length === 0 && alarms.length === 0) return undefined;
  const recipients = (Array.isArray(doc.outputs.alertRecipients) ? doc.outputs.alertRecipients : []).map(recipientLabel);
  const topic = doc.resources.find((r) => r.type === "aws:sns/topic:Topic");
  const nodes = new Nodes();
  const edges: string[] = [];
  const topicId = nodes.id("topic", cylinder, `alert topic ${topic ? String(topic.inputs.name ?? topic.name) : "(none declared)"}`);
  for (const c of checks) {
    const check = nodes.id(`check:${c.name}`, stadium, `${String(c.name)}: ${String(c.url)}`);
    for (const alarm of alarms.filter((a) => a.endsWith(`-${String(c.name)}-down`) || a.endsWith(`-${String(c.name)}-slow`))) {
      edges.push(`  ${check} --> ${nodes.id(`alarm:${alarm}`, box, alarm)}`);
    }
  }
  for (const alarm of alarms) edges.push(`  ${nodes.id(`alarm:${alarm}`, box, alarm)} --> ${topicId}`);
  for (const r of recipients) edges.push(`  ${topicId} --> ${nodes.id(`to:${r}`, rounded, r)}`);
  return ["```mermaid", "flowchart LR", ...nodes.lines, ...edges, "```"];
}
