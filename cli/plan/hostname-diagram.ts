/**
 * The PR comment's picture of hostnames → redirects → origins, drawn only when the change touches them (a
 * web record or a redirect rule added, removed or changed): the reviewer then sees where every hostname
 * ends up after the merge, instead of reconstructing it from input diffs.
 */
import { roleOf } from "../../rules/dns-records";
import { hostnameDiagram } from "../handover/diagrams";
import type { PlanDiff } from "./diff";
import type { PlanDocument, PlanResource } from "./document";

const RECORD = "cloudflare:index/dnsRecord:DnsRecord";
const RULESET = "cloudflare:index/ruleset:Ruleset";

function drawsHostnames(r: Pick<PlanResource, "type" | "inputs">): boolean {
  const i = r.inputs as Record<string, any>;
  if (r.type === RECORD) return roleOf(i.comment, i.name, i.type) === "web";
  return r.type === RULESET && i.phase === "http_request_dynamic_redirect";
}

/** Whether the diff adds, removes or changes a web hostname or a redirect. */
export function hostnamesChanged(doc: PlanDocument, diff: PlanDiff): boolean {
  const byUrn = new Map(doc.resources.map((r) => [r.urn, r]));
  return [...diff.added, ...diff.removed].some(drawsHostnames)
    || diff.changed.some((c) => { const r = byUrn.get(c.urn); return r !== undefined && drawsHostnames(r); });
}

/** The diagram section for the PR comment, or nothing when the change leaves hostnames and redirects alone. */
export function hostnameDiagramSection(doc: PlanDocument, diff: PlanDiff | undefined): string[] {
  if (!diff || !hostnamesChanged(doc, diff)) return [];
  const diagram = hostnameDiagram(doc);
  return diagram ? ["**Hostnames, redirects and origins after this change**", "", ...diagram, ""] : [];
}
