/**
 * The part of the adoption report only an API read can give: the zone settings the first `pulumi up`
 * changes (live value against the stack's), the dashboard-created entrypoint rulesets it adopts and whose
 * rules it replaces, what `import-<stack>.json` adopts, and the live records it leaves in the zone, each with
 * what a person does about it. Tables, as every report a person reads.
 */
import type { Draft } from "./draft";
import { Adoption, TYPE } from "./import-file";
import { renderRecordSets, recordSetRows } from "./record-sets";
import { fitColumns, wrappedTable } from "./report";
import type { PlanDocument } from "../plan/document";
import { txtStandsAlone } from "../../rules/stray-records";
import { txtValue } from "../../rules/txt";

/** Sorted-key JSON, so two equal objects print alike whatever order the API used. */
function show(value: unknown): string {
  if (typeof value === "string") return value;
  const sorted = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(sorted) : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)).map(([k, e]) => [k, sorted(e)])) : v;
  return JSON.stringify(sorted(value));
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export function renderApiReport(adoption: Adoption, plan: PlanDocument, draft: Draft, importPath: string, width = 120): string {
  /** Cells wrap at word boundaries and the table fits `width`, as in the rest of the adoption report. */
  const table = (head: string[], weights: number[], rows: string[][]) => wrappedTable(head, rows, fitColumns(weights, width));
  const out: string[] = [];
  const count = (type: string) => adoption.adopted.filter((a) => a.resource.type === type).length;
  out.push("", `${importPath} adopts ${plural(adoption.adopted.length, "live object")} (${plural(count(TYPE.record), "DNS record")}, ${plural(count(TYPE.setting), "zone setting")}, ${plural(count(TYPE.ruleset), "entrypoint ruleset")}${count(TYPE.dnssec) ? ", DNSSEC" : ""}).`);

  const settings = adoption.adopted.filter((a) => a.setting);
  const changed = settings.filter((a) => show(a.setting!.value) !== show(a.resource.inputs.value));
  out.push("", `Zone settings the first pulumi up changes (${settings.length - changed.length} of ${settings.length} already as the stack sets them):`);
  out.push(changed.length === 0 ? "  none" : table(["Setting", "Live", "The stack sets"], [28, 60, 60], changed.map((a) => [a.setting!.id, show(a.setting!.value), show(a.resource.inputs.value)])));

  const planned = plan.resources.filter((r) => r.type === TYPE.ruleset);
  out.push("", "Entrypoint rulesets (one per phase; one made in the dashboard fails the stack's unless imported):");
  out.push(planned.length === 0 ? "  none" : table(["Phase", "Live", "First pulumi up"], [34, 56, 58], planned.map((resource) => {
    const live = adoption.adopted.find((a) => a.resource === resource)?.ruleset;
    const rules = (resource.inputs.rules as unknown[] | undefined)?.length ?? 0;
    if (!live) return [String(resource.inputs.phase), "none", `creates it with the stack's ${plural(rules, "rule")}`];
    const names = live.rules.map((r) => `- ${r.description || r.ref || r.expression || "(unnamed)"}`);
    return [String(resource.inputs.phase), [`${live.name} (${live.id}), ${plural(live.rules.length, "rule")}${names.length ? ":" : ""}`, ...names].join("\n"), `imported, then its rules are replaced by the stack's ${plural(rules, "rule")}${live.rules.length > 0 ? "; carry any live rule you keep into the config first" : ""}`];
  })));

  const pairs = adoption.adopted.flatMap((a) => (a.record ? [{ record: a.record, inputs: a.resource.inputs }] : []));
  const sets = renderRecordSets(recordSetRows(pairs, adoption.leftInZone.flatMap((l) => (l.stray ? [{ record: l.record, stray: l.stray }] : [])), true), true, width);
  if (sets) out.push(sets.trimEnd());

  const why = new Map(draft.notDeclared.map((n) => [n.record, n.reason]));
  const left = adoption.leftInZone.filter((l) => !l.stray);
  if (left.length > 0) {
    out.push("", "Live records the import file does not adopt (pulumi up leaves them in the zone as they are):");
    out.push(table(["Record", "Id", "What to do"], [44, 34, 70], left.map(({ record, blocksCreate }) => [
      `${record.type} ${record.name}`,
      record.id ?? "",
      blocksCreate
        ? `delete it before the first pulumi up (DNS > Records), or the create fails: ${blocksCreate}`
        : why.get(record) === undefined && record.type === "TXT" && txtStandsAlone(txtValue(record.content))
          ? "a TXT record that stands alone (a verification token or note), beside the stack's records at this name: pulumi up leaves it as it is; keep it while the service that issued it checks it"
          : `${why.get(record) ?? "the draft folds its content into the stack's own records at this name (see the changes above)"}. pulumi up leaves it as it is: delete it (DNS > Records) once nothing relies on it`,
    ])));
  }
  return `${out.join("\n")}\n`;
}
